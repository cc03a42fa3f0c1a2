// Registration rules, in one place: which sessions can be chosen, capacity and the waiting list in
// arrival order, promotion when a seat is freed, and the emails these changes cause (written to the
// outbox in the same transaction).
import { and, asc, count, eq, inArray } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import { formatSessionWhen } from "~/utils/dates.server";
import { enqueue } from "./outbox.server";

type Tx = Parameters<Parameters<AppDatabase["transaction"]>[0]>[0];
type SessionRow = typeof t.sessions.$inferSelect;
type SeriesRow = typeof t.series.$inferSelect;

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
  | { ok: false; errors: { sessions: string } };

/** Trimmed, Unicode-normalised, lower-case: one person, one address. */
export function normaliseEmail(email: string): string {
  return email.normalize("NFC").trim().toLowerCase();
}

export function registrationWindowOpen(series: SeriesRow, nowIso: string): boolean {
  return (
    series.status === "published" &&
    (!series.registrationOpensAt || series.registrationOpensAt <= nowIso) &&
    (!series.registrationClosesAt || series.registrationClosesAt > nowIso)
  );
}

/** Why a session cannot be chosen now, in French; null when it can. */
export function closedReason(series: SeriesRow, session: SessionRow | undefined, nowIso: string): string | null {
  if (!session || session.seriesId !== series.id || session.status === "draft") return "Cette rencontre n'existe pas dans cette série.";
  if (session.status === "cancelled") return `La rencontre RDV #${session.number} est annulée.`;
  if (session.status === "postponed") return `La rencontre RDV #${session.number} est reportée : les inscriptions rouvriront avec sa nouvelle date.`;
  if (session.startsAt <= nowIso) return `La rencontre RDV #${session.number} a déjà commencé ou est passée.`;
  if (!registrationWindowOpen(series, nowIso)) return "Les inscriptions à cette série ne sont pas ouvertes.";
  return null;
}

export function confirmedCount(tx: Tx | AppDatabase, sessionId: number): number {
  return tx
    .select({ n: count() })
    .from(t.registrations)
    .where(and(eq(t.registrations.sessionId, sessionId), eq(t.registrations.status, "confirmed")))
    .get()!.n;
}

export function seatsLeft(tx: Tx | AppDatabase, session: Pick<SessionRow, "id" | "capacity">): number | null {
  return session.capacity === null ? null : Math.max(0, session.capacity - confirmedCount(tx, session.id));
}

/**
 * Registers one person for one or several sessions of a series, in one IMMEDIATE transaction (so that
 * concurrent registrations never overbook). Existing registrations are kept and reported as such.
 */
export function register(
  db: AppDatabase,
  args: { seriesId: number; sessionIds: number[]; participant: ParticipantInput; nowIso: string },
): RegisterResult {
  const { nowIso } = args;
  return db.transaction(
    (tx) => {
      const series = tx.select().from(t.series).where(eq(t.series.id, args.seriesId)).get();
      if (!series) return { ok: false as const, errors: { sessions: "Cette série n'existe pas." } };
      const ids = [...new Set(args.sessionIds)];
      if (!ids.length) return { ok: false as const, errors: { sessions: "Choisissez au moins une rencontre." } };
      const sessions = tx.select().from(t.sessions).where(inArray(t.sessions.id, ids)).all();
      for (const id of ids) {
        const reason = closedReason(series, sessions.find((s) => s.id === id), nowIso);
        if (reason) return { ok: false as const, errors: { sessions: reason } };
      }
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
      const existing = tx.select().from(t.participants).where(eq(t.participants.email, email)).get();
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
        const current = tx
          .select()
          .from(t.registrations)
          .where(and(eq(t.registrations.participantId, participantId), eq(t.registrations.sessionId, s.id)))
          .get();
        if (current && current.status !== "cancelled") {
          already.push({ registrationId: current.id, sessionId: s.id, number: s.number, title: s.title, status: current.status });
          continue;
        }
        const left = seatsLeft(tx, s);
        const status = left === null || left > 0 ? ("confirmed" as const) : ("waiting" as const);
        const fields = {
          status,
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
    },
    { behavior: "immediate" },
  );
}

/** Gives freed seats to the waiting list, first come first served, and tells each promoted person. */
export function promoteWaiting(tx: Tx, sessionId: number, nowIso: string): number[] {
  const session = tx.select().from(t.sessions).where(eq(t.sessions.id, sessionId)).get();
  if (!session || session.status !== "published" || session.startsAt <= nowIso) return [];
  const promoted: number[] = [];
  let left = seatsLeft(tx, session);
  while (left === null || left > 0) {
    const next = tx
      .select({ r: t.registrations, email: t.participants.email })
      .from(t.registrations)
      .innerJoin(t.participants, eq(t.participants.id, t.registrations.participantId))
      .where(and(eq(t.registrations.sessionId, sessionId), eq(t.registrations.status, "waiting")))
      .orderBy(asc(t.registrations.waitingSince), asc(t.registrations.id))
      .limit(1)
      .get();
    if (!next) break;
    const revision = next.r.revision + 1;
    tx.update(t.registrations)
      .set({ status: "confirmed", confirmedAt: nowIso, revision, updatedAt: nowIso })
      .where(eq(t.registrations.id, next.r.id))
      .run();
    enqueue(tx, {
      kind: "promotion",
      dedupeKey: `promotion:${next.r.id}:${revision}`,
      toAddress: next.email,
      participantId: next.r.participantId,
      sessionId,
      payload: { registrationId: next.r.id },
      dueAt: nowIso,
    });
    promoted.push(next.r.id);
    if (left !== null) left -= 1;
  }
  return promoted;
}

/** Cancels registrations of one participant (all of theirs when `registrationIds` is omitted). */
export function cancelRegistrations(
  db: AppDatabase,
  args: { participantId: number; registrationIds?: number[]; nowIso: string; onlyUpcoming?: boolean; seriesId?: number },
): { cancelled: number[]; promoted: number[] } {
  return db.transaction(
    (tx) => {
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
    },
    { behavior: "immediate" },
  );
}

/** 1-based place on the waiting list, or null. */
export function waitingPosition(db: AppDatabase | Tx, registrationId: number): number | null {
  const r = db.select().from(t.registrations).where(eq(t.registrations.id, registrationId)).get();
  if (!r || r.status !== "waiting") return null;
  const ahead = db
    .select({ id: t.registrations.id, since: t.registrations.waitingSince })
    .from(t.registrations)
    .where(and(eq(t.registrations.sessionId, r.sessionId), eq(t.registrations.status, "waiting")))
    .orderBy(asc(t.registrations.waitingSince), asc(t.registrations.id))
    .all();
  return ahead.findIndex((x) => x.id === r.id) + 1;
}

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
  /** null when it can be chosen; otherwise why not, in French. */
  closed: string | null;
};

/** The registration form's view of a series: every visible session, with seats left or why it is closed. */
export function registrationOptions(db: AppDatabase, slug: string, nowIso: string) {
  const series = db.select().from(t.series).where(eq(t.series.slug, slug)).get();
  if (!series || series.status === "draft") return null;
  const sessions = db
    .select()
    .from(t.sessions)
    .where(eq(t.sessions.seriesId, series.id))
    .orderBy(asc(t.sessions.startsAt))
    .all()
    .filter((s) => s.status !== "draft");
  const options: RegistrationOption[] = sessions.map((s) => ({
    id: s.id,
    slug: s.slug,
    number: s.number,
    title: s.title,
    when: formatSessionWhen(s.startsAt, s.endsAt, series.timezone),
    mode: s.mode,
    venue: [s.venueName, s.venueAddress].filter(Boolean).join(", ") || null,
    capacity: s.capacity,
    seatsLeft: seatsLeft(db, s),
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
    series: { id: series.id, slug: series.slug, title: series.title, daysBefore: series.accessDaysBefore, multipleSessions: series.multipleSessions, open: registrationWindowOpen(series, nowIso) },
    options,
    organisers,
  };
}
