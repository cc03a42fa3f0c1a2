// Seats: confirmed registrations counted per session (and per participation for a hybrid session,
// whose on-site and remote seats are apart: app/utils/formats.ts), and the seats left that
// registering and promotion read inside their transaction. The counts are the session's counters
// (session_counts, ADR 021): SQLite triggers keep them in the transaction that writes a registration,
// so inside registering's IMMEDIATE transaction they are exact, and reading them is one primary-key
// lookup whatever the session holds.
import { eq, sql } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase, Tx } from "~/utils/db.server";
import { capacityFor, participationOf, seatsLeftOf, type Confirmed, type Participation } from "~/utils/formats";
import { prepared, preparedRaw } from "~/utils/prepared.server";

type SessionRow = typeof t.sessions.$inferSelect;
type Db = AppDatabase | Tx;

const c = t.sessionCounts;

const q = {
  counts: (db: Db) =>
    prepared(db, "reg.sessionCounts", (d) =>
      d
        .select({ confirmed: c.confirmed, onsite: c.confirmedOnsite })
        .from(c)
        .where(eq(c.sessionId, sql.placeholder("sessionId")))
        .prepare(),
    ),
};

/** Confirmed registrations of a session, by the participation they stored (prepared on the connection; works inside its transactions). */
function confirmedOf(db: Db, sessionId: number): Confirmed {
  const row = q.counts(db).get({ sessionId });
  return row ? { onsite: row.onsite, remote: row.confirmed - row.onsite } : { onsite: 0, remote: 0 };
}

/** Confirmed registrations of a session. */
export function confirmedCount(db: Db, sessionId: number): number {
  const n = confirmedOf(db, sessionId);
  return n.onsite + n.remote;
}

/** Confirmed registrations per session and participation, in one query (prepared once per connection: the ids as a JSON array). */
export function confirmedByParticipation(db: AppDatabase, sessionIds: number[]): Map<number, Confirmed> {
  const counts = new Map<number, Confirmed>(sessionIds.map((id) => [id, { onsite: 0, remote: 0 }]));
  if (!sessionIds.length) return counts;
  const rows = preparedRaw(
    db,
    "reg.confirmedByParticipation",
    `select session_id as sessionId, confirmed, confirmed_onsite as onsite from session_counts
     where session_id in (select value from json_each(?))`,
  ).all(JSON.stringify(sessionIds)) as { sessionId: number; confirmed: number; onsite: number }[];
  for (const r of rows) counts.set(r.sessionId, { onsite: r.onsite, remote: r.confirmed - r.onsite });
  return counts;
}

/** Seats left for a participation: a hybrid session counts its on-site and remote seats apart (app/utils/formats.ts). */
export function seatsLeft(
  db: AppDatabase | Tx,
  session: Pick<SessionRow, "id" | "capacity" | "remoteCapacity" | "mode">,
  participation: Participation = participationOf(session.mode),
): number | null {
  if (capacityFor(session, participation) === null) return null;
  return seatsLeftOf(session, participation, confirmedOf(db, session.id));
}
