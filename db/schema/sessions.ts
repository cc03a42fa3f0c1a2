// Sessions of a series, and their access information kept in a table of its own so that no public
// query can select it by accident.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { belongsTo, id, jsonList, now, timestamps } from "./columns";
import { MODES, series } from "./series";

export const SESSION_STATUSES = ["draft", "published", "cancelled", "postponed"] as const;

export const sessions = sqliteTable(
  "sessions",
  {
    id: id(),
    seriesId: belongsTo("series_id", () => series.id),
    number: integer("number").notNull(),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    theme: text("theme"),
    /** UTC instants (ISO 8601, "Z"); shown in the series' zone. */
    startsAt: text("starts_at").notNull(),
    endsAt: text("ends_at").notNull(),
    mode: text("mode", { enum: MODES }).notNull().default("online"),
    status: text("status", { enum: SESSION_STATUSES }).notNull().default("published"),
    /** Seats (on site for a hybrid session); null means no limit. */
    capacity: integer("capacity"),
    /** A hybrid session's remote seats; null means no limit (unused for other formats). */
    remoteCapacity: integer("remote_capacity"),
    venueName: text("venue_name"),
    venueAddress: text("venue_address"),
    /** How to get there (transport, parking, floor). */
    venueInstructions: text("venue_instructions"),
    /** Accessibility of the place (step-free access, induction loop…). */
    venueAccessibility: text("venue_accessibility"),
    /** Who to call or write to on the day. */
    venueContact: text("venue_contact"),
    /** When the access codes go out (UTC), from the series' rule: app/access-codes/access-codes.server.ts. */
    accessCodesDueAt: text("access_codes_due_at"),
    /** iCalendar SEQUENCE: grows whenever the time, place or status changes. */
    sequence: integer("sequence").notNull().default(0),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("sessions_series_number_uq").on(t.seriesId, t.number),
    uniqueIndex("sessions_series_slug_uq").on(t.seriesId, t.slug),
    index("sessions_starts_at_idx").on(t.startsAt),
    index("sessions_codes_due_idx").on(t.accessCodesDueAt),
  ],
);

export type DialIn = { label: string; number: string };

/** Secret: join link, meeting ID, passcode, dial-in. Only ever read by the mailer and organisers. */
export const sessionAccess = sqliteTable("session_access", {
  sessionId: integer("session_id")
    .primaryKey()
    .references(() => sessions.id, { onDelete: "cascade" }),
  provider: text("provider"),
  joinUrl: text("join_url"),
  meetingId: text("meeting_id"),
  passcode: text("passcode"),
  dialIn: jsonList<DialIn>("dial_in"),
  instructions: text("instructions"),
  /** Grows at each change, so that a correction is sent once per revision. */
  revision: integer("revision").notNull().default(1),
  updatedAt: text("updated_at").notNull().default(now),
});
