// Session-level domain rules shared by import and the back-office: what counts as a change of
// time, place, status or access information (each one is told to the registrants). The iCalendar SEQUENCE grows on time, place or status.
import type * as t from "../../db/schema";

export type SessionChangeKind = "created" | "time" | "place" | "status" | "access";

/** What a session was before a change, as its correction email shows it (« ancien → nouveau »). */
export type SessionBefore = { when: string; place: string };

/** A session's place in one line: the format, and the venue for in-person and hybrid sessions. */
export function placeLine(s: { mode: string; venueName: string | null; venueAddress: string | null }): string {
  const venue = [s.venueName, s.venueAddress].filter(Boolean).join(", ");
  if (s.mode === "online") return "En visio-conférence";
  return `${s.mode === "hybrid" ? "Hybride" : "En présentiel"}${venue ? ` : ${venue}` : ""}`;
}

type SessionValues = Pick<
  typeof t.sessions.$inferSelect,
  "startsAt" | "endsAt" | "mode" | "status" | "venueName" | "venueAddress" | "venueInstructions" | "venueAccessibility"
>;
type AccessValues = {
  provider?: string | null;
  joinUrl?: string | null;
  meetingId?: string | null;
  passcode?: string | null;
  dialIn?: { label: string; number: string }[];
  instructions?: string | null;
};

function accessFingerprint(a: AccessValues | null | undefined): string {
  if (!a) return "";
  return JSON.stringify([a.provider ?? null, a.joinUrl ?? null, a.meetingId ?? null, a.passcode ?? null, a.dialIn ?? [], a.instructions ?? null]);
}

export function diffSession(
  before: SessionValues,
  after: SessionValues,
  accessBefore: AccessValues | null | undefined,
  accessAfter: AccessValues | null | undefined,
): SessionChangeKind[] {
  const kinds: SessionChangeKind[] = [];
  if (before.startsAt !== after.startsAt || before.endsAt !== after.endsAt) kinds.push("time");
  if (
    before.mode !== after.mode ||
    before.venueName !== after.venueName ||
    before.venueAddress !== after.venueAddress ||
    before.venueInstructions !== after.venueInstructions ||
    before.venueAccessibility !== after.venueAccessibility
  ) {
    kinds.push("place");
  }
  if (before.status !== after.status) kinds.push("status");
  if (accessFingerprint(accessBefore) !== accessFingerprint(accessAfter)) kinds.push("access");
  return kinds;
}

/** A session as the series file holds it (local times, all in the series' zone). */
type FileSessionValues = {
  start: string;
  end: string;
  mode?: string | null;
  status?: string | null;
  venue?: { name?: string | null; address?: string | null; instructions?: string | null; accessibility?: string | null } | null;
  access?: AccessValues | null;
};

/**
 * The changes between two versions of a session of the series file that its registrants are told of
 * (diffSession's kinds: rectificatif, cancellation, postponement): the back-office asks for an
 * organiser before saving one of them.
 */
export function changesForRegistrants(before: FileSessionValues, after: FileSessionValues): SessionChangeKind[] {
  const row = (s: FileSessionValues) =>
    ({
      startsAt: s.start,
      endsAt: s.end,
      mode: s.mode ?? "online",
      status: s.status ?? "published",
      venueName: s.venue?.name || null,
      venueAddress: s.venue?.address || null,
      venueInstructions: s.venue?.instructions || null,
      venueAccessibility: s.venue?.accessibility || null,
    }) as SessionValues;
  return diffSession(row(before), row(after), before.access, after.access);
}
