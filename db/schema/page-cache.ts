// Versions of what the public pages show, for the server's page cache (server.mjs, ADR 020). One row
// per scope: "catalogue" (home, /acteurs, /ressources…), "directory" (people and organisations shown
// on series pages) and "series:<slug>" (a series' pages and calendars). SQLite triggers bump them
// (db/migrations: the custom "page_cache_triggers" migration), so every writer process is covered.
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

export const cacheVersions = sqliteTable("cache_versions", {
  scope: text("scope").primaryKey(),
  version: integer("version").notNull().default(1),
});
