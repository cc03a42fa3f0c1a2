// The library's queries, in SQL (issue #14; docs/decisions/018-library-search.md): the visibility rule
// (visibleWhere) and the filters in the WHERE clause, the full-text index `resources_fts` driving the
// result set when there is a query (MATCH, ordered by bm25 with the title weighted most), a page by
// LIMIT/OFFSET and the size of the filtered set by count(*). The filters' choices (types, series,
// sessions, years, themes) come from grouped queries over the visible catalogue, never from its rows.
// The FTS5 expression is built from quoted words only (library.server.ts ftsQuery): user input never
// reaches MATCH as FTS syntax.
import { and, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import * as t from "../../db/schema";
import { fromUtcIso } from "~/utils/dates.server";
import type { AppDatabase } from "~/utils/db.server";
import { visibleWhere, type Audience } from "./visibility.server";
import { keptByVersion, scopesVersion } from "~/page-cache/page-memo.server";

/** The filtered set: every field optional; `match` is a safe FTS5 expression (quoted words) or null. */
export type LibraryCriteria = {
  match: string | null;
  type?: string;
  seriesSlug?: string;
  sessionId?: number;
  /** Every spelling of the chosen theme in the catalogue (folded equal); an empty list matches nothing. */
  themeSpellings?: string[];
  year?: number;
};

export type LibrarySlice = { audience: Audience; registrantsOnly?: boolean };

/** Column weights of bm25 (title, authors, description, themes, body): a word in the title counts most. */
const RANK = sql`bm25(resources_fts, 10.0, 4.0, 3.0, 5.0, 1.0)`;
const JOINS = sql`cross join resources on resources.series_id = series.id left join sessions on sessions.id = resources.session_id`;

/** Sessions whose day, in their series' zone, falls in that year (a resource without a year takes its session's). */
export function sessionIdsOfYear(db: AppDatabase, year: number): number[] {
  // A window a day wider than the year in UTC (the indexed column), then the exact local year.
  const rows = db.all<{ id: number; startsAt: string; timezone: string }>(
    sql`select sessions.id as id, sessions.starts_at as startsAt, series.timezone as timezone from sessions
        join series on series.id = sessions.series_id
        where sessions.starts_at >= ${`${year - 1}-12-31`} and sessions.starts_at < ${`${year + 1}-01-02`}`,
  );
  return rows.filter((r) => fromUtcIso(r.startsAt, r.timezone).year === year).map((r) => r.id);
}

function where(db: AppDatabase, slice: LibrarySlice, c: LibraryCriteria): SQL | undefined {
  const spellings = c.themeSpellings;
  return and(
    visibleWhere(db, slice.audience, { registrantsOnly: slice.registrantsOnly }),
    c.match === null ? undefined : sql`resources_fts match ${c.match}`,
    c.type === undefined ? undefined : eq(t.resources.type, c.type as (typeof t.RESOURCE_TYPES)[number]),
    c.seriesSlug === undefined ? undefined : eq(t.series.slug, c.seriesSlug),
    c.sessionId === undefined ? undefined : eq(t.resources.sessionId, c.sessionId),
    spellings === undefined
      ? undefined
      : spellings.length
        ? sql`exists (select 1 from json_each(resources.themes) where json_each.value in (${sql.join(
            spellings.map((s) => sql`${s}`),
            sql`, `,
          )}))`
        : sql`0`,
    c.year === undefined
      ? undefined
      : or(eq(t.resources.year, c.year), and(isNull(t.resources.year), inArray(t.resources.sessionId, [...sessionIdsOfYear(db, c.year), -1]))),
  );
}

/** FROM: the full-text index first when there is a query (it drives: resources by rowid, series and sessions by key), else the series (a small table). */
function source(c: LibraryCriteria): SQL {
  return c.match === null
    ? sql`series ${JOINS}`
    : sql`resources_fts join resources on resources.id = resources_fts.rowid join series on series.id = resources.series_id left join sessions on sessions.id = resources.session_id`;
}

/**
 * How many resources the criteria select (the whole filtered set, whatever the page): read from the
 * catalogue's counts for no filter or a single one of type, series, session, year or theme, else by SQL
 * (over the FTS matches when there is a query).
 */
export function libraryCount(db: AppDatabase, slice: LibrarySlice, c: LibraryCriteria, counted?: Catalogue): number {
  const single = [c.type, c.seriesSlug, c.sessionId, c.year].filter((x) => x !== undefined).length;
  const spellings = c.themeSpellings;
  if (counted && c.match === null && spellings?.length === 1 && single === 0) return counted.themes.find((g) => g.theme === spellings[0])?.n ?? 0;
  if (counted && c.match === null && spellings === undefined && single <= 1) {
    if (c.type !== undefined) return counted.types.find((g) => g.type === c.type)?.n ?? 0;
    if (c.seriesSlug !== undefined) return counted.series.find((g) => g.slug === c.seriesSlug)?.n ?? 0;
    if (c.sessionId !== undefined) return counted.sessions.find((g) => g.id === c.sessionId)?.n ?? 0;
    if (c.year !== undefined) return counted.years.find((g) => g.year === c.year)?.n ?? 0;
    return counted.total;
  }
  const ranked = keptSearch(db, slice, c);
  if (ranked) return ranked.length;
  return db.get<{ n: number }>(sql`select count(*) as n from ${source(c)} where ${where(db, slice, c)}`)!.n;
}

/** The ids of one page, best match first for a query, else newest series first in the series' order. */
export function libraryPageIds(db: AppDatabase, slice: LibrarySlice, c: LibraryCriteria, limit: number, offset: number): number[] {
  const ranked = keptSearch(db, slice, c);
  if (ranked) return ranked.slice(offset, limit < 0 ? undefined : offset + limit);
  return selectIds(db, slice, c, limit, offset);
}

/** Searches kept per connection (the most recent ones), for anonymous visitors, while the catalogue's version stands still. */
export const SEARCHES_KEPT = 64;

/**
 * Every match of a public search, ranked: computed once per catalogue version and kept (at most
 * SEARCHES_KEPT searches, the least recently used dropped first: keptByVersion), so that the count and
 * each page of a search read a slice of it instead of ranking every match again (ranking scores each
 * match: bm25). A personal link's searches are not kept (what a person sees depends on their
 * registrations). Null without a query.
 */
function keptSearch(db: AppDatabase, slice: LibrarySlice, c: LibraryCriteria): number[] | null {
  if (c.match === null || slice.audience.kind !== "public" || slice.registrantsOnly) return null;
  const key = JSON.stringify([c.match, c.type, c.seriesSlug, c.sessionId, c.themeSpellings, c.year]);
  return keptByVersion(db, "library-searches", ["catalogue", "catalogue"], key, SEARCHES_KEPT, () => selectIds(db, slice, c, -1, 0));
}

function selectIds(db: AppDatabase, slice: LibrarySlice, c: LibraryCriteria, limit: number, offset: number): number[] {
  const order = c.match === null ? sql`` : sql`${RANK}, `;
  return db
    .all<{ id: number }>(
      sql`select resources.id as id from ${source(c)} where ${where(db, slice, c)}
          order by ${order}series.id desc, resources.position, resources.id limit ${limit} offset ${offset}`,
    )
    .map((r) => r.id);
}

export type Highlighted = { title: string; authors: string; description: string; excerpt: string | null; rank: number };

/**
 * The matches of a page's resources, marked (\u0001 … \u0002) by FTS5's highlight() and snippet(). One
 * run of the full-text query over the page's range of rowids: `+rowid in (…)` is checked by SQLite
 * (a plain `rowid in` makes FTS5 run the query once per id), and only the page's rows are marked.
 */
export function libraryHighlights(db: AppDatabase, match: string, ids: number[]): Map<number, Highlighted> {
  if (!ids.length) return new Map();
  const rows = db.all<Highlighted & { id: number }>(
    sql`select rowid as id,
        highlight(resources_fts, 0, char(1), char(2)) as title,
        highlight(resources_fts, 1, char(1), char(2)) as authors,
        highlight(resources_fts, 2, char(1), char(2)) as description,
        snippet(resources_fts, 4, char(1), char(2), '…', 24) as excerpt,
        ${RANK} as rank
      from resources_fts where resources_fts match ${match} and rowid between ${Math.min(...ids)} and ${Math.max(...ids)}
        and +rowid in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})`,
  );
  return new Map(rows.map((r) => [r.id, { ...r, excerpt: r.excerpt && r.excerpt.includes("\u0001") ? r.excerpt : null }]));
}

/** What the visible catalogue holds, counted: its types, series, sessions and years (the filters' choices) and its size. */
export type Catalogue = {
  total: number;
  types: { type: string; n: number }[];
  series: { slug: string; title: string; n: number }[];
  sessions: { id: number; number: number; title: string; seriesSlug: string; seriesTitle: string; n: number }[];
  years: { year: number; n: number }[];
  /** Every spelling of every theme, with the number of resources that have it. */
  themes: { theme: string; n: number }[];
};

/** The visible catalogue counted by small grouped queries (one per choice list), newest series first. */
function countCatalogue(db: AppDatabase, slice: LibrarySlice): Catalogue {
  const visible = where(db, slice, { match: null });
  const grouped = <R>(select: SQL, groupBy: SQL, order: SQL = sql`null`) =>
    db.all<R>(sql`select ${select}, count(*) as n from series ${JOINS} where ${visible} group by ${groupBy} order by ${order}`);
  const types = grouped<{ type: string; n: number }>(sql`resources.type as type`, sql`resources.type`);
  const series = grouped<{ slug: string; title: string; n: number }>(sql`series.slug as slug, series.title as title`, sql`series.id`, sql`series.id desc`);
  // A resource without a year of its own takes its session's, in the series' zone.
  const sessions = grouped<{
    id: number | null;
    number: number;
    title: string;
    seriesSlug: string;
    seriesTitle: string;
    startsAt: string;
    timezone: string;
    undated: number;
    n: number;
  }>(
    sql`sessions.id as id, sessions.number as number, sessions.title as title, series.slug as seriesSlug, series.title as seriesTitle, sessions.starts_at as startsAt,
        series.timezone as timezone, sum(resources.year is null) as undated`,
    sql`sessions.id`,
    sql`series.id desc`,
  );
  const years = new Map(
    grouped<{ year: number; n: number }>(sql`resources.year as year`, sql`resources.year`)
      .filter((y) => y.year !== null)
      .map((y) => [y.year, y.n]),
  );
  for (const s of sessions) {
    if (s.id === null || !s.undated) continue;
    const year = fromUtcIso(s.startsAt, s.timezone).year;
    years.set(year, (years.get(year) ?? 0) + s.undated);
  }
  return {
    total: types.reduce((n, g) => n + g.n, 0),
    types,
    series,
    sessions: sessions.flatMap(({ id, number, title, seriesSlug, seriesTitle, n }) => (id === null ? [] : [{ id, number, title, seriesSlug, seriesTitle, n }])),
    years: [...years.entries()].map(([year, n]) => ({ year, n })),
    themes: catalogueThemes(db, visible),
  };
}

/** Every theme spelling of the visible catalogue and its resources' count, the newest series' first. */
function catalogueThemes(db: AppDatabase, visible: SQL | undefined): { theme: string; n: number }[] {
  return db.all<{ theme: string; n: number }>(
    sql`select json_each.value as theme, count(distinct resources.id) as n from series ${JOINS}, json_each(resources.themes)
        where ${visible} group by json_each.value order by max(series.id) desc, min(resources.position)`,
  );
}

/**
 * The version of what the library shows: the page cache's 'catalogue' scope (cache_versions, bumped
 * by triggers on resources, series and the sessions' shown columns; ADR 020).
 */
export function libraryVersion(db: AppDatabase): string {
  return scopesVersion(db, ["catalogue", "catalogue"]);
}

const kept = new WeakMap<object, { version: string; catalogue: Catalogue }>();

/**
 * The visible catalogue's counts: for anonymous visitors, kept per connection while the library's
 * version stands still (read first: a write while counting only makes the next request count again);
 * for a personal link, counted each time (what a person sees depends on their registrations).
 */
export function catalogue(db: AppDatabase, slice: LibrarySlice): Catalogue {
  if (slice.audience.kind !== "public") return countCatalogue(db, slice);
  const version = libraryVersion(db);
  const hit = kept.get(db.$client);
  if (hit && hit.version === version) return hit.catalogue;
  const counted = countCatalogue(db, slice);
  kept.set(db.$client, { version, catalogue: counted });
  return counted;
}
