// A series of meetings ("Les rendez-vous de la santé en QPV") with what its public page shows.
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { belongsTo, id, jsonList, position, timestamps } from "./columns";
import { organisations, people } from "./directory";

export const SERIES_STATUSES = ["draft", "published", "archived"] as const;
export const MODES = ["online", "in-person", "hybrid"] as const;
/** "funder": the bodies that pay for the series (ARS, a city…), named on sign-in sheets as « Avec le soutien financier de ». */
export const ORGANISATION_ROLES = ["organiser", "support", "partner", "contributor", "funder"] as const;

export const series = sqliteTable("series", {
  id: id(),
  slug: text("slug").notNull().unique(),
  title: text("title").notNull(),
  subtitle: text("subtitle"),
  territory: text("territory"),
  /** IANA zone; every local time of the series is read and shown in it. */
  timezone: text("timezone").notNull().default("Europe/Paris"),
  status: text("status", { enum: SERIES_STATUSES }).notNull().default("draft"),
  summary: text("summary"),
  question: text("question"),
  objectives: jsonList<string>("objectives"),
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
  ...timestamps(),
});

export const seriesOrganisations = sqliteTable(
  "series_organisations",
  {
    seriesId: belongsTo("series_id", () => series.id),
    organisationId: belongsTo("organisation_id", () => organisations.id),
    role: text("role", { enum: ORGANISATION_ROLES }).notNull(),
    position: position(),
  },
  (t) => [primaryKey({ columns: [t.seriesId, t.organisationId] })],
);

/** People listed by a series (speakers and others), in the file's order. */
export const seriesPeople = sqliteTable(
  "series_people",
  {
    seriesId: belongsTo("series_id", () => series.id),
    personId: belongsTo("person_id", () => people.id),
    position: position(),
  },
  (t) => [primaryKey({ columns: [t.seriesId, t.personId] })],
);

export const keyFigures = sqliteTable(
  "key_figures",
  {
    id: id(),
    seriesId: belongsTo("series_id", () => series.id),
    position: position(),
    value: text("value").notNull(),
    label: text("label").notNull(),
  },
  (t) => [index("key_figures_series_idx").on(t.seriesId, t.position)],
);

/** Rules of the meetings ("Micro coupé", "Questions par écrit"), shown on pages and in access emails. */
export const seriesRules = sqliteTable(
  "series_rules",
  {
    id: id(),
    seriesId: belongsTo("series_id", () => series.id),
    position: position(),
    text: text("text").notNull(),
  },
  (t) => [index("series_rules_series_idx").on(t.seriesId, t.position)],
);
