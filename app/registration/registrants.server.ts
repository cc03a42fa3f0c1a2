// Back-office list of a series' registrants: the sessions with their counts, the registrations with
// filters and an accent-insensitive search, and the page that shows them. The CSV of the same list is
// registrants-csv.server.ts; the organisers' changes (add, cancel, promote) registrant-changes.server.ts.
import { and, asc, eq, sql } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import { formatSessionWhen, fromUtcIso } from "~/utils/dates.server";
import { PARTICIPATION_LABELS, participationOf, type Participation } from "~/utils/formats";
import { REGISTRATION_STATUS_LABELS } from "~/utils/admin-labels";
import { STRUCTURE_TYPE_LABELS, structureTypeLabel } from "./registration-form.server";
import { registrationOptions } from "./registration-view.server";
import { accessibilityNeeds, seriesAnswers } from "../questions/questions.server";
import { registrationsWithSessionAndPerson } from "./registration-joins.server";

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

/** Shown instead of the name of a person who erased their data. */
export const ERASED_NAME = "(données effacées)";

const STATUS_ORDER: Record<Status, number> = { confirmed: 0, waiting: 1, cancelled: 2 };

/** Registrations of a series (or one session of it), filtered and searched, in a stable order. */
export function listRegistrants(db: AppDatabase, seriesId: number, filter: RegistrantFilter): RegistrantRow[] {
  const rows = registrationsWithSessionAndPerson(db, {
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

/**
 * The registrants page: the sessions and their counts, the registrations as filtered by the query
 * string (with the CSV link for the same selection), and the sessions the add form offers.
 */
export function registrantsPage(db: AppDatabase, series: SeriesRow, params: URLSearchParams, nowIso: string) {
  const sessions = seriesSessions(db, series, nowIso);
  const filter = readRegistrantFilter(
    params,
    sessions.map((s) => s.number),
  );
  const rows = listRegistrants(db, series.id, filter);
  const options = registrationOptions(db, series.slug, nowIso);
  const exportQuery = new URLSearchParams();
  if (filter.session !== null) exportQuery.set("session", String(filter.session));
  if (filter.status) exportQuery.set("status", filter.status);
  if (filter.q) exportQuery.set("q", filter.q);
  // The answers to the organisers' questions (app/questions/), on each row and, for accessibility needs, above the list.
  const answers = seriesAnswers(db, series.id);
  const named = rows.map((r) => ({ ...r, name: r.erased ? ERASED_NAME : `${r.firstName} ${r.lastName}` }));
  return {
    accessibilityNeeds: accessibilityNeeds(named, answers),
    series: { slug: series.slug, title: series.title },
    sessions,
    filter,
    filtered: filter.session !== null || filter.status !== null || filter.q !== "",
    exportHref: `/admin/series/${series.slug}/inscrits.csv${exportQuery.size ? `?${exportQuery}` : ""}`,
    rows: named.map((r) => ({
      registrationId: r.registrationId,
      name: r.name,
      answers: (answers.get(r.participantId) ?? []).map(({ label, answer, accessibility }) => ({ label, answer, accessibility })),
      jobTitle: r.jobTitle,
      email: r.email,
      organisation: r.organisation,
      type: structureTypeLabel(r.structureType),
      territory: r.territory,
      sessionNumber: r.sessionNumber,
      sessionTitle: r.sessionTitle,
      status: r.status,
      statusText: statusText(r),
      // A hybrid session's registrants: on site or remote.
      participation: r.sessionMode === "hybrid" ? PARTICIPATION_LABELS[r.participation] : null,
      registeredAt: frenchDateTime(r.createdAt, series.timezone),
      registeredIso: r.createdAt,
      attendance: r.attendance,
      attendedMinutes: r.attendedMinutes,
    })),
    addOptions: options ? options.options : [],
    registrationOpen: options?.series.open ?? false,
    structureTypes: Object.entries(STRUCTURE_TYPE_LABELS),
  };
}
