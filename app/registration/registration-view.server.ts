// What the registration pages show: the form's sessions (seats left, per participation for a hybrid
// session, or why each is closed) with the organisers named in its privacy notice, and the summary
// of what was just recorded on the "merci" page.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import { memoByVersion, nextInstant } from "~/page-cache/page-memo.server";
import { seriesScopes } from "~/page-cache/page-versions.server";
import { prepared } from "~/utils/prepared.server";
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

/**
 * The series' sessions as registration options, with their seats and why each is closed. `openOnly`
 * (the personal space's "add sessions"): only the sessions still open to registration, so that a
 * person registered in many past series does not count the seats of every past session.
 *
 * Everything but the seats is kept per version of the series' page scopes and until the next instant
 * that changes it (a session starts, registrations open or close: memoByVersion, ADR 020); the seats
 * are counted at each call, in one query.
 */
export function registrationOptions(db: AppDatabase, slug: string, nowIso: string, opts: { openOnly?: boolean } = {}) {
  const view = memoByVersion(db, `registration-options:${opts.openOnly ? "open" : "all"}:${slug}`, seriesScopes(slug), nowIso, () =>
    optionsView(db, slug, nowIso, opts),
  );
  if (!view) return null;
  const confirmed = confirmedByParticipation(
    db,
    view.sessions.map((o) => o.session.id),
  );
  const left = (s: SessionRow, participation: Participation) => seatsLeftOf(s, participation, confirmed.get(s.id)!);
  const options: RegistrationOption[] = view.sessions.map(({ session: s, when, venue, closed }) => ({
    id: s.id,
    slug: s.slug,
    number: s.number,
    title: s.title,
    when,
    mode: s.mode,
    venue,
    capacity: s.capacity,
    // A hybrid session is full only when both its on-site and its remote seats are taken.
    seatsLeft: s.mode === "hybrid" ? sumSeats(participationsOf(s.mode).map((p) => left(s, p))) : left(s, participationOf(s.mode)),
    participations: s.mode === "hybrid" ? participationsOf(s.mode).map((p) => ({ participation: p, seatsLeft: left(s, p) })) : [],
    closed,
  }));
  return { series: view.series, options, organisers: view.organisers };
}

/** What registrationOptions shows apart from the seats, and until when it holds (null: a series no one may see). */
function optionsView(db: AppDatabase, slug: string, nowIso: string, opts: { openOnly?: boolean }) {
  const series = findSeries(db, slug, "public");
  if (!series) return { value: null, until: null };
  const visible = prepared(db, "registration-options.sessions", (d) =>
    d
      .select()
      .from(t.sessions)
      .where(eq(t.sessions.seriesId, sql.placeholder("seriesId")))
      .orderBy(asc(t.sessions.startsAt))
      .prepare(),
  )
    .all({ seriesId: series.id })
    .filter((s) => s.status !== "draft");
  const sessions = visible
    .filter((s) => !opts.openOnly || closedReason(series, s, nowIso) === null)
    .map((s) => ({
      session: s,
      when: formatSessionWhen(s.startsAt, s.endsAt, series.timezone),
      venue: [s.venueName, s.venueAddress].filter(Boolean).join(", ") || null,
      closed: closedReason(series, s, nowIso),
    }));
  const organisers = prepared(db, "registration-options.organisers", (d) =>
    d
      .select({ name: t.organisations.name, email: t.organisations.email, role: t.seriesOrganisations.role })
      .from(t.seriesOrganisations)
      .innerJoin(t.organisations, eq(t.organisations.id, t.seriesOrganisations.organisationId))
      .where(eq(t.seriesOrganisations.seriesId, sql.placeholder("seriesId")))
      .orderBy(asc(t.seriesOrganisations.position))
      .prepare(),
  )
    .all({ seriesId: series.id })
    .filter((o) => o.role === "organiser");
  return {
    value: {
      series: {
        id: series.id,
        slug: series.slug,
        title: series.title,
        daysBefore: series.accessDaysBefore,
        multipleSessions: series.multipleSessions,
        open: registrationWindowOpen(series, nowIso),
      },
      sessions,
      organisers,
    },
    // A session's start closes it; the series' window opens or closes registrations.
    until: nextInstant(nowIso, [series.registrationOpensAt, series.registrationClosesAt, ...visible.map((s) => s.startsAt)]),
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
