// Seats: confirmed registrations counted per session (and per participation for a hybrid session,
// whose on-site and remote seats are apart: app/utils/formats.ts), and the seats left that
// registering and promotion read inside their transaction.
import { and, count, eq, sql } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase, Tx } from "~/utils/db.server";
import { capacityFor, participationOf, seatsLeftOf, type Confirmed, type Participation } from "~/utils/formats";
import { prepared, preparedRaw } from "~/utils/prepared.server";

type SessionRow = typeof t.sessions.$inferSelect;
type Db = AppDatabase | Tx;

const q = {
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

/** Confirmed registrations of a session (prepared on the connection; works inside its transactions). */
export function confirmedCount(db: Db, sessionId: number): number {
  return q.confirmedCount(db).get({ sessionId })!.n;
}

/** Confirmed registrations per session and participation, in one query (prepared once per connection: the ids as a JSON array). */
export function confirmedByParticipation(db: AppDatabase, sessionIds: number[]): Map<number, Confirmed> {
  const counts = new Map<number, Confirmed>(sessionIds.map((id) => [id, { onsite: 0, remote: 0 }]));
  if (!sessionIds.length) return counts;
  const rows = preparedRaw(
    db,
    "reg.confirmedByParticipation",
    `select session_id as sessionId, participation, count(*) as n from registrations
     where session_id in (select value from json_each(?)) and status = 'confirmed'
     group by session_id, participation`,
  ).all(JSON.stringify(sessionIds)) as { sessionId: number; participation: Participation; n: number }[];
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
