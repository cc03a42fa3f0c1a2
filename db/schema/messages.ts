// Messages to registrants: an organiser's own email to the registrants of a series or of one of its
// sessions, chosen by status. One row per message; its emails are outbox rows (kind "message") queued
// when it leaves. What a message is, who gets it and when: app/messages/messages.server.ts.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { MESSAGE_AUDIENCES, MESSAGE_KINDS, MESSAGE_STATUSES } from "../../app/messages/message-form";
import { accounts } from "./admin";
import { belongsTo, id, jsonList, timestamps } from "./columns";
import { series } from "./series";
import { sessions } from "./sessions";

// Declared with their French labels (client-safe, no dependencies).
export { MESSAGE_AUDIENCES, MESSAGE_KINDS, MESSAGE_STATUSES };

export const registrantMessages = sqliteTable(
  "registrant_messages",
  {
    id: id(),
    seriesId: belongsTo("series_id", () => series.id),
    /** Null: every session of the series. */
    sessionId: integer("session_id").references(() => sessions.id, { onDelete: "cascade" }),
    /** "service" (about a session they are registered for: sent whatever their news consent) or "news" (only with news consent). */
    kind: text("kind", { enum: MESSAGE_KINDS }).notNull().default("service"),
    /** Which registrations: confirmed, waiting, and the attendance of confirmed ones (present, absent, excused). */
    audience: jsonList<(typeof MESSAGE_AUDIENCES)[number]>("audience"),
    subject: text("subject").notNull(),
    /** Plain text: paragraphs, line breaks, links written in full (emails/plain-text.ts). */
    body: text("body").notNull(),
    status: text("status", { enum: MESSAGE_STATUSES }).notNull().default("draft"),
    /** When it leaves (UTC instant); set once sent now or scheduled. */
    sendAt: text("send_at"),
    /** When its emails were queued, and how many. */
    queuedAt: text("queued_at"),
    recipients: integer("recipients"),
    accountId: integer("organiser_id").references(() => accounts.id, { onDelete: "set null" }),
    ...timestamps(),
  },
  (t) => [index("registrant_messages_series_idx").on(t.seriesId, t.id), index("registrant_messages_due_idx").on(t.status, t.sendAt)],
);
