// One message to registrants in the back-office (/admin/series/<slug>/messages/<id|nouveau>): write it,
// count who it would reach, send a test to oneself, send it now or at a local date and time, cancel
// it while it is scheduled. A sent or cancelled message is shown as it left. Rules: app/messages/.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Breadcrumb, seriesTrail } from "~/components/admin/Breadcrumb";
import { ConfirmAction } from "~/components/ConfirmAction";
import { MessageForm, type MessageFormValues } from "~/components/messages/MessageForm";
import { MessageSummary } from "~/components/messages/MessageSummary";
import { requireSeriesRole } from "~/accounts/series-access.server";
import { editorData } from "~/messages/message-pages.server";
import { cancelMessage, readMessageForm, readSendAt, saveMessage, sendMessage, sendTest } from "~/messages/messages.server";
import { MESSAGE_STATUS_LABELS } from "~/messages/message-form";
import { findSeries } from "~/series/series-lookup.server";
import { kickScheduler } from "~/server/runtime.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.message ? `Message « ${data.values.subject} »` : "Nouveau message", data?.series.title ?? "", "Organisateurs") },
];

function seriesOr404(slug: string | undefined) {
  const series = findSeries(getDb(), slug ?? "", "organiser");
  if (!series) throw new Response("Série introuvable", { status: 404 });
  return series;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { account: me } = await requireSeriesRole(request, params.slug, "organiser");
  const series = seriesOr404(params.slug);
  const found = editorData(getDb(), series, params.id ?? "", getEnv().APP_URL);
  if (!found) throw new Response("Message introuvable", { status: 404 });
  return { series: { slug: series.slug, title: series.title, timezone: series.timezone }, accountEmail: me.email, ...found };
}

type Failed = { problems: Record<string, string>; values: MessageFormValues; refused?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const { account: me } = await requireSeriesRole(request, params.slug, "organiser");
  const db = getDb();
  const series = seriesOr404(params.slug);
  const base = `/admin/series/${series.slug}/messages`;
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const now = nowIso();
  const existing = params.id === "nouveau" ? null : Number(params.id);
  if (existing !== null && !Number.isInteger(existing)) throw new Response("Message introuvable", { status: 404 });
  if (intent === "cancel" && existing !== null) {
    const done = cancelMessage(db, me, series.id, existing, now);
    throw redirect(`${base}/${existing}?etat=${done ? "annule" : "parti"}`);
  }
  const sessions = editorData(db, series, "nouveau", getEnv().APP_URL)!.sessions;
  const { values, input, problems } = readMessageForm(form, sessions);
  let sendAt: string | null = null;
  if (intent === "schedule") {
    const at = readSendAt(values.sendAt, series.timezone, now);
    if (at.ok) sendAt = at.utc;
    else problems.sendAt = at.problem;
  }
  if (!input || Object.keys(problems).length) return data<Failed>({ problems, values }, { status: 400 });
  const id = saveMessage(db, me, series.id, existing, input, now);
  if (id === null) throw redirect(`${base}/${existing}?etat=parti`);
  if (intent === "test") {
    sendTest(db, me, series.id, id, now);
    kickScheduler();
    throw redirect(`${base}/${id}?etat=test`);
  }
  if (intent === "send" || intent === "schedule") {
    const r = sendMessage(db, me, series.id, id, sendAt, now);
    // The draft is saved either way: a refusal is shown on its page, beside the recipients.
    if (!r.ok) throw redirect(`${base}/${id}?etat=refuse`);
    if (r.queued) kickScheduler();
    throw redirect(`${base}/${id}?etat=${sendAt ? "programme" : "envoye"}`);
  }
  throw redirect(`${base}/${id}?etat=enregistre`);
}

const DONE: Record<string, string> = {
  enregistre: "Message enregistré.",
  test: "Test envoyé à votre adresse : il arrive dans quelques instants.",
  envoye: "Message envoyé : les e-mails partent maintenant (voir le journal des e-mails).",
  programme: "Envoi programmé. Vous pouvez encore modifier le message ou annuler l’envoi jusqu’à l’heure prévue.",
  annule: "Envoi annulé : aucun e-mail n’est parti.",
  parti: "Ce message est déjà parti ou a été annulé : il ne peut plus être modifié.",
};

export const EMPTY_AUDIENCE_TEXT =
  "Envoi refusé : personne ne recevrait ce message. Aucune inscription de cette série ou de cette rencontre n’a les statuts cochés (les inscriptions annulées, les personnes effacées et, pour des nouvelles, celles qui ne les ont pas acceptées ne comptent jamais). Rien n’a été envoyé ; changez les destinataires.";

export default function MessageEditor() {
  const { series, accountEmail, message, values, sessions, count, preview } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>() as Failed | undefined;
  const [params] = useSearchParams();
  const state = params.get("etat") ?? "";
  const refused = state === "refuse" && !failed;
  const problems = failed?.problems ?? (refused ? { audience: "Personne ne recevrait ce message avec ces statuts." } : {});
  const title = message ? `Message « ${values.subject} »` : "Nouveau message";
  return (
    <>
      <Breadcrumb trail={[...seriesTrail(series), { to: `/admin/series/${series.slug}/messages`, label: "Messages" }]} current={title} />
      <h1>{title}</h1>
      {DONE[state] && !failed ? (
        <p className="success" role="status">
          {DONE[state]}
        </p>
      ) : null}
      {refused ? (
        <p className="error-summary" role="alert">
          {EMPTY_AUDIENCE_TEXT}
        </p>
      ) : null}
      {failed ? (
        <p className="error-summary" role="alert">
          Le message n’est pas enregistré : corrigez {Object.keys(failed.problems).length > 1 ? "les champs signalés" : "le champ signalé"}.
        </p>
      ) : null}
      {message ? (
        <MessageSummary status={MESSAGE_STATUS_LABELS[message.status]} sendAtText={message.sendAtText} recipients={message.recipients} count={count} />
      ) : null}
      {preview ? (
        <details className="message-preview">
          <summary>Aperçu de l’e-mail (version texte, tel qu’enregistré)</summary>
          <p>
            <strong>Objet :</strong> {preview.subject}
          </p>
          <pre className="message-body">{preview.text}</pre>
        </details>
      ) : null}
      {!message || message.editable ? (
        <>
          {!message ? <p>Enregistrez le message pour compter ses destinataires ; un test vous permet de le lire tel qu’il partira.</p> : null}
          <MessageForm
            values={failed?.values ?? values}
            problems={problems}
            sessions={sessions}
            zone={series.timezone}
            accountEmail={accountEmail}
            scheduled={message?.status === "scheduled"}
          />
          {message?.status === "scheduled" ? (
            <ConfirmAction
              label="Annuler l’envoi programmé"
              question={`Le message ne partira pas ${message.sendAtText ? `(${message.sendAtText})` : ""}. Il restera visible, annulé.`}
              confirm="Oui, annuler l’envoi"
              fields={{ intent: "cancel" }}
            />
          ) : null}
        </>
      ) : (
        <>
          <h2>Objet</h2>
          <p>{values.subject}</p>
          <h2>Texte</h2>
          <div className="message-body">{values.body}</div>
          <p>
            <Link to="/admin/emails?type=message">Voir les e-mails de ce type dans le journal</Link>
          </p>
        </>
      )}
    </>
  );
}
