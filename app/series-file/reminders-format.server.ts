// The `reminders` part of the series file (docs/series-format.md): a series' reminders besides the
// J-2 codes, each with a stable key, on or off, a timing and the organisers' text. Shape and meaning
// (timing fields that go together, unique keys) are checked here, every problem at its JSON path in
// French; series-format.server.ts hooks `remindersField` into the file. When reminders are sent:
// app/reminders/reminders.server.ts.
import { z } from "zod";
import { REMINDER_TIMINGS } from "~/reminders/reminder-timing";
import { frenchTypography } from "~/utils/typography";
import { key, localTime } from "./format-fields.server";

export const MAX_REMINDERS = 10;
export const MAX_REMINDER_DAYS = 60;
/** One week: "minutes-before" is for the last hours; days ahead are "days-before". */
export const MAX_REMINDER_MINUTES = 7 * 24 * 60;
export const MAX_REMINDER_MESSAGE = 5000;

const reminderSchema = z
  .object({
    key,
    enabled: z.boolean().default(true),
    timing: z.enum(REMINDER_TIMINGS),
    days: z.number().int().min(0).max(MAX_REMINDER_DAYS).nullish(),
    at: localTime.nullish(),
    minutes: z.number().int().min(1).max(MAX_REMINDER_MINUTES).nullish(),
    /** The organisers' own words (plain text: paragraphs, links); absent: a default sentence. */
    message: z.string().trim().max(MAX_REMINDER_MESSAGE).transform(frenchTypography).nullish(),
  })
  .superRefine((r, ctx) => {
    const need = (field: "days" | "at" | "minutes", what: string) => {
      if (r[field] == null) ctx.addIssue({ code: "custom", path: [field], message: `est obligatoire pour un rappel ${what}` });
    };
    const refuse = (field: "days" | "at" | "minutes", what: string) => {
      if (r[field] != null) ctx.addIssue({ code: "custom", path: [field], message: `ne vaut pas pour un rappel ${what} ; retirez ce champ` });
    };
    if (r.timing === "days-before") {
      const what = "« jours avant, à une heure » (days-before)";
      need("days", what);
      need("at", what);
      refuse("minutes", what);
    } else {
      const what = "« minutes avant le début » (minutes-before)";
      need("minutes", what);
      refuse("days", what);
      refuse("at", what);
    }
  });

export const remindersField = z
  .array(reminderSchema)
  .max(MAX_REMINDERS)
  .default([])
  .superRefine((list, ctx) => {
    const keys = new Set<string>();
    list.forEach((r, i) => {
      if (keys.has(r.key)) ctx.addIssue({ code: "custom", path: [i, "key"], message: `la clé « ${r.key} » est déjà utilisée par un autre rappel` });
      keys.add(r.key);
    });
  });

export type ReminderFile = z.infer<typeof reminderSchema>;
export type ReminderFileInput = z.input<typeof reminderSchema>;
