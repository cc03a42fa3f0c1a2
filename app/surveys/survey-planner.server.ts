// WHEN A SATISFACTION SURVEY IS SENT, AND TO WHOM — the one place that says it.
//
// A session's survey (table `surveys`) is sent `delay` hours, or `delay` calendar days, after the
// session's end, in the series' zone: a session ending on Saturday 27 March 2027 at 12:00 in Paris
// with a one-day delay sends on Sunday 28 March at 12:00+02:00 (10:00 UTC), the day summer time
// starts; hours are hours, whatever the clocks do.
//
// Its audience is decided when it is due:
//   - the people marked present, when attendance was recorded for the session (someone marked present
//     or absent; "excused" can be noted before the session and says nothing about who came);
//   - otherwise every confirmed registrant;
//   - never an erased person, a cancelled registration or the waiting list; nothing at all for a
//     session that is not published (cancelled, postponed, draft) nor once the survey has closed.
// An empty audience sends nothing; the back-office says why (surveyAudience).
//
// At every dispatch run planSurveys queues, with one INSERT … SELECT per due survey, one email per
// person, keyed by survey and registration: never twice across runs, and someone marked present after
// a first run still gets theirs.
import { DateTime } from "luxon";
import { and, eq, gt, ne, sql } from "drizzle-orm";
import * as t from "../../db/schema";
import { toUtcIso } from "~/utils/dates.server";
import type { AppDatabase, Tx } from "~/utils/db.server";
import { SURVEY_DEDUPE_SQL } from "~/notifications/email-kinds.server";
import { surveysWithSessionAndSeries } from "./survey-joins.server";
import type { DelayUnit } from "./survey-shape";
import { SERIES_OF_REGISTRATION_SQL } from "../notifications/outbox.server";

export const SURVEY_EMAIL = "survey" as const;

/** The instant (UTC ISO) a survey is due: the session's end plus the delay, in the series' zone. */
export function surveyDueAt(endsAtIso: string, zone: string, delay: number, unit: DelayUnit): string {
  const end = DateTime.fromISO(endsAtIso, { zone: "utc" }).setZone(zone);
  return toUtcIso(unit === "days" ? end.plus({ days: delay }) : end.plus({ hours: delay }));
}

/** The SQL condition of a session's audience, over `registrations r` and `participants p`. */
const AUDIENCE_SQL = (sessionId: number) => sql`
  r.session_id = ${sessionId} and r.status = 'confirmed' and p.erased_at is null
  and (r.attendance = 'present' or not exists (
    select 1 from registrations a where a.session_id = ${sessionId} and a.attendance in ('present', 'absent')))`;

export type Audience = { count: number; rule: "present" | "confirmed" };

/** Who would receive the session's survey now: the people marked present, or all confirmed registrants. */
export function surveyAudience(db: AppDatabase | Tx, sessionId: number): Audience {
  const recorded = db.get<{ n: number }>(
    sql`select count(*) as n from registrations where session_id = ${sessionId} and attendance in ('present', 'absent')`,
  ).n;
  const count = db.get<{ n: number }>(
    sql`select count(*) as n from registrations r join participants p on p.id = r.participant_id where ${AUDIENCE_SQL(sessionId)}`,
  ).n;
  return { count, rule: recorded > 0 ? "present" : "confirmed" };
}

/** Queues the surveys now due (see the header); returns how many emails were queued. */
export function planSurveys(db: AppDatabase, nowIso: string): number {
  const due = surveysWithSessionAndSeries(db, {
    id: t.surveys.id,
    sessionId: t.sessions.id,
    endsAt: t.sessions.endsAt,
    delay: t.surveys.delay,
    unit: t.surveys.delayUnit,
    zone: t.series.timezone,
  })
    .where(and(eq(t.sessions.status, "published"), ne(t.series.status, "draft"), gt(t.surveys.closesAt, nowIso), sql`${t.sessions.endsAt} <= ${nowIso}`))
    .all();
  let queued = 0;
  for (const s of due) {
    const dueAt = surveyDueAt(s.endsAt, s.zone, s.delay, s.unit);
    if (dueAt > nowIso) continue;
    const questions = db.select({ id: t.surveyQuestions.id }).from(t.surveyQuestions).where(eq(t.surveyQuestions.surveyId, s.id)).limit(1).all();
    if (!questions.length) continue;
    queued += db.run(sql`
      insert into outbox (kind, dedupe_key, participant_id, session_id, series_id, to_address, payload, due_at, next_attempt_at)
      select ${SURVEY_EMAIL}, ${SURVEY_DEDUPE_SQL(s.id)}, r.participant_id, r.session_id, ${SERIES_OF_REGISTRATION_SQL}, p.email,
             json_object('surveyId', ${s.id}, 'registrationId', r.id), ${dueAt}, ${dueAt}
      from registrations r join participants p on p.id = r.participant_id
      where ${AUDIENCE_SQL(s.sessionId)}
      on conflict (dedupe_key) do nothing`).changes;
  }
  return queued;
}
