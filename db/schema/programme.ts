// The timed programme of a session: items (with UTC times) and their untimed parts, with speakers.
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { belongsTo, id, position } from "./columns";
import { organisations, people } from "./directory";
import { SPEAKER_ROLES } from "../../app/utils/programme-form";
import { sessions } from "./sessions";

// The speaker roles are declared with the programme form (client-safe, no dependencies).
export { SPEAKER_ROLES };

export const PROGRAMME_KINDS = ["welcome", "talk", "talks", "questions", "break", "round-tables", "round-table", "workshop", "closing", "other"] as const;

export const programmeItems = sqliteTable(
  "programme_items",
  {
    id: id(),
    sessionId: belongsTo("session_id", () => sessions.id),
    /** Set for a part (a talk within "Interventions", a round table within "Tables rondes"). */
    parentId: integer("parent_id").references((): AnySQLiteColumn => programmeItems.id, { onDelete: "cascade" }),
    position: position(),
    /** UTC instants for timed items; null for parts. */
    startsAt: text("starts_at"),
    endsAt: text("ends_at"),
    kind: text("kind", { enum: PROGRAMME_KINDS }),
    title: text("title").notNull(),
    description: text("description"),
  },
  (t) => [index("programme_items_session_idx").on(t.sessionId, t.parentId, t.position)],
);

/** A speaker is a person or an organisation, never both. */
export const programmeSpeakers = sqliteTable(
  "programme_speakers",
  {
    id: id(),
    itemId: belongsTo("item_id", () => programmeItems.id),
    personId: integer("person_id").references(() => people.id, { onDelete: "restrict" }),
    organisationId: integer("organisation_id").references(() => organisations.id, { onDelete: "restrict" }),
    speakerRole: text("part", { enum: SPEAKER_ROLES }).notNull().default("speaker"),
    position: position(),
  },
  (t) => [
    index("programme_speakers_item_idx").on(t.itemId, t.position),
    index("programme_speakers_person_idx").on(t.personId),
    index("programme_speakers_org_idx").on(t.organisationId),
    check("programme_speakers_one_of", sql`(${t.personId} IS NULL) <> (${t.organisationId} IS NULL)`),
  ],
);
