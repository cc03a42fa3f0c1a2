// What the organisers' resource pages read: the series' resources with their attachment (session
// number, programme point), the attachment options of the editor ("" the series, "s:2" a session,
// "i:2:3.1" a point of its programme), the chapters proposed from a timed programme, and a stored
// resource in the series file's shape (what the editor's form shows).
import { asc, eq } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import { secondsToHms } from "~/utils/media";
import type { ResourceFile } from "../series-file/resource-format.server";
import { programmePoints, sessionPoints } from "./programme-points.server";
import { fileFields, type ResourceRow } from "./resource-row.server";

export type AdminResource = ResourceRow & { sessionNumber: number | null; itemPath: string | null; itemTitle: string | null };

export function adminResources(db: AppDatabase, seriesId: number): AdminResource[] {
  const rows = db
    .select({ r: t.resources, sessionNumber: t.sessions.number })
    .from(t.resources)
    .leftJoin(t.sessions, eq(t.sessions.id, t.resources.sessionId))
    .where(eq(t.resources.seriesId, seriesId))
    .orderBy(asc(t.resources.position), asc(t.resources.id))
    .all();
  const sessionIds = [...new Set(rows.map((x) => x.r.sessionId).filter((x): x is number => x !== null))];
  const points = programmePoints(db, sessionIds);
  return rows.map(({ r, sessionNumber }) => {
    const point = r.programmeItemId ? points.find((p) => p.id === r.programmeItemId) : undefined;
    return { ...r, sessionNumber: sessionNumber ?? null, itemPath: point?.path ?? null, itemTitle: point?.title ?? null };
  });
}

export type AttachmentOption = { value: string; label: string; group: string };

/** "" the whole series, "s:2" session 2, "i:2:3.1" a point of session 2's programme. */
export function attachmentOptions(db: AppDatabase, seriesId: number): AttachmentOption[] {
  const out: AttachmentOption[] = [{ value: "", label: "Toute la série", group: "Série" }];
  for (const s of sessionPoints(db, seriesId)) {
    const group = `RDV #${s.number} — ${s.title}`;
    out.push({ value: `s:${s.number}`, label: `La rencontre RDV #${s.number} entière`, group });
    for (const p of s.points) {
      out.push({ value: `i:${s.number}:${p.path}`, label: `${p.path.includes(".") ? "    " : ""}${p.path}. ${p.title}`, group });
    }
  }
  return out;
}

/** Chapters proposed from a session's timed programme: each item's start, counted from the session's start. */
export function suggestedChapters(db: AppDatabase, seriesId: number, sessionNumber: number): { at: string; title: string; item: string }[] {
  const s = sessionPoints(db, seriesId).find((x) => x.number === sessionNumber);
  if (!s) return [];
  const start = Date.parse(s.startsAt);
  return s.points
    .filter((p) => p.startsAt && p.kind !== "break")
    .map((p) => ({ at: secondsToHms(Math.max(0, Math.round((Date.parse(p.startsAt!) - start) / 1000))), title: p.title, item: p.path }));
}

/** The stored resource in the shape of the series file (what the form edits). */
export function resourceAsFile(r: AdminResource): ResourceFile {
  return {
    key: r.key,
    ...fileFields(r, r.sessionNumber, r.itemPath),
    references: r.references.map((ref) => ({ ...ref, authors: ref.authors ?? [], editors: ref.editors ?? [] })),
  };
}
