// The back-office's reminders page (/admin/series/<slug>/rappels): a series' reminders with their next
// sending instant in the series' zone, and their changes (add, edit, turn on or off, delete), saved
// through the series file like every series edit (app/series/series-editor.server.ts): the same
// checks as an import, French messages by JSON path, the audit log.
import { and, asc, eq, gt } from "drizzle-orm";
import * as t from "../../db/schema";
import type { Account } from "~/accounts/accounts.server";
import { formatDay, formatTime, fromUtcIso } from "~/utils/dates.server";
import type { AppDatabase } from "~/utils/db.server";
import { describeReminder, type ReminderRule } from "./reminder-timing";
import { reminderDueAt } from "./reminders.server";
import type { ReminderFileInput } from "../series-file/reminders-format.server";
import { loadDoc, saveDoc, uniqueKey, type SaveResult, type SeriesDoc } from "../series/series-editor.server";

export type ReminderLine = ReminderFileInput & { description: string; next: string | null };

/** "dimanche 28 mars 2027 à 18 h (RDV n° 1)": the next instant a reminder goes, over the sessions still ahead. */
function nextSending(rule: ReminderRule, sessions: { number: number; startsAt: string }[], zone: string, nowIso: string): string | null {
  let best: { due: string; number: number } | null = null;
  for (const s of sessions) {
    const due = reminderDueAt(s.startsAt, zone, rule);
    if (due !== null && due > nowIso && (best === null || due < best.due)) best = { due, number: s.number };
  }
  if (!best) return null;
  const at = fromUtcIso(best.due, zone);
  return `${formatDay(at)} à ${formatTime(at)} (RDV n°\u00a0${best.number})`;
}

const ruleOf = (r: ReminderFileInput): ReminderRule => ({ timing: r.timing, days: r.days ?? null, at: r.at ?? null, minutes: r.minutes ?? null });

/** The series and its reminders, each with its description and next sending (null: none ahead, or turned off). */
export function remindersPage(db: AppDatabase, slug: string, nowIso: string): { doc: SeriesDoc; reminders: ReminderLine[] } | null {
  const doc = loadDoc(db, slug);
  if (!doc) return null;
  const series = db.select({ id: t.series.id }).from(t.series).where(eq(t.series.slug, slug)).get()!;
  const sessions = db
    .select({ number: t.sessions.number, startsAt: t.sessions.startsAt })
    .from(t.sessions)
    .where(and(eq(t.sessions.seriesId, series.id), eq(t.sessions.status, "published"), gt(t.sessions.startsAt, nowIso)))
    .orderBy(asc(t.sessions.startsAt))
    .all();
  const reminders = (doc.reminders ?? []).map((r) => ({
    ...r,
    description: describeReminder(ruleOf(r)),
    next: r.enabled === false ? null : nextSending(ruleOf(r), sessions, doc.timezone, nowIso),
  }));
  return { doc, reminders };
}

/** "18" stays a number for the file, "" is absent, anything else stays as typed for the file's message ("doit être un nombre"). */
function numberField(form: FormData, name: string): number | undefined {
  const v = String(form.get(name) ?? "").trim();
  if (v === "") return undefined;
  return /^-?\d+$/.test(v) ? Number(v) : (v as unknown as number);
}

/** The reminder form's fields as the file writes them; the other timing's fields are ignored. */
export function reminderFromForm(form: FormData): Omit<ReminderFileInput, "key"> {
  const timing = String(form.get("rTiming") ?? "") as ReminderFileInput["timing"];
  const message = String(form.get("rMessage") ?? "").trim();
  const when =
    timing === "minutes-before"
      ? { minutes: numberField(form, "rMinutes") }
      : { days: numberField(form, "rDays"), at: String(form.get("rAt") ?? "").trim() || undefined };
  return { enabled: form.get("rEnabled") === "oui", timing, ...when, ...(message ? { message } : {}) };
}

export type ReminderChange =
  { intent: "reminder"; key: string | null; fields: Omit<ReminderFileInput, "key"> } | { intent: "reminder-toggle" | "reminder-remove"; key: string };

/**
 * Applies one change to the series' reminders and saves the series. `path` is where the changed
 * reminder's problems are ("reminders[2]"), to show them next to its fields.
 */
export function changeReminders(db: AppDatabase, by: Account, doc: SeriesDoc, change: ReminderChange, nowIso: string): SaveResult & { path: string | null } {
  const list = [...(doc.reminders ?? [])];
  let path: string | null = null;
  let key = change.key;
  if (change.intent === "reminder") {
    const i = change.key ? list.findIndex((r) => r.key === change.key) : list.length;
    if (i < 0) return { ok: false, problems: [{ path: "reminders", message: "ce rappel n’existe plus ; rechargez la page" }], path: null };
    key =
      change.key ??
      uniqueKey(
        "rappel",
        list.map((r) => r.key),
      );
    list[i] = { key, ...change.fields };
    path = `reminders[${i}]`;
  } else {
    const i = list.findIndex((r) => r.key === change.key);
    if (i < 0) return { ok: false, problems: [{ path: "reminders", message: "ce rappel n’existe plus ; rechargez la page" }], path: null };
    if (change.intent === "reminder-toggle") list[i] = { ...list[i], enabled: list[i].enabled === false };
    else list.splice(i, 1);
  }
  const r = saveDoc(db, by, { ...doc, reminders: list }, nowIso, "update", { part: change.intent, key });
  return { ...r, path };
}
