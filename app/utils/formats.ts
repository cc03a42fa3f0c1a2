// Session formats, in one place: how a registrant takes part (on site or remotely), what they receive
// at the J-2 rule (access codes or practical information), and the series' format line, all derived
// from the sessions' formats (online, in-person, hybrid). Pure: shared by pages and emails.
export type Mode = "online" | "in-person" | "hybrid";
export type Participation = "onsite" | "remote";

/** A registration's participation: given by the format, chosen by the registrant for a hybrid session. */
export function participationOf(mode: string, chosen?: string | null): Participation {
  if (mode === "online") return "remote";
  if (mode === "in-person") return "onsite";
  return chosen === "onsite" ? "onsite" : "remote";
}

export const PARTICIPATION_LABELS: Record<Participation, string> = { onsite: "Sur place", remote: "À distance" };

/** The J-2 email of a registration: access codes for whoever joins remotely, practical information on site. */
export function receivesAccessCodes(participation: Participation): boolean {
  return participation === "remote";
}

/** What registrants receive before a session: the access codes (remote), the practical information (on site), or either. */
export type Receives = { codes: boolean; practical: boolean };
export const receivesOfModes = (modes: readonly string[]): Receives => ({
  codes: modes.some((m) => m !== "in-person"),
  practical: modes.some((m) => m !== "online"),
});
export const receivesOfParticipations = (list: readonly string[]): Receives => ({ codes: list.includes("remote"), practical: list.includes("onsite") });

const PRACTICAL = "les informations pratiques (adresse, accès, accessibilité, contact)";

/** "Vous recevrez les codes d'accès 2 jours avant chaque rencontre, si et seulement si votre inscription est confirmée." and its on-site forms. */
export function receiveSentence(what: Receives, daysBefore: number): string {
  const each = daysBefore === 0 ? "le jour de chaque rencontre" : `${daysBefore === 1 ? "la veille de" : `${daysBefore} jours avant`} chaque rencontre`;
  const condition = "si et seulement si votre inscription est confirmée.";
  if (what.codes && what.practical)
    return `Vous recevrez ${each} les codes d’accès de celles que vous suivez à distance et ${PRACTICAL} de celles où vous venez sur place, ${condition}`;
  if (what.practical) return `Vous recevrez ${PRACTICAL} ${each}, ${condition}`;
  return `Vous recevrez les codes d’accès ${each}, ${condition}`;
}

const FORMAT_PHRASES: Record<Mode, string> = { online: "en visio-conférence", "in-person": "en présentiel", hybrid: "en hybride (sur place ou à distance)" };

/** "5 rendez-vous en visio-conférence sur Zoom", "3 rendez-vous : 2 en présentiel, 1 en visio-conférence sur Zoom". */
export function seriesFormatLine(modes: readonly string[], platform: string | null): string {
  const counts = new Map<Mode, number>();
  for (const m of modes) if (m in FORMAT_PHRASES) counts.set(m as Mode, (counts.get(m as Mode) ?? 0) + 1);
  const phrase = (m: Mode) => `${FORMAT_PHRASES[m]}${m !== "in-person" && platform ? ` sur ${platform}` : ""}`;
  const total = modes.length;
  if (counts.size === 0) return `${total} rendez-vous`;
  if (counts.size === 1) return `${total} rendez-vous ${phrase([...counts.keys()][0])}`;
  const order: Mode[] = ["in-person", "hybrid", "online"];
  return `${total} rendez-vous\u00a0: ${order
    .filter((m) => counts.has(m))
    .map((m) => `${counts.get(m)} ${phrase(m)}`)
    .join(", ")}`;
}

/** The seats a participation draws from: a hybrid session's remote seats are its own. null: no limit. */
export function capacityFor(session: { mode: string; capacity: number | null; remoteCapacity: number | null }, participation: Participation): number | null {
  return session.mode === "hybrid" && participation === "remote" ? session.remoteCapacity : session.capacity;
}

/** Confirmed registrations of a session by participation. */
export type Confirmed = Record<Participation, number>;

/**
 * Seats left for a participation, given the session's confirmed registrations: a hybrid session
 * counts each side against its own capacity; other sessions count everyone. null: no limit.
 */
export function seatsLeftOf(
  session: { mode: string; capacity: number | null; remoteCapacity: number | null },
  participation: Participation,
  confirmed: Confirmed,
): number | null {
  const capacity = capacityFor(session, participation);
  if (capacity === null) return null;
  return Math.max(0, capacity - (session.mode === "hybrid" ? confirmed[participation] : confirmed.onsite + confirmed.remote));
}

/** The participations a session offers, in the order the form lists them. */
export function participationsOf(mode: string): Participation[] {
  return mode === "hybrid" ? ["onsite", "remote"] : [participationOf(mode)];
}

export const HYBRID_CHOICE_MISSING = (number: number) => `Pour le RDV #${number}, indiquez si vous venez sur place ou si vous suivez à distance.`;
