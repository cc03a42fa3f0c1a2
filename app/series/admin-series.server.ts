// Back-office read models for series: the dashboard list with registration counts, limited to the
// series an account may see (`scope`, app/accounts/series-access.server.ts; null: all, for administrators).
import { asc, eq, sql } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import type { SeriesRole } from "~/accounts/series-roles";
import { formatPeriod } from "~/utils/dates.server";

export function listSeriesForAdmin(db: AppDatabase, scope: Map<number, SeriesRole> | null = null) {
  const rows = db
    .select()
    .from(t.series)
    .orderBy(asc(t.series.title))
    .all()
    .filter((s) => !scope || scope.has(s.id));
  return rows.map((s) => {
    const role: SeriesRole = scope?.get(s.id) ?? "organiser";
    const sessions = db.select({ startsAt: t.sessions.startsAt }).from(t.sessions).where(eq(t.sessions.seriesId, s.id)).orderBy(asc(t.sessions.startsAt)).all();
    const counts = db
      .select({
        confirmed: sql<number>`sum(case when ${t.registrations.status} = 'confirmed' then 1 else 0 end)`,
        waiting: sql<number>`sum(case when ${t.registrations.status} = 'waiting' then 1 else 0 end)`,
        people: sql<number>`count(distinct case when ${t.registrations.status} != 'cancelled' then ${t.registrations.participantId} end)`,
      })
      .from(t.registrations)
      .innerJoin(t.sessions, eq(t.sessions.id, t.registrations.sessionId))
      .where(eq(t.sessions.seriesId, s.id))
      .get();
    return {
      role,
      /** Where the series opens: a viewer sees its report only. */
      home: role === "viewer" ? `/admin/series/${s.slug}/bilan` : `/admin/series/${s.slug}`,
      slug: s.slug,
      title: s.title,
      status: s.status,
      territory: s.territory,
      sessions: sessions.length,
      period: sessions.length ? formatPeriod(sessions[0].startsAt, sessions[sessions.length - 1].startsAt, s.timezone) : null,
      confirmed: counts?.confirmed ?? 0,
      waiting: counts?.waiting ?? 0,
      people: counts?.people ?? 0,
    };
  });
}
