import type { HeadersFunction } from "@remix-run/node";

/**
 * Public pages the same for every visitor: browsers revalidate (max-age=0), the server's shared
 * cache (server.mjs) may keep them up to 60 s while the database is unchanged.
 */
export const PUBLIC_PAGE_CACHE = "public, max-age=0, s-maxage=60";

export const publicPageHeaders: HeadersFunction = ({ errorHeaders }) =>
  errorHeaders ? { "Cache-Control": "no-store" } : { "Cache-Control": PUBLIC_PAGE_CACHE };
