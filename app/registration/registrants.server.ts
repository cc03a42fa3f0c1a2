// Back-office list of a series' registrants: the sessions with their counts, the registrations with
// filters and an accent-insensitive search, and the page that shows them. The CSV of the same list is
// registrants-csv.server.ts; the organisers' changes (add, cancel, promote) registrant-changes.server.ts.
import { asc, eq } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import { formatSessionWhen, numericDateTime } from "~/utils/dates.server";
import { PARTICIPATION_LABELS, participationOf, type Participation } from "~/utils/formats";
import { REGISTRATION_STATUS_LABELS } from "~/utils/admin-labels";
import { STRUCTURE_TYPE_LABELS, structureTypeLabel } from "./registration-form.server";
import { registrationOptions } from "./registration-view.server";
import { accessibilityNeeds, seriesAnswers } from "../questions/questions.server";
import { needRows, registrantsCursor, registrantsQuery, registrantsCount, type RegistrantFilter, type RegistrantSqlRow } from "./registrants-query.server";
import { countable, countedPage } from "./registrants-window.server";
import { fold } from "~/utils/fold";
import { pageWindow, requestedPage } from "~/utils/pagination";

type SeriesRow = typeof t.series.$inferSelect;
type Status = (typeof t.REGISTRATION_STATUSES)[number];
type Attendance = (typeof t.ATTENDANCE)[number];

export { fold };

/** "29/03/2022 09:30" in the series' zone (spreadsheets and tables). */
export function frenchDateTime(iso: string | null, zone: string): string {
  return iso ? numericDateTime(iso, zone) : "";
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

/** The series' sessions in date order, with registration and attendance counts (the counters, ADR 021). */
export function seriesSessions(db: AppDatabase, series: SeriesRow, nowIso: string): SessionSummary[] {
  const rows = db
    .select({ s: t.sessions, c: t.sessionCounts })
    .from(t.sessions)
    .leftJoin(t.sessionCounts, eq(t.sessionCounts.sessionId, t.sessions.id))
    .where(eq(t.sessions.seriesId, series.id))
    .orderBy(asc(t.sessions.startsAt), asc(t.sessions.number))
    .all();
  return rows.map(({ s, c }) => {
    const confirmed = c?.confirmed ?? 0;
    const present = c?.present ?? 0;
    const excused = c?.excused ?? 0;
    const absent = c?.absent ?? 0;
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
      waiting: c?.waiting ?? 0,
      cancelled: c?.cancelled ?? 0,
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

export type { RegistrantFilter };

const PARTICIPATION_FILTERS = ["onsite", "remote"] as const;
/** Attendance as recorded, or "unknown": confirmed registrants whose attendance is not recorded yet. */
const ATTENDANCE_FILTERS = [...t.ATTENDANCE, "unknown"] as const;

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | null =>
  (list as readonly string[]).includes(value ?? "") ? (value as T) : null;

/** Filters read from the query string; unknown values are ignored rather than refused. */
export function readRegistrantFilter(params: URLSearchParams, sessionNumbers: number[]): RegistrantFilter {
  const n = Number(params.get("session"));
  return {
    session: Number.isInteger(n) && sessionNumbers.includes(n) ? n : null,
    status: oneOf(t.REGISTRATION_STATUSES, params.get("status")),
    participation: oneOf(PARTICIPATION_FILTERS, params.get("participation")),
    attendance: oneOf(ATTENDANCE_FILTERS, params.get("presence")),
    q: (params.get("q") ?? "").slice(0, 200).trim(),
  };
}

/** The filter as query parameters (the filter form's names): the page links and the CSV link keep them. */
export function registrantFilterQuery(f: RegistrantFilter): Record<string, string | null> {
  return {
    session: f.session === null ? null : String(f.session),
    status: f.status,
    participation: f.participation ?? null,
    presence: f.attendance ?? null,
    q: f.q || null,
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

/**
 * Registrations of a series (or one session of it), filtered and searched in SQL, in a stable order:
 * every row of the selection (the CSV), or one page of it (`window`). One query, driven by the
 * series' sessions and the registrations' session index: its cost follows the series, not the database.
 */
export function listRegistrants(db: AppDatabase, seriesId: number, filter: RegistrantFilter, window?: { limit: number; offset: number }): RegistrantRow[] {
  return registrantsQuery(db, seriesId, filter, window).map(toRegistrantRow);
}

/** The whole selection one row at a time, in the list's order (the CSV export streams it); `close()` when done. */
export function eachRegistrant(db: AppDatabase, seriesId: number, filter: RegistrantFilter): { rows: Generator<RegistrantRow>; close: () => void } {
  const cursor = registrantsCursor(db, seriesId, filter);
  function* rows() {
    for (let next = cursor.rows.next(); !next.done; next = cursor.rows.next()) yield toRegistrantRow(next.value);
  }
  return { rows: rows(), close: cursor.close };
}

function toRegistrantRow(r: RegistrantSqlRow): RegistrantRow {
  return {
    registrationId: r.registrationId,
    participantId: r.participantId,
    firstName: r.firstName,
    lastName: r.lastName,
    email: r.erasedAt ? "" : r.email,
    organisation: r.organisation,
    jobTitle: r.jobTitle,
    structureType: r.structureType,
    territory: r.territory,
    erased: Boolean(r.erasedAt),
    sessionId: r.sessionId,
    sessionNumber: r.sessionNumber,
    sessionTitle: r.sessionTitle,
    sessionStartsAt: r.sessionStartsAt,
    sessionStatus: r.sessionStatus,
    status: r.status as Status,
    participation: participationOf(r.sessionMode, r.participation),
    sessionMode: r.sessionMode,
    waitingPosition: r.waitingPosition ?? null,
    createdAt: r.createdAt,
    attendance: r.attendance as Attendance | null,
    attendedMinutes: r.attendedMinutes,
  };
}

/** "Liste d'attente (n° 2)", "Confirmé·e"… */
export function statusText(row: Pick<RegistrantRow, "status" | "waitingPosition" | "sessionStatus">): string {
  if (row.sessionStatus === "cancelled" && row.status !== "cancelled") return "Rencontre annulée";
  const label = REGISTRATION_STATUS_LABELS[row.status] ?? row.status;
  return row.status === "waiting" && row.waitingPosition ? `${label} (n° ${row.waitingPosition})` : label;
}

/** Registrations shown per page of the list. */
export const REGISTRANTS_PAGE_SIZE = 50;

const named = <R extends RegistrantRow>(r: R) => ({ ...r, name: r.erased ? ERASED_NAME : `${r.firstName} ${r.lastName}` });

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
  // The whole series, a session or a status: counted by the counters, the page read group by group from
  // indexes (registrants-window.server.ts); other filters: counted and read over the series' rows.
  const counted = countable(filter) ? countedPage(db, sessions, filter, requestedPage(params), REGISTRANTS_PAGE_SIZE) : null;
  const window = counted?.window ?? pageWindow(registrantsCount(db, series.id, filter), requestedPage(params), REGISTRANTS_PAGE_SIZE);
  const rows = counted ? counted.rows.map(toRegistrantRow) : listRegistrants(db, series.id, filter, window);
  const options = registrationOptions(db, series.slug, nowIso);
  const query = registrantFilterQuery(filter);
  const exportQuery = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => Boolean(e[1])));
  // The accessibility needs of the whole selection (not only this page), then the answers of the people shown.
  const needs = needRows(db, series.id, filter).map((r) => ({ ...r, name: r.erasedAt ? ERASED_NAME : `${r.firstName} ${r.lastName}` }));
  const answers = seriesAnswers(db, series.id, [...new Set([...rows, ...needs].map((r) => r.participantId))]);
  const filtered = Object.values(query).some(Boolean);
  // The answers to the organisers' questions (app/questions/), on each row and, for accessibility needs, above the list.
  return {
    accessibilityNeeds: accessibilityNeeds(needs, answers),
    series: { slug: series.slug, title: series.title },
    sessions,
    filter,
    query,
    filtered,
    total: window.total,
    page: window.page,
    pages: window.pages,
    exportHref: `/admin/series/${series.slug}/inscrits.csv${exportQuery.size ? `?${exportQuery}` : ""}`,
    rows: rows.map(named).map((r) => ({
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
