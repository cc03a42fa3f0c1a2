// One session in the back-office: date and times (local to the series), capacity, mode, venue,
// access information, status; its programme (order, add, edit, remove). Saving goes through the
// series file, so a change of time or codes after they were sent triggers the rectificatifs.
import { Breadcrumb, seriesTrail } from "~/components/admin/Breadcrumb";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { OtherProblems, Select, TextArea } from "~/components/AdminFields";
import { ErrorSummary, TextField } from "~/components/Field";
import { loadDoc, saveDoc, type SeriesDoc } from "~/series/series-editor.server";
import { changesForRegistrants } from "~/series/sessions.server";
import { SessionFields } from "~/components/SessionFields";
import { SESSION_FIELD_LABELS, readAccessFields, readSessionFields, sessionProblems } from "~/utils/session-form";
import { ensureRole, requireSeriesRole } from "~/accounts/series-access.server";
import { readSeriesEditorPost } from "~/http/series-editor-request.server";
import { getDb } from "~/utils/db.server";
import { KIND_LABELS, SESSION_STATUS_LABELS } from "~/utils/labels";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";
import { kickScheduler } from "~/server/runtime.server";
import { echoFormValues } from "~/utils/form-echo.server";
import { SignInSheetLink } from "~/components/attendance/SignInSheetLink";
import { signInSheetLink } from "~/documents/sign-in-sheet.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `RDV #${data.session.number}` : "Rencontre", data?.doc.title ?? "", "Organisateurs") },
];

function find(doc: SeriesDoc, number: string | undefined) {
  const index = doc.sessions.findIndex((s) => String(s.number) === number);
  if (index < 0) throw new Response("Rencontre introuvable", { status: 404 });
  return index;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { role } = await requireSeriesRole(request, params.slug, "editor");
  const organiser = role === "organiser";
  // The access codes, the sign-in sheet, the check-in and the attendance: organisers only (ADR 016).
  const doc = loadDoc(getDb(), params.slug ?? "", { accessCodes: organiser });
  if (!doc) throw new Response("Série introuvable", { status: 404 });
  const session = doc.sessions[find(doc, params.number)];
  const sheet = organiser ? signInSheetLink(getDb(), doc.slug, session.number) : null;
  return { doc: { slug: doc.slug, title: doc.title, timezone: doc.timezone }, session, sessionIndex: find(doc, params.number), sheet, organiser };
}

type Result = { intent: string; ok?: string; problems?: { path: string; message: string }[]; values?: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const { me, db, doc, form, intent, access } = await readSeriesEditorPost(request, params.slug, { "*": "editor", delete: "organiser" });
  const index = find(doc, params.number);
  const session = doc.sessions[index];
  const now = nowIso();
  const save = (sessions: SeriesDoc["sessions"], part: string) => saveDoc(db, me, { ...doc, sessions }, now, "update", { part, session: session.number });

  if (intent === "session") {
    const next = {
      ...session,
      ...readSessionFields(form, { mode: session.mode ?? "online" }),
      status: String(form.get("status") ?? "published") as "published",
      access: readAccessFields(form),
    };
    // A change its registrants are told of (time, place, access, status) writes to them: organisers only.
    // An editor's file has no codes (readSeriesEditorPost): sending none leaves them as they are.
    if (changesForRegistrants(session, next).length) ensureRole(access, "organiser");
    const sessions = doc.sessions.map((s, i) => (i === index ? next : s));
    const r = save(sessions, "session");
    if (!r.ok) return data<Result>({ intent, problems: r.problems, values: echoFormValues(form) }, { status: 400 });
    kickScheduler();
    return data<Result>({ intent, ok: "Rencontre enregistrée. Si les codes étaient déjà partis, un rectificatif part aux personnes concernées." });
  }
  if (intent === "move" || intent === "remove-item") {
    const item = Number(form.get("item"));
    const programme = [...(session.programme ?? [])];
    if (!Number.isInteger(item) || item < 0 || item >= programme.length)
      return data<Result>({ intent, problems: [{ path: "item", message: "élément introuvable" }] }, { status: 400 });
    if (intent === "move") {
      const to = item + (form.get("direction") === "up" ? -1 : 1);
      if (to >= 0 && to < programme.length) [programme[item], programme[to]] = [programme[to], programme[item]];
    } else programme.splice(item, 1);
    const r = save(
      doc.sessions.map((s, i) => (i === index ? { ...s, programme } : s)),
      intent === "move" ? "reorder" : "remove-item",
    );
    if (!r.ok) return data<Result>({ intent, problems: r.problems }, { status: 400 });
    return data<Result>({ intent, ok: intent === "move" ? "Programme réordonné." : "Élément retiré du programme." });
  }
  if (intent === "delete") {
    const r = save(
      doc.sessions.filter((_, i) => i !== index),
      "delete-session",
    );
    if (!r.ok) return data<Result>({ intent, problems: r.problems }, { status: 400 });
    throw redirect(`/admin/series/${doc.slug}`);
  }
  return data<Result>({ intent, problems: [{ path: "intent", message: "action inconnue" }] }, { status: 400 });
}

export default function SessionEditor() {
  const { doc, session, sessionIndex, sheet, organiser } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const failed = result?.problems ? result : undefined;
  const v = failed?.intent === "session" ? failed.values : undefined;
  const val = (name: string, current: unknown) => (v ? (v[name] ?? "") : current === undefined || current === null ? "" : String(current));
  /** A field of the access codes, never filled in by the browser. */
  const secret = (name: "meetingId" | "passcode" | "joinUrl", label: string, type?: string) => (
    <TextField name={name} label={label} type={type} autoComplete="off" defaultValue={val(name, session.access?.[name])} error={errors[name]} />
  );
  const [date, start] = session.start.split("T");
  const end = session.end.split("T")[1];
  // Every problem of the series-file validation: next to its field, or in the summary above.
  const { errors, others } =
    failed?.intent === "session"
      ? sessionProblems(failed.problems!, `sessions[${sessionIndex}]`)
      : { errors: {} as Record<string, string>, others: failed?.problems ?? [] };
  const current: Record<string, string | null | undefined> = {
    title: session.title,
    theme: session.theme,
    date,
    start,
    end,
    mode: session.mode ?? "online",
    capacity: session.capacity == null ? "" : String(session.capacity),
    remoteCapacity: session.remoteCapacity == null ? "" : String(session.remoteCapacity),
    venueName: session.venue?.name,
    venueAddress: session.venue?.address,
    venueInstructions: session.venue?.instructions,
    venueAccessibility: session.venue?.accessibility,
    venueContact: session.venue?.contact,
  };
  const fieldValues = v ?? current;
  return (
    <>
      <Breadcrumb trail={seriesTrail(doc)} current={<>RDV #{session.number}</>} />
      <h1>
        RDV #{session.number} — {session.title}
      </h1>
      <p>
        <Link to="questionnaire">Questionnaire de satisfaction</Link>
        {organiser ? (
          <>
            {" · "}
            <Link to={`/admin/series/${doc.slug}/presence/${session.number}`}>Présence</Link>
          </>
        ) : null}
        {organiser && (session.mode ?? "online") !== "online" ? (
          <>
            {" · "}
            <Link to={`/admin/series/${doc.slug}/accueil/${session.number}`}>Accueil le jour de la rencontre (codes, QR, sur place)</Link>
          </>
        ) : null}
      </p>
      {session.mode === "online" || !sheet ? null : <SignInSheetLink sheet={sheet} />}
      {result?.ok ? (
        <p className="success" role="status">
          {result.ok}
        </p>
      ) : null}
      <OtherProblems problems={others} />

      <section aria-labelledby="programme-titre">
        <h2 id="programme-titre">Programme</h2>
        {session.programme?.length ? (
          <ol className="directory">
            {session.programme.map((item, i) => (
              <li key={`${i}-${item.title}`}>
                <strong>
                  {item.start && item.end ? `${item.start} – ${item.end} · ` : ""}
                  {item.title}
                </strong>{" "}
                <span className="muted">
                  {KIND_LABELS[item.kind ?? "other"]}
                  {item.parts?.length ? ` · ${item.parts.length} partie(s)` : ""}
                  {item.speakers?.length ? ` · ${item.speakers.length} intervenant(s)` : ""}
                </span>
                <div className="toolbar">
                  <Link to={`programme/${i}`}>
                    Modifier<span className="visually-hidden"> « {item.title} »</span>
                  </Link>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="item" value={i} />
                    <input type="hidden" name="intent" value="move" />
                    <button type="submit" name="direction" value="up" className="button-secondary" disabled={i === 0}>
                      Monter<span className="visually-hidden"> « {item.title} »</span>
                    </button>{" "}
                    <button type="submit" name="direction" value="down" className="button-secondary" disabled={i === session.programme!.length - 1}>
                      Descendre<span className="visually-hidden"> « {item.title} »</span>
                    </button>
                  </Form>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="item" value={i} />
                    <button type="submit" name="intent" value="remove-item" className="button-secondary">
                      Retirer<span className="visually-hidden"> « {item.title} »</span>
                    </button>
                  </Form>
                </div>
              </li>
            ))}
          </ol>
        ) : (
          <p>Pas encore de programme.</p>
        )}
        <p>
          <Link className="button" to="programme/nouveau">
            Ajouter un élément au programme
          </Link>{" "}
          <Link className="button-secondary" to="programme/nouveau?type=round-table">
            Ajouter une table ronde
          </Link>
        </p>
      </section>

      <section aria-labelledby="rencontre-titre">
        <h2 id="rencontre-titre">Rencontre</h2>
        <Form method="post" noValidate className="form">
          <input type="hidden" name="intent" value="session" />
          <ErrorSummary errors={errors} labels={SESSION_FIELD_LABELS} />
          <SessionFields values={fieldValues} errors={errors} timezone={doc.timezone} />
          <Select
            name="status"
            label="Statut"
            defaultValue={val("status", session.status ?? "published")}
            options={Object.entries(SESSION_STATUS_LABELS)}
            hint="Annuler ou reporter prévient tous les inscrits et la liste d’attente."
            error={errors.status}
          />
          {organiser ? (
            <fieldset className="fieldset-box">
              <legend>Codes d’accès (confidentiels : envoyés aux seuls inscrits, jamais affichés publiquement)</legend>
              <div className="field-row">
                <TextField name="provider" label="Outil" defaultValue={val("provider", session.access?.provider)} error={errors.provider} />
                {secret("meetingId", "ID de réunion")}
                {secret("passcode", "Code secret")}
              </div>
              {secret("joinUrl", "Lien de connexion", "url")}
              <TextArea
                name="dialIn"
                label="Numéros d’appel"
                rows={3}
                hint="Un numéro par ligne : libellé | numéro (par exemple « France (Paris) | +33 1 70 37 22 46 »)."
                defaultValue={v ? v.dialIn : (session.access?.dialIn ?? []).map((d) => `${d.label} | ${d.number}`).join("\n")}
                error={errors.dialIn}
              />
              <TextArea
                name="accessInstructions"
                label="Instructions de connexion"
                rows={2}
                defaultValue={val("accessInstructions", session.access?.instructions)}
                error={errors.accessInstructions}
              />
            </fieldset>
          ) : (
            <p className="hint">
              Les codes d’accès, et tout changement dont les inscrit·es sont prévenu·es (horaires, lieu, format, statut), sont réservés aux organisateur·rices
              de la série.
            </p>
          )}
          <button type="submit" className="button">
            Enregistrer la rencontre
          </button>
        </Form>
      </section>

      <Form method="post" className="danger">
        <h2 className="h-small">Supprimer la rencontre</h2>
        <p>Seulement si personne n’est inscrit ; sinon, passez-la au statut « Annulée » pour prévenir les inscrits.</p>
        <button type="submit" name="intent" value="delete" className="button-danger">
          Supprimer RDV #{session.number}
        </button>
      </Form>
    </>
  );
}
