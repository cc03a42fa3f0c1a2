// The back-office edits a series through its interchange file: load it (export), change one part,
// save it (import). So every rule of the file applies to the browser too — validation with JSON
// paths, sessions keyed by number, and the same effects of a change of time, codes or status
// (rectificatifs, cancellations) as an import (app/access-codes/access-codes.server.ts).
import { joinAsCreator } from "~/teams/team.server";
import { eq } from "drizzle-orm";
import { DateTime } from "luxon";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import { slugOf } from "~/utils/slugs";
import { audit } from "../accounts/audit.server";
import type { Account } from "../accounts/accounts.server";
import { exportSeries } from "../series-file/series-export.server";
import type { FormatProblem, SeriesFileInput } from "../series-file/series-format.server";
import { importSeries } from "../series-file/series-import.server";

export type SeriesDoc = SeriesFileInput & {
  organisations: NonNullable<SeriesFileInput["organisations"]>;
  people: NonNullable<SeriesFileInput["people"]>;
  sessions: NonNullable<SeriesFileInput["sessions"]>;
};

/** The series as its file; `{ accessCodes: false }` leaves the codes out (saving it back then keeps them). */
export function loadDoc(db: AppDatabase, slug: string, options: { accessCodes?: boolean } = {}): SeriesDoc | null {
  const file = exportSeries(db, slug, options);
  if (!file) return null;
  return { ...file, organisations: file.organisations ?? [], people: file.people ?? [], sessions: file.sessions ?? [] } as SeriesDoc;
}

export type SaveResult = { ok: true; slug: string } | { ok: false; problems: FormatProblem[] };

export function saveDoc(db: AppDatabase, by: Account, doc: SeriesFileInput, nowIso: string, action: string, detail: Record<string, unknown> = {}): SaveResult {
  const result = importSeries(db, followProgrammeMoves(exportSeries(db, doc.slug), doc), { nowIso });
  if (!result.ok) return result;
  if (result.created) joinAsCreator(db, by, result.seriesId, nowIso);
  audit(db, by.id, action, "series", result.slug, { ...detail, changes: result.changes.filter((c) => !c.kinds.includes("created")) });
  return { ok: true, slug: result.slug };
}

type Point = { path: string; title: string };
function points(programme: { title: string; parts?: { title: string }[] | null }[] | null | undefined): Point[] {
  return (programme ?? []).flatMap((item, i) => [
    { path: String(i + 1), title: item.title },
    ...(item.parts ?? []).map((part, j) => ({ path: `${i + 1}.${j + 1}`, title: part.title })),
  ]);
}

/**
 * Resources and recording chapters name programme points by their place ("3", "3.2"). When the
 * editor moves or removes an item, they follow their point (found by its title); a point that is gone
 * leaves the resource attached to its session. An edited title in place keeps its place.
 */
export function followProgrammeMoves(before: SeriesFileInput | null, after: SeriesFileInput): SeriesFileInput {
  if (!before?.resources?.length || !after.resources?.length) return after;
  const sessionOf = (doc: SeriesFileInput, n: number) => (doc.sessions ?? []).find((s) => s.number === n);
  const follow = (session: number | null | undefined, path: string | null | undefined): string | undefined => {
    if (!path || session == null) return path ?? undefined;
    const old = points(sessionOf(before, session)?.programme);
    const now = points(sessionOf(after, session)?.programme);
    const was = old.find((p) => p.path === path);
    if (!was) return path;
    const here = now.find((p) => p.path === path);
    if (here?.title === was.title) return path;
    const same = now.filter((p) => p.title === was.title);
    if (same.length === 1) return same[0].path;
    if (here && old.length === now.length) return path;
    return undefined;
  };
  return {
    ...after,
    resources: after.resources.map((r) => ({
      ...r,
      item: follow(r.session, r.item),
      chapters: r.chapters?.map((c) => ({ ...c, item: follow(r.session, c.item) })),
    })),
  };
}

export { problemsUnder } from "~/utils/problems";

/** "Atelier Santé Ville d'Elbeuf" → "atelier-sante-ville-d-elbeuf" */
export function slugify(text: string): string {
  return slugOf(text).slice(0, 60) || "element";
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
  return db
    .select({ key: table.key })
    .from(table)
    .all()
    .map((r) => r.key);
}

/** A new draft series (the minimum the format requires). */
export function createSeries(db: AppDatabase, by: Account, input: { title: string; territory: string; slug: string }, nowIso: string): SaveResult {
  const slug = input.slug.trim() || slugify(input.title);
  if (db.select({ id: t.series.id }).from(t.series).where(eq(t.series.slug, slug)).get()) {
    return { ok: false, problems: [{ path: "slug", message: `l’adresse « ${slug} » est déjà utilisée par une autre série` }] };
  }
  return saveDoc(
    db,
    by,
    {
      format: "rendez-vous.series/1",
      slug,
      title: input.title,
      territory: input.territory || undefined,
      timezone: "Europe/Paris",
      status: "draft",
      sessions: [],
    },
    nowIso,
    "create",
  );
}

/**
 * Duplicates a series for another territory: everything but registrations, with every date shifted
 * by N weeks (calendar weeks in the series' zone, so 09:30 stays 09:30 across summer time), as a draft.
 */
export function duplicateSeries(
  db: AppDatabase,
  by: Account,
  slug: string,
  input: { slug: string; title: string; territory: string; weeks: number },
  nowIso: string,
): SaveResult {
  const doc = loadDoc(db, slug);
  if (!doc) return { ok: false, problems: [{ path: "slug", message: "série introuvable" }] };
  if (db.select({ id: t.series.id }).from(t.series).where(eq(t.series.slug, input.slug)).get()) {
    return { ok: false, problems: [{ path: "slug", message: `l’adresse « ${input.slug} » est déjà utilisée par une autre série` }] };
  }
  const shift = (local: string | undefined | null) =>
    local ? DateTime.fromISO(local, { zone: doc.timezone }).plus({ weeks: input.weeks }).toFormat("yyyy-MM-dd'T'HH:mm") : local;
  const copy: SeriesFileInput = {
    ...doc,
    slug: input.slug,
    title: input.title,
    territory: input.territory || doc.territory,
    status: "draft",
    registration: doc.registration
      ? { ...doc.registration, opensAt: shift(doc.registration.opensAt) ?? undefined, closesAt: shift(doc.registration.closesAt) ?? undefined }
      : undefined,
    sessions: doc.sessions.map((s) => ({
      ...s,
      start: shift(s.start)!,
      end: shift(s.end)!,
      access: null,
      status: s.status === "cancelled" ? "published" : s.status,
    })),
    resources: [],
  };
  const r = saveDoc(db, by, copy, nowIso, "duplicate", { from: slug, weeks: input.weeks });
  return r;
}
