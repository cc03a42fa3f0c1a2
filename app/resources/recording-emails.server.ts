// The "recording available" emails: queued when a session's recording is published (once per
// registration, ever), never before the session has ended (recordingEmailsDue): a recording published
// ahead of time waits, and planRecordingEmails queues it at the end, late registrants included.
import { DateTime } from "luxon";
import { and, asc, eq, gt, isNull, lte, sql } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase, Tx } from "~/utils/db.server";
import { toUtcIso } from "~/utils/dates.server";
import { RECORDING_DEDUPE_SQL, dedupeKeyOf, type EmailKind } from "~/notifications/email-kinds.server";
import { SERIES_OF_REGISTRATION_SQL, enqueue } from "../notifications/outbox.server";
import type { Db, ResourceRow } from "./resource-row.server";

export const RECORDING_EMAIL = "recording-available" satisfies EmailKind;
/** The reason given to an email held back because the recording was unpublished before it left. */
export const RECORDING_WITHDRAWN = "enregistrement retiré avant l’envoi";

/** How long after its end a session is still looked at by planRecordingEmails (a server down for a while). */
const RECORDING_LOOKBACK_DAYS = 7;

/** Publishing a session's recording tells its registrants (once per registration, ever). */
export function isRecordingPublication(before: Pick<ResourceRow, "published"> | null, after: { type: string; published: boolean; sessionId: number | null }) {
  return after.type === "recording" && after.published && after.sessionId !== null && !(before?.published ?? false);
}

/**
 * When a recording's registrants are told: once the session has ended, never before (a recording
 * published ahead of time waits; planRecordingEmails queues it at the end, late registrants included).
 */
export function recordingEmailsDue(session: { endsAt: string; status: string }, nowIso: string): boolean {
  return session.status === "published" && session.endsAt <= nowIso;
}

/** A recording published for this session now waits for its end before its emails leave. */
export function recordingWaits(db: Db, sessionId: number, nowIso: string): boolean {
  const session = db.select({ endsAt: t.sessions.endsAt, status: t.sessions.status }).from(t.sessions).where(eq(t.sessions.id, sessionId)).get();
  return !session || !recordingEmailsDue(session, nowIso);
}

/**
 * Queues one email per confirmed registration of the session, keyed by session and registration: a
 * second publication (after an unpublication) queues nothing new; an email held back because the
 * recording had been withdrawn before it left becomes due again. Nothing before recordingEmailsDue.
 */
export function queueRecordingEmails(tx: Tx, resourceId: number, sessionId: number, nowIso: string): number {
  if (recordingWaits(tx, sessionId, nowIso)) return 0;
  const regs = tx
    .select({ id: t.registrations.id, participantId: t.participants.id, email: t.participants.email })
    .from(t.registrations)
    .innerJoin(t.participants, eq(t.participants.id, t.registrations.participantId))
    .where(and(eq(t.registrations.sessionId, sessionId), eq(t.registrations.status, "confirmed"), isNull(t.participants.erasedAt)))
    .all();
  let queued = 0;
  for (const reg of regs) {
    const id = enqueue(tx, {
      kind: RECORDING_EMAIL,
      dedupeKey: dedupeKeyOf(RECORDING_EMAIL, sessionId, reg.id),
      toAddress: reg.email,
      participantId: reg.participantId,
      sessionId,
      payload: { resourceId, registrationId: reg.id },
      dueAt: nowIso,
    });
    if (id !== null) queued++;
  }
  const revived = tx
    .update(t.outbox)
    .set({ status: "pending", nextAttemptAt: nowIso, lastError: null, payload: sql`json_set(${t.outbox.payload}, '$.resourceId', ${resourceId})` })
    .where(
      and(eq(t.outbox.kind, RECORDING_EMAIL), eq(t.outbox.sessionId, sessionId), eq(t.outbox.status, "cancelled"), eq(t.outbox.lastError, RECORDING_WITHDRAWN)),
    )
    .run();
  return queued + revived.changes;
}

/**
 * Run before each dispatch: for every session that has ended (within RECORDING_LOOKBACK_DAYS) and has
 * a published recording, queues the emails its publication could not queue yet (it came before the
 * end). Idempotent: the dedupe key makes an email already queued, sent or withdrawn a no-op.
 */
export function planRecordingEmails(db: AppDatabase, nowIso: string): number {
  const lookback = toUtcIso(DateTime.fromISO(nowIso).minus({ days: RECORDING_LOOKBACK_DAYS }));
  const ended = db
    .select({ sessionId: t.sessions.id, resourceId: sql<number>`min(${t.resources.id})` })
    .from(t.sessions)
    .innerJoin(t.resources, and(eq(t.resources.sessionId, t.sessions.id), eq(t.resources.type, "recording"), eq(t.resources.published, true)))
    .where(and(eq(t.sessions.status, "published"), lte(t.sessions.endsAt, nowIso), gt(t.sessions.endsAt, lookback)))
    .groupBy(t.sessions.id)
    .all();
  let queued = 0;
  for (const s of ended) {
    queued += db.run(sql`
      insert into outbox (kind, dedupe_key, participant_id, session_id, series_id, to_address, payload, due_at, next_attempt_at)
      select ${RECORDING_EMAIL}, ${RECORDING_DEDUPE_SQL},
             r.participant_id, r.session_id, ${SERIES_OF_REGISTRATION_SQL}, p.email,
             json_object('resourceId', ${s.resourceId}, 'registrationId', r.id), ${nowIso}, ${nowIso}
      from registrations r join participants p on p.id = r.participant_id
      where r.session_id = ${s.sessionId} and r.status = 'confirmed' and p.erased_at is null
      on conflict (dedupe_key) do nothing`).changes;
  }
  return queued;
}

/** The session's published recording an email should point to: the one it was queued for, or another. */
export function publishedRecording(db: AppDatabase, sessionId: number, preferredId: number): ResourceRow | null {
  const rows = db
    .select()
    .from(t.resources)
    .where(and(eq(t.resources.sessionId, sessionId), eq(t.resources.type, "recording"), eq(t.resources.published, true)))
    .orderBy(asc(t.resources.position))
    .all();
  return rows.find((r) => r.id === preferredId) ?? rows[0] ?? null;
}
