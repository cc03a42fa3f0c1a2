// A series in the back-office: every field of the format, its status (draft → published → archived),
// its sessions, duplication for another territory, export.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Check, OtherProblems, Select, TextArea } from "~/components/AdminFields";
import { ErrorSummary, TextField } from "~/components/Field";
import { duplicateSeries, loadDoc, saveDoc, slugify, type SeriesDoc } from "~/models/series-editor.server";
import { problemsUnder } from "~/utils/problems";
import { requireOrganiser } from "~/utils/admin-session.server";
import { SERIES_STATUS_LABELS } from "~/utils/admin-labels";
import { getDb } from "~/utils/db.server";
import { MODE_LABELS, SESSION_STATUS_LABELS } from "~/utils/labels";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";
import { kickScheduler } from "~/utils/runtime.server";
import { echoFormValues } from "~/utils/form-echo.server";
import { SessionFields } from "~/components/SessionFields";
import { SESSION_FIELD_LABELS, fieldName, prefixed, readSessionFields, sessionProblems } from "~/utils/session-form";

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
  const me = await requireOrganiser(request);
  const doc = loadDoc(getDb(), params.slug ?? "");
  if (!doc) throw new Response("Série introuvable", { status: 404 });
  return { doc, canExportCodes: me.role === "admin" };
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
    accessCodes: { daysBefore: daysBefore === "" ? 2 : /^\d+$/.test(daysBefore) ? Number(daysBefore) : (daysBefore as unknown as number), sendAt: text(form, "sendAt") ?? "09:00" },
    rules: lines(form.get("rules")),
    keyFigures: lines(form.get("keyFigures")).map((l) => {
      const [value, ...label] = l.split("|");
      return { value: value.trim(), label: label.join("|").trim() };
    }),
  };
}

type Result = { intent: string; problems: { path: string; message: string }[]; values?: Record<string, string>; sessionIndex?: number } | { intent: string; ok: string };

/** The add-session form sits beside the series form: its fields are "sessionTitle", "sessionDate"… */
const SESSION_PREFIX = "session";

export async function action({ request, params }: ActionFunctionArgs) {
  const me = await requireOrganiser(request);
  const db = getDb();
  const doc = loadDoc(db, params.slug ?? "");
  if (!doc) throw new Response("Série introuvable", { status: 404 });
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const now = nowIso();
  if (intent === "fields") {
    const r = saveDoc(db, me, applySeriesFields(doc, form), now, "update", { part: "series" });
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
    const values = { slug: String(form.get("newSlug") ?? "").trim(), title: String(form.get("newTitle") ?? "").trim(), territory: String(form.get("newTerritory") ?? "").trim(), weeks: String(form.get("weeks") ?? "") };
    const problems: { path: string; message: string }[] = [];
    if (!values.title) problems.push({ path: "newTitle", message: "Indiquez le titre de la nouvelle série." });
    if (!/^[a-z0-9][a-z0-9-]*$/.test(values.slug)) problems.push({ path: "newSlug", message: "L’adresse ne peut contenir que des lettres minuscules sans accent, des chiffres et des tirets." });
    if (!Number.isInteger(weeks) || weeks < -520 || weeks > 520) problems.push({ path: "weeks", message: "Indiquez un nombre entier de semaines (0 pour garder les dates)." });
    if (problems.length) return data<Result>({ intent, problems, values }, { status: 400 });
    const r = duplicateSeries(db, me, doc.slug, { ...values, weeks }, now);
    if (!r.ok) return data<Result>({ intent, problems: r.problems.map((p) => ({ path: p.path === "slug" ? "newSlug" : p.path, message: p.message })), values }, { status: 400 });
    throw redirect(`/admin/series/${r.slug}?etat=dupliquee`);
  }
  return data<Result>({ intent, problems: [{ path: "intent", message: "action inconnue" }] }, { status: 400 });
}

export default function SeriesEditor() {
  const { doc, canExportCodes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const [params] = useSearchParams();
  const failed = result && "problems" in result ? result : undefined;
  const fieldProblems = failed?.intent === "fields" ? problemsUnder(failed.problems, "") : {};
  const v = failed?.intent === "fields" ? (failed.values ?? {}) : undefined;
  const value = (name: string, current: unknown) => (v ? v[name] : current === undefined || current === null ? "" : String(current));
  const err = (path: string) => fieldProblems[path];
  const shown = new Set(["title", "subtitle", "territory", "timezone", "summary", "question", "objectives", "audience", "mode", "platform", "registration.opensAt", "registration.closesAt", "accessCodes.daysBefore", "accessCodes.sendAt", "rules", "keyFigures"]);
  const others = failed?.intent === "fields" ? failed.problems.filter((p) => ![...shown].some((s) => p.path === s || p.path.startsWith(`${s}[`) || p.path.startsWith(`${s}.`))) : [];
  const local = (name: string) => (failed?.intent === name ? Object.fromEntries(failed.problems.map((p) => [p.path, p.message])) : {});
  const added = failed?.intent === "add-session" ? sessionProblems(failed.problems, `sessions[${failed.sessionIndex ?? 0}]`) : { errors: {}, others: [] };
  const sessionErrors = prefixed(SESSION_PREFIX, added.errors);
  const dupErrors = local("duplicate");
  const dupValues = failed?.intent === "duplicate" ? (failed.values ?? {}) : {};
  const typed = failed?.intent === "add-session" ? (failed.values ?? {}) : {};
  // The typed values by field name without the prefix, for SessionFields.
  const sessionValues: Record<string, string> = Object.fromEntries(Object.keys(SESSION_FIELD_LABELS).map((k) => [k, typed[fieldName(SESSION_PREFIX, k)] ?? ""]));
  if (!typed[fieldName(SESSION_PREFIX, "mode")]) sessionValues.mode = doc.mode ?? "online";
  return (
    <>
      <nav aria-label="Fil d’Ariane" className="breadcrumb">
        <ol>
          <li>
            <Link to="/admin/series">Séries</Link>
          </li>
          <li aria-current="page">{doc.title}</li>
        </ol>
      </nav>
      <h1>{doc.title}</h1>
      {params.get("etat") === "importee" ? <p className="success" role="status">Fichier importé.</p> : null}
      {params.get("etat") === "dupliquee" ? <p className="success" role="status">Série dupliquée (brouillon, sans inscriptions ni codes d’accès).</p> : null}
      {result && "ok" in result ? (
        <p className="success" role="status">
          {result.ok}
        </p>
      ) : null}
      <p>
        Statut : <strong>{SERIES_STATUS_LABELS[doc.status ?? "draft"]}</strong>
        {doc.status !== "draft" ? (
          <>
            {" "}
            · <Link to={`/series/${doc.slug}`}>voir la page publique</Link>
          </>
        ) : null}
      </p>
      <Form method="post" className="toolbar">
        <input type="hidden" name="intent" value="status" />
        {doc.status !== "published" ? (
          <button type="submit" name="status" value="published" className="button">
            Publier
          </button>
        ) : null}
        {doc.status !== "archived" ? (
          <button type="submit" name="status" value="archived" className="button-secondary">
            Archiver
          </button>
        ) : null}
        {doc.status !== "draft" ? (
          <button type="submit" name="status" value="draft" className="button-secondary">
            Repasser en brouillon
          </button>
        ) : null}
      </Form>
      {failed?.intent === "status" ? <OtherProblems problems={failed.problems} /> : null}
      <ul className="inline-list">
        <li>
          <Link to={`/admin/series/${doc.slug}/acteurs`}>Organisations et intervenants</Link>
        </li>
        <li>
          <Link to={`/admin/series/${doc.slug}/ressources`}>Ressources</Link>
        </li>
        <li>
          <Link to={`/admin/series/${doc.slug}/inscrits`}>Inscrits</Link>
        </li>
        <li>
          <Link to={`/admin/series/${doc.slug}/bilan`}>Bilan</Link>
        </li>
        <li>
          <a href={`/admin/series/${doc.slug}/export.json`}>Exporter (JSON, sans les codes d’accès)</a>
        </li>
        {canExportCodes ? (
          <li>
            <a href={`/admin/series/${doc.slug}/export.json?codes=1`}>Exporter avec les codes d’accès (confidentiel, noté au journal)</a>
          </li>
        ) : null}
      </ul>

      <section aria-labelledby="rencontres">
        <h2 id="rencontres">Rencontres</h2>
        {doc.sessions.length ? (
          <ol className="directory">
            {doc.sessions.map((s) => (
              <li key={s.number}>
                <Link to={`/admin/series/${doc.slug}/sessions/${s.number}`}>
                  RDV #{s.number} — {s.title}
                </Link>{" "}
                <span className="muted">
                  {s.start.replace("T", " à ")} · {MODE_LABELS[s.mode ?? "online"]} · {SESSION_STATUS_LABELS[s.status ?? "published"]}
                  {s.access ? " · codes saisis" : s.mode !== "in-person" ? " · codes à saisir" : ""}
                </span>
              </li>
            ))}
          </ol>
        ) : (
          <p>Aucune rencontre pour l’instant.</p>
        )}
        <Form method="post" noValidate className="form fieldset-box" aria-labelledby="ajout-rencontre">
          <h3 id="ajout-rencontre">Ajouter une rencontre</h3>
          <input type="hidden" name="intent" value="add-session" />
          <ErrorSummary errors={sessionErrors} labels={prefixed(SESSION_PREFIX, SESSION_FIELD_LABELS)} id="erreurs-rencontre" />
          <OtherProblems problems={added.others} />
          <SessionFields prefix={SESSION_PREFIX} values={sessionValues} errors={added.errors} timezone={doc.timezone} withTheme={false} />
          <button type="submit" className="button">
            Ajouter la rencontre
          </button>
        </Form>
      </section>

      <section aria-labelledby="fiche">
        <h2 id="fiche">Présentation de la série</h2>
        <OtherProblems problems={others} />
        <Form method="post" noValidate className="form">
          <input type="hidden" name="intent" value="fields" />
          <ErrorSummary errors={Object.fromEntries([...shown].map((s) => [s, err(s)]))} labels={{ title: "Titre", "registration.opensAt": "Ouverture des inscriptions", "registration.closesAt": "Clôture des inscriptions", "accessCodes.daysBefore": "Jours avant", "accessCodes.sendAt": "Heure d’envoi" }} id="erreurs-fiche" />
          <TextField name="title" label="Titre" required defaultValue={value("title", doc.title)} error={err("title")} />
          <TextField name="subtitle" label="Sous-titre" defaultValue={value("subtitle", doc.subtitle)} error={err("subtitle")} />
          <TextField name="territory" label="Territoire" defaultValue={value("territory", doc.territory)} error={err("territory")} />
          <Select name="timezone" label="Fuseau horaire" defaultValue={value("timezone", doc.timezone)} options={ZONES} error={err("timezone")} />
          <TextArea name="summary" label="Présentation" defaultValue={value("summary", doc.summary)} error={err("summary")} />
          <TextField name="question" label="Question posée" defaultValue={value("question", doc.question)} error={err("question")} />
          <TextArea name="objectives" label="Objectifs" hint="Un objectif par ligne." defaultValue={v ? v.objectives : (doc.objectives ?? []).join("\n")} error={err("objectives")} />
          <TextField name="audience" label="Public" defaultValue={value("audience", doc.audience)} error={err("audience")} />
          <div className="field-row">
            <Select name="mode" label="Format" defaultValue={value("mode", doc.mode)} options={[["", "—"], ...Object.entries(MODE_LABELS)]} error={err("mode")} />
            <TextField name="platform" label="Outil de visio-conférence" defaultValue={value("platform", doc.platform)} error={err("platform")} />
          </div>
          <fieldset className="fieldset-box">
            <legend>Inscriptions</legend>
            <Check name="registrationRequired" label="Inscription obligatoire" defaultChecked={v ? v.registrationRequired === "oui" : doc.registration?.required !== false} />
            <Check name="multipleSessions" label="Plusieurs rencontres avec un seul formulaire" defaultChecked={v ? v.multipleSessions === "oui" : doc.registration?.multipleSessions !== false} />
            <div className="field-row">
              <TextField name="opensAt" label="Ouverture (heure locale)" type="datetime-local" defaultValue={value("opensAt", doc.registration?.opensAt)} error={err("registration.opensAt")} />
              <TextField name="closesAt" label="Clôture (heure locale)" type="datetime-local" defaultValue={value("closesAt", doc.registration?.closesAt)} error={err("registration.closesAt")} />
            </div>
          </fieldset>
          <fieldset className="fieldset-box">
            <legend>Envoi des codes d’accès</legend>
            <div className="field-row">
              <TextField name="daysBefore" label="Jours avant la rencontre" inputMode="numeric" defaultValue={value("daysBefore", doc.accessCodes?.daysBefore ?? 2)} error={err("accessCodes.daysBefore")} />
              <TextField name="sendAt" label="Heure d’envoi (heure locale)" type="time" defaultValue={value("sendAt", doc.accessCodes?.sendAt ?? "09:00")} error={err("accessCodes.sendAt")} />
            </div>
          </fieldset>
          <TextArea name="rules" label="Consignes" hint="Une consigne par ligne (micro coupé, questions par écrit…)." defaultValue={v ? v.rules : (doc.rules ?? []).join("\n")} error={err("rules")} />
          <TextArea
            name="keyFigures"
            label="Chiffres clés"
            hint="Un chiffre par ligne : valeur | libellé (par exemple « 28 | QPV en Seine-Maritime »)."
            defaultValue={v ? v.keyFigures : (doc.keyFigures ?? []).map((k) => `${k.value} | ${k.label}`).join("\n")}
            error={err("keyFigures")}
          />
          <button type="submit" className="button">
            Enregistrer
          </button>
        </Form>
      </section>

      <section aria-labelledby="dupliquer">
        <h2 id="dupliquer">Dupliquer pour un autre territoire</h2>
        <Form method="post" noValidate className="form">
          <input type="hidden" name="intent" value="duplicate" />
          <p>Tout est copié sauf les inscriptions et les codes d’accès ; les dates sont décalées du nombre de semaines indiqué ; la copie est un brouillon.</p>
          <ErrorSummary errors={dupErrors} labels={{ newTitle: "Titre", newSlug: "Adresse", weeks: "Décalage" }} id="erreurs-duplication" />
          <TextField name="newTitle" label="Titre de la copie" required defaultValue={dupValues.title ?? doc.title} error={dupErrors.newTitle} />
          <TextField name="newSlug" label="Adresse de la copie" required defaultValue={dupValues.slug} error={dupErrors.newSlug} />
          <TextField name="newTerritory" label="Territoire" defaultValue={dupValues.territory} error={dupErrors.newTerritory} />
          <TextField name="weeks" label="Décalage des dates (semaines)" inputMode="numeric" required defaultValue={dupValues.weeks ?? "52"} error={dupErrors.weeks} />
          <button type="submit" className="button-secondary">
            Dupliquer
          </button>
        </Form>
      </section>
    </>
  );
}
