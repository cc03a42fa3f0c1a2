// The outbox: enqueue (inside the caller's transaction), claim with a lease (BEGIN IMMEDIATE, so two
// dispatchers — the server's scheduler and `npm run mail:dispatch` — never take the same row), and
// record the outcome. Retries: transient failures back off exponentially, permanent ones are final.
import { and, asc, eq, inArray, lte, or, sql } from "drizzle-orm";
import { DateTime } from "luxon";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import { prepared } from "~/utils/prepared.server";
import { toUtcIso } from "~/utils/dates.server";

type Tx = Parameters<Parameters<AppDatabase["transaction"]>[0]>[0];
export type OutboxRow = typeof t.outbox.$inferSelect;

export type Enqueue = {
  kind: string;
  dedupeKey: string;
  toAddress: string;
  participantId?: number | null;
  sessionId?: number | null;
  payload?: Record<string, unknown>;
  dueAt: string;
};

/** Inserts the email once: a second call with the same dedupe key does nothing. Returns the row id if new. */
export function enqueue(tx: Tx | AppDatabase, e: Enqueue): number | null {
  const row = tx
    .insert(t.outbox)
    .values({
      kind: e.kind,
      dedupeKey: e.dedupeKey,
      toAddress: e.toAddress,
      participantId: e.participantId ?? null,
      sessionId: e.sessionId ?? null,
      payload: e.payload ?? {},
      dueAt: e.dueAt,
      nextAttemptAt: e.dueAt,
    })
    .onConflictDoNothing({ target: t.outbox.dedupeKey })
    .returning({ id: t.outbox.id })
    .get();
  return row?.id ?? null;
}

export const LEASE_SECONDS = 120;
export const MAX_ATTEMPTS = 8;

/**
 * Takes up to `limit` due rows: pending ones whose time has come, and rows left "sending" by a
 * dispatcher that died (lease expired). Marks them sending with a lease, in one IMMEDIATE transaction.
 */
export function claimDue(db: AppDatabase, nowIso: string, limit: number, leaseSeconds = LEASE_SECONDS): OutboxRow[] {
  const leaseUntil = toUtcIso(DateTime.fromISO(nowIso).plus({ seconds: leaseSeconds }));
  return db.transaction(
    (tx) => {
      const rows = tx
        .select()
        .from(t.outbox)
        .where(
          or(
            and(eq(t.outbox.status, "pending"), lte(t.outbox.nextAttemptAt, nowIso)),
            and(eq(t.outbox.status, "sending"), lte(t.outbox.leaseUntil, nowIso)),
          ),
        )
        .orderBy(asc(t.outbox.nextAttemptAt), asc(t.outbox.id))
        .limit(limit)
        .all();
      if (!rows.length) return [];
      tx.update(t.outbox)
        .set({ status: "sending", leaseUntil, attempts: sql`${t.outbox.attempts} + 1` })
        .where(inArray(t.outbox.id, rows.map((r) => r.id)))
        .run();
      return rows.map((r) => ({ ...r, status: "sending" as const, leaseUntil, attempts: r.attempts + 1 }));
    },
    { behavior: "immediate" },
  );
}

export function markSent(db: AppDatabase, id: number, nowIso: string, info: { messageId: string; subject: string }) {
  prepared(db, "outbox.markSent", (d) =>
    d
      .update(t.outbox)
      .set({ status: "sent", sentAt: sql`${sql.placeholder("sentAt")}`, leaseUntil: null, lastError: null, messageId: sql`${sql.placeholder("messageId")}`, subject: sql`${sql.placeholder("subject")}` })
      .where(eq(t.outbox.id, sql.placeholder("id")))
      .prepare(),
  ).run({ id, sentAt: nowIso, messageId: info.messageId, subject: info.subject });
}

/** Exponential backoff: 1, 2, 4 … minutes, capped at one hour. */
export function backoff(attempts: number): number {
  return Math.min(60 * 2 ** Math.max(0, attempts - 1), 3600);
}

export function markFailure(db: AppDatabase, row: OutboxRow, nowIso: string, error: string, permanent: boolean) {
  if (permanent || row.attempts >= MAX_ATTEMPTS) {
    db.update(t.outbox).set({ status: "failed", leaseUntil: null, lastError: error }).where(eq(t.outbox.id, row.id)).run();
    return "failed" as const;
  }
  const next = toUtcIso(DateTime.fromISO(nowIso).plus({ seconds: backoff(row.attempts) }));
  db.update(t.outbox).set({ status: "pending", leaseUntil: null, lastError: error, nextAttemptAt: next }).where(eq(t.outbox.id, row.id)).run();
  return "retry" as const;
}

export function markCancelled(db: AppDatabase | Tx, id: number, reason: string) {
  db.update(t.outbox).set({ status: "cancelled", leaseUntil: null, lastError: reason }).where(eq(t.outbox.id, id)).run();
}

export function markMissed(db: AppDatabase, id: number, reason: string) {
  db.update(t.outbox).set({ status: "missed", leaseUntil: null, lastError: reason }).where(eq(t.outbox.id, id)).run();
}
