// A series in the back-office: every field of the format, its status (draft → published → archived),
// its sessions, duplication for another territory, export.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Breadcrumb } from "~/components/admin/Breadcrumb";
import { DuplicateSeries } from "~/components/series-editor/DuplicateSeries";
import { SeriesFields } from "~/components/series-editor/SeriesFields";
import { SeriesSessions } from "~/components/series-editor/SeriesSessions";
import { SeriesStatus } from "~/components/series-editor/SeriesStatus";
import { duplicateSeries, loadDoc, saveDoc, slugify, type SeriesDoc } from "~/series/series-editor.server";
import { ensureRole, requireSeriesRole } from "~/accounts/series-access.server";
import { SERIES_STATUS_LABELS } from "~/utils/admin-labels";
import { readSeriesEditorPost } from "~/http/series-editor-request.server";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";
import { kickScheduler } from "~/server/runtime.server";
import { echoFormValues } from "~/utils/form-echo.server";
import { readSessionFields } from "~/utils/session-form";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle(data?.doc.title ?? "Série", "Organisateurs") }];

export const ZONES: [string, string][] = [
  ["Europe/Paris", "Europe/Paris (métropole)"],
  ["America/Guadeloupe", "America/Guadeloupe"],
  ["America/Martinique", "America/Martinique"],
  ["America/Cayenne", "America/Cayenne (Guyane)"],
  ["Indian/Reunion", "Indian/Reunion (La Réunion)"],
  ["Indian/Mayotte", "Indian/Mayotte"],
  ["Pacific/Noumea", "Pacific/Noumea (Nouvelle-Calédonie)"],
  ["Pacific/Tahiti", "Pacific/Tahiti"],
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { account: me, role } = await requireSeriesRole(request, params.slug, "editor");
  // The access codes of the sessions: organisers only (ADR 016).
  const doc = loadDoc(getDb(), params.slug ?? "", { accessCodes: role === "organiser" });
  if (!doc) throw new Response("Série introuvable", { status: 404 });
  return { doc, canExportCodes: me.role === "admin", role };
}

const lines = (v: FormDataEntryValue | null) =>
  String(v ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim() || undefined;

/** The series fields of the form, applied to the document. Key figures: one "valeur | libellé" per line. */
function applySeriesFields(doc: SeriesDoc, form: FormData): SeriesDoc {
  const daysBefore = String(form.get("daysBefore") ?? "").trim();
  return {
    ...doc,
    title: String(form.get("title") ?? "").trim(),
    subtitle: text(form, "subtitle"),
    territory: text(form, "territory"),
    timezone: String(form.get("timezone") ?? "Europe/Paris"),
    summary: text(form, "summary"),
    question: text(form, "question"),
    objectives: lines(form.get("objectives")),
    audience: text(form, "audience"),
    mode: (text(form, "mode") as SeriesDoc["mode"]) ?? undefined,
    platform: text(form, "platform"),
    registration: {
      required: form.get("registrationRequired") === "oui",
      multipleSessions: form.get("multipleSessions") === "oui",
      opensAt: text(form, "opensAt"),
      closesAt: text(form, "closesAt"),
    },
    accessCodes: {
      daysBefore: daysBefore === "" ? 2 : /^\d+$/.test(daysBefore) ? Number(daysBefore) : (daysBefore as unknown as number),
      sendAt: text(form, "sendAt") ?? "09:00",
    },
    rules: lines(form.get("rules")),
    keyFigures: lines(form.get("keyFigures")).map((l) => {
      const [value, ...label] = l.split("|");
      return { value: value.trim(), label: label.join("|").trim() };
    }),
  };
}

type Result =
  { intent: string; problems: { path: string; message: string }[]; values?: Record<string, string>; sessionIndex?: number } | { intent: string; ok: string };

/** The add-session form sits beside the series form: its fields are "sessionTitle", "sessionDate"… */
const SESSION_PREFIX = "session";

export async function action({ request, params }: ActionFunctionArgs) {
  const { me, db, doc, form, intent, access } = await readSeriesEditorPost(request, params.slug, { "*": "editor", status: "organiser" });
  const now = nowIso();
  if (intent === "fields") {
    const next = applySeriesFields(doc, form);
    // Another zone moves every session's real time, and registrants are told: organisers only.
    if (next.timezone !== (doc.timezone ?? "Europe/Paris")) ensureRole(access, "organiser");
    const r = saveDoc(db, me, next, now, "update", { part: "series" });
    if (!r.ok) return data<Result>({ intent, problems: r.problems, values: echoFormValues(form) }, { status: 400 });
    kickScheduler();
    return data<Result>({ intent, ok: "Série enregistrée." });
  }
  if (intent === "status") {
    const status = String(form.get("status")) as SeriesDoc["status"];
    const r = saveDoc(db, me, { ...doc, status }, now, "update", { part: "status", status });
    if (!r.ok) return data<Result>({ intent, problems: r.problems }, { status: 400 });
    return data<Result>({ intent, ok: `Statut : ${SERIES_STATUS_LABELS[status ?? "draft"]}.` });
  }
  if (intent === "add-session") {
    const fields = readSessionFields(form, { mode: doc.mode ?? "online" }, SESSION_PREFIX);
    const number = Math.max(0, ...doc.sessions.map((s) => s.number)) + 1;
    const slugs = new Set(doc.sessions.map((s) => s.slug));
    let slug = `rdv-${number}-${slugify(fields.title)}`.slice(0, 60);
    while (slugs.has(slug)) slug += "-2";
    const session = { number, slug, ...fields, status: "published" as const, access: null, programme: [] };
    const r = saveDoc(db, me, { ...doc, sessions: [...doc.sessions, session] }, now, "update", { part: "add-session", number });
    // Every problem goes back: those of the new session by field, any other one for the summary.
    if (!r.ok) return data<Result>({ intent, problems: r.problems, values: echoFormValues(form), sessionIndex: doc.sessions.length }, { status: 400 });
    throw redirect(`/admin/series/${doc.slug}/sessions/${number}`);
  }
  if (intent === "duplicate") {
    const weeks = Number(form.get("weeks"));
    const values = {
      slug: String(form.get("newSlug") ?? "").trim(),
      title: String(form.get("newTitle") ?? "").trim(),
      territory: String(form.get("newTerritory") ?? "").trim(),
      weeks: String(form.get("weeks") ?? ""),
    };
    const problems: { path: string; message: string }[] = [];
    if (!values.title) problems.push({ path: "newTitle", message: "Indiquez le titre de la nouvelle série." });
    if (!/^[a-z0-9][a-z0-9-]*$/.test(values.slug))
      problems.push({ path: "newSlug", message: "L’adresse ne peut contenir que des lettres minuscules sans accent, des chiffres et des tirets." });
    if (!Number.isInteger(weeks) || weeks < -520 || weeks > 520)
      problems.push({ path: "weeks", message: "Indiquez un nombre entier de semaines (0 pour garder les dates)." });
    if (problems.length) return data<Result>({ intent, problems, values }, { status: 400 });
    const r = duplicateSeries(db, me, doc.slug, { ...values, weeks }, now);
    if (!r.ok)
      return data<Result>(
        { intent, problems: r.problems.map((p) => ({ path: p.path === "slug" ? "newSlug" : p.path, message: p.message })), values },
        { status: 400 },
      );
    throw redirect(`/admin/series/${r.slug}?etat=dupliquee`);
  }
  return data<Result>({ intent, problems: [{ path: "intent", message: "action inconnue" }] }, { status: 400 });
}

export default function SeriesEditor() {
  const { doc, canExportCodes, role } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const [params] = useSearchParams();
  const failed = result && "problems" in result ? result : undefined;
  return (
    <>
      <Breadcrumb trail={[{ to: "/admin/series", label: "Séries" }]} current={doc.title} />
      <h1>{doc.title}</h1>
      {params.get("etat") === "importee" ? (
        <p className="success" role="status">
          Fichier importé.
        </p>
      ) : null}
      {params.get("etat") === "dupliquee" ? (
        <p className="success" role="status">
          Série dupliquée (brouillon, sans inscriptions ni codes d’accès).
        </p>
      ) : null}
      {result && "ok" in result ? (
        <p className="success" role="status">
          {result.ok}
        </p>
      ) : null}
      <SeriesStatus
        doc={doc}
        canExportCodes={canExportCodes}
        organiser={role === "organiser"}
        problems={failed?.intent === "status" ? failed.problems : null}
      />

      <SeriesSessions doc={doc} failed={failed} prefix={SESSION_PREFIX} />

      <SeriesFields doc={doc} failed={failed} zones={ZONES} />

      <DuplicateSeries doc={doc} failed={failed} />
    </>
  );
}
