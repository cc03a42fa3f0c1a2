// A series' reminders, besides the J-2 access codes: e.g. the day before at 18:00, one hour before the
// start. Each has a stable key in the series (from the series file, or given by the back-office), so
// that a re-import keeps what was already sent (the outbox's dedupe key uses the key, not the id).
// When a reminder is due and who gets it: app/reminders/reminders.server.ts.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { REMINDER_TIMINGS } from "../../app/reminders/reminder-timing";
import { belongsTo, id, position, timestamps } from "./columns";
import { series } from "./series";

// The timings are declared with their French descriptions (client-safe, no dependencies):
// "days-before": `days` calendar days before the start date, at `at` (HH:mm, series' zone);
// "minutes-before": `minutes` before the start.
export { REMINDER_TIMINGS };

export const seriesReminders = sqliteTable(
  "series_reminders",
  {
    id: id(),
    seriesId: belongsTo("series_id", () => series.id),
    key: text("key").notNull(),
    position: position(),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    timing: text("timing", { enum: REMINDER_TIMINGS }).notNull(),
    days: integer("days"),
    at: text("at"),
    minutes: integer("minutes"),
    /** The organisers' own words, plain text (paragraphs, links); the email adds the session and its details. */
    message: text("message"),
    ...timestamps(),
  },
  (t) => [uniqueIndex("series_reminders_key_uq").on(t.seriesId, t.key), index("series_reminders_series_idx").on(t.seriesId, t.position)],
);
