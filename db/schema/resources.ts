// Resources of a series (recordings, slides, bibliographies…): from the interchange file or the
// back-office, with a stable identity (`key`, unique in the series) so that ids and uploaded files
// survive re-imports. Full-text search: the FTS5 table `resources_fts`, kept in step by triggers
// (migration 0005_resources_fts). Uploaded files live under the data folder (app/resources/uploads.server.ts).
import { index, integer, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { belongsTo, id, jsonList, position, timestamps } from "./columns";
import { programmeItems } from "./programme";
import { series } from "./series";
import { sessions } from "./sessions";

/** "minutes": a session's « compte rendu », shown with the lists of présents / excusés / absents (app/minutes/). */
export const RESOURCE_TYPES = ["recording", "slides", "bibliography", "statistical-note", "data-sheet", "video", "document", "link", "minutes"] as const;
export const VISIBILITIES = ["public", "registrants"] as const;

export const REFERENCE_KINDS = ["book", "chapter", "article", "report", "web", "other"] as const;

/**
 * One reference of a bibliography, stored as JSON (no column per field: rows written before a field
 * existed simply lack it). Which fields a kind takes: REFERENCE_FIELDS in app/utils/references.ts.
 */
export type Reference = {
  kind?: (typeof REFERENCE_KINDS)[number];
  /** "Family, Given" for a person, or an organisation's name. */
  authors?: string[];
  /** Editors (« dir. ») of the book a chapter is in, or of an edited book; same form as authors. */
  editors?: string[];
  year?: number;
  title: string;
  /**
   * An article's journal, a web page's site, a book's or report's collection (series), a chapter's
   * collection — or, in a chapter stored without `bookTitle` (before that field existed), its book.
   */
  container?: string;
  /** The book a chapter is in. */
  bookTitle?: string;
  volume?: string;
  /** An article's issue, a report's number. */
  issue?: string;
  /** "593-602", "12", "e1234"; for a book or a report without a range, its number of pages. */
  pages?: string;
  publisher?: string;
  place?: string;
  isbn?: string;
  /** Without "https://doi.org/": "10.1016/0140-6736(91)91911-D". */
  doi?: string;
  url?: string;
  note?: string;
};
/** `at` is "HH:mm:ss" into the recording; `item` the programme item it covers ("3" or "3.2", see docs/series-format.md). */
export type Chapter = { at: string; title: string; item?: string };

export const resources = sqliteTable(
  "resources",
  {
    id: id(),
    seriesId: belongsTo("series_id", () => series.id),
    /** Stable in the series: from the file's `key`, or derived from the title at creation. */
    key: text("key"),
    sessionId: integer("session_id").references(() => sessions.id, { onDelete: "set null" }),
    /** A programme item or part of that session (a talk, a round table); set again at each import (items are rewritten). */
    programmeItemId: integer("programme_item_id").references((): AnySQLiteColumn => programmeItems.id, { onDelete: "set null" }),
    position: position(),
    type: text("type", { enum: RESOURCE_TYPES }).notNull(),
    title: text("title").notNull(),
    description: text("description"),
    authors: jsonList<string>("authors"),
    year: integer("year"),
    url: text("url"),
    visibility: text("visibility", { enum: VISIBILITIES }).notNull().default("public"),
    references: jsonList<Reference>("references"),
    chapters: jsonList<Chapter>("chapters"),
    themes: jsonList<string>("themes"),
    territory: text("territory"),
    /** Recordings: length in seconds. */
    durationSeconds: integer("duration_seconds"),
    summary: text("summary"),
    transcript: text("transcript"),
    /** Unpublished resources are shown to nobody but organisers. */
    published: integer("published", { mode: "boolean" }).notNull().default(true),
    /** An uploaded file: generated name under the uploads folder, original name, detected type, bytes. */
    fileStoredName: text("file_stored_name"),
    fileName: text("file_name"),
    fileType: text("file_type"),
    fileSize: integer("file_size"),
    ...timestamps(),
  },
  (t) => [
    index("resources_series_idx").on(t.seriesId, t.position),
    index("resources_session_idx").on(t.sessionId),
    index("resources_item_idx").on(t.programmeItemId),
    uniqueIndex("resources_series_key_uq").on(t.seriesId, t.key),
  ],
);
