// Add or edit one resource of a series (/admin/series/<slug>/ressources/nouvelle or /<id>): type,
// title, description, attachment (series, session, programme item or part), authors, year, themes,
// territory, visibility, link or uploaded file (size limit, type read from the content), recording
// (duration, chapters aligned to the programme, summary, transcript), references of a bibliography
// (kind, authors, editors, title, journal or collection, book title, volume, issue, pages, publisher,
// place, ISBN, DOI, address, note), publication. Works without JavaScript; every error is shown next
// to its field, values kept (an accepted upload is kept too, so it need not be sent again).
import {
  data,
  redirect,
  unstable_composeUploadHandlers,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { InputHTMLAttributes, ReactNode } from "react";
import { FieldError, describedBy, fieldId } from "~/components/Field";
import { TableScroll } from "~/components/TableScroll";
import {
  adminResources,
  attachmentOptions,
  checkResource,
  deleteResource,
  resourceAsFile,
  saveResource,
  sessionPoints,
  suggestedChapters,
} from "~/models/resources.server";
import { findSeries } from "~/models/series-lookup.server";
import { keepUpload, pendingUpload, removeStored, resourceUploadHandler, sweepPending, type Upload, type UploadState } from "~/models/uploads.server";
import { ACCEPTED_MIME, ACCEPTED_TYPES_TEXT, formatBytes, kindByMime } from "~/utils/file-types";
import { requireOrganiser } from "~/utils/admin-session.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { RESOURCE_TYPE_LABELS } from "~/utils/labels";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";
import { REFERENCE_KIND_LABELS } from "~/utils/references";
import { kickScheduler } from "~/utils/runtime.server";
import { echoFormValues } from "~/utils/form-echo.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.resource ? data.resource.title : "Nouvelle ressource", "Ressources", data?.series.title ?? "", "Organisateurs") },
];

type Values = Record<string, string>;
type Problem = { path: string; message: string };
type FileInfo = { name: string; label: string } | null;
type PendingInfo = { pending: string; name: string; label: string } | null;

const BLANK_CHAPTERS = 3;
const BLANK_REFERENCES = 2;

/** A reference's one-line fields in the form (`ref.<n>.<field>`); authors and editors are one name per line. */
const REF_TEXT_FIELDS = ["title", "container", "bookTitle", "volume", "issue", "pages", "publisher", "place", "isbn", "doi", "url", "note"] as const;
const REF_LIST_FIELDS = ["authors", "editors"] as const;
const REF_FIELD_LABELS: Record<string, string> = {
  kind: "nature",
  year: "année",
  authors: "auteurs",
  editors: "direction de l’ouvrage",
  title: "titre",
  container: "revue, site ou collection",
  bookTitle: "titre de l’ouvrage",
  volume: "volume",
  issue: "numéro",
  pages: "pages",
  publisher: "éditeur",
  place: "lieu d’édition",
  isbn: "ISBN",
  doi: "DOI",
  url: "adresse web",
  note: "note",
};

function seriesOr404(slug: string | undefined) {
  const series = findSeries(getDb(), slug ?? "", "organiser");
  if (!series) throw new Response("Série introuvable", { status: 404 });
  return series;
}

function findResource(seriesId: number, id: string | undefined) {
  if (id === "nouvelle") return null;
  const resource = adminResources(getDb(), seriesId).find((r) => String(r.id) === id);
  if (!resource) throw new Response("Ressource introuvable", { status: 404 });
  return resource;
}

/** The form's values for a stored resource (or a new one). */
function valuesOf(resource: ReturnType<typeof findResource>, type: string): Values {
  if (!resource) return { type, visibility: "public", published: "oui", attachment: "" };
  const f = resourceAsFile(resource);
  const v: Values = {
    type: f.type,
    title: f.title,
    description: f.description ?? "",
    attachment: f.item ? `i:${f.session}:${f.item}` : f.session ? `s:${f.session}` : "",
    authors: f.authors.join("\n"),
    year: f.year ? String(f.year) : "",
    themes: f.themes.join(", "),
    territory: f.territory ?? "",
    visibility: f.visibility,
    url: f.url ?? "",
    duration: f.duration ?? "",
    summary: f.summary ?? "",
    transcript: f.transcript ?? "",
    published: f.published ? "oui" : "",
  };
  f.chapters.forEach((c, i) => {
    v[`chapter.${i}.at`] = c.at;
    v[`chapter.${i}.title`] = c.title;
    v[`chapter.${i}.item`] = c.item && f.session ? `${f.session}:${c.item}` : "";
  });
  f.references.forEach((r, i) => {
    v[`ref.${i}.kind`] = r.kind ?? "";
    v[`ref.${i}.year`] = r.year ? String(r.year) : "";
    for (const k of REF_LIST_FIELDS) v[`ref.${i}.${k}`] = (r[k] ?? []).join("\n");
    for (const k of REF_TEXT_FIELDS) v[`ref.${i}.${k}`] = r[k] ?? "";
  });
  return v;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOrganiser(request);
  const db = getDb();
  const series = seriesOr404(params.slug);
  const resource = findResource(series.id, params.id);
  const askedType = new URL(request.url).searchParams.get("type") ?? "document";
  const kind = kindByMime(resource?.fileType);
  return {
    series: { slug: series.slug, title: series.title },
    resource: resource ? { id: resource.id, title: resource.title, published: resource.published, visibility: resource.visibility } : null,
    file: resource?.fileStoredName && resource.fileName ? ({ name: resource.fileName, label: `${kind?.label ?? resource.fileType}, ${formatBytes(resource.fileSize ?? 0)}` } as FileInfo) : null,
    values: valuesOf(resource, askedType in RESOURCE_TYPE_LABELS ? askedType : "document"),
    attachments: attachmentOptions(db, series.id),
    sessions: sessionPoints(db, series.id).map((s) => ({ number: s.number, title: s.title, points: s.points.map((p) => ({ path: p.path, title: p.title })) })),
    maxLabel: formatBytes(getEnv().UPLOAD_MAX_MB * 1024 * 1024),
  };
}

const lines = (v: string | undefined) =>
  (v ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
const opt = (v: string | undefined) => (v ?? "").trim() || undefined;
/** A number when it reads as one; otherwise the text, which the check refuses with its French message. */
const num = (v: string | undefined): number | string | undefined => {
  const s = (v ?? "").trim();
  return s === "" ? undefined : /^\d+$/.test(s) ? Number(s) : s;
};

/** Reads the form into the file format; remembers which form row each chapter and reference came from. */
function readForm(v: Values) {
  const attachment = v.attachment ?? "";
  const session = attachment.startsWith("s:") || attachment.startsWith("i:") ? Number(attachment.split(":")[1]) : undefined;
  const item = attachment.startsWith("i:") ? attachment.split(":")[2] : undefined;
  const chapterRows: number[] = [];
  const chapters: Record<string, unknown>[] = [];
  const chapterProblems: Problem[] = [];
  for (let i = 0; i < 200; i++) {
    const at = (v[`chapter.${i}.at`] ?? "").trim();
    const title = (v[`chapter.${i}.title`] ?? "").trim();
    const point = v[`chapter.${i}.item`] ?? "";
    if (!at && !title && !point) continue;
    const [pointSession, pointPath] = point.split(":");
    if (point && Number(pointSession) !== session) {
      chapterProblems.push({ path: `chapter.${i}.item`, message: "choisissez un point du programme de la rencontre à laquelle la ressource est rattachée" });
    }
    chapterRows.push(i);
    // "1:05:30" or "05:30" are read as HH:mm:ss.
    const normalised = /^\d{1,2}:\d{2}:\d{2}$/.test(at) ? at.padStart(8, "0") : /^\d{1,2}:\d{2}$/.test(at) ? `00:${at.padStart(5, "0")}` : at;
    chapters.push({ at: normalised, title, item: point && Number(pointSession) === session ? pointPath : undefined });
  }
  const referenceRows: number[] = [];
  const references: Record<string, unknown>[] = [];
  for (let i = 0; i < 300; i++) {
    const field = (k: string) => v[`ref.${i}.${k}`] ?? "";
    // A block with nothing but its kind chosen is a blank block.
    if ([...REF_LIST_FIELDS, ...REF_TEXT_FIELDS, "year"].every((k) => !field(k).trim())) continue;
    referenceRows.push(i);
    const reference: Record<string, unknown> = { kind: opt(field("kind")), year: num(field("year")), title: field("title").trim() };
    for (const k of REF_LIST_FIELDS) reference[k] = lines(field(k));
    for (const k of REF_TEXT_FIELDS) if (k !== "title") reference[k] = opt(field(k));
    references.push(reference);
  }
  const duration = (v.duration ?? "").trim();
  const resource = {
    type: v.type,
    title: (v.title ?? "").trim(),
    description: opt(v.description),
    session,
    item,
    authors: lines(v.authors),
    year: num(v.year),
    themes: (v.themes ?? "")
      .split(/[,;\n]/)
      .map((x) => x.trim())
      .filter(Boolean),
    territory: opt(v.territory),
    url: opt(v.url),
    visibility: v.visibility === "registrants" ? "registrants" : "public",
    published: v.published === "oui",
    duration: duration ? (/^\d{1,2}:\d{2}:\d{2}$/.test(duration) ? duration.padStart(8, "0") : duration) : undefined,
    summary: opt(v.summary),
    transcript: opt(v.transcript),
    references,
    chapters,
  };
  return { resource, chapterRows, referenceRows, chapterProblems };
}

/** A problem's path in the file format ("chapters[1].at") → the form field it belongs to ("chapter.3.at"). */
function fieldOf(path: string, chapterRows: number[], referenceRows: number[]): string {
  let m = /^chapters\[(\d+)\]\.(\w+)/.exec(path);
  if (m) return `chapter.${chapterRows[Number(m[1])]}.${m[2]}`;
  m = /^references\[(\d+)\]\.(\w+)/.exec(path);
  if (m) return `ref.${referenceRows[Number(m[1])]}.${m[2]}`;
  if (path === "item" || path === "session") return "attachment";
  m = /^(authors|themes)\[/.exec(path);
  if (m) return m[1];
  if (path === "references") return "references";
  return path;
}

type Result = { problems: Problem[]; values: Values; pending: PendingInfo; notice?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const me = await requireOrganiser(request);
  const db = getDb();
  const series = seriesOr404(params.slug);
  const existing = findResource(series.id, params.id);
  const state: UploadState = { upload: null };
  const multipart = (request.headers.get("content-type") ?? "").startsWith("multipart/form-data");
  const form = multipart
    ? await unstable_parseMultipartFormData(
        request,
        unstable_composeUploadHandlers(resourceUploadHandler(db, getEnv().UPLOAD_MAX_MB * 1024 * 1024, state), unstable_createMemoryUploadHandler({ maxPartSize: 2_000_000 })),
      )
    : await request.formData();
  const { file: _file, ...values }: Values = echoFormValues(form);
  const intent = values.intent ?? "save";
  const base = `/admin/series/${series.slug}/ressources`;

  if (intent === "delete") {
    if (!existing) throw new Response("Ressource introuvable", { status: 404 });
    if (values.confirm !== "oui") {
      return data<Result>({ problems: [{ path: "confirm", message: "Cochez la case pour confirmer la suppression." }], values: valuesOf(existing, existing.type), pending: null }, { status: 400 });
    }
    const r = deleteResource(db, me, series.id, existing.id);
    removeStored(db, [r.file]);
    throw redirect(`${base}?etat=supprimee`);
  }

  // The upload of this submission, or the one accepted with an earlier submission of the form.
  let upload: Upload | null = state.upload;
  if (!upload && values.pendingUpload) upload = pendingUpload(db, values.pendingUpload, values.pendingName ?? "");
  const pendingOf = (u: Upload | null): PendingInfo => (u?.ok ? { pending: u.pending, name: u.originalName, label: `${u.kind.label}, ${formatBytes(u.size)}` } : null);
  delete values.pendingUpload;
  delete values.pendingName;

  if (intent === "suggest") {
    const session = Number((values.attachment ?? "").split(":")[1]);
    const suggested = Number.isInteger(session) && session > 0 ? suggestedChapters(db, series.id, session) : [];
    if (!suggested.length) {
      return data<Result>({ problems: [{ path: "chapters", message: "Rattachez d’abord la ressource à une rencontre dont le programme est minuté." }], values, pending: pendingOf(upload) }, { status: 400 });
    }
    for (const k of Object.keys(values)) if (k.startsWith("chapter.")) delete values[k];
    suggested.forEach((c, i) => {
      values[`chapter.${i}.at`] = c.at;
      values[`chapter.${i}.title`] = c.title;
      values[`chapter.${i}.item`] = `${session}:${c.item}`;
    });
    return data<Result>({
      problems: [],
      values,
      pending: pendingOf(upload),
      notice: "Chapitres proposés d’après les horaires du programme (comptés depuis le début de la rencontre) : ajustez-les à l’enregistrement, puis enregistrez.",
    });
  }

  const { resource, chapterRows, referenceRows, chapterProblems } = readForm(values);
  const problems: Problem[] = [...chapterProblems];
  if (upload && !upload.ok) problems.push({ path: "file", message: upload.error });
  const removeFile = values.removeFile === "oui";
  // A refused upload says so itself: no second message asking for a file or a link.
  const hasFile = Boolean(upload) || (Boolean(existing?.fileStoredName) && !removeFile);
  const checked = checkResource(db, series.id, resource, hasFile);
  if (!checked.ok) problems.push(...checked.problems.map((p) => ({ path: fieldOf(p.path, chapterRows, referenceRows), message: p.message })));
  if (problems.length || !checked.ok) {
    return data<Result>({ problems, values, pending: pendingOf(upload) }, { status: 400 });
  }

  const stored = upload?.ok ? keepUpload(db, upload) : null;
  const saved = saveResource(db, me, {
    seriesId: series.id,
    id: existing?.id ?? null,
    value: checked.value,
    file: stored && upload?.ok ? { storedName: stored, name: cleanName(upload.originalName, upload.kind.ext), type: upload.kind.mime, size: upload.size } : undefined,
    removeFile: !stored && removeFile,
    nowIso: nowIso(),
  });
  if (!saved.ok) {
    removeStored(db, [stored]);
    return data<Result>({ problems: saved.problems, values, pending: null }, { status: 400 });
  }
  removeStored(db, [saved.replacedFile]);
  sweepPending(db, Date.now());
  if (saved.emails) kickScheduler();
  throw redirect(`${base}?etat=enregistree${saved.emails ? `&courriels=${saved.emails}` : saved.waitsForEnd ? "&courriels=fin" : ""}`);
}

/** The original name without its path, with the extension of the type found in the content. */
function cleanName(name: string, ext: string): string {
  const stem = name.replace(/[\x00-\x1f\x7f"\\/]/g, "").replace(/\.[A-Za-z0-9]{1,5}$/, "").trim().slice(0, 120) || "fichier";
  return `${stem}.${ext}`;
}

// ---- form controls (values kept, errors next to their field) ----

/** With JavaScript, choosing a chapter's programme point fills its empty title (the server does the same on save). */
function prefillChapterTitle(row: number, select: HTMLSelectElement) {
  const title = document.getElementById(fieldId(`chapter.${row}.title`)) as HTMLInputElement | null;
  const point = select.selectedOptions[0]?.dataset.title;
  if (title && point && !title.value.trim()) title.value = point;
}

function Field({ name, label, error, hint, children }: { name: string; label: string; error?: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={fieldId(name)}>{label}</label>
      {hint ? (
        <p className="hint" id={`aide-${name}`}>
          {hint}
        </p>
      ) : null}
      <FieldError name={name} error={error} />
      {children}
    </div>
  );
}

function Input({ name, label, v, e, hint, ...rest }: { name: string; label: string; v: Values; e: Record<string, string>; hint?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field name={name} label={label} error={e[name]} hint={hint}>
      <input id={fieldId(name)} name={name} defaultValue={v[name] ?? ""} aria-invalid={e[name] ? true : undefined} aria-describedby={describedBy(name, e[name], Boolean(hint))} {...rest} />
    </Field>
  );
}

function Area({ name, label, v, e, hint, rows = 4 }: { name: string; label: string; v: Values; e: Record<string, string>; hint?: ReactNode; rows?: number }) {
  return (
    <Field name={name} label={label} error={e[name]} hint={hint}>
      <textarea id={fieldId(name)} name={name} rows={rows} defaultValue={v[name] ?? ""} aria-invalid={e[name] ? true : undefined} aria-describedby={describedBy(name, e[name], Boolean(hint))} />
    </Field>
  );
}

const LABELS: Record<string, string> = {
  type: "Type",
  title: "Titre",
  url: "Adresse web",
  file: "Fichier",
  year: "Année",
  attachment: "Rattachement",
  duration: "Durée",
  authors: "Auteurs",
  themes: "Thèmes",
  chapters: "Chapitres",
  references: "Références",
  confirm: "Confirmation",
};
function labelOf(path: string): string {
  const m = /^(chapter|ref)\.(\d+)\.(\w+)$/.exec(path);
  if (m?.[1] === "ref") return `Référence ${Number(m[2]) + 1}, ${REF_FIELD_LABELS[m[3]] ?? m[3]}`;
  if (m) return `Chapitre ${Number(m[2]) + 1}`;
  return LABELS[path] ?? path;
}

export default function ResourceEditor() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const { series, resource, file, attachments, sessions, maxLabel } = loaded;
  const v = result?.values ?? loaded.values;
  const e: Record<string, string> = {};
  for (const p of result?.problems ?? []) e[p.path] ??= p.message;
  const pending = result?.pending ?? null;
  const chapterCount = Math.max(...[-1, ...Object.keys(v).filter((k) => k.startsWith("chapter.")).map((k) => Number(k.split(".")[1]))]) + 1 + BLANK_CHAPTERS;
  const referenceCount = Math.max(...[-1, ...Object.keys(v).filter((k) => k.startsWith("ref.")).map((k) => Number(k.split(".")[1]))]) + 1 + BLANK_REFERENCES;
  const groups = [...new Set(attachments.map((a) => a.group))];
  const base = `/admin/series/${series.slug}/ressources`;
  const problems = result?.problems ?? [];
  return (
    <>
      <nav aria-label="Fil d’Ariane" className="breadcrumb">
        <ol>
          <li>
            <Link to="/admin/series">Séries</Link>
          </li>
          <li>
            <Link to={`/admin/series/${series.slug}`}>{series.title}</Link>
          </li>
          <li>
            <Link to={base}>Ressources</Link>
          </li>
          <li aria-current="page">{resource ? resource.title : "Nouvelle ressource"}</li>
        </ol>
      </nav>
      <h1>{resource ? "Modifier la ressource" : "Nouvelle ressource"}</h1>
      {problems.length ? (
        <div className="error-summary" role="alert" aria-labelledby="erreurs-titre" tabIndex={-1} id="erreurs">
          <h2 id="erreurs-titre">{problems.length === 1 ? "Une erreur empêche l’enregistrement" : `${problems.length} erreurs empêchent l’enregistrement`}</h2>
          <ul>
            {problems.map((p) => (
              <li key={`${p.path}-${p.message}`}>
                <a href={`#${fieldId(p.path)}`}>
                  {labelOf(p.path)} : {p.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {result?.notice ? (
        <p className="success" role="status">
          {result.notice}
        </p>
      ) : null}

      <Form method="post" encType="multipart/form-data" noValidate className="form resource-form">
        {/* The default button (Enter in a field) saves; the visible ones come later. */}
        <button type="submit" name="intent" value="save" className="visually-hidden" tabIndex={-1} aria-hidden="true">
          Enregistrer
        </button>
        <div className="field-row">
          <Field name="type" label="Type" error={e.type}>
            <select id={fieldId("type")} name="type" defaultValue={v.type} aria-invalid={e.type ? true : undefined} aria-describedby={describedBy("type", e.type)}>
              {Object.entries(RESOURCE_TYPE_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </Field>
          <Field name="attachment" label="Rattachement" error={e.attachment}>
            <select id={fieldId("attachment")} name="attachment" defaultValue={v.attachment ?? ""} aria-invalid={e.attachment ? true : undefined} aria-describedby={describedBy("attachment", e.attachment)}>
              {groups.map((g) => (
                <optgroup key={g} label={g}>
                  {attachments
                    .filter((a) => a.group === g)
                    .map((a) => (
                      <option key={a.value} value={a.value}>
                        {a.label}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </Field>
        </div>
        <Input name="title" label="Titre (obligatoire)" v={v} e={e} />
        <Area name="description" label="Description" v={v} e={e} rows={3} />
        <div className="field-row">
          <Area name="authors" label="Auteurs" v={v} e={e} rows={3} hint="Une personne ou une structure par ligne (« Breton, É. », « ORS-CREAI Normandie »)." />
          <div>
            <Input name="year" label="Année" v={v} e={e} inputMode="numeric" />
            <Input name="territory" label="Territoire" v={v} e={e} />
          </div>
        </div>
        <Input name="themes" label="Thèmes" v={v} e={e} hint="Séparés par des virgules (santé mentale, jeunes…)." />

        <fieldset className="fieldset-box">
          <legend>Accès</legend>
          <div className={`field${e.visibility ? " has-error" : ""}`} role="radiogroup" aria-labelledby="visibilite-titre">
            <p id="visibilite-titre" className="label">
              Qui peut voir cette ressource ?
            </p>
            <div className="check">
              <input type="radio" id="champ-visibility-public" name="visibility" value="public" defaultChecked={v.visibility !== "registrants"} />
              <label htmlFor="champ-visibility-public">Tout le monde (bibliothèque et pages de la série)</label>
            </div>
            <div className="check">
              <input type="radio" id="champ-visibility-registrants" name="visibility" value="registrants" defaultChecked={v.visibility === "registrants"} />
              <label htmlFor="champ-visibility-registrants">Les personnes inscrites à la série seulement (dans leur espace personnel)</label>
            </div>
          </div>
          <Input name="url" label="Adresse web" v={v} e={e} type="url" hint="Une page, un document en ligne, une vidéo YouTube ou Vimeo (affichée seulement à la demande du visiteur)." />
          <Field
            name="file"
            label="Fichier"
            error={e.file}
            hint={
              <>
                {ACCEPTED_TYPES_TEXT}. {maxLabel} au plus. Le type est vérifié d’après le contenu du fichier.
              </>
            }
          >
            <input type="file" id={fieldId("file")} name="file" accept={ACCEPTED_MIME.join(",")} aria-invalid={e.file ? true : undefined} aria-describedby={describedBy("file", e.file, true)} />
          </Field>
          {pending ? (
            <p className="notice">
              <input type="hidden" name="pendingUpload" value={pending.pending} />
              <input type="hidden" name="pendingName" value={pending.name} />
              Fichier reçu : « {pending.name} » ({pending.label}). Il sera joint à l’enregistrement, sauf si vous en choisissez un autre.
            </p>
          ) : null}
          {file ? (
            <div className="check">
              <input type="checkbox" id={fieldId("removeFile")} name="removeFile" value="oui" defaultChecked={v.removeFile === "oui"} />
              <label htmlFor={fieldId("removeFile")}>
                Retirer le fichier actuel « {file.name} » ({file.label})
              </label>
              <a href={`${base}/${resource!.id}/fichier`} className="choice-info">
                Télécharger le fichier actuel
              </a>
            </div>
          ) : null}
        </fieldset>

        <fieldset className="fieldset-box">
          <legend>Enregistrement ou vidéo</legend>
          <Input name="duration" label="Durée" v={v} e={e} hint="Au format HH:mm:ss, par exemple 02:25:00." inputMode="numeric" />
          <fieldset className={`field${e.chapters ? " has-error" : ""}`} aria-describedby={e.chapters ? "erreur-chapters" : "aide-chapters"}>
            <legend id={fieldId("chapters")} tabIndex={-1}>
              Chapitres
            </legend>
            <p className="hint" id="aide-chapters">
              Un chapitre par ligne : le moment dans l’enregistrement (HH:mm:ss), son titre et, s’il y a lieu, le point du programme qu’il couvre (sans titre saisi, le chapitre prend celui du point).
            </p>
            <FieldError name="chapters" error={e.chapters} />
            <TableScroll label="Chapitres de l’enregistrement">
              <table className="data chapter-rows">
                <caption className="visually-hidden">Chapitres de l’enregistrement</caption>
                <thead>
                  <tr>
                    <th scope="col">Moment</th>
                    <th scope="col">Titre</th>
                    <th scope="col">Point du programme</th>
                  </tr>
                </thead>
                <tbody>
                  {Array.from({ length: chapterCount }, (_, i) => (
                    <tr key={i}>
                      {(["at", "title"] as const).map((k) => {
                        const name = `chapter.${i}.${k}`;
                        return (
                          <td key={k} className={e[name] ? "has-error" : undefined}>
                            <FieldError name={name} error={e[name]} />
                            <input
                              id={fieldId(name)}
                              name={name}
                              defaultValue={v[name] ?? ""}
                              aria-label={`Chapitre ${i + 1} : ${k === "at" ? "moment (HH:mm:ss)" : "titre"}`}
                              aria-invalid={e[name] ? true : undefined}
                              aria-describedby={describedBy(name, e[name])}
                              size={k === "at" ? 9 : 40}
                              inputMode={k === "at" ? "numeric" : undefined}
                            />
                          </td>
                        );
                      })}
                      <td className={e[`chapter.${i}.item`] ? "has-error" : undefined}>
                        <FieldError name={`chapter.${i}.item`} error={e[`chapter.${i}.item`]} />
                        <select
                          id={fieldId(`chapter.${i}.item`)}
                          name={`chapter.${i}.item`}
                          defaultValue={v[`chapter.${i}.item`] ?? ""}
                          aria-label={`Chapitre ${i + 1} : point du programme`}
                          aria-invalid={e[`chapter.${i}.item`] ? true : undefined}
                          aria-describedby={describedBy(`chapter.${i}.item`, e[`chapter.${i}.item`])}
                          onChange={(event) => prefillChapterTitle(i, event.currentTarget)}
                        >
                          <option value="">—</option>
                          {sessions.map((s) => (
                            <optgroup key={s.number} label={`RDV #${s.number} — ${s.title}`}>
                              {s.points.map((p) => (
                                <option key={p.path} value={`${s.number}:${p.path}`} data-title={p.title}>
                                  {p.path}. {p.title}
                                </option>
                              ))}
                            </optgroup>
                          ))}
                        </select>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <button type="submit" name="intent" value="suggest" className="button-secondary" formNoValidate>
              Proposer les chapitres d’après le programme de la rencontre
            </button>
          </fieldset>
          <Area name="summary" label="Résumé" v={v} e={e} rows={5} hint="Pour les personnes qui ne peuvent pas regarder ou écouter : l’essentiel des interventions." />
          <Area name="transcript" label="Transcription" v={v} e={e} rows={8} hint="Le texte intégral, paragraphes séparés par une ligne vide." />
        </fieldset>

        <fieldset className="fieldset-box">
          <legend id={fieldId("references")} tabIndex={-1}>
            Références (bibliographie)
          </legend>
          <p className="hint">Une référence par bloc ; les blocs laissés vides sont ignorés. Enregistrez pour obtenir d’autres blocs vides.</p>
          <FieldError name="references" error={e.references} />
          {Array.from({ length: referenceCount }, (_, i) => (
            <fieldset key={i} className="fieldset-box reference-box">
              <legend>Référence {i + 1}</legend>
              <div className="field-row">
                <Field name={`ref.${i}.kind`} label="Nature" error={e[`ref.${i}.kind`]} hint="Elle décide des champs permis (un article n’a pas d’ISBN) et du type dans les exports RIS et BibTeX.">
                  <select
                    id={fieldId(`ref.${i}.kind`)}
                    name={`ref.${i}.kind`}
                    defaultValue={v[`ref.${i}.kind`] ?? ""}
                    aria-invalid={e[`ref.${i}.kind`] ? true : undefined}
                    aria-describedby={describedBy(`ref.${i}.kind`, e[`ref.${i}.kind`], true)}
                  >
                    <option value="">Déduite des champs</option>
                    {Object.entries(REFERENCE_KIND_LABELS).map(([value, label]) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                  </select>
                </Field>
                <Input name={`ref.${i}.year`} label="Année" v={v} e={e} inputMode="numeric" />
              </div>
              <div className="field-row">
                <Area name={`ref.${i}.authors`} label="Auteurs" v={v} e={e} rows={2} hint="Un par ligne : « Nom, Initiales » ou le nom d’une structure." />
                <Area name={`ref.${i}.editors`} label="Direction de l’ouvrage (dir.)" v={v} e={e} rows={2} hint="Chapitre ou ouvrage collectif : une personne par ligne, comme les auteurs." />
              </div>
              <Input name={`ref.${i}.title`} label="Titre" v={v} e={e} />
              <div className="field-row">
                <Input name={`ref.${i}.container`} label="Revue, site web ou collection" v={v} e={e} hint="La revue d’un article, le site d’une page web, la collection d’un livre, d’un chapitre ou d’un rapport." />
                <Input name={`ref.${i}.bookTitle`} label="Titre de l’ouvrage" v={v} e={e} hint="Pour un chapitre : le livre qui le contient." />
              </div>
              <div className="field-row">
                <Input name={`ref.${i}.volume`} label="Volume" v={v} e={e} size={6} />
                <Input name={`ref.${i}.issue`} label="Numéro" v={v} e={e} size={6} hint="D’une revue, ou d’un rapport." />
                <Input name={`ref.${i}.pages`} label="Pages" v={v} e={e} size={10} hint="« 593-602 » ; pour un livre, son nombre de pages." />
              </div>
              <div className="field-row">
                <Input name={`ref.${i}.publisher`} label="Éditeur ou institution" v={v} e={e} />
                <Input name={`ref.${i}.place`} label="Lieu d’édition" v={v} e={e} />
              </div>
              <div className="field-row">
                <Input name={`ref.${i}.isbn`} label="ISBN" v={v} e={e} hint="Livre ou chapitre, 10 ou 13 chiffres." />
                <Input name={`ref.${i}.doi`} label="DOI" v={v} e={e} hint="« 10.1016/… » (l’adresse https://doi.org/… est acceptée)." />
              </div>
              <div className="field-row">
                <Input name={`ref.${i}.url`} label="Adresse web" v={v} e={e} type="url" />
                <Input name={`ref.${i}.note`} label="Note" v={v} e={e} />
              </div>
            </fieldset>
          ))}
        </fieldset>

        <div className="check">
          <input type="checkbox" id={fieldId("published")} name="published" value="oui" defaultChecked={v.published === "oui"} />
          <label htmlFor={fieldId("published")}>Publiée (visible selon l’accès choisi ; pour l’enregistrement d’une rencontre, prévient ses personnes inscrites)</label>
        </div>
        <p>
          <button type="submit" name="intent" value="save" className="button">
            Enregistrer la ressource
          </button>
        </p>
      </Form>

      {resource ? (
        <Form method="post" className="danger">
          <h2>Supprimer la ressource</h2>
          <input type="hidden" name="intent" value="delete" />
          <div className={`field check${e.confirm ? " has-error" : ""}`}>
            <FieldError name="confirm" error={e.confirm} />
            <input type="checkbox" id={fieldId("confirm")} name="confirm" value="oui" aria-describedby={describedBy("confirm", e.confirm)} />
            <label htmlFor={fieldId("confirm")}>Je confirme vouloir supprimer « {resource.title} » et son fichier</label>
          </div>
          <button type="submit" className="button-danger">
            Supprimer
          </button>
        </Form>
      ) : null}
    </>
  );
}
