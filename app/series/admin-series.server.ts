// Back-office read models for series: the dashboard list with registration counts, in three queries
// whatever the number of series and registrations (tests/integration/query-plans.test.ts counts them):
// the series; their sessions with their counters (session_counts); the people per series
// (series_counts). The counters are kept by triggers (ADR 021): nothing reads a registration. Limited to the series an
// account may see (`scope`, app/accounts/series-access.server.ts; null: all, for administrators).
import { asc, eq, inArray } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import type { SeriesRole } from "~/accounts/series-roles";
import { formatPeriod } from "~/utils/dates.server";

type Counts = { sessions: number; first: string; last: string; confirmed: number; waiting: number };

export function listSeriesForAdmin(db: AppDatabase, scope: Map<number, SeriesRole> | null = null) {
  const x = t.series;
  const rows = db
    .select({ id: x.id, slug: x.slug, title: x.title, status: x.status, territory: x.territory, timezone: x.timezone })
    .from(x)
    .orderBy(asc(x.title))
    .all()
    .filter((x) => !scope || scope.has(x.id));
  // An account of some teams only counts its own series (null: an administrator, every series).
  const ids = scope ? rows.map((x) => x.id) : null;
  // The sessions with their counters (session_counts), and the people per series (series_counts): rows
  // kept by triggers in each registration's transaction (ADR 021), so nothing here reads a registration.
  const s = t.sessions;
  const c = t.sessionCounts;
  const sessions = db
    .select({ seriesId: s.seriesId, startsAt: s.startsAt, confirmed: c.confirmed, waiting: c.waiting })
    .from(s)
    .leftJoin(c, eq(c.sessionId, s.id))
    .where(ids ? inArray(s.seriesId, ids) : undefined)
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
      .where(ids ? inArray(t.seriesCounts.seriesId, ids) : undefined)
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
