// Back-office view of a series' registrants: list with filters and an accent-insensitive search, the
// CSV export, and the organisers' changes (add by hand, cancel, promote from the waiting list). The
// rules stay in registrations.server.ts; every change here is audited in the same transaction.
import { and, asc, eq, sql } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase, Tx } from "~/utils/db.server";
import { formatSessionWhen, fromUtcIso } from "~/utils/dates.server";
import { toCsv } from "~/utils/csv.server";
import { PARTICIPATION_LABELS, participationOf, type Participation } from "~/utils/formats";
import { ATTENDANCE_LABELS, REGISTRATION_STATUS_LABELS } from "~/utils/admin-labels";
import { audit } from "../accounts/audit.server";
import { STRUCTURE_TYPE_LABELS, validateRegistration, type FieldErrors, type RegistrationValues } from "./registration-form.server";
import { closedReason } from "./closed-reason.server";
import { cancelRegistrationsIn, normaliseEmail, registerIn, type RegistrationLine } from "./registrations.server";
import { confirmedCount } from "./seats.server";
import { promote } from "./waiting-list.server";

type SeriesRow = typeof t.series.$inferSelect;
type Status = (typeof t.REGISTRATION_STATUSES)[number];
type Attendance = (typeof t.ATTENDANCE)[number];

/** Lower-case, no accents (é → e, œ → oe), no apostrophes, other punctuation as spaces: for searching. */
export function fold(value: string): string {
  return value
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/ß/g, "ss")
    .replace(/ø/g, "o")
    .replace(/[đð]/g, "d")
    .replace(/ł/g, "l")
    .replace(/['’‘`´ʼ]/g, "")
    .replace(/[^\p{L}\p{N}@]+/gu, " ")
    .trim();
}

/** Every word of the query appears somewhere in the text (both folded). */
export function matchesSearch(haystack: string, query: string): boolean {
  const words = fold(query).split(" ").filter(Boolean);
  if (!words.length) return true;
  const text = ` ${fold(haystack)} `;
  return words.every((w) => text.includes(w));
}

/** "29/03/2022 09:30" in the series' zone (spreadsheets and tables). */
export function frenchDateTime(iso: string | null, zone: string): string {
  return iso ? fromUtcIso(iso, zone).toFormat("dd/MM/yyyy HH:mm") : "";
}

export type SessionSummary = {
  id: number;
  number: number;
  title: string;
  status: (typeof t.SESSION_STATUSES)[number];
  startsAt: string;
  when: string;
  capacity: number | null;
  started: boolean;
  confirmed: number;
  waiting: number;
  cancelled: number;
  present: number;
  excused: number;
  absent: number;
  /** Confirmed registrants whose attendance is not recorded yet. */
  unknown: number;
  /** Present ÷ confirmed, from 0 to 1; null without confirmed registrants. */
  rate: number | null;
};

/** The series' sessions in date order, with registration and attendance counts. */
export function seriesSessions(db: AppDatabase, series: SeriesRow, nowIso: string): SessionSummary[] {
  const sessions = db.select().from(t.sessions).where(eq(t.sessions.seriesId, series.id)).orderBy(asc(t.sessions.startsAt), asc(t.sessions.number)).all();
  const r = t.registrations;
  const counts = new Map(
    db
      .select({
        sessionId: r.sessionId,
        confirmed: sql<number>`sum(case when ${r.status} = 'confirmed' then 1 else 0 end)`,
        waiting: sql<number>`sum(case when ${r.status} = 'waiting' then 1 else 0 end)`,
        cancelled: sql<number>`sum(case when ${r.status} = 'cancelled' then 1 else 0 end)`,
        present: sql<number>`sum(case when ${r.status} = 'confirmed' and ${r.attendance} = 'present' then 1 else 0 end)`,
        excused: sql<number>`sum(case when ${r.status} = 'confirmed' and ${r.attendance} = 'excused' then 1 else 0 end)`,
        absent: sql<number>`sum(case when ${r.status} = 'confirmed' and ${r.attendance} = 'absent' then 1 else 0 end)`,
      })
      .from(r)
      .innerJoin(t.sessions, eq(t.sessions.id, r.sessionId))
      .where(eq(t.sessions.seriesId, series.id))
      .groupBy(r.sessionId)
      .all()
      .map((c) => [c.sessionId, c]),
  );
  return sessions.map((s) => {
    const c = counts.get(s.id);
    const confirmed = Number(c?.confirmed ?? 0);
    const present = Number(c?.present ?? 0);
    const excused = Number(c?.excused ?? 0);
    const absent = Number(c?.absent ?? 0);
    return {
      id: s.id,
      number: s.number,
      title: s.title,
      status: s.status,
      startsAt: s.startsAt,
      when: formatSessionWhen(s.startsAt, s.endsAt, series.timezone),
      capacity: s.capacity,
      started: s.startsAt <= nowIso,
      confirmed,
      waiting: Number(c?.waiting ?? 0),
      cancelled: Number(c?.cancelled ?? 0),
      present,
      excused,
      absent,
      unknown: confirmed - present - excused - absent,
      rate: confirmed ? present / confirmed : null,
    };
  });
}

/** The numbers of the series' sessions. */
export function sessionNumbers(db: AppDatabase, seriesId: number): number[] {
  return db
    .select({ number: t.sessions.number })
    .from(t.sessions)
    .where(eq(t.sessions.seriesId, seriesId))
    .orderBy(asc(t.sessions.number))
    .all()
    .map((s) => s.number);
}

export type RegistrantFilter = { session: number | null; status: Status | null; q: string };

/** Filters read from the query string; unknown values are ignored rather than refused. */
export function readRegistrantFilter(params: URLSearchParams, sessionNumbers: number[]): RegistrantFilter {
  const n = Number(params.get("session"));
  const status = params.get("status");
  return {
    session: Number.isInteger(n) && sessionNumbers.includes(n) ? n : null,
    status: (t.REGISTRATION_STATUSES as readonly string[]).includes(status ?? "") ? (status as Status) : null,
    q: (params.get("q") ?? "").slice(0, 200).trim(),
  };
}

export type RegistrantRow = {
  registrationId: number;
  participantId: number;
  firstName: string;
  lastName: string;
  email: string;
  organisation: string | null;
  jobTitle: string | null;
  structureType: string | null;
  territory: string | null;
  /** The person erased their data: only the anonymous registration is left. */
  erased: boolean;
  sessionId: number;
  sessionNumber: number;
  sessionTitle: string;
  sessionStartsAt: string;
  /** The session's own status: a registration of a cancelled session is no seat any more. */
  sessionStatus: string;
  status: Status;
  /** On site or remote (a hybrid session's registrants chose; app/utils/formats.ts). */
  participation: Participation;
  sessionMode: string;
  /** 1-based place on the waiting list, for waiting registrations (a hybrid session's two lists apart). */
  waitingPosition: number | null;
  createdAt: string;
  attendance: Attendance | null;
  attendedMinutes: number | null;
};

const STATUS_ORDER: Record<Status, number> = { confirmed: 0, waiting: 1, cancelled: 2 };

/** Registrations of a series (or one session of it), filtered and searched, in a stable order. */
export function listRegistrants(db: AppDatabase, seriesId: number, filter: RegistrantFilter): RegistrantRow[] {
  const rows = db
    .select({
      r: t.registrations,
      p: t.participants,
      s: {
        id: t.sessions.id,
        number: t.sessions.number,
        title: t.sessions.title,
        startsAt: t.sessions.startsAt,
        status: t.sessions.status,
        mode: t.sessions.mode,
      },
    })
    .from(t.registrations)
    .innerJoin(t.participants, eq(t.participants.id, t.registrations.participantId))
    .innerJoin(t.sessions, eq(t.sessions.id, t.registrations.sessionId))
    .where(and(eq(t.sessions.seriesId, seriesId), filter.session !== null ? eq(t.sessions.number, filter.session) : undefined))
    .all();

  // Waiting-list places, per session, in arrival order (the order promotion follows).
  const positions = new Map<number, number>();
  const waiting = rows.filter(({ r }) => r.status === "waiting");
  const list = ({ r }: (typeof rows)[number]) => `${r.sessionId}:${r.participation}`;
  waiting.sort((a, b) => list(a).localeCompare(list(b)) || (a.r.waitingSince ?? "").localeCompare(b.r.waitingSince ?? "") || a.r.id - b.r.id);
  let previous = "";
  let place = 0;
  for (const w of waiting) {
    place = list(w) === previous ? place + 1 : 1;
    previous = list(w);
    positions.set(w.r.id, place);
  }

  return rows
    .filter(({ r }) => filter.status === null || r.status === filter.status)
    .filter(({ p }) => !filter.q || (!p.erasedAt && matchesSearch(`${p.firstName} ${p.lastName} ${p.email} ${p.organisation ?? ""}`, filter.q)))
    .map(({ r, p, s }) => ({
      registrationId: r.id,
      participantId: p.id,
      firstName: p.firstName,
      lastName: p.lastName,
      email: p.erasedAt ? "" : p.email,
      organisation: p.organisation,
      jobTitle: p.jobTitle,
      structureType: p.structureType,
      territory: p.territory,
      erased: Boolean(p.erasedAt),
      sessionId: s.id,
      sessionNumber: s.number,
      sessionTitle: s.title,
      sessionStartsAt: s.startsAt,
      sessionStatus: s.status,
      status: r.status,
      participation: participationOf(s.mode, r.participation),
      sessionMode: s.mode,
      waitingPosition: positions.get(r.id) ?? null,
      createdAt: r.createdAt,
      attendance: r.attendance,
      attendedMinutes: r.attendedMinutes,
    }))
    .sort(
      (a, b) =>
        a.sessionStartsAt.localeCompare(b.sessionStartsAt) ||
        a.sessionNumber - b.sessionNumber ||
        STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
        (a.waitingPosition ?? 0) - (b.waitingPosition ?? 0) ||
        a.lastName.localeCompare(b.lastName, "fr", { sensitivity: "base" }) ||
        a.firstName.localeCompare(b.firstName, "fr", { sensitivity: "base" }) ||
        a.registrationId - b.registrationId,
    );
}

/** "Liste d'attente (n° 2)", "Confirmé·e"… */
export function statusText(row: Pick<RegistrantRow, "status" | "waitingPosition" | "sessionStatus">): string {
  if (row.sessionStatus === "cancelled" && row.status !== "cancelled") return "Rencontre annulée";
  const label = REGISTRATION_STATUS_LABELS[row.status] ?? row.status;
  return row.status === "waiting" && row.waitingPosition ? `${label} (n° ${row.waitingPosition})` : label;
}

export const CSV_HEADER = [
  "Nom",
  "Prénom",
  "E-mail",
  "Structure",
  "Fonction",
  "Type de structure",
  "Territoire",
  "Rencontre",
  "Titre de la rencontre",
  "Date de la rencontre",
  "Statut",
  "Position en liste d’attente",
  "Date d’inscription",
  "Présence",
  "Minutes de connexion",
  "Participation",
] as const;

/** The registrants as a CSV file for French Excel (dates in the series' zone). */
export function registrantsCsv(series: Pick<SeriesRow, "timezone">, rows: RegistrantRow[]): string {
  const zone = series.timezone;
  return toCsv([
    [...CSV_HEADER],
    ...rows.map((r) => [
      r.erased ? "(données effacées)" : r.lastName,
      r.erased ? "" : r.firstName,
      r.email,
      r.organisation,
      r.jobTitle,
      r.structureType ? (STRUCTURE_TYPE_LABELS[r.structureType as keyof typeof STRUCTURE_TYPE_LABELS] ?? r.structureType) : null,
      r.territory,
      `RDV #${r.sessionNumber}`,
      r.sessionTitle,
      frenchDateTime(r.sessionStartsAt, zone),
      statusText({ ...r, waitingPosition: null }),
      r.waitingPosition,
      frenchDateTime(r.createdAt, zone),
      r.attendance ? ATTENDANCE_LABELS[r.attendance] : null,
      r.attendedMinutes,
      PARTICIPATION_LABELS[r.participation],
    ]),
  ]);
}

// ---- changes ----

export type AddResult =
  | { ok: false; errors: FieldErrors }
  | { ok: true; participantId: number; email: string; created: RegistrationLine[]; already: RegistrationLine[]; emailQueued: boolean };

/**
 * An organiser registers someone by hand: the public form's validation and rules (register()), the
 * same confirmation email, and an audit entry per registration created.
 */
export function addRegistrant(db: AppDatabase, args: { seriesId: number; accountId: number; values: RegistrationValues; nowIso: string }): AddResult {
  const parsed = validateRegistration(args.values);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  return db.transaction(
    (tx) => {
      const r = registerIn(tx, {
        seriesId: args.seriesId,
        sessionIds: parsed.sessionIds,
        participation: parsed.participation,
        participant: parsed.participant,
        nowIso: args.nowIso,
      });
      if (!r.ok) return { ok: false as const, errors: r.errors };
      for (const c of r.created) {
        audit(tx, args.accountId, "create", "registration", c.registrationId, {
          participantId: r.participantId,
          session: c.number,
          status: c.status,
          byHand: true,
        });
      }
      if (!r.created.length)
        audit(tx, args.accountId, "update", "participant", r.participantId, { already: r.already.map((a) => a.registrationId), byHand: true });
      return {
        ok: true as const,
        participantId: r.participantId,
        email: normaliseEmail(parsed.participant.email),
        created: r.created,
        already: r.already,
        emailQueued: r.confirmationId !== null,
      };
    },
    { behavior: "immediate" },
  );
}

function registrationInSeries(tx: Tx, seriesId: number, registrationId: number) {
  return tx
    .select({ r: t.registrations, s: t.sessions, p: t.participants, series: t.series })
    .from(t.registrations)
    .innerJoin(t.sessions, eq(t.sessions.id, t.registrations.sessionId))
    .innerJoin(t.series, eq(t.series.id, t.sessions.seriesId))
    .innerJoin(t.participants, eq(t.participants.id, t.registrations.participantId))
    .where(and(eq(t.registrations.id, registrationId), eq(t.sessions.seriesId, seriesId)))
    .get();
}

export type ChangeResult =
  { ok: true; name: string; session: number; promoted: { registrationId: number; name: string }[]; emailQueued: boolean } | { ok: false; message: string };

const displayName = (p: typeof t.participants.$inferSelect) => (p.erasedAt ? "(données effacées)" : `${p.firstName} ${p.lastName}`.trim());

function names(tx: Tx, registrationIds: number[]) {
  return registrationIds.map((id) => {
    const row = tx
      .select({ p: t.participants })
      .from(t.registrations)
      .innerJoin(t.participants, eq(t.participants.id, t.registrations.participantId))
      .where(eq(t.registrations.id, id))
      .get();
    return { registrationId: id, name: row ? displayName(row.p) : `#${id}` };
  });
}

/** Cancels one registration; a freed seat goes to the waiting list (promotion emails queued). */
export function cancelRegistration(db: AppDatabase, args: { seriesId: number; registrationId: number; accountId: number; nowIso: string }): ChangeResult {
  return db.transaction(
    (tx) => {
      const found = registrationInSeries(tx, args.seriesId, args.registrationId);
      if (!found) return { ok: false as const, message: "Cette inscription n’existe pas dans cette série." };
      if (found.r.status === "cancelled") return { ok: false as const, message: "Cette inscription est déjà annulée." };
      const { cancelled, promoted } = cancelRegistrationsIn(tx, {
        participantId: found.r.participantId,
        registrationIds: [found.r.id],
        nowIso: args.nowIso,
        onlyUpcoming: false,
      });
      if (!cancelled.length) return { ok: false as const, message: "Cette inscription n’a pas pu être annulée." };
      audit(tx, args.accountId, "cancel", "registration", found.r.id, { session: found.s.number, was: found.r.status, promoted });
      for (const id of promoted) audit(tx, args.accountId, "promote", "registration", id, { session: found.s.number, automatic: true, after: found.r.id });
      return { ok: true as const, name: displayName(found.p), session: found.s.number, promoted: names(tx, promoted), emailQueued: promoted.length > 0 };
    },
    { behavior: "immediate" },
  );
}

export const NO_SEAT_MESSAGE = "Aucune place libre : augmentez la jauge ou annulez une inscription.";

/**
 * Confirms one person of the waiting list (not necessarily the first) when a seat is free, and tells
 * them like an automatic promotion does. Never beyond the capacity.
 */
export function promoteRegistration(db: AppDatabase, args: { seriesId: number; registrationId: number; accountId: number; nowIso: string }): ChangeResult {
  return db.transaction(
    (tx) => {
      const found = registrationInSeries(tx, args.seriesId, args.registrationId);
      if (!found) return { ok: false as const, message: "Cette inscription n’existe pas dans cette série." };
      const { r, s, p } = found;
      if (r.status !== "waiting") return { ok: false as const, message: "Cette personne n’est pas sur la liste d’attente." };
      const closed = closedReason(found.series, s, args.nowIso, "promote");
      if (closed) return { ok: false as const, message: closed };
      if (s.capacity !== null && confirmedCount(tx, s.id) >= s.capacity) return { ok: false as const, message: NO_SEAT_MESSAGE };
      const queued = promote(tx, r, p.email, args.nowIso);
      audit(tx, args.accountId, "promote", "registration", r.id, { session: s.number, automatic: false });
      return {
        ok: true as const,
        name: displayName(p),
        session: s.number,
        promoted: [{ registrationId: r.id, name: displayName(p) }],
        emailQueued: queued !== null,
      };
    },
    { behavior: "immediate" },
  );
}
