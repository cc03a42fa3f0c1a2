// What a cached public page depends on, and the current versions of it (ADR 020). The server's page
// cache (server.mjs) stores, with each entry, the version string of the page's scopes when it started
// rendering, and serves the entry only while that string is unchanged. The versions live in the
// `cache_versions` table, bumped by SQLite triggers (custom migration "page_cache_triggers") on the
// rows each scope shows, whatever process writes them; the outbox, the scheduler's writes and
// registrations that do not change the seats a page shows bump nothing.
import type { Statement } from "better-sqlite3";
import { getDb } from "~/utils/db.server";

/** The scopes a public URL shows: a series' pages and calendars, or the catalogue for everything else. */
export function pageScopes(pathname: string): [string, string] {
  const m = /^\/series\/([^/]+)(?:\/|$)/.exec(pathname);
  if (!m) return ["catalogue", "catalogue"];
  let slug = m[1].replace(/\.data$/, ""); // Remix's data request for the series page: /series/<slug>.data
  try {
    slug = decodeURIComponent(slug);
  } catch {
    // a malformed escape: the page is a 404, never cached; any scope will do
  }
  // Series pages show the directory (speakers, organisations) besides their own rows.
  return [`series:${slug}`, "directory"];
}

let statement: Statement<[string, string]> | undefined;
let statementDb: unknown;

/** One indexed read: the versions of the page's two scopes, as a string ("5:12"; 0 for a scope never bumped). */
export function pageVersion(pathname: string): string {
  const db = getDb();
  if (statementDb !== db) {
    statement = db.$client.prepare(
      "select coalesce((select version from cache_versions where scope = ?), 0) || ':' || coalesce((select version from cache_versions where scope = ?), 0) as v",
    );
    statementDb = db;
  }
  const [a, b] = pageScopes(pathname);
  return (statement!.get(a, b) as { v: string }).v;
}
