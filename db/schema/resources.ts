// Resources of a series (recordings, slides, bibliographies…). Stored from the interchange file now;
// the library issue builds uploads and search on top.
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { series } from "./series";
import { sessions } from "./sessions";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))`;

export const RESOURCE_TYPES = [
  "recording",
  "slides",
  "bibliography",
  "statistical-note",
  "data-sheet",
  "video",
  "document",
  "link",
] as const;
export const VISIBILITIES = ["public", "registrants"] as const;

export type Reference = {
  authors?: string[];
  year?: number;
  title: string;
  container?: string;
  publisher?: string;
  url?: string;
  note?: string;
};
export type Chapter = { at: string; title: string };

export const resources = sqliteTable(
  "resources",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    seriesId: integer("series_id").notNull().references(() => series.id, { onDelete: "cascade" }),
    sessionId: integer("session_id").references(() => sessions.id, { onDelete: "set null" }),
    position: integer("position").notNull(),
    type: text("type", { enum: RESOURCE_TYPES }).notNull(),
    title: text("title").notNull(),
    description: text("description"),
    authors: text("authors", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    year: integer("year"),
    url: text("url"),
    visibility: text("visibility", { enum: VISIBILITIES }).notNull().default("public"),
    references: text("references", { mode: "json" }).$type<Reference[]>().notNull().default(sql`'[]'`),
    chapters: text("chapters", { mode: "json" }).$type<Chapter[]>().notNull().default(sql`'[]'`),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [index("resources_series_idx").on(t.seriesId, t.position), index("resources_session_idx").on(t.sessionId)],
);
