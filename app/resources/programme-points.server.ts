// The programme points a resource, a chapter or a suggestion can name: "3" is a session's 3rd item,
// "3.2" the 2nd part of its 3rd item (paths as in the series file), with their anchors on the
// session page and, per session of a series, the points the resource editor offers.
import { asc, eq, inArray } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase, Tx } from "~/utils/db.server";

export type ProgrammePoint = { id: number; path: string; title: string; kind: string | null; startsAt: string | null; sessionId: number };

/** Every item and part of these sessions with its path, in programme order. */
export function programmePoints(db: AppDatabase | Tx, sessionIds: number[]): ProgrammePoint[] {
  if (!sessionIds.length) return [];
  const items = db
    .select()
    .from(t.programmeItems)
    .where(inArray(t.programmeItems.sessionId, sessionIds))
    .orderBy(asc(t.programmeItems.sessionId), asc(t.programmeItems.position), asc(t.programmeItems.id))
    .all();
  const out: ProgrammePoint[] = [];
  for (const sessionId of sessionIds) {
    const top = items.filter((i) => i.sessionId === sessionId && i.parentId === null);
    top.forEach((item, i) => {
      out.push({ id: item.id, path: String(i + 1), title: item.title, kind: item.kind, startsAt: item.startsAt, sessionId });
      items
        .filter((p) => p.parentId === item.id)
        .forEach((part, j) => out.push({ id: part.id, path: `${i + 1}.${j + 1}`, title: part.title, kind: part.kind, startsAt: null, sessionId }));
    });
  }
  return out;
}

/** A session's programme in the shape `resourceProblems` checks paths against. */
export function programmeShape(points: ProgrammePoint[]): { parts: unknown[] }[] {
  const top = points.filter((p) => !p.path.includes("."));
  return top.map((p) => ({ parts: points.filter((x) => x.path.startsWith(`${p.path}.`)) }));
}

export const anchorOf = (path: string) => `programme-${path.replace(".", "-")}`;

/** Programme points of each session by number (for the chapters' select and the suggestions). */
export function sessionPoints(db: AppDatabase, seriesId: number): { number: number; title: string; startsAt: string; points: ProgrammePoint[] }[] {
  const sessions = db.select().from(t.sessions).where(eq(t.sessions.seriesId, seriesId)).orderBy(asc(t.sessions.number)).all();
  const points = programmePoints(
    db,
    sessions.map((s) => s.id),
  );
  return sessions.map((s) => ({ number: s.number, title: s.title, startsAt: s.startsAt, points: points.filter((p) => p.sessionId === s.id) }));
}
