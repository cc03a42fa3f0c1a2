// What a cached public page depends on, and the current versions of it (ADR 020). The server's page
// cache (server.mjs) stores, with each entry, the version string of the page's scopes when it started
// rendering, and serves the entry only while that string is unchanged. The versions live in the
// `cache_versions` table, bumped by SQLite triggers (custom migration "page_cache_triggers") on the
// rows each scope shows, whatever process writes them; the outbox, the scheduler's writes and
// registrations that do not change the seats a page shows bump nothing.
import { getDb } from "~/utils/db.server";
import { scopesVersion } from "./page-memo.server";

/** The scopes a public URL shows: a series' pages and calendars, or the catalogue for everything else. */
export function pageScopes(pathname: string): [string, string] {
  return seriesScopes(seriesSlugOf(pathname));
}

/** A series' scopes: its own and the directory's (speakers, organisations); the catalogue's for null. */
export function seriesScopes(slug: string | null): [string, string] {
  return slug === null ? ["catalogue", "catalogue"] : [`series:${slug}`, "directory"];
}

function seriesSlugOf(pathname: string): string | null {
  const m = /^\/series\/([^/]+)(?:\/|$)/.exec(pathname);
  if (!m) return null;
  let slug = m[1].replace(/\.data$/, ""); // Remix's data request for the series page: /series/<slug>.data
  try {
    slug = decodeURIComponent(slug);
  } catch {
    // a malformed escape: the page is a 404, never cached; any scope will do
  }
  return slug;
}

/** One indexed read: the versions of the page's two scopes, as a string ("5:12"; 0 for a scope never bumped). */
export function pageVersion(pathname: string): string {
  return scopesVersion(getDb(), pageScopes(pathname));
}
