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
import { useActionData, useLoaderData } from "@remix-run/react";
import { Breadcrumb, seriesTrail } from "~/components/admin/Breadcrumb";
import { ProblemSummary } from "~/components/resource-editor/ProblemSummary";
import { DeleteResource, ResourceForm } from "~/components/resource-editor/ResourceForm";
import { adminResources, attachmentOptions, resourceAsFile, suggestedChapters } from "~/resources/admin-resources.server";
import { sessionPoints } from "~/resources/programme-points.server";
import { checkResource, deleteResource, saveResource } from "~/resources/resource-saving.server";
import { findSeries } from "~/series/series-lookup.server";
import { keepUpload, pendingUpload, removeStored, resourceUploadHandler, sweepPending, type Upload, type UploadState } from "~/resources/uploads.server";
import { formatBytes, kindByMime } from "~/utils/file-types";
import { requireAccount } from "~/accounts/login.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { RESOURCE_TYPE_LABELS } from "~/utils/labels";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";
import { kickScheduler } from "~/server/runtime.server";
import { echoFormValues } from "~/utils/form-echo.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.resource ? data.resource.title : "Nouvelle ressource", "Ressources", data?.series.title ?? "", "Organisateurs") },
];

type Values = Record<string, string>;
type Problem = { path: string; message: string };
type FileInfo = { name: string; label: string } | null;
type PendingInfo = { pending: string; name: string; label: string } | null;

/** A reference's one-line fields in the form (`ref.<n>.<field>`); authors and editors are one name per line. */
const REF_TEXT_FIELDS = ["title", "container", "bookTitle", "volume", "issue", "pages", "publisher", "place", "isbn", "doi", "url", "note"] as const;
const REF_LIST_FIELDS = ["authors", "editors"] as const;

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
  await requireAccount(request);
  const db = getDb();
  const series = seriesOr404(params.slug);
  const resource = findResource(series.id, params.id);
  const askedType = new URL(request.url).searchParams.get("type") ?? "document";
  const kind = kindByMime(resource?.fileType);
  return {
    series: { slug: series.slug, title: series.title },
    resource: resource ? { id: resource.id, title: resource.title, published: resource.published, visibility: resource.visibility } : null,
    file:
      resource?.fileStoredName && resource.fileName
        ? ({ name: resource.fileName, label: `${kind?.label ?? resource.fileType}, ${formatBytes(resource.fileSize ?? 0)}` } as FileInfo)
        : null,
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
  const me = await requireAccount(request);
  const db = getDb();
  const series = seriesOr404(params.slug);
  const existing = findResource(series.id, params.id);
  const state: UploadState = { upload: null };
  const multipart = (request.headers.get("content-type") ?? "").startsWith("multipart/form-data");
  const form = multipart
    ? await unstable_parseMultipartFormData(
        request,
        unstable_composeUploadHandlers(
          resourceUploadHandler(db, getEnv().UPLOAD_MAX_MB * 1024 * 1024, state),
          unstable_createMemoryUploadHandler({ maxPartSize: 2_000_000 }),
        ),
      )
    : await request.formData();
  const { file: _file, ...values }: Values = echoFormValues(form);
  const intent = values.intent ?? "save";
  const base = `/admin/series/${series.slug}/ressources`;

  if (intent === "delete") {
    if (!existing) throw new Response("Ressource introuvable", { status: 404 });
    if (values.confirm !== "oui") {
      return data<Result>(
        { problems: [{ path: "confirm", message: "Cochez la case pour confirmer la suppression." }], values: valuesOf(existing, existing.type), pending: null },
        { status: 400 },
      );
    }
    const r = deleteResource(db, me, series.id, existing.id);
    removeStored(db, [r.file]);
    throw redirect(`${base}?etat=supprimee`);
  }

  // The upload of this submission, or the one accepted with an earlier submission of the form.
  let upload: Upload | null = state.upload;
  if (!upload && values.pendingUpload) upload = pendingUpload(db, values.pendingUpload, values.pendingName ?? "");
  const pendingOf = (u: Upload | null): PendingInfo =>
    u?.ok ? { pending: u.pending, name: u.originalName, label: `${u.kind.label}, ${formatBytes(u.size)}` } : null;
  delete values.pendingUpload;
  delete values.pendingName;

  if (intent === "suggest") {
    const session = Number((values.attachment ?? "").split(":")[1]);
    const suggested = Number.isInteger(session) && session > 0 ? suggestedChapters(db, series.id, session) : [];
    if (!suggested.length) {
      return data<Result>(
        {
          problems: [{ path: "chapters", message: "Rattachez d’abord la ressource à une rencontre dont le programme est minuté." }],
          values,
          pending: pendingOf(upload),
        },
        { status: 400 },
      );
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
      notice:
        "Chapitres proposés d’après les horaires du programme (comptés depuis le début de la rencontre) : ajustez-les à l’enregistrement, puis enregistrez.",
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
    file:
      stored && upload?.ok
        ? { storedName: stored, name: cleanName(upload.originalName, upload.kind.ext), type: upload.kind.mime, size: upload.size }
        : undefined,
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
  const stem =
    name
      .replace(/[\x00-\x1f\x7f"\\/]/g, "")
      .replace(/\.[A-Za-z0-9]{1,5}$/, "")
      .trim()
      .slice(0, 120) || "fichier";
  return `${stem}.${ext}`;
}

export default function ResourceEditor() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const { series, resource, file, attachments, sessions, maxLabel } = loaded;
  const v = result?.values ?? loaded.values;
  const e: Record<string, string> = {};
  for (const p of result?.problems ?? []) e[p.path] ??= p.message;
  const base = `/admin/series/${series.slug}/ressources`;
  return (
    <>
      <Breadcrumb trail={[...seriesTrail(series), { to: base, label: "Ressources" }]} current={resource ? resource.title : "Nouvelle ressource"} />
      <h1>{resource ? "Modifier la ressource" : "Nouvelle ressource"}</h1>
      <ProblemSummary problems={result?.problems ?? []} />
      {result?.notice ? (
        <p className="success" role="status">
          {result.notice}
        </p>
      ) : null}
      <ResourceForm
        v={v}
        e={e}
        file={file}
        pending={result?.pending ?? null}
        attachments={attachments}
        sessions={sessions}
        maxLabel={maxLabel}
        base={base}
        resourceId={resource?.id ?? null}
      />
      {resource ? <DeleteResource title={resource.title} error={e.confirm} /> : null}
    </>
  );
}
