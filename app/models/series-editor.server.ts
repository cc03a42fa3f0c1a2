// The back-office edits a series through its interchange file: load it (export), change one part,
// save it (import). So every rule of the file applies to the browser too — validation with JSON
// paths, sessions keyed by number, and the same effects of a change of time, codes or status
// (rectificatifs, cancellations) as an import (app/models/access-codes.server.ts).
import { eq } from "drizzle-orm";
import { DateTime } from "luxon";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import { audit } from "./audit.server";
import type { Organiser } from "./organisers.server";
import { exportSeries } from "./series-export.server";
import type { FormatProblem, SeriesFileInput } from "./series-format.server";
import { importSeries } from "./series-import.server";

export type SeriesDoc = SeriesFileInput & {
  organisations: NonNullable<SeriesFileInput["organisations"]>;
  people: NonNullable<SeriesFileInput["people"]>;
  sessions: NonNullable<SeriesFileInput["sessions"]>;
};

export function loadDoc(db: AppDatabase, slug: string): SeriesDoc | null {
  const file = exportSeries(db, slug);
  if (!file) return null;
  return { ...file, organisations: file.organisations ?? [], people: file.people ?? [], sessions: file.sessions ?? [] } as SeriesDoc;
}

export type SaveResult = { ok: true; slug: string } | { ok: false; problems: FormatProblem[] };

export function saveDoc(db: AppDatabase, by: Organiser, doc: SeriesFileInput, nowIso: string, action: string, detail: Record<string, unknown> = {}): SaveResult {
  const result = importSeries(db, doc, { nowIso });
  if (!result.ok) return result;
  audit(db, by.id, action, "series", result.slug, { ...detail, changes: result.changes.filter((c) => !c.kinds.includes("created")) });
  return { ok: true, slug: result.slug };
}

/** Problems under `prefix` ("sessions[2]") keyed by the rest of their path ("start", "access.joinUrl"). */
export function problemsUnder(problems: FormatProblem[], prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problems) {
    if (prefix && p.path !== prefix && !p.path.startsWith(`${prefix}.`) && !p.path.startsWith(`${prefix}[`)) continue;
    const key = prefix ? p.path.slice(prefix.length).replace(/^\./, "") || "_" : p.path;
    out[key] ??= p.message;
  }
  return out;
}

/** "Atelier Santé Ville d'Elbeuf" → "atelier-sante-ville-d-elbeuf" */
export function slugify(text: string): string {
  return (
    text
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "element"
  );
}

export function uniqueKey(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  let key = slugify(base);
  for (let i = 2; used.has(key); i++) key = `${slugify(base)}-${i}`;
  return key;
}

/** Keys already used in the whole directory (organisations or people are shared by all series). */
export function directoryKeys(db: AppDatabase, kind: "organisations" | "people"): string[] {
  const table = kind === "organisations" ? t.organisations : t.people;
  return db.select({ key: table.key }).from(table).all().map((r) => r.key);
}

/** A new draft series (the minimum the format requires). */
export function createSeries(db: AppDatabase, by: Organiser, input: { title: string; territory: string; slug: string }, nowIso: string): SaveResult {
  const slug = input.slug.trim() || slugify(input.title);
  if (db.select({ id: t.series.id }).from(t.series).where(eq(t.series.slug, slug)).get()) {
    return { ok: false, problems: [{ path: "slug", message: `l'adresse « ${slug} » est déjà utilisée par une autre série` }] };
  }
  return saveDoc(db, by, { format: "rendez-vous.series/1", slug, title: input.title, territory: input.territory || undefined, timezone: "Europe/Paris", status: "draft", sessions: [] }, nowIso, "create");
}

/**
 * Duplicates a series for another territory: everything but registrations, with every date shifted
 * by N weeks (calendar weeks in the series' zone, so 09:30 stays 09:30 across summer time), as a draft.
 */
export function duplicateSeries(
  db: AppDatabase,
  by: Organiser,
  slug: string,
  input: { slug: string; title: string; territory: string; weeks: number },
  nowIso: string,
): SaveResult {
  const doc = loadDoc(db, slug);
  if (!doc) return { ok: false, problems: [{ path: "slug", message: "série introuvable" }] };
  if (db.select({ id: t.series.id }).from(t.series).where(eq(t.series.slug, input.slug)).get()) {
    return { ok: false, problems: [{ path: "slug", message: `l'adresse « ${input.slug} » est déjà utilisée par une autre série` }] };
  }
  const shift = (local: string | undefined | null) =>
    local ? DateTime.fromISO(local, { zone: doc.timezone }).plus({ weeks: input.weeks }).toFormat("yyyy-MM-dd'T'HH:mm") : local;
  const copy: SeriesFileInput = {
    ...doc,
    slug: input.slug,
    title: input.title,
    territory: input.territory || doc.territory,
    status: "draft",
    registration: doc.registration ? { ...doc.registration, opensAt: shift(doc.registration.opensAt) ?? undefined, closesAt: shift(doc.registration.closesAt) ?? undefined } : undefined,
    sessions: doc.sessions.map((s) => ({ ...s, start: shift(s.start)!, end: shift(s.end)!, access: null, status: s.status === "cancelled" ? "published" : s.status })),
    resources: [],
  };
  const r = saveDoc(db, by, copy, nowIso, "duplicate", { from: slug, weeks: input.weeks });
  return r;
}
