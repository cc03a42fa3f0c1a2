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
  /** Only the people with an accessibility need (an answer to such a question), not cancelled. */
  needs?: boolean;
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
  if (f.needs) {
    parts.push(sql`r.status != 'cancelled' and exists (select 1 from registration_answers a
      where a.participant_id = r.participant_id and a.series_id = s.series_id and a.accessibility = 1 and a.answer != '')`);
  }
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

/** A row as read: the page's row (registrants.server.ts) before its values are typed and the erased hidden. */
export type RegistrantSqlRow = Omit<RegistrantRow, "erased" | "status" | "participation" | "attendance"> & {
  erasedAt: string | null;
  status: string;
  participation: string;
  attendance: string | null;
};

/**
 * The selected registrations in the page's order: session (date, number), confirmed then waiting (in
 * their places) then cancelled, then name (last and first names folded, in one call of `fold` per row:
 * the sort's main cost on a large series) and id. Waiting places are counted over each of the
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
    select r.id as registrationId, p.id as participantId, p.first_name as firstName, p.last_name as lastName, p.email,
           p.organisation, p.job_title as jobTitle, p.structure_type as structureType, p.territory, p.erased_at as erasedAt,
           s.id as sessionId, s.number as sessionNumber, s.title as sessionTitle, s.starts_at as sessionStartsAt,
           s.status as sessionStatus, s.mode as sessionMode, r.status, r.participation, places.place as waitingPosition,
           r.created_at as createdAt, r.attendance, r.attended_minutes as attendedMinutes
    from ${FROM} left join places on places.id = r.id
    where ${where(seriesId, f)}
    order by s.starts_at, s.number, case r.status when 'confirmed' then 0 when 'waiting' then 1 else 2 end,
             places.place, fold(p.last_name || ' ' || p.first_name), r.id
    ${window ? sql`limit ${window.limit} offset ${window.offset}` : sql``}`;
}

/** How many registrations the filter selects (one count over the series' rows). */
export function registrantsCount(db: AppDatabase, seriesId: number, f: RegistrantFilter): number {
  return db.get<{ n: number }>(sql`select count(*) as n from ${FROM} where ${where(seriesId, f)}`)?.n ?? 0;
}
