// Route matching kept per path (issue #14, item 5). To answer one page, Remix matches its URL against
// the whole route table several times (the server's request handler, then the React render): each time
// @remix-run/router's matchRoutes flattens the ~80 routes, ranks them and compiles a RegExp for each
// branch it tries — about a sixth of an uncached render. installRouteMatchMemo() wraps the matchRoutes
// that the server runtime and react-router call (through the package's exports, at call time): the
// first match of a path is kept as route ids, params and pathnames, and later matches of the same path
// are rebuilt on the caller's own route objects (the React render builds new ones for each request).
// A path that carries a secret (a personal link, a sign-in link: a segment the log redacts) is kept
// under its redacted form, the secret replaced by a marker in what is kept and put back in each answer:
// no secret is ever kept. At most MAX_PATHS paths are kept, the least recently used dropped first.
// The router's internal match (its static handler's query) is reached by a patch instead
// (patches/, ADR 024).
import { createRequire } from "node:module";
import { redactPath } from "~/utils/log.server";

type Route = { id?: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: Route[] };
type Match = { params: Record<string, string | undefined>; pathname: string; pathnameBase: string; route: Route };
type MatchRoutes = (routes: Route[], location: string | { pathname?: string }, basename?: string) => Match[] | null;
type Kept = { routeId: string; params: Match["params"]; pathname: string; pathnameBase: string }[] | null;
type Table = { shape: number; byId: Map<string, Route> };

export const MAX_PATHS = 2000;

const tables = new WeakMap<Route[], Table>();
/** Each distinct route table's shape, numbered (the React render's fresh route objects share their shape). */
const shapes = new Map<string, number>();
const kept = new Map<string, Kept>();

/** The routes' shape (ids, paths, nesting: what matching reads) and each route by id, once per route array. */
function tableOf(routes: Route[]): Table | null {
  let table = tables.get(routes);
  if (table) return table;
  const byId = new Map<string, Route>();
  const parts: string[] = [];
  let complete = true;
  const walk = (list: Route[]) => {
    parts.push("[");
    for (const r of list) {
      if (r.id === undefined || byId.has(r.id)) complete = false;
      else byId.set(r.id, r);
      parts.push(`${r.id}|${r.path ?? ""}|${r.index ? 1 : 0}|${r.caseSensitive ? 1 : 0}`);
      if (r.children?.length) walk(r.children);
    }
    parts.push("]");
  };
  walk(routes);
  // Without a unique id on every route a match cannot be rebuilt: such tables are never memoised.
  if (!complete) return null;
  const shape = parts.join(",");
  if (!shapes.has(shape)) shapes.set(shape, shapes.size);
  table = { shape: shapes.get(shape)!, byId };
  tables.set(routes, table);
  return table;
}

/**
 * A path as kept: itself, or for a path carrying secrets (whole segments the log redacts, e.g.
 * /moi/<token>/…) its redacted form, with each secret's index to put back (null: not memoisable).
 */
function keyOf(pathname: string): { key: string; secrets: string[] } | null {
  const redacted = redactPath(pathname);
  if (redacted === pathname) return { key: pathname, secrets: [] };
  const a = pathname.split("/");
  const b = redacted.split("/");
  if (a.length !== b.length || a.some((seg, i) => seg !== b[i] && b[i] !== "…")) return null;
  const secrets = a.filter((seg, i) => seg !== b[i]);
  // Only tokens (what personal and sign-in links carry), each once in the path: a segment that decoding
  // would change could not be found again in the params (and would be kept), a short one could also be
  // part of another segment.
  const plain = secrets.every((seg) => /^[A-Za-z0-9_-]{20,}$/.test(seg) && pathname.split(seg).length === 2);
  return plain ? { key: redacted, secrets } : null;
}

const marker = (i: number) => `\u0000${i}\u0000`;
const hide = (text: string, secrets: string[]) => secrets.reduce((t, secret, i) => t.split(secret).join(marker(i)), text);
const reveal = (text: string, secrets: string[]) => secrets.reduce((t, secret, i) => t.split(marker(i)).join(secret), text);
const mapParams = (params: Match["params"], f: (v: string) => string) =>
  Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v === undefined ? v : f(v)]));

/** `match` with its answers kept per path: same result, same route objects as the caller's; no secret kept. */
export function memoiseMatchRoutes(match: MatchRoutes): MatchRoutes {
  return (routes, location, basename) => {
    const pathname = typeof location === "string" ? location.split(/[?#]/)[0] : (location.pathname ?? "/");
    const table = Array.isArray(routes) ? tableOf(routes) : null;
    const path = table && keyOf(pathname);
    if (!table || !path) return match(routes, location, basename);
    const { secrets } = path;
    const key = `${table.shape}\n${basename ?? "/"}\n${path.key}`;
    let found = kept.get(key);
    if (found === undefined) {
      const matches = match(routes, location, basename);
      found =
        matches &&
        matches.map((m) => ({
          routeId: m.route.id!,
          params: mapParams(m.params, (v) => hide(v, secrets)),
          pathname: hide(m.pathname, secrets),
          pathnameBase: hide(m.pathnameBase, secrets),
        }));
      if (kept.size >= MAX_PATHS) kept.delete(kept.keys().next().value!);
    } else kept.delete(key); // re-inserted below: most recently used last
    kept.set(key, found);
    return (
      found &&
      found.map((m) => ({
        params: mapParams(m.params, (v) => reveal(v, secrets)),
        pathname: reveal(m.pathname, secrets),
        pathnameBase: reveal(m.pathnameBase, secrets),
        route: table.byId.get(m.routeId)!,
      }))
    );
  };
}

/** What is kept (for tests): each path's key and its matches' params and pathnames. */
export function keptMatches(): [string, Kept][] {
  return [...kept.entries()];
}

let installed = false;

/** Replaces @remix-run/router's exported matchRoutes by its memoised form (once per process). */
export function installRouteMatchMemo(): void {
  if (installed) return;
  installed = true;
  const router = createRequire(import.meta.url)("@remix-run/router") as { matchRoutes: MatchRoutes };
  router.matchRoutes = memoiseMatchRoutes(router.matchRoutes);
}
