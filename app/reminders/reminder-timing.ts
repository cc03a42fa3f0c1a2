// A reminder's timing as organisers set it and read it: the rule's shape (shared by the planner, the
// series file and the back-office form) and its French description (« la veille à 18 h », « 1 h
// avant »). Client-safe: no database, no clock. When a reminder is due: reminders.server.ts.

export const REMINDER_TIMINGS = ["days-before", "minutes-before"] as const;
export type ReminderTiming = (typeof REMINDER_TIMINGS)[number];
export type ReminderRule = { timing: ReminderTiming; days: number | null; at: string | null; minutes: number | null };

const NBSP = "\u00a0";

/** "18:00" → "18 h", "09:30" → "9 h 30". */
function hourOf(at: string): string {
  const [h, m] = at.split(":").map(Number);
  return m ? `${h}${NBSP}h${NBSP}${String(m).padStart(2, "0")}` : `${h}${NBSP}h`;
}

/** « la veille à 18 h », « 3 jours avant, à 9 h », « le jour même à 8 h », « 1 h avant », « 30 min avant ». */
export function describeReminder(rule: ReminderRule): string {
  if (rule.timing === "minutes-before") {
    const minutes = rule.minutes ?? 0;
    if (minutes % 60 === 0) return `${minutes / 60}${NBSP}h avant le début`;
    return minutes > 60
      ? `${Math.floor(minutes / 60)}${NBSP}h${NBSP}${String(minutes % 60).padStart(2, "0")} avant le début`
      : `${minutes}${NBSP}min avant le début`;
  }
  const at = hourOf(rule.at ?? "09:00");
  const days = rule.days ?? 0;
  if (days === 0) return `le jour même à ${at}`;
  if (days === 1) return `la veille à ${at}`;
  return `${days}${NBSP}jours avant, à ${at}`;
}
