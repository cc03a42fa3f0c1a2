// The registrants list in SQL: the filters of the back-office page (session, status, participation,
// attendance, an accent-insensitive search), the order it shows, the waiting-list places, and the
// count of the selection. Every query starts from the series' sessions (sessions_series_number_uq) and
// reaches its registrations through registrations_session_status_idx, so its cost follows the series'
// own rows, never the database's: the search is a `fold(…)` test over those rows only (the series
// bounds it; no index could serve an infix search, and an FTS table for a few thousand rows would cost
// more than it saves). tests/integration/query-plans.test.ts checks the plans.
import Database from "better-sqlite3";
import { sql, type SQL } from "drizzle-orm";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import type * as t from "../../db/schema";
import { BUSY_TIMEOUT_MS, registerFunctions, type AppDatabase } from "~/utils/db.server";
import { searchWords } from "~/utils/fold";
import type { RegistrantRow } from "./registrants.server";

export type RegistrantFilter = {
  session: number | null;
  status: (typeof t.REGISTRATION_STATUSES)[number] | null;
  /** On site or remote, as the session's format gives it or the registrant chose (participationOf). */
  participation?: (typeof t.PARTICIPATIONS)[number] | null;
  /** Recorded attendance, or "unknown" (confirmed, not recorded yet). */
  attendance?: (typeof t.ATTENDANCE)[number] | "unknown" | null;
  q: string;
};

/** participationOf (app/utils/formats.ts) in SQL, over `registrations r` and `sessions s`. */
const PARTICIPATION_SQL = sql.raw(
  `(case s.mode when 'online' then 'remote' when 'in-person' then 'onsite' else (case when r.participation = 'onsite' then 'onsite' else 'remote' end) end)`,
);

/** The selection, over `registrations r ⋈ sessions s ⋈ participants p`. */
function where(seriesId: number, f: RegistrantFilter): SQL {
  const parts: SQL[] = [sql`s.series_id = ${seriesId}`];
  if (f.session !== null) parts.push(sql`s.number = ${f.session}`);
  if (f.status) parts.push(sql`r.status = ${f.status}`);
  if (f.participation) parts.push(sql`${PARTICIPATION_SQL} = ${f.participation}`);
  if (f.attendance === "unknown") parts.push(sql`r.status = 'confirmed' and r.attendance is null`);
  else if (f.attendance) parts.push(sql`r.attendance = ${f.attendance}`);
  const words = searchWords(f.q);
  if (words.length) {
    // The folded text searched: name, e-mail, structure (never an erased person's).
    const text = sql.raw(`fold(p.first_name || ' ' || p.last_name || ' ' || p.email || ' ' || coalesce(p.organisation, ''))`);
    parts.push(sql`p.erased_at is null`);
    for (const w of words) parts.push(sql`instr(${text}, ${w}) > 0`);
  }
  return sql.join(parts, sql` and `);
}

const FROM = sql.raw(`registrations r join sessions s on s.id = r.session_id join participants p on p.id = r.participant_id`);

/** A row's columns (but its waiting place), over FROM. */
const COLUMNS = sql.raw(`r.id as registrationId, p.id as participantId, p.first_name as firstName, p.last_name as lastName, p.email,
  p.organisation, p.job_title as jobTitle, p.structure_type as structureType, p.territory, p.erased_at as erasedAt,
  s.id as sessionId, s.number as sessionNumber, s.title as sessionTitle, s.starts_at as sessionStartsAt,
  s.status as sessionStatus, s.mode as sessionMode, r.status, r.participation, r.created_at as createdAt, r.attendance,
  r.attended_minutes as attendedMinutes`);

/** A row as read: the page's row (registrants.server.ts) before its values are typed and the erased hidden. */
export type RegistrantSqlRow = Omit<RegistrantRow, "erased" | "status" | "participation" | "attendance"> & {
  erasedAt: string | null;
  status: string;
  participation: string;
  attendance: string | null;
};

/**
 * The selected registrations in the page's order: session (date, number), confirmed then waiting (in
 * their places) then cancelled, then name (`registrations.sort_name`: last then first name, folded, kept
 * by triggers: app/utils/sort-name.ts) and id. Waiting places are counted over each of the
 * series' waiting lists (a hybrid session has two, per participation), whatever the filter.
 */
export function registrantsQuery(db: AppDatabase, seriesId: number, f: RegistrantFilter, window?: { limit: number; offset: number }): RegistrantSqlRow[] {
  return db.all<RegistrantSqlRow>(selectSql(seriesId, f, window));
}

const dialect = new SQLiteSyncDialect();

/**
 * The same rows one at a time (the CSV export streams them), read by a connection of their own,
 * read-only, so that the server's connection stays free between two chunks and the file is one
 * snapshot of the database (WAL). `close()` when done. An in-memory database (tests) has no second
 * connection: its rows are read at once.
 */
export function registrantsCursor(db: AppDatabase, seriesId: number, f: RegistrantFilter): { rows: Iterator<RegistrantSqlRow>; close: () => void } {
  const { sql: text, params } = dialect.sqlToQuery(selectSql(seriesId, f));
  if (db.$client.memory) return { rows: (db.$client.prepare(text).all(...params) as RegistrantSqlRow[]).values(), close: () => {} };
  const reader = takeReader(db.$client);
  try {
    const rows = reader.prepare(text).iterate(...params) as IterableIterator<RegistrantSqlRow>;
    let closed = false;
    return {
      rows,
      close: () => {
        if (closed) return;
        closed = true;
        rows.return?.();
        giveBack(db.$client, reader);
      },
    };
  } catch (error) {
    giveBack(db.$client, reader);
    throw error;
  }
}

/** One idle read-only connection kept per database (an export opens another only while one is in use). */
const idleReaders = new WeakMap<object, Database.Database>();

function takeReader(main: Database.Database): Database.Database {
  const idle = idleReaders.get(main);
  if (idle?.open) {
    idleReaders.delete(main);
    return idle;
  }
  const reader = new Database(main.name, { readonly: true, fileMustExist: true });
  reader.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  registerFunctions(reader);
  return reader;
}

function giveBack(main: Database.Database, reader: Database.Database): void {
  if (main.open && !idleReaders.get(main)?.open) idleReaders.set(main, reader);
  else reader.close();
}

function selectSql(seriesId: number, f: RegistrantFilter, window?: { limit: number; offset: number }): SQL {
  return sql`
    with places as (
      select w.id, row_number() over (partition by w.session_id, w.participation order by w.waiting_since, w.id) as place
      from sessions ws join registrations w on w.session_id = ws.id and w.status = 'waiting'
      where ws.series_id = ${seriesId}
    )
    select ${COLUMNS}, places.place as waitingPosition
    from ${FROM} left join places on places.id = r.id
    where ${where(seriesId, f)}
    order by s.starts_at, s.number, case r.status when 'confirmed' then 0 when 'waiting' then 1 else 2 end,
             places.place, r.sort_name, r.id
    ${window ? sql`limit ${window.limit} offset ${window.offset}` : sql``}`;
}

/** How many registrations the filter selects (one count over the series' rows). */
export function registrantsCount(db: AppDatabase, seriesId: number, f: RegistrantFilter): number {
  return db.get<{ n: number }>(sql`select count(*) as n from ${FROM} where ${where(seriesId, f)}`)?.n ?? 0;
}

/** The page's order of statuses within a session (registrantsQuery's `case`). */
export const STATUS_ORDER = ["confirmed", "waiting", "cancelled"] as const;

/**
 * One session's registrations of one status, in the page's order, `limit` of them from `offset`: a
 * range of registrations_session_list_idx (session, status, sort_name, id) for the confirmed and the
 * cancelled; the session's own waiting list (its places, per participation) for the waiting. The
 * registrants page reads its page of 50 this way, group by group (registrants-window.server.ts).
 */
export function registrantsOfGroup(
  db: AppDatabase,
  group: { sessionId: number; status: (typeof STATUS_ORDER)[number] },
  window: { limit: number; offset: number },
): RegistrantSqlRow[] {
  if (group.status === "waiting")
    return db.all<RegistrantSqlRow>(sql`
      with places as (
        select w.id, row_number() over (partition by w.participation order by w.waiting_since, w.id) as place
        from registrations w where w.session_id = ${group.sessionId} and w.status = 'waiting'
      )
      select ${COLUMNS}, places.place as waitingPosition
      from places join registrations r on r.id = places.id join sessions s on s.id = r.session_id join participants p on p.id = r.participant_id
      order by places.place, r.sort_name, r.id
      limit ${window.limit} offset ${window.offset}`);
  // The page's ids first, from the index alone (the rows skipped by OFFSET cost an index entry each),
  // then their rows.
  return db.all<RegistrantSqlRow>(sql`
    select ${COLUMNS}, null as waitingPosition
    from (select id from registrations indexed by registrations_session_list_idx
          where session_id = ${group.sessionId} and status = ${group.status}
          order by sort_name, id limit ${window.limit} offset ${window.offset}) page
    join registrations r on r.id = page.id join sessions s on s.id = r.session_id join participants p on p.id = r.participant_id
    order by r.sort_name, r.id`);
}

/** A person of the accessibility needs: one of their registrations in the selection, not cancelled. */
export type NeedRow = { participantId: number; status: string; firstName: string; lastName: string; erasedAt: string | null; sessionNumber: number };

/**
 * The selection's registrations of the people with an accessibility need (an answer to such a
 * question of the series), not cancelled, in the page's order: driven by those people's answers
 * (registration_answers_series_idx) and their registrations (registrations_participant_session_uq),
 * never by the series' other rows.
 */
export function needRows(db: AppDatabase, seriesId: number, f: RegistrantFilter): NeedRow[] {
  return db.all<NeedRow>(sql`
    select r.participant_id as participantId, r.status, p.first_name as firstName, p.last_name as lastName, p.erased_at as erasedAt,
           s.number as sessionNumber
    from (select distinct a.participant_id from registration_answers a
          where a.series_id = ${seriesId} and a.accessibility = 1 and a.answer != '') needy
    cross join registrations r on r.participant_id = needy.participant_id
    join sessions s on s.id = r.session_id join participants p on p.id = r.participant_id
    where r.status != 'cancelled' and ${where(seriesId, f)}
    order by s.starts_at, s.number, case r.status when 'confirmed' then 0 else 1 end, r.waiting_since, r.sort_name, r.id`);
}
