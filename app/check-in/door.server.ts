// When the door is open: the one rule of when organisers may check people in at a session. From
// the start of the session's day in the series' zone (and at least DOOR_OPENS_HOURS_BEFORE hours
// before it starts, for a session just after midnight) until the end of the day it ends. Before and
// after, attendance is recorded on the attendance page (app/attendance/). Never reads the clock.
import { DateTime } from "luxon";
import { formatDay, formatTime, toUtcIso } from "~/utils/dates.server";

export const DOOR_OPENS_HOURS_BEFORE = 4;

export type DoorSession = { startsAt: string; endsAt: string; status: string };

/** The instants (UTC ISO) between which check-in is open for this session. */
export function doorWindow(session: DoorSession, zone: string): { opensAt: string; closesAt: string } {
  const start = DateTime.fromISO(session.startsAt, { zone: "utc" }).setZone(zone);
  const dayStart = start.startOf("day");
  const early = start.minus({ hours: DOOR_OPENS_HOURS_BEFORE });
  const opens = early < dayStart ? early : dayStart;
  const closes = DateTime.fromISO(session.endsAt, { zone: "utc" }).setZone(zone).endOf("day");
  return { opensAt: toUtcIso(opens), closesAt: toUtcIso(closes) };
}

/** Why nobody can be checked in at this session now (French), or null when the door is open. */
export function doorRefusal(session: DoorSession, zone: string, nowIso: string): string | null {
  if (session.status === "cancelled") return "Cette rencontre est annulée : l’accueil est fermé.";
  if (session.status === "postponed") return "Cette rencontre est reportée : l’accueil ouvrira le jour de sa nouvelle date.";
  const { opensAt, closesAt } = doorWindow(session, zone);
  if (nowIso < opensAt) {
    const opens = DateTime.fromISO(opensAt, { zone: "utc" }).setZone(zone);
    return `L’accueil ouvre le ${formatDay(opens)} à ${formatTime(opens)} : il n’est pas encore possible d’enregistrer une arrivée.`;
  }
  if (nowIso > closesAt) return "Cette rencontre est passée : l’accueil est fermé. Notez la présence sur la page « Présence ».";
  return null;
}
