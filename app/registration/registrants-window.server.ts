// A page of the registrants list read from the registration counters (ADR 021), for the selections
// they can count: the whole series, one session, one status. The list's order is session (date,
// number), then status (confirmed, waiting, cancelled), then name or waiting place; the counters give
// the size of each (session, status) group, so the page's 50 rows are found by walking the groups and
// reading only the one or two the page falls in, each from an index (registrantsOfGroup). The count
// and the page cost the same whatever the series holds. Other filters (participation, attendance,
// search) go through registrantsQuery, bounded by the series' rows.
import type { AppDatabase } from "~/utils/db.server";
import { searchWords } from "~/utils/fold";
import { pageWindow, type PageWindow } from "~/utils/pagination";
import { registrantsOfGroup, STATUS_ORDER, type RegistrantFilter, type RegistrantSqlRow } from "./registrants-query.server";

/** A session as the page lists it, with its counters (seriesSessions, in the page's order). */
type CountedSession = { id: number; number: number; confirmed: number; waiting: number; cancelled: number };

/** Whether the counters can count the filter's selection. */
export function countable(f: RegistrantFilter): boolean {
  return !f.participation && !f.attendance && searchWords(f.q).length === 0;
}

/** The (session, status) groups of the selection, in the page's order, with their sizes. */
function groups(sessions: CountedSession[], f: RegistrantFilter) {
  return sessions
    .filter((s) => f.session === null || s.number === f.session)
    .flatMap((s) => STATUS_ORDER.filter((status) => !f.status || f.status === status).map((status) => ({ sessionId: s.id, status, size: s[status] })));
}

/** The page asked for (or the last one) of a countable selection: its window and its rows. */
export function countedPage(db: AppDatabase, sessions: CountedSession[], f: RegistrantFilter, requested: number, size: number) {
  const list = groups(sessions, f);
  const window: PageWindow = pageWindow(
    list.reduce((n, g) => n + g.size, 0),
    requested,
    size,
  );
  const rows: RegistrantSqlRow[] = [];
  let start = 0;
  for (const g of list) {
    const end = start + g.size;
    const from = Math.max(window.offset, start);
    const to = Math.min(window.offset + window.limit, end);
    if (from < to) rows.push(...registrantsOfGroup(db, g, { limit: to - from, offset: from - start }));
    start = end;
    if (start >= window.offset + window.limit) break;
  }
  return { window, rows };
}
