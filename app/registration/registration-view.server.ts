// What the registration pages show: the form's sessions (seats left, per participation for a hybrid
// session, or why each is closed) with the organisers named in its privacy notice, and the summary
// of what was just recorded on the "merci" page.
import { and, asc, eq, inArray } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import { formatSessionWhen } from "~/utils/dates.server";
import { participationOf, participationsOf, seatsLeftOf, type Participation } from "~/utils/formats";
import { findSeries } from "../series/series-lookup.server";
import { closedReason, registrationWindowOpen } from "./closed-reason.server";
import { confirmedByParticipation } from "./seats.server";

type SessionRow = typeof t.sessions.$inferSelect;

const sumSeats = (list: (number | null)[]) => (list.some((n) => n === null) ? null : list.reduce<number>((a, n) => a + (n ?? 0), 0));

export type RegistrationOption = {
  id: number;
  slug: string;
  number: number;
  title: string;
  when: string;
  mode: string;
  venue: string | null;
  capacity: number | null;
  seatsLeft: number | null;
  /** A hybrid session's choices, each with its own seats left (empty for other formats). */
  participations: { participation: Participation; seatsLeft: number | null }[];
  /** null when it can be chosen; otherwise why not, in French. */
  closed: string | null;
};

/** The registration form's view of a series: every visible session, with seats left or why it is closed. */
/**
 * The series' sessions as registration options, with their seats and why each is closed. `openOnly`
 * (the personal space's "add sessions"): only the sessions still open to registration, so that a
 * person registered in many past series does not count the seats of every past session.
 */
export function registrationOptions(db: AppDatabase, slug: string, nowIso: string, opts: { openOnly?: boolean } = {}) {
  const series = findSeries(db, slug, "public");
  if (!series) return null;
  const sessions = db
    .select()
    .from(t.sessions)
    .where(eq(t.sessions.seriesId, series.id))
    .orderBy(asc(t.sessions.startsAt))
    .all()
    .filter((s) => s.status !== "draft" && (!opts.openOnly || closedReason(series, s, nowIso) === null));
  const confirmed = confirmedByParticipation(
    db,
    sessions.map((s) => s.id),
  );
  const left = (s: SessionRow, participation: Participation) => seatsLeftOf(s, participation, confirmed.get(s.id)!);
  const options: RegistrationOption[] = sessions.map((s) => ({
    id: s.id,
    slug: s.slug,
    number: s.number,
    title: s.title,
    when: formatSessionWhen(s.startsAt, s.endsAt, series.timezone),
    mode: s.mode,
    venue: [s.venueName, s.venueAddress].filter(Boolean).join(", ") || null,
    capacity: s.capacity,
    // A hybrid session is full only when both its on-site and its remote seats are taken.
    seatsLeft: s.mode === "hybrid" ? sumSeats(participationsOf(s.mode).map((p) => left(s, p))) : left(s, participationOf(s.mode)),
    participations: s.mode === "hybrid" ? participationsOf(s.mode).map((p) => ({ participation: p, seatsLeft: left(s, p) })) : [],
    closed: closedReason(series, s, nowIso),
  }));
  const organisers = db
    .select({ name: t.organisations.name, email: t.organisations.email, role: t.seriesOrganisations.role })
    .from(t.seriesOrganisations)
    .innerJoin(t.organisations, eq(t.organisations.id, t.seriesOrganisations.organisationId))
    .where(eq(t.seriesOrganisations.seriesId, series.id))
    .orderBy(asc(t.seriesOrganisations.position))
    .all()
    .filter((o) => o.role === "organiser");
  return {
    series: {
      id: series.id,
      slug: series.slug,
      title: series.title,
      daysBefore: series.accessDaysBefore,
      multipleSessions: series.multipleSessions,
      open: registrationWindowOpen(series, nowIso),
    },
    options,
    organisers,
  };
}

export type RegistrationSummary = {
  number: number;
  title: string;
  sessionSlug: string;
  mode: string;
  participation: Participation;
  status: "confirmed" | "waiting" | "cancelled";
};

/** The registrations just made (for the "merci" page), only those of that participant. */
export function registrationSummary(db: AppDatabase, participantId: number, ids: number[]): { email: string | null; lines: Map<number, RegistrationSummary> } {
  const participant = db
    .select({ email: t.participants.email, erasedAt: t.participants.erasedAt })
    .from(t.participants)
    .where(eq(t.participants.id, participantId))
    .get();
  const rows = ids.length
    ? db
        .select({
          id: t.registrations.id,
          status: t.registrations.status,
          number: t.sessions.number,
          title: t.sessions.title,
          sessionSlug: t.sessions.slug,
          mode: t.sessions.mode,
          participation: t.registrations.participation,
        })
        .from(t.registrations)
        .innerJoin(t.sessions, eq(t.sessions.id, t.registrations.sessionId))
        .where(and(inArray(t.registrations.id, ids), eq(t.registrations.participantId, participantId)))
        .orderBy(asc(t.sessions.startsAt))
        .all()
    : [];
  return {
    email: participant && !participant.erasedAt ? participant.email : null,
    lines: new Map(
      rows.map((r) => [
        r.id,
        {
          number: r.number,
          title: r.title,
          sessionSlug: r.sessionSlug,
          mode: r.mode,
          participation: participationOf(r.mode, r.participation),
          status: r.status,
        },
      ]),
    ),
  };
}
