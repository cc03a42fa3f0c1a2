// A stored resource (a row of `resources`) and the series file's shape of it, both ways: the row's
// values from the file's shape (rowValues: the import and the back-office form write through it) and
// the file's fields from the row (fileFields: the form's values and the export read through it); and
// one resource of a series as the organisers' pages read it, published or not.
import { and, eq } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase, Tx } from "~/utils/db.server";
import { secondsToHms } from "~/utils/media";
import { hmsToSeconds, type ResourceFile } from "../series-file/resource-format.server";

export type Db = AppDatabase | Tx;
export type ResourceRow = typeof t.resources.$inferSelect;

function stripNullish<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;
}

/** The row values of a resource in the file's shape, attached to its session and programme point (ids). */
export function rowValues(r: ResourceFile, sessionId: number | null, programmeItemId: number | null) {
  return {
    sessionId,
    programmeItemId,
    type: r.type,
    title: r.title,
    description: r.description ?? null,
    authors: r.authors,
    year: r.year ?? null,
    url: r.url ?? null,
    visibility: r.visibility,
    // Empty lists are dropped too: a reference stores (and exports) only the fields it has.
    references: r.references.map((ref) =>
      Object.fromEntries(Object.entries(ref).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && !v.length))),
    ) as t.Reference[],
    chapters: r.chapters.map((c) => stripNullish(c)) as t.Chapter[],
    themes: r.themes,
    territory: r.territory ?? null,
    durationSeconds: r.duration ? hmsToSeconds(r.duration) : null,
    summary: r.summary ?? null,
    transcript: r.transcript ?? null,
    published: r.published,
  };
}

/**
 * A stored resource's fields in the file's shape and order (without key), given its session's number
 * and its programme point's path. References and chapters as stored.
 */
export function fileFields(r: ResourceRow, session: number | null | undefined, item: string | null | undefined) {
  return {
    type: r.type,
    title: r.title,
    description: r.description,
    session,
    item,
    authors: r.authors,
    year: r.year,
    themes: r.themes,
    territory: r.territory,
    url: r.url,
    visibility: r.visibility,
    published: r.published,
    duration: r.durationSeconds ? secondsToHms(r.durationSeconds) : null,
    summary: r.summary,
    transcript: r.transcript,
    references: r.references,
    chapters: r.chapters,
  };
}

/** One resource of a series, published or not, whatever its visibility (organisers), or null. */
export function seriesResource(db: Db, seriesId: number, id: number): ResourceRow | null {
  return (
    db
      .select()
      .from(t.resources)
      .where(and(eq(t.resources.id, id), eq(t.resources.seriesId, seriesId)))
      .get() ?? null
  );
}
