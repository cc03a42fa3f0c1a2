// Back-office read models for series: the dashboard list with registration counts, in four queries
// whatever the number of series (tests/integration/query-plans.test.ts counts them): the series; their
// sessions; the registrations counted per session and status from one of the session indexes
// alone; and the people per series (a distinct count within each series, from
// registrations_session_people_idx alone). Nothing reads a registration's row. Limited to the series an
// account may see (`scope`, app/accounts/series-access.server.ts; null: all, for administrators).
import { and, asc, inArray, sql } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import type { SeriesRole } from "~/accounts/series-roles";
import { formatPeriod } from "~/utils/dates.server";

type Counts = { sessions: number; first: string; last: string; confirmed: number; waiting: number };

export function listSeriesForAdmin(db: AppDatabase, scope: Map<number, SeriesRole> | null = null) {
  const rows = db
    .select()
    .from(t.series)
    .orderBy(asc(t.series.title))
    .all()
    .filter((x) => !scope || scope.has(x.id));
  // An account of some teams only counts its own series (null: an administrator, every series).
  const ids = scope ? rows.map((x) => x.id) : null;
  const s = t.sessions;
  const sessions = db
    .select({ id: s.id, seriesId: s.seriesId, startsAt: s.startsAt })
    .from(s)
    .where(ids ? inArray(s.seriesId, ids) : undefined)
    .all();
  const bySeries = new Map<number, Counts>();
  const seriesOf = new Map<number, Counts>();
  for (const x of sessions) {
    const c = bySeries.get(x.seriesId) ?? { sessions: 0, first: x.startsAt, last: x.startsAt, confirmed: 0, waiting: 0 };
    c.sessions += 1;
    if (x.startsAt < c.first) c.first = x.startsAt;
    if (x.startsAt > c.last) c.last = x.startsAt;
    bySeries.set(x.seriesId, c);
    seriesOf.set(x.id, c);
  }
  const r = t.registrations;
  const perStatus = db
    .select({ sessionId: r.sessionId, status: r.status, n: sql<number>`count(*)` })
    .from(r)
    .where(
      and(
        sql`${r.status} in ('confirmed', 'waiting')`,
        ids
          ? inArray(
              r.sessionId,
              sessions.map((x) => x.id),
            )
          : undefined,
      ),
    )
    .groupBy(r.sessionId, r.status)
    .all();
  for (const x of perStatus) {
    const c = seriesOf.get(x.sessionId);
    if (c) c[x.status === "confirmed" ? "confirmed" : "waiting"] += x.n;
  }
  const people = new Map(
    db
      .all<{ id: number; people: number }>(
        sql`select x.id, (select count(distinct r.participant_id) from sessions s join registrations r on r.session_id = s.id and r.status in ('confirmed', 'waiting')
              where s.series_id = x.id) as people
            from series x ${ids ? sql`where x.id in ${ids.length ? ids : [0]}` : sql``}`,
      )
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
