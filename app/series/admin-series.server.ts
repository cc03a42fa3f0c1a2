// Back-office read models for series: the dashboard's list (and /admin/series's) with registration
// counts, a page of ADMIN_SERIES_PAGE_SIZE series at a time in four queries whatever the number of
// series and registrations (tests/integration/query-plans.test.ts counts them): how many series; the
// page's series, in the order an organiser works in (to come, soonest first; being prepared;
// past, most recent first: ADMIN_SERIES_ORDER_LABEL in utils/admin-labels.ts says it on the pages); their sessions with their
// counters (session_counts); the people per series (series_counts). The counters are kept by triggers
// (ADR 021): nothing reads a registration. Limited to the series an account may see (`scope`,
// app/accounts/series-access.server.ts; null: all, for administrators).
import { asc, count, eq, inArray, sql } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import type { SeriesRole } from "~/accounts/series-roles";
import { formatPeriod } from "~/utils/dates.server";
import { pageWindow, type PageWindow } from "~/utils/pagination";

/** Series per page of the dashboard and of /admin/series. */
export const ADMIN_SERIES_PAGE_SIZE = 20;

type Counts = { sessions: number; first: string; last: string; confirmed: number; waiting: number };

export function listSeriesForAdmin(
  db: AppDatabase,
  scope: Map<number, SeriesRole> | null,
  { nowIso, page = 1 }: { nowIso: string; page?: number },
): { series: AdminSeriesRow[]; window: PageWindow } {
  const x = t.series;
  const inScope = scope ? inArray(x.id, [...scope.keys()]) : undefined;
  const total = db.select({ n: count() }).from(x).where(inScope).get()!.n;
  const window = pageWindow(total, page, ADMIN_SERIES_PAGE_SIZE);
  // Written out: in a one-table select drizzle names columns without their table, and an unqualified
  // "id" inside the subquery would be the session's.
  const nextAt = sql<string | null>`(select min(starts_at) from sessions where sessions.series_id = series.id and starts_at >= ${nowIso})`;
  const lastAt = sql<string | null>`(select max(starts_at) from sessions where sessions.series_id = series.id)`;
  const rows = db
    .select({
      id: x.id,
      slug: x.slug,
      title: x.title,
      status: x.status,
      territory: x.territory,
      timezone: x.timezone,
      nextAt: nextAt.as("next_at"),
      lastAt: lastAt.as("last_at"),
    })
    .from(x)
    .where(inScope)
    .orderBy(sql`(next_at is null and last_at is not null)`, sql`coalesce(next_at, '9999')`, sql`last_at desc`, asc(x.title))
    .limit(window.limit)
    .offset(window.offset)
    .all();
  return { series: countsOf(db, rows, scope), window };
}

export type AdminSeriesRow = ReturnType<typeof countsOf>[number];

/** The page's series with their counts, read for those series only. */
function countsOf(
  db: AppDatabase,
  rows: { id: number; slug: string; title: string; status: (typeof t.series.$inferSelect)["status"]; territory: string | null; timezone: string }[],
  scope: Map<number, SeriesRole> | null,
) {
  const ids = rows.map((x) => x.id);
  // The sessions with their counters (session_counts), and the people per series (series_counts): rows
  // kept by triggers in each registration's transaction (ADR 021), so nothing here reads a registration.
  const s = t.sessions;
  const c = t.sessionCounts;
  const sessions = db
    .select({ seriesId: s.seriesId, startsAt: s.startsAt, confirmed: c.confirmed, waiting: c.waiting })
    .from(s)
    .leftJoin(c, eq(c.sessionId, s.id))
    .where(inArray(s.seriesId, ids))
    .all();
  const bySeries = new Map<number, Counts>();
  for (const x of sessions) {
    const n = bySeries.get(x.seriesId) ?? { sessions: 0, first: x.startsAt, last: x.startsAt, confirmed: 0, waiting: 0 };
    n.sessions += 1;
    if (x.startsAt < n.first) n.first = x.startsAt;
    if (x.startsAt > n.last) n.last = x.startsAt;
    n.confirmed += x.confirmed ?? 0;
    n.waiting += x.waiting ?? 0;
    bySeries.set(x.seriesId, n);
  }
  const people = new Map(
    db
      .select({ id: t.seriesCounts.seriesId, people: t.seriesCounts.people })
      .from(t.seriesCounts)
      .where(inArray(t.seriesCounts.seriesId, ids))
      .all()
      .map((p) => [p.id, p.people]),
  );
  return rows.map((x) => {
    const c = bySeries.get(x.id);
    const role: SeriesRole = scope?.get(x.id) ?? "organiser";
    return {
      role,
      /** Where the series opens: a viewer sees its report only. */
      home: role === "viewer" ? `/admin/series/${x.slug}/bilan` : `/admin/series/${x.slug}`,
      slug: x.slug,
      title: x.title,
      status: x.status,
      territory: x.territory,
      sessions: c?.sessions ?? 0,
      period: c ? formatPeriod(c.first, c.last, x.timezone) : null,
      confirmed: c?.confirmed ?? 0,
      waiting: c?.waiting ?? 0,
      people: people.get(x.id) ?? 0,
    };
  });
}
