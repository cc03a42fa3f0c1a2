// A series' reminders to and from its file (`reminders` in rendez-vous.series/1). Upserted by key: a
// reminder keeps its row across re-imports, and since the outbox's dedupe key names the reminder's
// key (not its id), a reminder already sent is never sent again after a re-import; reminders no
// longer in the file are removed (their pending emails are skipped at sending time).
import { and, asc, eq, notInArray } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase, Tx } from "~/utils/db.server";
import type { ReminderFile, ReminderFileInput } from "../series-file/reminders-format.server";

export function writeFileReminders(tx: Tx, seriesId: number, reminders: ReminderFile[], nowIso: string): void {
  const keys = reminders.map((r) => r.key);
  tx.delete(t.seriesReminders)
    .where(and(eq(t.seriesReminders.seriesId, seriesId), notInArray(t.seriesReminders.key, keys.length ? keys : [""])))
    .run();
  reminders.forEach((r, position) => {
    const values = {
      position,
      enabled: r.enabled,
      timing: r.timing,
      days: r.days ?? null,
      at: r.at ?? null,
      minutes: r.minutes ?? null,
      message: r.message || null,
    };
    tx.insert(t.seriesReminders)
      .values({ seriesId, key: r.key, ...values })
      .onConflictDoUpdate({ target: [t.seriesReminders.seriesId, t.seriesReminders.key], set: { ...values, updatedAt: nowIso } })
      .run();
  });
}

/** The series' reminders as the file writes them, in order; absent values omitted. */
export function fileReminders(db: AppDatabase, seriesId: number): ReminderFileInput[] {
  return db
    .select()
    .from(t.seriesReminders)
    .where(eq(t.seriesReminders.seriesId, seriesId))
    .orderBy(asc(t.seriesReminders.position))
    .all()
    .map((r) => ({
      key: r.key,
      enabled: r.enabled,
      timing: r.timing,
      ...(r.timing === "days-before" ? { days: r.days ?? 0, at: r.at ?? "09:00" } : { minutes: r.minutes ?? 60 }),
      ...(r.message ? { message: r.message } : {}),
    }));
}
