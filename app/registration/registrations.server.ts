// Registration rules, in one place: which sessions can be chosen, capacity and the waiting list in
// arrival order, promotion when a seat is freed, and the emails these changes cause (written to the
// outbox in the same transaction).
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import * as t from "../../db/schema";
import { PARTICIPATIONS } from "../../db/schema/registrations";
import type { AppDatabase, Tx } from "~/utils/db.server";
import { formatSessionWhen } from "~/utils/dates.server";
import { HYBRID_CHOICE_MISSING, capacityFor, participationOf, participationsOf, seatsLeftOf, type Confirmed, type Participation } from "~/utils/formats";
import { prepared } from "~/utils/prepared.server";
import { enqueue } from "../notifications/outbox.server";
import { findSeries } from "../series/series-lookup.server";

type SessionRow = typeof t.sessions.$inferSelect;
type SeriesRow = typeof t.series.$inferSelect;
type Db = AppDatabase | Tx;

export type ParticipantInput = {
  firstName: string;
  lastName: string;
  email: string;
  organisation: string | null;
  jobTitle: string | null;
  structureType: (typeof t.STRUCTURE_TYPES)[number] | null;
  territory: string | null;
  newsConsent: boolean;
};

export type RegistrationLine = { registrationId: number; sessionId: number; number: number; title: string; status: "confirmed" | "waiting" };

export type RegisterResult =
  | { ok: true; participantId: number; created: RegistrationLine[]; already: RegistrationLine[]; confirmationId: number | null }
  | { ok: false; errors: { sessions?: string; participation?: string } };

const q = {
  seriesById: (db: Db) =>
    prepared(db, "reg.seriesById", (d) =>
      d
        .select()
        .from(t.series)
        .where(eq(t.series.id, sql.placeholder("id")))
        .prepare(),
    ),
  sessionById: (db: Db) =>
    prepared(db, "reg.sessionById", (d) =>
      d
        .select()
        .from(t.sessions)
        .where(eq(t.sessions.id, sql.placeholder("id")))
        .prepare(),
    ),
  participantByEmail: (db: Db) =>
    prepared(db, "reg.participantByEmail", (d) =>
      d
        .select()
        .from(t.participants)
        .where(eq(t.participants.email, sql.placeholder("email")))
        .prepare(),
    ),
  registration: (db: Db) =>
    prepared(db, "reg.registration", (d) =>
      d
        .select()
        .from(t.registrations)
        .where(and(eq(t.registrations.participantId, sql.placeholder("participantId")), eq(t.registrations.sessionId, sql.placeholder("sessionId"))))
        .prepare(),
    ),
  confirmedCount: (db: Db) =>
    prepared(db, "reg.confirmedCount", (d) =>
      d
        .select({ n: count() })
        .from(t.registrations)
        .where(and(eq(t.registrations.sessionId, sql.placeholder("sessionId")), eq(t.registrations.status, "confirmed")))
        .prepare(),
    ),
  confirmedCountBy: (db: Db) =>
    prepared(db, "reg.confirmedCountBy", (d) =>
      d
        .select({ n: count() })
        .from(t.registrations)
        .where(
          and(
            eq(t.registrations.sessionId, sql.placeholder("sessionId")),
            eq(t.registrations.status, "confirmed"),
            eq(t.registrations.participation, sql.placeholder("participation")),
          ),
        )
        .prepare(),
    ),
};

/** Trimmed, Unicode-normalised, lower-case: one person, one address. */
export function normaliseEmail(email: string): string {
  return email.normalize("NFC").trim().toLowerCase();
}

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

/** Confirmed registrations of a session (prepared on the connection; works inside its transactions). */
export function confirmedCount(db: Db, sessionId: number): number {
  return q.confirmedCount(db).get({ sessionId })!.n;
}

/** Confirmed registrations per session and participation, in one query. */
export function confirmedByParticipation(db: AppDatabase, sessionIds: number[]): Map<number, Confirmed> {
  const counts = new Map<number, Confirmed>(sessionIds.map((id) => [id, { onsite: 0, remote: 0 }]));
  if (!sessionIds.length) return counts;
  const rows = db
    .select({ sessionId: t.registrations.sessionId, participation: t.registrations.participation, n: count() })
    .from(t.registrations)
    .where(and(inArray(t.registrations.sessionId, sessionIds), eq(t.registrations.status, "confirmed")))
    .groupBy(t.registrations.sessionId, t.registrations.participation)
    .all();
  for (const r of rows) counts.get(r.sessionId)![r.participation] = r.n;
  return counts;
}

/** Seats left for a participation: a hybrid session counts its on-site and remote seats apart (app/utils/formats.ts). */
export function seatsLeft(
  db: AppDatabase | Tx,
  session: Pick<SessionRow, "id" | "capacity" | "remoteCapacity" | "mode">,
  participation: Participation = participationOf(session.mode),
): number | null {
  if (capacityFor(session, participation) === null) return null;
  // The count seatsLeftOf reads: this side's for a hybrid session, everyone's otherwise.
  const taken = seatsTaken(db, session, participation);
  return seatsLeftOf(
    session,
    participation,
    session.mode === "hybrid" ? ({ onsite: 0, remote: 0, [participation]: taken } as Confirmed) : { onsite: taken, remote: 0 },
  );
}

function seatsTaken(db: AppDatabase | Tx, session: Pick<SessionRow, "id" | "mode">, participation: Participation): number {
  // The connection's prepared statements (a transaction handle shares them).
  return session.mode === "hybrid" ? q.confirmedCountBy(db).get({ sessionId: session.id, participation })!.n : confirmedCount(db, session.id);
}

/**
 * Registers one person for one or several sessions of a series, in one IMMEDIATE transaction (so that
 * concurrent registrations never overbook). Existing registrations are kept and reported as such.
 */
export function register(db: AppDatabase, args: RegisterArgs): RegisterResult {
  return db.transaction((tx) => registerIn(tx, args), { behavior: "immediate" });
}

type RegisterArgs = { seriesId: number; sessionIds: number[]; participant: ParticipantInput; nowIso: string; participation?: Record<number, string> };

/** register() inside the caller's transaction (an organiser adding someone audits in the same one). */
export function registerIn(tx: Tx, args: RegisterArgs): RegisterResult {
  const { nowIso } = args;
  const series = q.seriesById(tx).get({ id: args.seriesId });
  if (!series) return { ok: false as const, errors: { sessions: "Cette série n’existe pas." } };
  const ids = [...new Set(args.sessionIds)];
  if (!ids.length) return { ok: false as const, errors: { sessions: "Choisissez au moins une rencontre." } };
  const sessions = ids.map((id) => q.sessionById(tx).get({ id })).filter((s): s is SessionRow => s !== undefined);
  for (const id of ids) {
    const reason = closedReason(
      series,
      sessions.find((s) => s.id === id),
      nowIso,
    );
    if (reason) return { ok: false as const, errors: { sessions: reason } };
  }
  // A hybrid session: the registrant says whether they come on site or join remotely.
  const missing = sessions.find((s) => s.mode === "hybrid" && !(PARTICIPATIONS as readonly string[]).includes(args.participation?.[s.id] ?? ""));
  if (missing) return { ok: false as const, errors: { participation: HYBRID_CHOICE_MISSING(missing.number) } };
  sessions.sort((a, b) => a.startsAt.localeCompare(b.startsAt));

  const p = args.participant;
  const email = normaliseEmail(p.email);
  const values = {
    firstName: p.firstName,
    lastName: p.lastName,
    organisation: p.organisation,
    jobTitle: p.jobTitle,
    structureType: p.structureType,
    territory: p.territory,
    updatedAt: nowIso,
    ...(p.newsConsent ? { newsConsent: true, newsConsentAt: nowIso } : {}),
  };
  const existing = q.participantByEmail(tx).get({ email });
  const participantId = existing
    ? (tx.update(t.participants).set(values).where(eq(t.participants.id, existing.id)).run(), existing.id)
    : tx
        .insert(t.participants)
        .values({ email, dataConsentAt: nowIso, createdAt: nowIso, ...values, newsConsent: p.newsConsent, newsConsentAt: p.newsConsent ? nowIso : null })
        .returning({ id: t.participants.id })
        .get().id;

  const created: RegistrationLine[] = [];
  const already: RegistrationLine[] = [];
  for (const s of sessions) {
    const current = q.registration(tx).get({ participantId, sessionId: s.id });
    if (current && current.status !== "cancelled") {
      already.push({ registrationId: current.id, sessionId: s.id, number: s.number, title: s.title, status: current.status });
      continue;
    }
    const participation = participationOf(s.mode, args.participation?.[s.id]);
    const left = seatsLeft(tx, s, participation);
    const status = left === null || left > 0 ? ("confirmed" as const) : ("waiting" as const);
    const fields = {
      status,
      participation,
      confirmedAt: status === "confirmed" ? nowIso : null,
      waitingSince: status === "waiting" ? nowIso : null,
      cancelledAt: null,
      updatedAt: nowIso,
    };
    const registrationId = current
      ? (tx
          .update(t.registrations)
          .set({ ...fields, revision: current.revision + 1 })
          .where(eq(t.registrations.id, current.id))
          .run(),
        current.id)
      : tx
          .insert(t.registrations)
          .values({ participantId, sessionId: s.id, createdAt: nowIso, ...fields })
          .returning({ id: t.registrations.id })
          .get().id;
    created.push({ registrationId, sessionId: s.id, number: s.number, title: s.title, status });
  }

  let confirmationId: number | null = null;
  if (created.length) {
    confirmationId = enqueue(tx, {
      kind: "confirmation",
      dedupeKey: `confirmation:${participantId}:${created.map((c) => `${c.registrationId}.${c.status}`).join("-")}:${nowIso}`,
      toAddress: email,
      participantId,
      payload: {
        seriesId: series.id,
        registrationIds: created.map((c) => c.registrationId),
        alreadyIds: already.map((c) => c.registrationId),
      },
      dueAt: nowIso,
    });
  }
  return { ok: true as const, participantId, created, already, confirmationId };
}

/**
 * Gives freed seats to the waiting list, first come first served, and tells each promoted person. A
 * hybrid session's on-site and remote seats have their own waiting lists.
 */
export function promoteWaiting(tx: Tx, sessionId: number, nowIso: string): number[] {
  const session = tx.select().from(t.sessions).where(eq(t.sessions.id, sessionId)).get();
  const series = session && tx.select().from(t.series).where(eq(t.series.id, session.seriesId)).get();
  if (!session || !series || closedReason(series, session, nowIso, "promote")) return [];
  const promoted: number[] = [];
  for (const participation of participationsOf(session.mode)) {
    let left = seatsLeft(tx, session, participation);
    while (left === null || left > 0) {
      const next = tx
        .select({ r: t.registrations, email: t.participants.email })
        .from(t.registrations)
        .innerJoin(t.participants, eq(t.participants.id, t.registrations.participantId))
        .where(
          and(
            eq(t.registrations.sessionId, sessionId),
            eq(t.registrations.status, "waiting"),
            session.mode === "hybrid" ? eq(t.registrations.participation, participation) : undefined,
          ),
        )
        .orderBy(asc(t.registrations.waitingSince), asc(t.registrations.id))
        .limit(1)
        .get();
      if (!next) break;
      promote(tx, next.r, next.email, nowIso);
      promoted.push(next.r.id);
      if (left !== null) left -= 1;
    }
  }
  return promoted;
}

/**
 * PROMOTION FROM THE WAITING LIST — the one write: the registration is confirmed (a new revision) and
 * the person is told, once per revision (dedupe key). Who is promoted and whether the session takes
 * promotions is the caller's choice (promoteWaiting: arrival order; an organiser: anyone on the list,
 * app/registration/registrants.server.ts); both check closedReason(…, "promote"). Returns the email's outbox
 * id, or null when that email was already queued.
 */
export function promote(
  tx: Tx,
  registration: Pick<typeof t.registrations.$inferSelect, "id" | "revision" | "participantId" | "sessionId">,
  email: string,
  nowIso: string,
): number | null {
  const revision = registration.revision + 1;
  tx.update(t.registrations)
    .set({ status: "confirmed", confirmedAt: nowIso, revision, updatedAt: nowIso })
    .where(eq(t.registrations.id, registration.id))
    .run();
  return enqueue(tx, {
    kind: "promotion",
    dedupeKey: `promotion:${registration.id}:${revision}`,
    toAddress: email,
    participantId: registration.participantId,
    sessionId: registration.sessionId,
    payload: { registrationId: registration.id },
    dueAt: nowIso,
  });
}

/** Cancels registrations of one participant (all of theirs when `registrationIds` is omitted). */
export function cancelRegistrations(db: AppDatabase, args: CancelArgs): { cancelled: number[]; promoted: number[] } {
  return db.transaction((tx) => cancelRegistrationsIn(tx, args), { behavior: "immediate" });
}

type CancelArgs = { participantId: number; registrationIds?: number[]; nowIso: string; onlyUpcoming?: boolean; seriesId?: number };

/** cancelRegistrations() inside the caller's transaction. */
export function cancelRegistrationsIn(tx: Tx, args: CancelArgs): { cancelled: number[]; promoted: number[] } {
  const rows = tx
    .select({ r: t.registrations, s: t.sessions })
    .from(t.registrations)
    .innerJoin(t.sessions, eq(t.sessions.id, t.registrations.sessionId))
    .where(
      and(
        eq(t.registrations.participantId, args.participantId),
        args.registrationIds ? inArray(t.registrations.id, args.registrationIds) : undefined,
        args.seriesId ? eq(t.sessions.seriesId, args.seriesId) : undefined,
      ),
    )
    .all()
    .filter(({ r, s }) => r.status !== "cancelled" && (args.onlyUpcoming === false || s.startsAt > args.nowIso));
  const cancelled: number[] = [];
  const promoted: number[] = [];
  for (const { r } of rows) {
    tx.update(t.registrations)
      .set({ status: "cancelled", cancelledAt: args.nowIso, revision: r.revision + 1, updatedAt: args.nowIso })
      .where(eq(t.registrations.id, r.id))
      .run();
    cancelled.push(r.id);
    if (r.status === "confirmed") promoted.push(...promoteWaiting(tx, r.sessionId, args.nowIso));
  }
  return { cancelled, promoted };
}

/** 1-based place on the waiting list, or null (one indexed count, whatever the list's length). */
export function waitingPosition(db: AppDatabase | Tx, registrationId: number): number | null {
  const r = db.select().from(t.registrations).where(eq(t.registrations.id, registrationId)).get();
  if (!r || r.status !== "waiting" || !r.waitingSince) return null;
  const ahead = db
    .select({ n: count() })
    .from(t.registrations)
    .where(
      and(
        eq(t.registrations.sessionId, r.sessionId),
        eq(t.registrations.status, "waiting"),
        // A hybrid session's on-site and remote waiting lists are apart; other sessions have one participation.
        eq(t.registrations.participation, r.participation),
        sql`(${t.registrations.waitingSince} < ${r.waitingSince} or (${t.registrations.waitingSince} = ${r.waitingSince} and ${t.registrations.id} < ${r.id}))`,
      ),
    )
    .get()!.n;
  return ahead + 1;
}

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
export function registrationOptions(db: AppDatabase, slug: string, nowIso: string) {
  const series = findSeries(db, slug, "public");
  if (!series) return null;
  const sessions = db
    .select()
    .from(t.sessions)
    .where(eq(t.sessions.seriesId, series.id))
    .orderBy(asc(t.sessions.startsAt))
    .all()
    .filter((s) => s.status !== "draft");
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
