// The series file's resources, written by its import: upserted by key, so that a resource keeps its
// id (its address) and its uploaded file across imports; publishing a session's recording from the
// file tells its registrants as the back-office does.
import { asc, eq, inArray } from "drizzle-orm";
import * as t from "../../db/schema";
import type { Tx } from "~/utils/db.server";
import type { ResourceFile } from "../series-file/resource-format.server";
import { deriveKeys } from "./keys";
import { isRecordingPublication, queueRecordingEmails } from "./recording-emails.server";
import { rowValues } from "./resource-row.server";

export type ProgrammeIds = Map<number, Map<string, number>>;

/**
 * The series file's resources, upserted by key in the import's transaction: a resource keeps its id
 * and its uploaded file across imports; resources no longer in the file are removed (their stored
 * files are returned, to be deleted once the transaction has committed).
 */
export function writeFileResources(
  tx: Tx,
  args: { seriesId: number; resources: ResourceFile[]; sessionIds: Map<number, number>; itemIds: ProgrammeIds; nowIso: string },
): { removedFiles: string[]; emails: number } {
  const existing = tx.select().from(t.resources).where(eq(t.resources.seriesId, args.seriesId)).orderBy(asc(t.resources.position), asc(t.resources.id)).all();
  // Rows written before keys existed are known by the key their title gives.
  const legacy = deriveKeys(existing.map((r) => ({ key: r.key, title: r.title })));
  const byKey = new Map(existing.map((r, i) => [r.key ?? legacy[i], r]));
  const keys = deriveKeys(args.resources);
  const wanted = new Set(keys);
  const removed = existing.filter((r, i) => !wanted.has(r.key ?? legacy[i]));
  if (removed.length)
    tx.delete(t.resources)
      .where(
        inArray(
          t.resources.id,
          removed.map((r) => r.id),
        ),
      )
      .run();
  let emails = 0;
  args.resources.forEach((r, position) => {
    const sessionId = r.session != null ? (args.sessionIds.get(r.session) ?? null) : null;
    const itemId = r.item && r.session != null ? (args.itemIds.get(r.session)?.get(r.item) ?? null) : null;
    const values = { ...rowValues(r, sessionId, itemId), key: keys[position], position };
    const old = byKey.get(keys[position]) ?? null;
    let id: number;
    if (old) {
      id = old.id;
      tx.update(t.resources)
        .set({ ...values, updatedAt: args.nowIso })
        .where(eq(t.resources.id, old.id))
        .run();
    } else {
      id = tx
        .insert(t.resources)
        .values({ seriesId: args.seriesId, ...values, createdAt: args.nowIso, updatedAt: args.nowIso })
        .returning({ id: t.resources.id })
        .get().id;
    }
    if (isRecordingPublication(old, values)) emails += queueRecordingEmails(tx, id, sessionId!, args.nowIso);
  });
  return { removedFiles: removed.map((r) => r.fileStoredName).filter((f): f is string => Boolean(f)), emails };
}
