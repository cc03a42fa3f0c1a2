// WHEN REMINDERS ARE SENT — the one place that says it.
//
// Besides the J-2 access codes (app/access-codes/access-codes.server.ts), a series may remind its
// registrants before each session, with the organisers' own words: for instance the day before at
// 18:00 and one hour before the start. Each reminder of the series (table `series_reminders`) is on
// or off and has one of two timings:
//   - "days-before": `days` calendar days before the start date, at `at` local time, in the series'
//     zone — calendar arithmetic, never "24 hours": a session on Monday 29 March 2027 at 10:00 in
//     Paris has its "day before at 18:00" reminder on Sunday 28 March at 18:00+02:00, the day summer
//     time starts;
//   - "minutes-before": `minutes` before the start instant (an hour before is an hour before, whatever
//     the clocks do).
// A reminder whose instant would not come before the start (the same day, at a later hour) is never due.
//
// At every dispatch run the planner below queues, for each published session not started yet and
// each enabled reminder now due, one email per confirmed registrant confirmed by the reminder's
// instant:
//   - people confirmed after it (late registration, promotion) get only the reminders still ahead;
//   - waiting-list and cancelled registrations, erased people and cancelled or postponed sessions get
//     nothing; a reminder that could not leave before the start is marked "missed" by the renderer;
//   - never twice: the dedupe key is the registration, the reminder's key and the session's start, so
//     a session moved to another date is reminded again for the new date, and only then (pending
//     reminders of the old date are cancelled by onSessionChanged).
// The last reminder before the start (the latest instant among the enabled ones) repeats the J-2
// details: the access codes for whoever joins remotely, the place and practical information for
// whoever comes on site.
import { and, eq, gt, inArray, sql } from "drizzle-orm";
import * as t from "../../db/schema";
import { fromUtcIso, toUtcIso } from "~/utils/dates.server";
import type { AppDatabase } from "~/utils/db.server";
import { reminderDedupeSql } from "~/notifications/email-kinds.server";

import type { ReminderRule } from "./reminder-timing";
import { SERIES_OF_REGISTRATION_SQL } from "../notifications/outbox.server";

export type { ReminderRule } from "./reminder-timing";

/** The instant (UTC ISO) a reminder is due for a session starting at `startsAtIso`, or null when it would not come before the start. */
export function reminderDueAt(startsAtIso: string, zone: string, rule: ReminderRule): string | null {
  let due: string;
  if (rule.timing === "minutes-before") {
    due = toUtcIso(fromUtcIso(startsAtIso, zone).minus({ minutes: rule.minutes ?? 0 }));
  } else {
    const [hour, minute] = (rule.at ?? "09:00").split(":").map(Number);
    const day = fromUtcIso(startsAtIso, zone)
      .startOf("day")
      .minus({ days: rule.days ?? 0 });
    // set() keeps the calendar date; on a spring-forward day a skipped time moves forward (luxon).
    due = toUtcIso(day.set({ hour, minute, second: 0, millisecond: 0 }));
  }
  return due < startsAtIso ? due : null;
}

/** What a queued reminder carries: which registration, which reminder, for which start, and whether it repeats the J-2 details. */
export type ReminderPayload = { registrationId: number; reminderKey: string; startsAt: string; final: boolean };

/** The latest instant among a session's reminders: the last reminder, which repeats the J-2 details. */
export function lastReminderDueAt(startsAtIso: string, zone: string, rules: ReminderRule[]): string | null {
  return rules.map((r) => reminderDueAt(startsAtIso, zone, r)).reduce<string | null>((max, d) => (d !== null && (max === null || d > max) ? d : max), null);
}

/**
 * Queues the reminders now due (see the header). One INSERT … SELECT per session and due reminder;
 * returns how many emails were queued.
 */
export function planReminders(db: AppDatabase, nowIso: string): number {
  const reminders = db.select().from(t.seriesReminders).where(eq(t.seriesReminders.enabled, true)).all();
  if (!reminders.length) return 0;
  const bySeries = new Map<number, typeof reminders>();
  for (const r of reminders) bySeries.set(r.seriesId, [...(bySeries.get(r.seriesId) ?? []), r]);
  const sessions = db
    .select({ id: t.sessions.id, seriesId: t.sessions.seriesId, startsAt: t.sessions.startsAt, zone: t.series.timezone })
    .from(t.sessions)
    .innerJoin(t.series, eq(t.series.id, t.sessions.seriesId))
    .where(and(eq(t.sessions.status, "published"), gt(t.sessions.startsAt, nowIso), inArray(t.sessions.seriesId, [...bySeries.keys()])))
    .all();
  let queued = 0;
  for (const s of sessions) {
    const planned = (bySeries.get(s.seriesId) ?? [])
      .map((r) => ({ key: r.key, dueAt: reminderDueAt(s.startsAt, s.zone, r) }))
      .filter((r): r is { key: string; dueAt: string } => r.dueAt !== null);
    const last = lastReminderDueAt(s.startsAt, s.zone, bySeries.get(s.seriesId) ?? []);
    for (const r of planned) {
      if (r.dueAt > nowIso) continue;
      const final = r.dueAt === last ? 1 : 0;
      const result = db.run(sql`
        insert into outbox (kind, dedupe_key, participant_id, session_id, series_id, to_address, payload, due_at, next_attempt_at)
        select 'reminder', ${reminderDedupeSql(r.key, s.startsAt)},
               r.participant_id, r.session_id, ${SERIES_OF_REGISTRATION_SQL}, p.email,
               json_object('registrationId', r.id, 'reminderKey', ${r.key}, 'startsAt', ${s.startsAt}, 'final', json(${final ? "true" : "false"})),
               ${r.dueAt}, ${r.dueAt}
        from registrations r join participants p on p.id = r.participant_id
        where r.session_id = ${s.id} and r.status = 'confirmed' and r.confirmed_at <= ${r.dueAt} and p.erased_at is null
        on conflict (dedupe_key) do nothing`);
      queued += result.changes;
    }
  }
  return queued;
}
