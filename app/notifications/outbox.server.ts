// The outbox: enqueue (inside the caller's transaction), claim with a lease (BEGIN IMMEDIATE, so two
// dispatchers — the server's scheduler and `npm run mail:dispatch` — never take the same row; leases
// judged by the real clock and renewed before each send), and record the outcome. Retries: transient
// failures back off exponentially, permanent ones are final, an unreachable mail server never makes
// an email fail for good.
import { and, asc, eq, inArray, lte, or, sql } from "drizzle-orm";
import { DateTime } from "luxon";
import * as t from "../../db/schema";
import type { AppDatabase, Tx } from "~/utils/db.server";
import { placeholders, prepared } from "~/utils/prepared.server";
import { toUtcIso } from "~/utils/dates.server";
import type { EmailKind } from "~/notifications/email-kinds.server";

export type OutboxRow = typeof t.outbox.$inferSelect;

export type Enqueue = {
  kind: EmailKind;
  /** Built by the kind's builder (dedupeKeyOf, app/notifications/email-kinds.server.ts). */
  dedupeKey: string;
  toAddress: string;
  participantId?: number | null;
  sessionId?: number | null;
  payload?: Record<string, unknown>;
  dueAt: string;
};

/** The series rule of insertEmail below, for the rows of an INSERT … SELECT over `registrations r`: the registration's session's series. */
export const SERIES_OF_REGISTRATION_SQL = sql.raw(`(select series_id from sessions where sessions.id = r.session_id)`);

/**
 * The series an email is about, the email log's filter (outbox.series_id): its session's series, else
 * the series its payload names (a confirmation, one per registration form, names its series; so does a
 * message to a series' registrants), else none (sign-in, newsletter, personal link). In SQL, so that the
 * insert reads the session's series itself. The planners' INSERT … SELECT over `registrations r` use
 * SERIES_OF_REGISTRATION_SQL; the migration that added the column filled older rows by the same rule.
 *
 * The insert of enqueue is prepared once per connection: building it costs more than running it, and
 * registration enqueues a confirmation in its transaction.
 */
const insertEmail = (db: Tx | AppDatabase) =>
  prepared(db, "outbox.enqueue", (d) =>
    d
      .insert(t.outbox)
      .values({
        ...placeholders("kind", "dedupeKey", "toAddress", "participantId", "sessionId", "payload", "dueAt"),
        seriesId: sql`coalesce((select ${t.sessions.seriesId} from ${t.sessions} where ${t.sessions.id} = ${sql.placeholder("sessionId")}), ${sql.placeholder("namedSeriesId")})`,
        nextAttemptAt: sql.placeholder("dueAt"),
      })
      .onConflictDoNothing({ target: t.outbox.dedupeKey })
      .returning({ id: t.outbox.id })
      .prepare(),
  );

/** Inserts the email once: a second call with the same dedupe key does nothing. Returns the row id if new. */
export function enqueue(tx: Tx | AppDatabase, e: Enqueue): number | null {
  const row = insertEmail(tx).get({
    kind: e.kind,
    dedupeKey: e.dedupeKey,
    toAddress: e.toAddress,
    participantId: e.participantId ?? null,
    sessionId: e.sessionId ?? null,
    namedSeriesId: typeof e.payload?.seriesId === "number" ? e.payload.seriesId : null,
    payload: e.payload ?? {},
    dueAt: e.dueAt,
  });
  return row?.id ?? null;
}

/**
 * How long a claimed row stays reserved, by the real clock. Longer than the longest send can take
 * (the mailer gives up on a send after 3 × SMTP_TIMEOUT_SECONDS), and renewed before each send.
 */
export const LEASE_SECONDS = 120;
export const MAX_ATTEMPTS = 8;

/**
 * Who claims and when. `dueIso` decides what is due (the dispatcher's "now", e.g. `--now`); `clockIso`
 * is the real clock and decides whose lease has expired — never `dueIso`, or a run "in the future"
 * would take rows another dispatcher is sending. `deadOwners` are dispatchers known to be gone (a
 * process on this machine that no longer runs): their rows can be taken at once.
 */
export type Claim = { owner: string; dueIso: string; clockIso: string; leaseSeconds?: number; isOwnerDead?: (owner: string) => boolean };

const leaseEnd = (clockIso: string, seconds: number) => toUtcIso(DateTime.fromISO(clockIso).plus({ seconds }));

/**
 * Takes up to `limit` due rows: pending ones whose time has come, and rows left "sending" by a
 * dispatcher whose lease expired or whose process is gone. Marks them sending with this owner's
 * lease, in one IMMEDIATE transaction (so two dispatchers never take the same row).
 */
export function claimDue(db: AppDatabase, claim: Claim, limit: number): OutboxRow[] {
  const leaseSeconds = claim.leaseSeconds ?? LEASE_SECONDS;
  const leaseUntil = leaseEnd(claim.clockIso, leaseSeconds);
  return db.transaction(
    (tx) => {
      const dead = claim.isOwnerDead
        ? tx
            .selectDistinct({ owner: t.outbox.leaseOwner })
            .from(t.outbox)
            .where(eq(t.outbox.status, "sending"))
            .all()
            .map((r) => r.owner)
            .filter((o): o is string => o !== null && o !== claim.owner && claim.isOwnerDead!(o))
        : [];
      const rows = tx
        .select()
        .from(t.outbox)
        .where(
          or(
            and(eq(t.outbox.status, "pending"), lte(t.outbox.nextAttemptAt, claim.dueIso)),
            and(eq(t.outbox.status, "sending"), lte(t.outbox.leaseUntil, claim.clockIso)),
            dead.length ? and(eq(t.outbox.status, "sending"), inArray(t.outbox.leaseOwner, dead)) : undefined,
          ),
        )
        .orderBy(asc(t.outbox.nextAttemptAt), asc(t.outbox.id))
        .limit(limit)
        .all();
      if (!rows.length) return [];
      tx.update(t.outbox)
        .set({ status: "sending", leaseUntil, leaseOwner: claim.owner, attempts: sql`${t.outbox.attempts} + 1` })
        .where(
          inArray(
            t.outbox.id,
            rows.map((r) => r.id),
          ),
        )
        .run();
      return rows.map((r) => ({ ...r, status: "sending" as const, leaseUntil, leaseOwner: claim.owner, attempts: r.attempts + 1 }));
    },
    { behavior: "immediate" },
  );
}

/**
 * Right before a send: extends the lease if this owner still holds the row. False when it does not
 * (its lease expired and another dispatcher took the row): then the row must not be sent from here.
 */
export function renewLease(db: AppDatabase, id: number, owner: string, clockIso: string, leaseSeconds = LEASE_SECONDS): boolean {
  return (
    prepared(db, "outbox.renewLease", (d) =>
      d
        .update(t.outbox)
        .set({ leaseUntil: sql`${sql.placeholder("leaseUntil")}` })
        .where(and(eq(t.outbox.id, sql.placeholder("id")), eq(t.outbox.status, "sending"), eq(t.outbox.leaseOwner, sql.placeholder("owner"))))
        .prepare(),
    ).run({ id, owner, leaseUntil: leaseEnd(clockIso, leaseSeconds) }).changes === 1
  );
}

/** Gives back claimed rows this owner did not try to send (a run cut short): due again at once. */
export function releaseClaims(db: AppDatabase, owner: string, ids: number[]): number {
  if (!ids.length) return 0;
  return db
    .update(t.outbox)
    .set({ status: "pending", leaseUntil: null, leaseOwner: null, attempts: sql`max(0, ${t.outbox.attempts} - 1)` })
    .where(and(inArray(t.outbox.id, ids), eq(t.outbox.status, "sending"), eq(t.outbox.leaseOwner, owner)))
    .run().changes;
}

export function markSent(db: AppDatabase, id: number, nowIso: string, info: { messageId: string; subject: string }) {
  prepared(db, "outbox.markSent", (d) =>
    d
      .update(t.outbox)
      .set({
        status: "sent",
        sentAt: sql`${sql.placeholder("sentAt")}`,
        leaseUntil: null,
        leaseOwner: null,
        lastError: null,
        messageId: sql`${sql.placeholder("messageId")}`,
        subject: sql`${sql.placeholder("subject")}`,
      })
      .where(eq(t.outbox.id, sql.placeholder("id")))
      .prepare(),
  ).run({ id, sentAt: nowIso, messageId: info.messageId, subject: info.subject });
}

/** Exponential backoff: base, 2 × base, 4 × base … (base 60 s: 1, 2, 4 … minutes), capped at one hour. */
export function backoff(attempts: number, baseSeconds = 60): number {
  return Math.min(baseSeconds * 2 ** Math.max(0, attempts - 1), 3600);
}

/**
 * Why a send failed. "permanent": the server refused this message for good (5xx); "message": a
 * temporary refusal of this message (4xx); "transport": the mail server could not be reached or
 * stopped answering — not the message's fault, so it never uses up the message's attempts.
 */
export type FailureKind = "permanent" | "message" | "transport";

export function markFailure(db: AppDatabase, row: OutboxRow, nowIso: string, error: string, kind: FailureKind, options: { retryBaseSeconds?: number } = {}) {
  const owned = row.leaseOwner ? and(eq(t.outbox.id, row.id), eq(t.outbox.leaseOwner, row.leaseOwner)) : eq(t.outbox.id, row.id);
  if (kind === "permanent" || (kind === "message" && row.attempts >= MAX_ATTEMPTS)) {
    db.update(t.outbox).set({ status: "failed", leaseUntil: null, leaseOwner: null, lastError: error }).where(owned).run();
    return "failed" as const;
  }
  const next = toUtcIso(DateTime.fromISO(nowIso).plus({ seconds: backoff(row.attempts, options.retryBaseSeconds) }));
  db.update(t.outbox).set({ status: "pending", leaseUntil: null, leaseOwner: null, lastError: error, nextAttemptAt: next }).where(owned).run();
  return "retry" as const;
}

export function markCancelled(db: AppDatabase | Tx, id: number, reason: string) {
  db.update(t.outbox).set({ status: "cancelled", leaseUntil: null, leaseOwner: null, lastError: reason }).where(eq(t.outbox.id, id)).run();
}

export function markMissed(db: AppDatabase, id: number, reason: string) {
  db.update(t.outbox).set({ status: "missed", leaseUntil: null, leaseOwner: null, lastError: reason }).where(eq(t.outbox.id, id)).run();
}

/**
 * When the oldest email still waiting to leave became due (retries included), or null: the health
 * check's measure of a stalled dispatcher. Reads only unsent rows (index on status).
 */
export function oldestDue(db: AppDatabase, nowIso: string): string | null {
  const row = db
    .select({ at: sql<string | null>`min(${t.outbox.dueAt})` })
    .from(t.outbox)
    .where(and(inArray(t.outbox.status, ["pending", "sending"]), lte(t.outbox.dueAt, nowIso)))
    .get();
  return row?.at ?? null;
}
