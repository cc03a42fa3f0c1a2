// Why a session is closed to registration, in one place and in French: the series' registration
// window, and each session's own state (visible, published, not started). The form, the personal
// space, the organisers' list and promotion from the waiting list all ask here.
import type * as t from "../../db/schema";

type SessionRow = typeof t.sessions.$inferSelect;
type SeriesRow = typeof t.series.$inferSelect;

export function registrationWindowOpen(series: Pick<SeriesRow, "status" | "registrationOpensAt" | "registrationClosesAt">, nowIso: string): boolean {
  return (
    series.status === "published" &&
    (!series.registrationOpensAt || series.registrationOpensAt <= nowIso) &&
    (!series.registrationClosesAt || series.registrationClosesAt > nowIso)
  );
}

/**
 * WHY A SESSION IS CLOSED TO REGISTRATION — the one place that says it, in French; null when open.
 * `register` (the public form, the personal space, an organiser adding someone by hand): the session
 * must be visible, published, not started, and the series' registration window open. `promote` (a
 * seat given from the waiting list, automatically or by an organiser): the session must be published
 * and not started; the window does not apply to people already on the list.
 */
export function closedReason(
  series: Pick<SeriesRow, "id" | "status" | "registrationOpensAt" | "registrationClosesAt">,
  session: SessionRow | undefined,
  nowIso: string,
  purpose: "register" | "promote" = "register",
): string | null {
  if (!session || session.seriesId !== series.id || (purpose === "register" && session.status === "draft"))
    return "Cette rencontre n’existe pas dans cette série.";
  if (session.status === "cancelled") return `La rencontre RDV #${session.number} est annulée.`;
  if (purpose === "promote" && session.status !== "published")
    return `La rencontre RDV #${session.number} n’est pas publiée : les inscriptions y sont suspendues.`;
  if (session.status === "postponed") return `La rencontre RDV #${session.number} est reportée : les inscriptions rouvriront avec sa nouvelle date.`;
  if (session.startsAt <= nowIso) return `La rencontre RDV #${session.number} a déjà commencé ou est passée.`;
  if (purpose === "register" && !registrationWindowOpen(series, nowIso)) return "Les inscriptions à cette série ne sont pas ouvertes.";
  return null;
}
