// Attendance of one session: by hand (one form, a radio group per confirmed registrant) or from the
// participants report exported by Zoom (CSV upload). Works without JavaScript.
import {
  MaxPartSizeExceededError,
  data,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { TableScroll } from "~/components/TableScroll";
import {
  attendanceRefusal,
  importAttendance,
  isAttendance,
  markUnknownAbsent,
  parseParticipantsReport,
  sessionAttendance,
  sessionByNumber,
  setAttendance,
  type Attendance,
  type ImportOutcome,
} from "~/models/attendance.server";
import { seriesSessions } from "~/models/registrants.server";
import { findSeries } from "~/models/series-lookup.server";
import { requireOrganiser } from "~/utils/admin-session.server";
import { ATTENDANCE_LABELS } from "~/utils/admin-labels";
import { decodeCsvBytes } from "~/utils/csv.server";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";

/** Largest report accepted: a participants report of a few thousand lines weighs well under this. */
const MAX_REPORT_BYTES = 2 * 1024 * 1024;
const UNKNOWN = "non-renseigne";

function findSession(db: ReturnType<typeof getDb>, slug: string | undefined, number: string | undefined) {
  const series = findSeries(db, slug ?? "", "organiser");
  if (!series) throw new Response("Série introuvable", { status: 404 });
  const session = /^\d{1,6}$/.test(number ?? "") ? sessionByNumber(db, series.id, Number(number)) : null;
  if (!session) throw new Response("Rencontre introuvable", { status: 404 });
  return { series, session };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOrganiser(request);
  const db = getDb();
  const { series, session } = findSession(db, params.slug, params.number);
  const sessions = seriesSessions(db, series, nowIso());
  return {
    series: { slug: series.slug, title: series.title },
    session: sessions.find((s) => s.id === session.id)!,
    sessions: sessions.map((s) => ({ number: s.number, title: s.title })),
    rows: sessionAttendance(db, session.id),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(`Présence RDV #${data?.session.number ?? ""}`, data?.series.title ?? "Série", "Organisateurs") },
];

type ActionResult =
  | { intent: "mark" | "absent"; ok: true; message: string }
  | { intent: "import"; ok: true; message: string; outcome: ImportOutcome; fileName: string }
  | { intent: "import" | "mark" | "absent" | "unknown"; ok: false; message: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const organiser = await requireOrganiser(request);
  const db = getDb();
  const { session } = findSession(db, params.slug, params.number);
  const now = nowIso();

  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    const refusal = attendanceRefusal(session, "report", now);
    if (refusal) return data<ActionResult>({ intent: "import", ok: false, message: refusal }, { status: 400 });
    let form: FormData;
    try {
      form = await unstable_parseMultipartFormData(
        request,
        unstable_createMemoryUploadHandler({ maxPartSize: MAX_REPORT_BYTES, filter: ({ name }) => name === "rapport" || name === "intent" }),
      );
    } catch (error) {
      if (error instanceof MaxPartSizeExceededError) {
        return data<ActionResult>({ intent: "import", ok: false, message: "Ce fichier dépasse 2 Mo : ce n’est sans doute pas le rapport des participants. Exportez-le à nouveau au format CSV." }, { status: 413 });
      }
      throw error;
    }
    const file = form.get("rapport");
    if (!(file instanceof File) || file.size === 0) {
      return data<ActionResult>({ intent: "import", ok: false, message: "Choisissez le fichier CSV du rapport des participants exporté de Zoom." }, { status: 400 });
    }
    const report = parseParticipantsReport(decodeCsvBytes(new Uint8Array(await file.arrayBuffer())));
    if (!report.ok) return data<ActionResult>({ intent: "import", ok: false, message: report.message }, { status: 400 });
    const outcome = importAttendance(db, { sessionId: session.id, attendees: report.attendees, organiserId: organiser.id, nowIso: now, fileName: file.name });
    const message =
      `Rapport « ${file.name} » importé : ${report.lines} ligne${report.lines > 1 ? "s" : ""}, ` +
      `${outcome.matched.length} inscrit·e${outcome.matched.length > 1 ? "s" : ""} marqué·e${outcome.matched.length > 1 ? "s" : ""} présent·e${outcome.matched.length > 1 ? "s" : ""}, ` +
      `${outcome.unmatched.length} participant·e${outcome.unmatched.length > 1 ? "s" : ""} non reconnu·e${outcome.unmatched.length > 1 ? "s" : ""}.`;
    return data<ActionResult>({ intent: "import", ok: true, message, outcome, fileName: file.name });
  }

  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (intent === "mark") {
    const changes: { registrationId: number; attendance: Attendance | null }[] = [];
    for (const [key, value] of form) {
      const m = /^presence-(\d+)$/.exec(key);
      if (!m || typeof value !== "string") continue;
      const wanted = value === UNKNOWN ? null : isAttendance(value) ? value : undefined;
      if (wanted === undefined) continue;
      const before = String(form.get(`avant-${m[1]}`) ?? "");
      // Only what the organiser changed on the page: a report imported meanwhile is kept.
      if (before === (wanted ?? UNKNOWN)) continue;
      changes.push({ registrationId: Number(m[1]), attendance: wanted });
    }
    const refusal = changes.map((c) => attendanceRefusal(session, c.attendance, now)).find(Boolean);
    if (refusal) return data<ActionResult>({ intent, ok: false, message: refusal }, { status: 400 });
    const n = setAttendance(db, { sessionId: session.id, changes, organiserId: organiser.id, nowIso: now });
    return data<ActionResult>({ intent, ok: true, message: n ? `Présence enregistrée (${n} modification${n > 1 ? "s" : ""}).` : "Aucune modification." });
  }
  if (intent === "absent") {
    const refusal = attendanceRefusal(session, "absent", now);
    if (refusal) return data<ActionResult>({ intent, ok: false, message: refusal }, { status: 400 });
    const ids = markUnknownAbsent(db, { sessionId: session.id, organiserId: organiser.id, nowIso: now });
    return data<ActionResult>({ intent, ok: true, message: ids.length ? `${ids.length} inscrit·e${ids.length > 1 ? "s" : ""} non renseigné·e${ids.length > 1 ? "s" : ""} marqué·e${ids.length > 1 ? "s" : ""} absent·e${ids.length > 1 ? "s" : ""}.` : "Personne à marquer absent·e." });
  }
  return data<ActionResult>({ intent: "unknown", ok: false, message: "Action inconnue." }, { status: 400 });
}

const CHOICES: [string, string][] = [
  ["present", ATTENDANCE_LABELS.present],
  ["excused", ATTENDANCE_LABELS.excused],
  ["absent", ATTENDANCE_LABELS.absent],
  [UNKNOWN, "Non renseigné"],
];

/** Before the session starts, only "excusé" can be noted (attendanceRefusal). */
const CHOICES_BEFORE_START = CHOICES.filter(([value]) => value === "excused" || value === UNKNOWN);

const percent = (rate: number | null) => (rate === null ? "—" : `${Math.round(rate * 100)}\u00a0%`);

export default function Presence() {
  const { series, session, sessions, rows } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const outcome = result?.intent === "import" && result.ok ? result.outcome : null;
  // Remount the radio groups whenever the saved attendance changes (after an import, with JavaScript).
  const formKey = rows.map((r) => `${r.registrationId}:${r.attendance ?? ""}`).join(",");

  return (
    <>
      <nav aria-label="Fil d’Ariane" className="breadcrumb">
        <ol>
          <li>
            <Link to="/admin">Tableau de bord</Link>
          </li>
          <li>
            <Link to={`/admin/series/${series.slug}`}>{series.title}</Link>
          </li>
          <li>
            <Link to={`/admin/series/${series.slug}/inscrits`}>Inscrits</Link>
          </li>
          <li aria-current="page">Présence RDV #{session.number}</li>
        </ol>
      </nav>
      <h1>
        Présence — RDV #{session.number} {session.title}
      </h1>
      <p className="lead">{session.when}</p>
      {!session.started ? <p className="notice">Cette rencontre n’a pas encore eu lieu : vous pouvez déjà noter les personnes excusées.</p> : null}
      {sessions.length > 1 ? (
        <nav aria-label="Autres rencontres" className="no-print">
          <ul className="inline-list">
            {sessions.map((s) => (
              <li key={s.number}>
                {s.number === session.number ? (
                  <strong aria-current="page">RDV #{s.number}</strong>
                ) : (
                  <Link to={`/admin/series/${series.slug}/presence/${s.number}`}>RDV #{s.number}</Link>
                )}
              </li>
            ))}
          </ul>
        </nav>
      ) : null}

      {result ? (
        <p className={result.ok ? "success" : "error-summary"} role={result.ok ? "status" : "alert"}>
          {result.message}
        </p>
      ) : null}

      <h2>Bilan</h2>
      <ul className="stats" aria-label="Bilan de présence">
        <li>
          <strong>{session.confirmed}</strong> confirmé·es
        </li>
        <li>
          <strong>{session.present}</strong> présent·es
        </li>
        <li>
          <strong>{session.excused}</strong> excusé·es
        </li>
        <li>
          <strong>{session.absent}</strong> absent·es
        </li>
        <li>
          <strong>{session.unknown}</strong> non renseigné·es
        </li>
        <li>
          <strong>{session.started ? percent(session.rate) : "—"}</strong> taux de présence (présent·es ÷ confirmé·es)
        </li>
      </ul>
      {session.unknown > 0 && session.started ? (
        <Form method="post" className="toolbar">
          <button type="submit" name="intent" value="absent" className="button-secondary" disabled={busy}>
            Marquer absent·es les {session.unknown} non renseigné·es
          </button>
          <span className="muted">Les personnes excusées ou déjà notées ne changent pas.</span>
        </Form>
      ) : null}

      {outcome ? (
        <section aria-labelledby="resultat-import">
          <h2 id="resultat-import">Résultat de l’import</h2>
          {outcome.unmatched.length ? (
            <TableScroll label="Participant·es du rapport non reconnu·es">
              <table className="data" id="non-reconnus">
                <caption>Participant·es du rapport non reconnu·es ({outcome.unmatched.length}) : à noter à la main si besoin</caption>
                <thead>
                  <tr>
                    <th scope="col">Nom dans le rapport</th>
                    <th scope="col">E-mail</th>
                    <th scope="col" className="num">
                      Minutes
                    </th>
                    <th scope="col">Pourquoi</th>
                  </tr>
                </thead>
                <tbody>
                  {outcome.unmatched.map((u, i) => (
                    <tr key={i}>
                      <td>{u.name || "—"}</td>
                      <td>{u.email || "—"}</td>
                      <td className="num">{u.minutes}</td>
                      <td>{u.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          ) : (
            <p>Toutes les lignes du rapport correspondent à des inscrit·es confirmé·es.</p>
          )}
          {outcome.missing.length ? (
            <>
              <h3>Inscrit·es confirmé·es absent·es du rapport ({outcome.missing.length})</h3>
              <ul id="absents-du-rapport">
                {outcome.missing.map((m) => (
                  <li key={m.registrationId}>
                    {m.name} ({m.email}) : {m.attendance ? ATTENDANCE_LABELS[m.attendance] : "non renseigné"}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      <h2>Importer le rapport des participants (Zoom)</h2>
      {!session.started ? <p>Le rapport des participants s’importe une fois la rencontre commencée.</p> : null}
      {session.started ? (
      <Form method="post" encType="multipart/form-data" className="form">
        <input type="hidden" name="intent" value="import" />
        <div className="field">
          <label htmlFor="champ-rapport">Fichier CSV (2 Mo au plus)</label>
          <p className="hint" id="aide-rapport">
            Dans Zoom : Rapports › Utilisation › Participants › Exporter. Français ou anglais, séparateur « ; » ou « , ». Les personnes sont reconnues par
            leur adresse e-mail ; plusieurs connexions d’une même personne sont additionnées.
          </p>
          <input id="champ-rapport" type="file" name="rapport" accept=".csv,text/csv" required aria-describedby="aide-rapport" />
        </div>
        <button type="submit" className="button" disabled={busy}>
          Importer
        </button>
      </Form>
      ) : null}

      <h2>Saisir la présence à la main</h2>
      {rows.length ? (
        <Form method="post" key={formKey}>
          <input type="hidden" name="intent" value="mark" />
          <TableScroll label="Présence des inscrit·es confirmé·es">
            <table className="data">
              <caption className="visually-hidden">Présence des inscrit·es confirmé·es</caption>
              <thead>
                <tr>
                  <th scope="col">Nom</th>
                  <th scope="col">E-mail</th>
                  <th scope="col">Structure</th>
                  <th scope="col" className="num">
                    Minutes
                  </th>
                  <th scope="col">Présence</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const current = r.attendance ?? UNKNOWN;
                  return (
                    <tr key={r.registrationId}>
                      <th scope="row">
                        {r.firstName} {r.lastName}
                      </th>
                      <td>{r.email}</td>
                      <td>{r.organisation ?? "—"}</td>
                      <td className="num">{r.attendance === "present" && r.attendedMinutes !== null ? r.attendedMinutes : "—"}</td>
                      <td>
                        <input type="hidden" name={`avant-${r.registrationId}`} value={current} />
                        <fieldset className="inline-choices">
                          <legend className="visually-hidden">{`Présence de ${r.firstName} ${r.lastName}`}</legend>
                          {(session.started ? CHOICES : CHOICES_BEFORE_START).map(([value, label]) => (
                            <span key={value}>
                              <input
                                type="radio"
                                id={`presence-${r.registrationId}-${value}`}
                                name={`presence-${r.registrationId}`}
                                value={value}
                                defaultChecked={current === value}
                              />{" "}
                              <label htmlFor={`presence-${r.registrationId}-${value}`}>{label}</label>{" "}
                            </span>
                          ))}
                        </fieldset>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
          <p>
            <button type="submit" className="button" disabled={busy}>
              Enregistrer la présence
            </button>
          </p>
        </Form>
      ) : (
        <p className="notice">Aucun·e inscrit·e confirmé·e pour cette rencontre.</p>
      )}
    </>
  );
}
