// Back-office read models for series: the dashboard list with registration counts, in three queries
// whatever the number of series (the series; their sessions' count and period, grouped; their
// registrations' counts, grouped): tests/integration/query-plans.test.ts counts them.
import { asc, eq, sql } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import { formatPeriod } from "~/utils/dates.server";

export function listSeriesForAdmin(db: AppDatabase) {
  const rows = db.select().from(t.series).orderBy(asc(t.series.title)).all();
  const s = t.sessions;
  const periods = new Map(
    db
      .select({ seriesId: s.seriesId, sessions: sql<number>`count(*)`, first: sql<string>`min(${s.startsAt})`, last: sql<string>`max(${s.startsAt})` })
      .from(s)
      .groupBy(s.seriesId)
      .all()
      .map((p) => [p.seriesId, p]),
  );
  const r = t.registrations;
  const counts = new Map(
    db
      .select({
        seriesId: s.seriesId,
        confirmed: sql<number>`sum(case when ${r.status} = 'confirmed' then 1 else 0 end)`,
        waiting: sql<number>`sum(case when ${r.status} = 'waiting' then 1 else 0 end)`,
        people: sql<number>`count(distinct case when ${r.status} != 'cancelled' then ${r.participantId} end)`,
      })
      .from(r)
      .innerJoin(s, eq(s.id, r.sessionId))
      .groupBy(s.seriesId)
      .all()
      .map((c) => [c.seriesId, c]),
  );
  return rows.map((x) => {
    const p = periods.get(x.id);
    const c = counts.get(x.id);
    return {
      slug: x.slug,
      title: x.title,
      status: x.status,
      territory: x.territory,
      sessions: p?.sessions ?? 0,
      period: p ? formatPeriod(p.first, p.last, x.timezone) : null,
      confirmed: c?.confirmed ?? 0,
      waiting: c?.waiting ?? 0,
      people: c?.people ?? 0,
    };
  });
}
