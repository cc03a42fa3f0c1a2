// Registering and cancelling: which sessions can be chosen (closed-reason.server.ts), a seat or a
// place on the waiting list in arrival order (seats.server.ts), the seat a cancellation frees given
// to the waiting list (waiting-list.server.ts), and the confirmation email, written to the outbox in
// the same transaction.
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import * as t from "../../db/schema";
import { PARTICIPATIONS } from "../../db/schema/registrations";
import type { AppDatabase, Tx } from "~/utils/db.server";
import { HYBRID_CHOICE_MISSING, participationOf } from "~/utils/formats";
import { nameSortKey } from "~/utils/sort-name";
import { placeholders, prepared } from "~/utils/prepared.server";
import { enqueue } from "../notifications/outbox.server";
import { issueCheckInCode } from "../check-in/check-in-codes.server";
import { closedReason } from "./closed-reason.server";
import { seatsLeft } from "./seats.server";
import { promoteWaiting } from "./waiting-list.server";

type SessionRow = typeof t.sessions.$inferSelect;
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
  /** Ticked « consentement à figurer » (named in minutes); absent or false leaves an earlier consent as it is. */
  minutesConsent?: boolean;
};

export type RegistrationLine = { registrationId: number; sessionId: number; number: number; title: string; status: "confirmed" | "waiting" };

export type RegisterResult =
  | {
      ok: true;
      participantId: number;
      /** A person registering for the first time (no earlier row under this address). */
      newParticipant: boolean;
      created: RegistrationLine[];
      already: RegistrationLine[];
      confirmationId: number | null;
    }
  | { ok: false; errors: { sessions?: string; participation?: string } };

/** A `select *` of one table prepared once per connection (a transaction handle shares it). */
const selectWhere =
  <T extends SQLiteTable>(key: string, table: T, where: SQL | undefined) =>
  (db: Db) =>
    prepared(db, key, (d) => d.select().from(table).where(where).prepare());

const q = {
  seriesById: selectWhere("reg.seriesById", t.series, eq(t.series.id, sql.placeholder("id"))),
  sessionById: selectWhere("reg.sessionById", t.sessions, eq(t.sessions.id, sql.placeholder("id"))),
  participantByEmail: selectWhere("reg.participantByEmail", t.participants, eq(t.participants.email, sql.placeholder("email"))),
  registration: selectWhere(
    "reg.registration",
    t.registrations,
    and(eq(t.registrations.participantId, sql.placeholder("participantId")), eq(t.registrations.sessionId, sql.placeholder("sessionId"))),
  ),
};

// The registration path's inserts, prepared once per connection (INSERT … RETURNING id).
const insertParticipant = (db: Db) =>
  prepared(db, "reg.insertParticipant", (d) =>
    d
      .insert(t.participants)
      .values(
        placeholders(
          "email",
          "dataConsentAt",
          "createdAt",
          "updatedAt",
          "firstName",
          "lastName",
          "organisation",
          "jobTitle",
          "structureType",
          "territory",
          "newsConsent",
          "newsConsentAt",
          "minutesConsentAt",
        ),
      )
      .returning({ id: t.participants.id })
      .prepare(),
  );
const insertRegistration = (db: Db) =>
  prepared(db, "reg.insertRegistration", (d) =>
    d
      .insert(t.registrations)
      .values(
        placeholders(
          "participantId",
          "sessionId",
          "createdAt",
          "status",
          "participation",
          "confirmedAt",
          "waitingSince",
          "cancelledAt",
          "updatedAt",
          "sortName",
        ),
      )
      .returning({ id: t.registrations.id })
      .prepare(),
  );

/** What a person tells about themself on the form, as stored on the participant (and exported on request). */
export function participantDetails(p: Omit<ParticipantInput, "email" | "newsConsent" | "minutesConsent">) {
  return {
    firstName: p.firstName,
    lastName: p.lastName,
    organisation: p.organisation,
    jobTitle: p.jobTitle,
    structureType: p.structureType,
    territory: p.territory,
  };
}

/** Trimmed, Unicode-normalised, lower-case: one person, one address. */
export function normaliseEmail(email: string): string {
  return email.normalize("NFC").trim().toLowerCase();
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
  const existing = q.participantByEmail(tx).get({ email });
  const values = {
    ...participantDetails(p),
    updatedAt: nowIso,
    ...(p.newsConsent ? { newsConsent: true, newsConsentAt: nowIso } : {}),
    // Consent to be named in minutes keeps the date it was first given.
    ...(p.minutesConsent ? { minutesConsentAt: existing?.minutesConsentAt ?? nowIso } : {}),
  };
  const participantId = existing
    ? (tx.update(t.participants).set(values).where(eq(t.participants.id, existing.id)).run(), existing.id)
    : insertParticipant(tx).get({
        email,
        dataConsentAt: nowIso,
        createdAt: nowIso,
        ...values,
        newsConsent: p.newsConsent ? 1 : 0,
        newsConsentAt: p.newsConsent ? nowIso : null,
        minutesConsentAt: p.minutesConsent ? nowIso : null,
      })!.id;

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
      : insertRegistration(tx).get({ participantId, sessionId: s.id, createdAt: nowIso, ...fields, sortName: nameSortKey(p.firstName, p.lastName) })!.id;
    issueCheckInCode(tx, registrationId);
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
  return { ok: true as const, participantId, newParticipant: !existing, created, already, confirmationId };
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
