// Counters of registrations kept by the database itself (ADR 021): per session, how many registrations
// are confirmed (and of those, on site), waiting and cancelled, and the attendance recorded for the
// confirmed ones; per series, how many people hold a seat or a place (a distinct count, kept through
// one row per person and series with the number of their active registrations there). SQLite
// triggers on `registrations` maintain them in the writing transaction, whatever process writes
// (db/migrations: the custom "registration_counts_triggers" migration, which also backfills them), so
// the dashboard and the registrants page read a few rows instead of every registration.
import { integer, primaryKey, sqliteTable } from "drizzle-orm/sqlite-core";
import { series } from "./series";
import { sessions } from "./sessions";

const counter = (name: string) => integer(name).notNull().default(0);

export const sessionCounts = sqliteTable("session_counts", {
  sessionId: integer("session_id")
    .primaryKey()
    .references(() => sessions.id, { onDelete: "cascade" }),
  confirmed: counter("confirmed"),
  /** Confirmed with participation `onsite` as stored (a hybrid session's on-site seats; remote = confirmed − this). */
  confirmedOnsite: counter("confirmed_onsite"),
  waiting: counter("waiting"),
  cancelled: counter("cancelled"),
  /** Attendance recorded for confirmed registrations. */
  present: counter("present"),
  excused: counter("excused"),
  absent: counter("absent"),
});

/** One row per person holding a seat or a place (confirmed or waiting) in a series, with how many. */
export const seriesRegistrants = sqliteTable(
  "series_registrants",
  {
    seriesId: integer("series_id")
      .notNull()
      .references(() => series.id, { onDelete: "cascade" }),
    // No foreign key: the rows go with the person's registrations (their delete trigger), and a key
    // would need an index of its own for a person's deletion.
    participantId: integer("participant_id").notNull(),
    registrations: counter("registrations"),
  },
  (t) => [primaryKey({ columns: [t.seriesId, t.participantId] })],
);

export const seriesCounts = sqliteTable("series_counts", {
  seriesId: integer("series_id")
    .primaryKey()
    .references(() => series.id, { onDelete: "cascade" }),
  /** People with at least one confirmed or waiting registration in the series (rows of series_registrants). */
  people: counter("people"),
});
