// WHEN ACCESS CODES ARE SENT — the one place that says it.
//
// The same rule sends, to whoever comes on site (an in-person session, or a hybrid one chosen "sur
// place"), the practical information instead of the codes: address, access, accessibility, contact.
// "Vous recevrez les codes d'accès des réunions, deux jours avant les rencontres, si et seulement si
// vous êtes inscrit·e." For each session: `daysBefore` calendar days before its start date, at
// `sendAt` wall-clock time, both in the series' zone (defaults 2 days, 09:00). Calendar arithmetic in
// the zone — never "48 hours" — so a session on Tuesday 29 March 2022 at 09:30 in Paris has its codes
// sent on Sunday 27 March at 09:00+02:00, the day summer time starts.
//
// The due instant is stored in UTC on the session (`access_codes_due_at`) and recomputed whenever the
// session moves or the series' rule changes (import, back-office). At every dispatch run the planner
// below queues one email per confirmed registrant of each session whose codes are due, so that:
//   - registrants confirmed before the due instant get them at the due instant;
//   - anyone confirmed after it (late registration, promotion from the waiting list) and before the
//     session ends gets them at once;
//   - waiting-list and cancelled registrations get nothing;
//   - after downtime, codes still go out while the session has not started; an email that was due
//     before the start but could not leave before it is marked "missed".
// A change of time, place or access information after codes went out sends one "rectificatif" to each
// person who received them; a cancellation or postponement tells every registrant and the waiting list
// (and cancels what was still to go about it, reminders included: app/reminders/reminders.server.ts).
import { and, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import { DateTime } from "luxon";
import * as t from "../../db/schema";
import type { AppDatabase, Tx } from "~/utils/db.server";
import { fromUtcIso, toUtcIso } from "~/utils/dates.server";
import { preparedRaw } from "~/utils/prepared.server";
import { participationOf, receivesAccessCodes } from "~/utils/formats";
import { J2_DEDUPE_SQL, J2_KINDS, dedupeKeyOf } from "~/notifications/email-kinds.server";
import { SERIES_OF_REGISTRATION_SQL, enqueue } from "../notifications/outbox.server";
import type { SessionBefore, SessionChangeKind } from "../series/sessions.server";

export const DEFAULT_DAYS_BEFORE = 2;
export const DEFAULT_SEND_AT = "09:00";

/** The due instant (UTC ISO) of a session's access codes. */
export function accessCodesDueAt(startsAtIso: string, zone: string, daysBefore = DEFAULT_DAYS_BEFORE, sendAt = DEFAULT_SEND_AT): string {
  const [hour, minute] = sendAt.split(":").map(Number);
  const day = fromUtcIso(startsAtIso, zone).startOf("day").minus({ days: daysBefore });
  // set() keeps the calendar date; on a spring-forward day a skipped time moves forward (luxon).
  const due = toUtcIso(day.set({ hour, minute, second: 0, millisecond: 0 }));
  // Never after the start (daysBefore 0 and a session before sendAt): then at the start itself.
  return due < startsAtIso ? due : startsAtIso;
}

/** Stores a session's due instant, from its start and its series' rule: the one write of `access_codes_due_at`. */
export function storeDueInstant(
  tx: Tx | AppDatabase,
  session: { id: number; startsAt: string },
  series: { timezone: string; accessDaysBefore: number; accessSendAt: string },
): void {
  tx.update(t.sessions)
    .set({ accessCodesDueAt: accessCodesDueAt(session.startsAt, series.timezone, series.accessDaysBefore, series.accessSendAt) })
    .where(eq(t.sessions.id, session.id))
    .run();
}

/** Recomputes the due instants of a series' sessions (after a move or a change of the rule). */
export function refreshDueInstants(tx: Tx | AppDatabase, seriesId: number): void {
  const series = tx.select().from(t.series).where(eq(t.series.id, seriesId)).get();
  if (!series) return;
  for (const s of tx.select({ id: t.sessions.id, startsAt: t.sessions.startsAt }).from(t.sessions).where(eq(t.sessions.seriesId, seriesId)).all()) {
    storeDueInstant(tx, s, series);
  }
}

/**
 * Codes are shown in the personal space from the due instant on, to confirmed registrants who join
 * remotely only; whoever comes on site sees the practical information instead (infoVisible).
 */
export function codesVisible(
  session: { accessCodesDueAt: string | null; status: string; endsAt: string; mode: string },
  registration: { status: string; participation: string },
  nowIso: string,
): boolean {
  return infoVisible(session, registration, nowIso) && receivesAccessCodes(participationOf(session.mode, registration.participation));
}

/** The J-2 information (codes or practical information) is shown from the due instant on, to confirmed registrants. */
export function infoVisible(session: { accessCodesDueAt: string | null; status: string }, registration: { status: string }, nowIso: string): boolean {
  return registration.status === "confirmed" && session.status === "published" && session.accessCodesDueAt !== null && session.accessCodesDueAt <= nowIso;
}

/** How long after its end a session is still looked at by the planner (to record missed emails). */
export const PLAN_LOOKBACK_DAYS = 7;

/**
 * Queues the J-2 email of every confirmed registrant of every session whose codes are due, once per
 * confirmation (one dedupe key for both kinds): "access-codes" for whoever joins remotely (once the
 * session has its access information), "practical-info" for whoever comes on site. The kind says what
 * was planned; the renderer still picks the content by the participation at sending time
 * (app/utils/formats.ts). One INSERT … SELECT per session, both statements prepared once per
 * connection: the sessions come from the due-time index (sessions_codes_due_idx), and a registration
 * whose email is already queued is skipped before its row is built (`not exists` on the dedupe key),
 * so a run costs one index probe per registrant of the sessions in their window, whatever the outbox
 * holds and whatever the rest of the database.
 */
export function planAccessCodes(db: AppDatabase, nowIso: string): number {
  const lookback = toUtcIso(DateTime.fromISO(nowIso).minus({ days: PLAN_LOOKBACK_DAYS }));
  const due = preparedRaw(db, "access-codes:due", DUE_SQL).all(nowIso, lookback) as { id: number; mode: string; dueAt: string; hasAccess: number }[];
  const insert = preparedRaw(db, "access-codes:plan", PLAN_SQL);
  let queued = 0;
  for (const s of due) queued += insert.run({ session: s.id, mode: s.mode, dueAt: s.dueAt, hasAccess: s.hasAccess }).changes;
  return queued;
}

const dialect = new SQLiteSyncDialect();
const text = (fragment: SQL) => dialect.sqlToQuery(fragment).sql;

/** The published sessions whose codes are due and that ended less than PLAN_LOOKBACK_DAYS ago. */
const DUE_SQL = `select s.id, s.mode, s.access_codes_due_at as dueAt, (a.session_id is not null) as hasAccess
  from sessions s left join session_access a on a.session_id = s.id
  where s.status = 'published' and s.access_codes_due_at is not null and s.access_codes_due_at <= ? and s.ends_at > ?`;

/** participationOf (app/utils/formats.ts) in SQL, over `registrations r` of a session of mode `@mode`. */
const PARTICIPATION_SQL = `(case @mode when 'online' then 'remote' when 'in-person' then 'onsite'
  else (case when r.participation = 'onsite' then 'onsite' else 'remote' end) end)`;

/** One session's J-2 emails: its confirmed registrants whose email for this confirmation is not queued yet. */
const PLAN_SQL = `insert into outbox (kind, dedupe_key, participant_id, session_id, series_id, to_address, payload, due_at, next_attempt_at)
  select case when ${PARTICIPATION_SQL} = 'onsite' then 'practical-info' else 'access-codes' end,
         ${text(J2_DEDUPE_SQL)},
         r.participant_id, r.session_id, ${text(SERIES_OF_REGISTRATION_SQL)}, p.email,
         json_object('registrationId', r.id),
         max(@dueAt, r.confirmed_at), max(@dueAt, r.confirmed_at)
  from registrations r join participants p on p.id = r.participant_id
  where r.session_id = @session and r.status = 'confirmed' and p.erased_at is null
    and (r.participation = 'onsite' or @hasAccess = 1)
    and not exists (select 1 from outbox o where o.dedupe_key = ${text(J2_DEDUPE_SQL)})
  on conflict (dedupe_key) do nothing`;

/** A J-2 email (either kind) that was due before the session started but could not leave before it. */
export function isMissed(row: { kind: string; dueAt: string }, session: { startsAt: string }, nowIso: string): boolean {
  return (J2_KINDS as readonly string[]).includes(row.kind) && session.startsAt <= nowIso && row.dueAt < session.startsAt;
}

/**
 * After an import (or a back-office edit) changed a session: recompute its due instant, then tell the
 * people concerned. Runs inside the caller's transaction.
 */
export function onSessionChanged(tx: Tx, sessionId: number, kinds: SessionChangeKind[], nowIso: string, before?: SessionBefore): void {
  const session = tx.select().from(t.sessions).where(eq(t.sessions.id, sessionId)).get();
  if (!session) return;
  const series = tx.select().from(t.series).where(eq(t.series.id, session.seriesId)).get()!;
  storeDueInstant(tx, session, series);
  // A session that changes format takes its registrants along: on site for in-person, remote for
  // online; switching to hybrid keeps each one's participation (app/utils/formats.ts).
  if (session.mode !== "hybrid") {
    const participation = participationOf(session.mode);
    tx.update(t.registrations)
      .set({ participation })
      .where(and(eq(t.registrations.sessionId, sessionId), ne(t.registrations.participation, participation)))
      .run();
  }
  if (kinds.includes("created")) return;
  const access = tx.select({ revision: t.sessionAccess.revision }).from(t.sessionAccess).where(eq(t.sessionAccess.sessionId, sessionId)).get();
  const revision = `${session.sequence}.${access?.revision ?? 0}`;

  if (kinds.includes("status") && (session.status === "cancelled" || session.status === "postponed")) {
    // Nothing more will be sent about this session's codes; everyone registered is told.
    tx.update(t.outbox)
      .set({ status: "cancelled", lastError: session.status === "cancelled" ? "rencontre annulée" : "rencontre reportée" })
      .where(and(eq(t.outbox.sessionId, sessionId), inArray(t.outbox.kind, [...J2_KINDS, "correction", "reminder"]), inArray(t.outbox.status, ["pending"])))
      .run();
    const people = tx
      .select({ id: t.registrations.id, participantId: t.registrations.participantId, email: t.participants.email })
      .from(t.registrations)
      .innerJoin(t.participants, eq(t.participants.id, t.registrations.participantId))
      .where(and(eq(t.registrations.sessionId, sessionId), inArray(t.registrations.status, ["confirmed", "waiting"]), sql`${t.participants.erasedAt} is null`))
      .all();
    const kind = session.status === "cancelled" ? "session-cancelled" : "session-postponed";
    for (const p of people) {
      enqueue(tx, {
        kind,
        dedupeKey: dedupeKeyOf(kind, p.id, revision),
        toAddress: p.email,
        participantId: p.participantId,
        sessionId,
        payload: { registrationId: p.id },
        dueAt: nowIso,
      });
    }
    return;
  }

  if (session.status !== "published") return;
  if (!kinds.some((k) => k === "time" || k === "place" || k === "access")) return;
  // A rectificatif to each person who was sent the codes (pending ones will carry the new details).
  const sent = tx
    .select({
      registrationId: sql<number>`json_extract(${t.outbox.payload}, '$.registrationId')`,
      participantId: t.outbox.participantId,
      email: t.outbox.toAddress,
    })
    .from(t.outbox)
    .innerJoin(t.registrations, sql`${t.registrations.id} = json_extract(${t.outbox.payload}, '$.registrationId')`)
    .where(and(eq(t.outbox.sessionId, sessionId), inArray(t.outbox.kind, J2_KINDS), eq(t.outbox.status, "sent"), eq(t.registrations.status, "confirmed")))
    .all();
  const seen = new Set<number>();
  for (const r of sent) {
    if (seen.has(r.registrationId)) continue;
    seen.add(r.registrationId);
    enqueue(tx, {
      kind: "correction",
      dedupeKey: dedupeKeyOf("correction", r.registrationId, revision),
      toAddress: r.email,
      participantId: r.participantId,
      sessionId,
      payload: { registrationId: r.registrationId, changes: kinds.filter((k) => k !== "status"), ...(before ? { before } : {}) },
      dueAt: nowIso,
    });
  }
}
