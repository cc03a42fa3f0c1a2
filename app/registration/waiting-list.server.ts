// The waiting list: arrival order (a hybrid session's on-site and remote lists apart), promotion
// when a seat is freed, and a person's place on the list. PROMOTION lives here: promote() is the
// one write that confirms someone from the list and tells them.
import { and, asc, count, eq, sql } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase, Tx } from "~/utils/db.server";
import { preparedRaw } from "~/utils/prepared.server";
import { participationsOf } from "~/utils/formats";
import { enqueue } from "../notifications/outbox.server";
import { closedReason } from "./closed-reason.server";
import { seatsLeft } from "./seats.server";

/**
 * Gives freed seats to the waiting list, first come first served, and tells each promoted person. A
 * hybrid session's on-site and remote seats have their own waiting lists.
 */
export function promoteWaiting(tx: Tx, sessionId: number, nowIso: string): number[] {
  const session = tx.select().from(t.sessions).where(eq(t.sessions.id, sessionId)).get();
  const series = session && tx.select().from(t.series).where(eq(t.series.id, session.seriesId)).get();
  if (!session || !series || closedReason(series, session, nowIso, "promote")) return [];
  const promoted: number[] = [];
  for (const participation of participationsOf(session.mode)) {
    let left = seatsLeft(tx, session, participation);
    while (left === null || left > 0) {
      const next = tx
        .select({ r: t.registrations, email: t.participants.email })
        .from(t.registrations)
        .innerJoin(t.participants, eq(t.participants.id, t.registrations.participantId))
        .where(
          and(
            eq(t.registrations.sessionId, sessionId),
            eq(t.registrations.status, "waiting"),
            session.mode === "hybrid" ? eq(t.registrations.participation, participation) : undefined,
          ),
        )
        .orderBy(asc(t.registrations.waitingSince), asc(t.registrations.id))
        .limit(1)
        .get();
      if (!next) break;
      promote(tx, next.r, next.email, nowIso);
      promoted.push(next.r.id);
      if (left !== null) left -= 1;
    }
  }
  return promoted;
}

/**
 * PROMOTION FROM THE WAITING LIST — the one write: the registration is confirmed (a new revision) and
 * the person is told, once per revision (dedupe key). Who is promoted and whether the session takes
 * promotions is the caller's choice (promoteWaiting: arrival order; an organiser: anyone on the list,
 * registrant-changes.server.ts); both check closedReason(…, "promote"). Returns the email's outbox id,
 * or null when that email was already queued.
 */
export function promote(
  tx: Tx,
  registration: Pick<typeof t.registrations.$inferSelect, "id" | "revision" | "participantId" | "sessionId">,
  email: string,
  nowIso: string,
): number | null {
  const revision = registration.revision + 1;
  tx.update(t.registrations)
    .set({ status: "confirmed", confirmedAt: nowIso, revision, updatedAt: nowIso })
    .where(eq(t.registrations.id, registration.id))
    .run();
  return enqueue(tx, {
    kind: "promotion",
    dedupeKey: `promotion:${registration.id}:${revision}`,
    toAddress: email,
    participantId: registration.participantId,
    sessionId: registration.sessionId,
    payload: { registrationId: registration.id },
    dueAt: nowIso,
  });
}

/** 1-based place on the waiting list, or null (one indexed count, whatever the list's length). */
export function waitingPosition(db: AppDatabase | Tx, registrationId: number): number | null {
  const r = db.select().from(t.registrations).where(eq(t.registrations.id, registrationId)).get();
  if (!r || r.status !== "waiting" || !r.waitingSince) return null;
  const ahead = db
    .select({ n: count() })
    .from(t.registrations)
    .where(
      and(
        eq(t.registrations.sessionId, r.sessionId),
        eq(t.registrations.status, "waiting"),
        // A hybrid session's on-site and remote waiting lists are apart; other sessions have one participation.
        eq(t.registrations.participation, r.participation),
        sql`(${t.registrations.waitingSince} < ${r.waitingSince} or (${t.registrations.waitingSince} = ${r.waitingSince} and ${t.registrations.id} < ${r.id}))`,
      ),
    )
    .get()!.n;
  return ahead + 1;
}

/**
 * The place on its waiting list of each of a person's waiting registrations (registration id →
 * place), in one query: the personal space counts them all at once, as waitingPosition does one.
 */
export function waitingPositionsOf(db: AppDatabase, participantId: number): Map<number, number> {
  const rows = preparedRaw(
    db,
    "waiting.positionsOf",
    `select r.id as id, (select count(*) from registrations w
       where w.session_id = r.session_id and w.status = 'waiting' and w.participation = r.participation
         and (w.waiting_since < r.waiting_since or (w.waiting_since = r.waiting_since and w.id < r.id))) + 1 as place
     from registrations r
     where r.participant_id = ? and r.status = 'waiting' and r.waiting_since is not null`,
  ).all(participantId) as { id: number; place: number }[];
  return new Map(rows.map((r) => [r.id, r.place]));
}
