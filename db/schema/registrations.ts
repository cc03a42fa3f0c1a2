// Participants (people who register; apart from the speakers of the directory), their registrations
// and the personal links that open their space without an account.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { belongsTo, createdAt, id, timestamps } from "./columns";
import { sessions } from "./sessions";

export const STRUCTURE_TYPES = ["collectivite", "etat-ars", "association", "sante", "education", "bailleur", "habitant", "autre"] as const;
export const REGISTRATION_STATUSES = ["confirmed", "waiting", "cancelled"] as const;
export const ATTENDANCE = ["present", "excused", "absent"] as const;
/** How a registrant takes part: on site or remotely (chosen for a hybrid session, given by the format otherwise). */
export const PARTICIPATIONS = ["onsite", "remote"] as const;

export const participants = sqliteTable("participants", {
  id: id(),
  /** Normalised (trimmed, lower-case); replaced by a placeholder when the person erases their data. */
  email: text("email").notNull().unique(),
  firstName: text("first_name").notNull(),
  lastName: text("last_name").notNull(),
  organisation: text("organisation"),
  jobTitle: text("job_title"),
  structureType: text("structure_type", { enum: STRUCTURE_TYPES }),
  territory: text("territory"),
  dataConsentAt: text("data_consent_at").notNull(),
  newsConsent: integer("news_consent", { mode: "boolean" }).notNull().default(false),
  newsConsentAt: text("news_consent_at"),
  /** « Consentement à figurer »: when the person agreed to be named (with their structure) in public minutes; null: counted, never named. */
  minutesConsentAt: text("minutes_consent_at"),
  erasedAt: text("erased_at"),
  ...timestamps(),
});

export const registrations = sqliteTable(
  "registrations",
  {
    id: id(),
    participantId: belongsTo("participant_id", () => participants.id),
    sessionId: belongsTo("session_id", () => sessions.id),
    status: text("status", { enum: REGISTRATION_STATUSES }).notNull(),
    /** On site or remote: app/utils/formats.ts (participationOf). Capacity and the J-2 email follow it. */
    participation: text("participation", { enum: PARTICIPATIONS }).notNull().default("remote"),
    /** Grows at each status change: keys the emails sent once per change (promotion…). */
    revision: integer("revision").notNull().default(1),
    /** Arrival order on the waiting list (UTC instant, then id). */
    waitingSince: text("waiting_since"),
    confirmedAt: text("confirmed_at"),
    cancelledAt: text("cancelled_at"),
    /** Attendance after the session: présent / excusé / absent (by hand or from a Zoom report). */
    attendance: text("attendance", { enum: ATTENDANCE }),
    /** Minutes connected, from the videoconference report. */
    attendedMinutes: integer("attended_minutes"),
    /** The registrants list's order within a session and status: the person's nameSortKey (app/utils/sort-name.ts), kept by triggers (ADR 021). */
    sortName: text("sort_name").notNull().default(""),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("registrations_participant_session_uq").on(t.participantId, t.sessionId),
    index("registrations_session_status_idx").on(t.sessionId, t.status, t.waitingSince, t.id),
    // Who holds a seat or a place per session, read from the index alone: the dashboard's « Personnes » per series.
    index("registrations_session_people_idx").on(t.sessionId, t.status, t.participantId),
    // A page of the registrants list, in its order, from the index (app/registration/registrants-window.server.ts).
    index("registrations_session_list_idx").on(t.sessionId, t.status, t.sortName, t.id),
  ],
);

/** Personal links: only a SHA-256 of the token is stored; revoking sets revokedAt. */
export const personalLinks = sqliteTable(
  "personal_links",
  {
    id: id(),
    participantId: belongsTo("participant_id", () => participants.id),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: createdAt(),
    revokedAt: text("revoked_at"),
  },
  (t) => [index("personal_links_participant_idx").on(t.participantId)],
);
