// The outbox: every email the platform sends is first a row here, written in the same transaction as
// the change that causes it, with a unique dedupe key. The dispatcher claims due rows with a lease.
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, id } from "./columns";
import { participants } from "./registrations";
import { series } from "./series";
import { sessions } from "./sessions";

export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed", "cancelled", "missed"] as const;

export const outbox = sqliteTable(
  "outbox",
  {
    id: id(),
    kind: text("kind").notNull(),
    dedupeKey: text("dedupe_key").notNull().unique(),
    participantId: integer("participant_id").references(() => participants.id, { onDelete: "set null" }),
    sessionId: integer("session_id").references(() => sessions.id, { onDelete: "set null" }),
    /**
     * The series the email is about (its session's, or the one its payload names), null for those about
     * none (sign-in, newsletter, personal link): the email log's filter. Set by enqueue and the planners'
     * INSERT … SELECT (seriesOfEmail, app/notifications/outbox.server.ts).
     */
    seriesId: integer("series_id").references(() => series.id, { onDelete: "set null" }),
    /** Normalised (lower-case): the email log searches it by prefix (outbox_to_idx). */
    toAddress: text("to_address").notNull(),
    payload: text("payload", { mode: "json" })
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'`),
    /** UTC instants. */
    dueAt: text("due_at").notNull(),
    status: text("status", { enum: OUTBOX_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: text("next_attempt_at").notNull(),
    /** While sending: until when (by the real clock, never a dispatcher's --now) and by whom the row is held. */
    leaseUntil: text("lease_until"),
    /** The dispatcher holding the lease: "host:pid:start:run" (app/utils/dispatcher-id.server.ts). */
    leaseOwner: text("lease_owner"),
    lastError: text("last_error"),
    subject: text("subject"),
    messageId: text("message_id"),
    sentAt: text("sent_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("outbox_participant_idx").on(t.participantId),
    index("outbox_session_idx").on(t.sessionId, t.kind),
    // The email log: each filter reads its rows newest first through its own index (ORDER BY id).
    index("outbox_series_idx").on(t.seriesId, t.id),
    index("outbox_to_idx").on(t.toAddress, t.id),
    index("outbox_status_idx").on(t.status, t.id),
    index("outbox_kind_idx").on(t.kind, t.id),
  ],
);

/** Development mailbox: with no SMTP_URL, sent messages are kept here for organisers to read. */
export const devMailbox = sqliteTable(
  "dev_mailbox",
  {
    id: id(),
    outboxId: integer("outbox_id").references(() => outbox.id, { onDelete: "set null" }),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    raw: text("raw").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("dev_mailbox_to_idx").on(t.toAddress, t.id), index("dev_mailbox_outbox_idx").on(t.outboxId)],
);
