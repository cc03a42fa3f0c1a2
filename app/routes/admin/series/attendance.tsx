// Attendance of one session: by hand (one form, a radio group per confirmed registrant) or from the
// participants report exported by Zoom (CSV upload). Works without JavaScript.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { readSmallUpload } from "~/http/small-upload.server";
import { Breadcrumb, seriesTrail } from "~/components/admin/Breadcrumb";
import { AttendanceForm, UNKNOWN } from "~/components/attendance/AttendanceForm";
import { AttendanceStats } from "~/components/attendance/AttendanceStats";
import { ImportResult } from "~/components/attendance/ImportResult";
import { ImportReport } from "~/components/attendance/ImportReport";
import { SessionNav } from "~/components/attendance/SessionNav";
import { SignInSheetLink } from "~/components/attendance/SignInSheetLink";
import { signInSheetLink } from "~/documents/sign-in-sheet.server";
import { AttendanceCertificates } from "~/components/certificates/AttendanceCertificates";
import { certificatesEnabled } from "~/certificates/certificates.server";
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
} from "~/attendance/attendance.server";
import { seriesSessions } from "~/registration/registrants.server";
import { findSeries } from "~/series/series-lookup.server";
import { requireSeriesRole } from "~/accounts/series-access.server";
import { decodeCsvBytes } from "~/utils/csv.server";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";

/** Largest report accepted: a participants report of a few thousand lines weighs well under this. */
const MAX_REPORT_BYTES = 2 * 1024 * 1024;

function findSession(db: ReturnType<typeof getDb>, slug: string | undefined, number: string | undefined) {
  const series = findSeries(db, slug ?? "", "organiser");
  if (!series) throw new Response("Série introuvable", { status: 404 });
  const session = /^\d{1,6}$/.test(number ?? "") ? sessionByNumber(db, series.id, Number(number)) : null;
  if (!session) throw new Response("Rencontre introuvable", { status: 404 });
  return { series, session };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSeriesRole(request, params.slug, "organiser");
  const db = getDb();
  const { series, session } = findSession(db, params.slug, params.number);
  const sessions = seriesSessions(db, series, nowIso());
  return {
    series: { slug: series.slug, title: series.title },
    session: { ...sessions.find((s) => s.id === session.id)!, mode: session.mode },
    sessions: sessions.map((s) => ({ number: s.number, title: s.title })),
    rows: sessionAttendance(db, session.id),
    sheet: signInSheetLink(db, series.slug, session.number),
    certificates: certificatesEnabled(db, series.id),
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
  const { account } = await requireSeriesRole(request, params.slug, "organiser");
  const db = getDb();
  const { session } = findSession(db, params.slug, params.number);
  const now = nowIso();

  if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    const refusal = attendanceRefusal(session, "report", now);
    if (refusal) return data<ActionResult>({ intent: "import", ok: false, message: refusal }, { status: 400 });
    const upload = await readSmallUpload(request, MAX_REPORT_BYTES, ["rapport", "intent"]);
    if (!upload.ok && upload.reason === "too-large") {
      return data<ActionResult>(
        {
          intent: "import",
          ok: false,
          message: "Ce fichier dépasse 2 Mo : ce n’est sans doute pas le rapport des participants. Exportez-le à nouveau au format CSV.",
        },
        { status: 413 },
      );
    }
    if (!upload.ok) throw new Response("Envoi illisible", { status: 400 });
    const form = upload.form;
    const file = form.get("rapport");
    if (!(file instanceof File) || file.size === 0) {
      return data<ActionResult>(
        { intent: "import", ok: false, message: "Choisissez le fichier CSV du rapport des participants exporté de Zoom." },
        { status: 400 },
      );
    }
    const report = parseParticipantsReport(decodeCsvBytes(new Uint8Array(await file.arrayBuffer())));
    if (!report.ok) return data<ActionResult>({ intent: "import", ok: false, message: report.message }, { status: 400 });
    const outcome = importAttendance(db, { sessionId: session.id, attendees: report.attendees, accountId: account.id, nowIso: now, fileName: file.name });
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
    const n = setAttendance(db, { sessionId: session.id, changes, accountId: account.id, nowIso: now });
    return data<ActionResult>({ intent, ok: true, message: n ? `Présence enregistrée (${n} modification${n > 1 ? "s" : ""}).` : "Aucune modification." });
  }
  if (intent === "absent") {
    const refusal = attendanceRefusal(session, "absent", now);
    if (refusal) return data<ActionResult>({ intent, ok: false, message: refusal }, { status: 400 });
    const ids = markUnknownAbsent(db, { sessionId: session.id, accountId: account.id, nowIso: now });
    return data<ActionResult>({
      intent,
      ok: true,
      message: ids.length
        ? `${ids.length} inscrit·e${ids.length > 1 ? "s" : ""} non renseigné·e${ids.length > 1 ? "s" : ""} marqué·e${ids.length > 1 ? "s" : ""} absent·e${ids.length > 1 ? "s" : ""}.`
        : "Personne à marquer absent·e.",
    });
  }
  return data<ActionResult>({ intent: "unknown", ok: false, message: "Action inconnue." }, { status: 400 });
}

export default function Presence() {
  const { series, session, sessions, rows, sheet, certificates } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const outcome = result?.intent === "import" && result.ok ? result.outcome : null;
  // Remount the radio groups whenever the saved attendance changes (after an import, with JavaScript).
  const formKey = rows.map((r) => `${r.registrationId}:${r.attendance ?? ""}`).join(",");

  return (
    <>
      <Breadcrumb
        trail={[...seriesTrail(series, "dashboard"), { to: `/admin/series/${series.slug}/inscrits`, label: "Inscrits" }]}
        current={<>Présence RDV #{session.number}</>}
      />
      <h1>
        Présence — RDV #{session.number} {session.title}
      </h1>
      <p className="lead">{session.when}</p>
      {!session.started ? <p className="notice">Cette rencontre n’a pas encore eu lieu : vous pouvez déjà noter les personnes excusées.</p> : null}
      {sessions.length > 1 ? <SessionNav slug={series.slug} current={session.number} sessions={sessions} /> : null}
      <SignInSheetLink sheet={sheet} />

      {result ? (
        <p className={result.ok ? "success" : "error-summary"} role={result.ok ? "status" : "alert"}>
          {result.message}
        </p>
      ) : null}

      {session.mode !== "online" ? (
        <p>
          <Link to={`/admin/series/${series.slug}/accueil/${session.number}`}>
            Accueil à l’entrée : scanner les codes, chercher un nom, ajouter une personne sur place
          </Link>
        </p>
      ) : null}
      <h2>Bilan</h2>
      <AttendanceStats session={session} busy={busy} />

      {outcome ? <ImportResult outcome={outcome} /> : null}

      <h2>Importer le rapport des participants (Zoom)</h2>
      {!session.started ? <p>Le rapport des participants s’importe une fois la rencontre commencée.</p> : null}
      {session.started ? <ImportReport busy={busy} /> : null}

      <h2>Saisir la présence à la main</h2>
      {rows.length ? (
        <AttendanceForm session={session} rows={rows} busy={busy} formKey={formKey} />
      ) : (
        <p className="notice">Aucun·e inscrit·e confirmé·e pour cette rencontre.</p>
      )}

      <AttendanceCertificates slug={series.slug} enabled={certificates} rows={rows} />
    </>
  );
}
