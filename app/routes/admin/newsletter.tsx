// /admin/lettre: the lettre d'information. The next letter as it would leave (the public resources
// published since the last one, by type), its introduction, a test to oneself, and sending it to
// every confirmed address; the subscribers' numbers and the letters sent.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { TextArea } from "~/components/AdminFields";
import { ConfirmAction } from "~/components/ConfirmAction";
import { IntroText, LetterSections } from "~/components/NewsletterContent";
import { DataTable } from "~/components/admin/DataTable";
import { requireOrganiserSomewhere } from "~/accounts/series-access.server";
import {
  draftIntro,
  groupByType,
  itemsSinceLastDigest,
  nextNumber,
  saveIntro,
  sendDigest,
  sendTest,
  sentLettersForOrganisers,
} from "~/newsletter/digest.server";
import { introParagraphs } from "~/newsletter/intro.server";
import { subscriberCounts } from "~/newsletter/subscriptions.server";
import { kickScheduler } from "~/server/runtime.server";
import { getDb } from "~/utils/db.server";
import { fromUtcIso, formatDay } from "~/utils/dates.server";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Lettre d’information") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganiserSomewhere(request);
  const db = getDb();
  const intro = draftIntro(db);
  return {
    intro,
    introParagraphs: introParagraphs(intro),
    sections: groupByType(itemsSinceLastDigest(db)),
    number: nextNumber(db),
    counts: subscriberCounts(db),
    sent: sentLettersForOrganisers(db).map((l) => ({ ...l, date: l.sentAt ? formatDay(fromUtcIso(l.sentAt, "Europe/Paris")) : "" })),
  };
}

type Result = { ok: true; message: string } | { ok: false; error?: string; reason?: string; intro?: string };

export async function action({ request }: ActionFunctionArgs) {
  const { account: me } = await requireOrganiserSomewhere(request);
  const db = getDb();
  const form = await request.formData();
  const intent = String(form.get("intent"));
  const now = nowIso();
  if (intent === "intro" || intent === "test") {
    const intro = String(form.get("intro") ?? "");
    const saved = saveIntro(db, { accountId: me.id, intro, nowIso: now });
    if (!saved.ok) return data<Result>({ ok: false, error: saved.error, intro }, { status: 400 });
    if (intent === "intro") return data<Result>({ ok: true, message: "Introduction enregistrée." });
    sendTest(db, { accountId: me.id, email: me.email, nowIso: now });
    kickScheduler();
    return data<Result>({ ok: true, message: `Introduction enregistrée ; un essai de la lettre part vers ${me.email}.` });
  }
  if (intent === "send") {
    const r = sendDigest(db, { accountId: me.id, nowIso: now });
    if (!r.ok) return data<Result>({ ok: false, reason: r.reason }, { status: 409 });
    kickScheduler();
    return data<Result>({
      ok: true,
      message: `Lettre n° ${r.number} envoyée : ${r.items} ressource(s), ${r.recipients} destinataire(s). Suivez l’envoi dans le journal des e-mails.`,
    });
  }
  return data<Result>({ ok: false, reason: "Action inconnue." }, { status: 400 });
}

export default function AdminNewsletter() {
  const { intro, introParagraphs, sections, number, counts, sent } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const total = sections.reduce((n, s) => n + s.items.length, 0);
  return (
    <>
      <h1>Lettre d’information</h1>
      {result?.ok ? (
        <p className="success" role="status">
          {result.message}
        </p>
      ) : result?.reason ? (
        <p className="notice" role="alert">
          {result.reason}
        </p>
      ) : null}
      <p>
        Abonné·es confirmé·es : <strong>{counts.confirmed}</strong> ; en attente de confirmation : {counts.pending} ; désabonné·es : {counts.unsubscribed}.
        Seules les adresses confirmées reçoivent la lettre. <Link to="/lettres">Archives publiques</Link> ·{" "}
        <Link to="/admin/emails?type=newsletter">Journal des envois</Link>
      </p>

      <h2>Lettre n° {number} : introduction</h2>
      <Form method="post" className="form">
        <TextArea
          name="intro"
          label="Introduction"
          rows={6}
          defaultValue={result && !result.ok && result.intro !== undefined ? result.intro : intro}
          error={result && !result.ok ? result.error : undefined}
          hint="Texte simple : une ligne vide sépare deux paragraphes ; les adresses écrites en entier (https://…) deviennent des liens."
        />
        <p className="actions">
          <button type="submit" name="intent" value="intro" className="button">
            Enregistrer l’introduction
          </button>{" "}
          <button type="submit" name="intent" value="test" className="button-secondary">
            M’envoyer un essai
          </button>
        </p>
      </Form>

      <h2>Aperçu : {total === 1 ? "1 nouvelle ressource" : `${total} nouvelles ressources`}</h2>
      {total ? (
        <div className="letter-preview">
          <IntroText paragraphs={introParagraphs} />
          <LetterSections sections={sections} headingLevel={3} />
        </div>
      ) : (
        <p>Aucune ressource publique n’a été publiée depuis la dernière lettre : il n’y a rien à envoyer pour l’instant.</p>
      )}

      <h2>Envoyer</h2>
      <ConfirmAction
        label={`Envoyer la lettre n° ${number}`}
        question={`La lettre n° ${number} (${total} ressource(s)) partira vers les ${counts.confirmed} adresse(s) confirmée(s), une seule fois. Elle sera ensuite visible dans les archives publiques.`}
        confirm={`Oui, envoyer la lettre n° ${number}`}
        fields={{ intent: "send" }}
      />

      <h2>Lettres envoyées</h2>
      {sent.length ? (
        <DataTable label="Lettres envoyées" columns={["Lettre", "Date", "Destinataires", "Envoyée par"]}>
          {sent.map((l) => (
            <tr key={l.number}>
              <td>
                <Link to={`/lettres/${l.number}`}>n° {l.number}</Link>
              </td>
              <td>{l.date}</td>
              <td>{l.recipients ?? 0}</td>
              <td>{l.sentBy ?? "—"}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p>Aucune lettre envoyée.</p>
      )}
    </>
  );
}
