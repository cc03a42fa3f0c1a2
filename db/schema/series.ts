// A series of meetings ("Les rendez-vous de la santé en QPV") with what its public page shows.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { organisations, people } from "./directory";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))`;

export const SERIES_STATUSES = ["draft", "published", "archived"] as const;
export const MODES = ["online", "in-person", "hybrid"] as const;
export const ORGANISATION_ROLES = ["organiser", "support", "partner", "contributor"] as const;

export const series = sqliteTable("series", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  title: text("title").notNull(),
  subtitle: text("subtitle"),
  territory: text("territory"),
  /** IANA zone; every local time of the series is read and shown in it. */
  timezone: text("timezone").notNull().default("Europe/Paris"),
  status: text("status", { enum: SERIES_STATUSES }).notNull().default("draft"),
  summary: text("summary"),
  question: text("question"),
  objectives: text("objectives", { mode: "json" })
    .$type<string[]>()
    .notNull()
    .default(sql`'[]'`),
  audience: text("audience"),
  mode: text("mode", { enum: MODES }),
  platform: text("platform"),
  registrationRequired: integer("registration_required", { mode: "boolean" }).notNull().default(true),
  multipleSessions: integer("multiple_sessions", { mode: "boolean" }).notNull().default(true),
  /** UTC instants (ISO 8601, "Z"). */
  registrationOpensAt: text("registration_opens_at"),
  registrationClosesAt: text("registration_closes_at"),
  /** Access-code send rule: `accessDaysBefore` calendar days before, at `accessSendAt` local time. */
  accessDaysBefore: integer("access_days_before").notNull().default(2),
  accessSendAt: text("access_send_at").notNull().default("09:00"),
  createdAt: text("created_at").notNull().default(now),
  updatedAt: text("updated_at").notNull().default(now),
});

export const seriesOrganisations = sqliteTable(
  "series_organisations",
  {
    seriesId: integer("series_id")
      .notNull()
      .references(() => series.id, { onDelete: "cascade" }),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    role: text("role", { enum: ORGANISATION_ROLES }).notNull(),
    position: integer("position").notNull(),
  },
  (t) => [primaryKey({ columns: [t.seriesId, t.organisationId] })],
);

/** People listed by a series (speakers and others), in the file's order. */
export const seriesPeople = sqliteTable(
  "series_people",
  {
    seriesId: integer("series_id")
      .notNull()
      .references(() => series.id, { onDelete: "cascade" }),
    personId: integer("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
  },
  (t) => [primaryKey({ columns: [t.seriesId, t.personId] })],
);

export const keyFigures = sqliteTable(
  "key_figures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    seriesId: integer("series_id")
      .notNull()
      .references(() => series.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    value: text("value").notNull(),
    label: text("label").notNull(),
  },
  (t) => [index("key_figures_series_idx").on(t.seriesId, t.position)],
);

/** Rules of the meetings ("Micro coupé", "Questions par écrit"), shown on pages and in access emails. */
export const seriesRules = sqliteTable(
  "series_rules",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    seriesId: integer("series_id")
      .notNull()
      .references(() => series.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    text: text("text").notNull(),
  },
  (t) => [index("series_rules_series_idx").on(t.seriesId, t.position)],
);
