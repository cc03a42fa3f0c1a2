// The resource editor's form, both ways: a stored resource as the form's values (`chapter.<n>.<field>`,
// `ref.<n>.<field>`, one name per line, themes separated by commas), the submitted values read back
// into the series file's shape and checked with its rules (each problem on the field it belongs to),
// the chapters proposed from the programme put into the values, and what the form says of the file
// (the current one, an upload accepted with an earlier submission).
import type { AppDatabase } from "~/utils/db.server";
import { formatBytes, kindByMime } from "~/utils/file-types";
import type { ResourceFile } from "../series-file/resource-format.server";
import { resourceAsFile, suggestedChapters, type AdminResource } from "./admin-resources.server";
import { sessionPoints } from "./programme-points.server";
import { checkResource } from "./resource-saving.server";
import type { Upload } from "./uploads.server";

export type Values = Record<string, string>;
export type Problem = { path: string; message: string };
export type FileInfo = { name: string; label: string } | null;
export type PendingInfo = { pending: string; name: string; label: string } | null;

/** A reference's one-line fields in the form (`ref.<n>.<field>`); authors and editors are one name per line. */
const REF_TEXT_FIELDS = ["title", "container", "bookTitle", "volume", "issue", "pages", "publisher", "place", "isbn", "doi", "url", "note"] as const;
const REF_LIST_FIELDS = ["authors", "editors"] as const;

/** The form's values for a stored resource (or a new one). */
export function formValues(resource: AdminResource | null, type: string): Values {
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

/** The resource's current file, as the form names it. */
export function currentFile(resource: AdminResource | null): FileInfo {
  if (!resource?.fileStoredName || !resource.fileName) return null;
  return { name: resource.fileName, label: `${kindByMime(resource.fileType)?.label ?? resource.fileType}, ${formatBytes(resource.fileSize ?? 0)}` };
}

/** An upload accepted with this submission or an earlier one, kept in the form's hidden fields. */
export const pendingOf = (u: Upload | null): PendingInfo =>
  u?.ok ? { pending: u.pending, name: u.originalName, label: `${u.kind.label}, ${formatBytes(u.size)}` } : null;

/** The programme points the chapters' select offers, per session. */
export function chapterPoints(db: AppDatabase, seriesId: number) {
  return sessionPoints(db, seriesId).map((s) => ({ number: s.number, title: s.title, points: s.points.map((p) => ({ path: p.path, title: p.title })) }));
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

/**
 * The submitted values read and checked: the resource in the file's shape, or the problems, each on
 * its form field (a chapter's programme point outside the attached session, a refused upload, then
 * the file format's checks). A refused upload counts as a file: no second message asking for one.
 */
export function checkForm(
  db: AppDatabase,
  seriesId: number,
  values: Values,
  file: { hasFile: boolean; uploadError: string | null },
): { ok: true; value: ResourceFile } | { ok: false; problems: Problem[] } {
  const { resource, chapterRows, referenceRows, chapterProblems } = readForm(values);
  const problems: Problem[] = [...chapterProblems];
  if (file.uploadError !== null) problems.push({ path: "file", message: file.uploadError });
  const checked = checkResource(db, seriesId, resource, file.hasFile);
  if (!checked.ok) problems.push(...checked.problems.map((p) => ({ path: fieldOf(p.path, chapterRows, referenceRows), message: p.message })));
  return problems.length || !checked.ok ? { ok: false, problems } : { ok: true, value: checked.value };
}

/** The values with the chapters proposed from the attached session's timed programme in place of the typed ones; null when there are none. */
export function withSuggestedChapters(db: AppDatabase, seriesId: number, values: Values): Values | null {
  const session = Number((values.attachment ?? "").split(":")[1]);
  const suggested = Number.isInteger(session) && session > 0 ? suggestedChapters(db, seriesId, session) : [];
  if (!suggested.length) return null;
  const out: Values = Object.fromEntries(Object.entries(values).filter(([k]) => !k.startsWith("chapter.")));
  suggested.forEach((c, i) => {
    out[`chapter.${i}.at`] = c.at;
    out[`chapter.${i}.title`] = c.title;
    out[`chapter.${i}.item`] = `${session}:${c.item}`;
  });
  return out;
}
