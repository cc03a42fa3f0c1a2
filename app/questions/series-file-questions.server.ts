// The series file's questions, written by its import and read by its export: upserted by key, so that
// a question keeps its id (and its answers their link to it) across imports. A question no longer in
// the file is removed; its answers stay, with the label they were given under.
import { and, asc, eq, inArray } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase, Tx } from "~/utils/db.server";
import type { QuestionFile } from "../series-file/questions-format.server";

/** Writes the file's questions in the import's transaction; `sessionIds` maps session numbers to ids. */
export function writeFileQuestions(tx: Tx, args: { seriesId: number; questions: QuestionFile[]; sessionIds: Map<number, number>; nowIso: string }): void {
  const q = t.registrationQuestions;
  const existing = new Map(
    tx
      .select({ id: q.id, key: q.key })
      .from(q)
      .where(eq(q.seriesId, args.seriesId))
      .all()
      .map((r) => [r.key, r.id]),
  );
  const gone = [...existing].filter(([key]) => !args.questions.some((f) => f.key === key)).map(([, id]) => id);
  if (gone.length)
    tx.delete(q)
      .where(and(eq(q.seriesId, args.seriesId), inArray(q.id, gone)))
      .run();
  args.questions.forEach((f, position) => {
    const values = {
      position,
      kind: f.kind,
      label: f.label,
      help: f.help || null,
      required: f.required,
      accessibility: f.accessibility,
      choices: f.choices,
      sessionIds: f.sessions.map((n) => args.sessionIds.get(n)).filter((id): id is number => id !== undefined),
    };
    const id = existing.get(f.key);
    if (id !== undefined)
      tx.update(q)
        .set({ ...values, updatedAt: args.nowIso })
        .where(eq(q.id, id))
        .run();
    else
      tx.insert(q)
        .values({ seriesId: args.seriesId, key: f.key, ...values, createdAt: args.nowIso, updatedAt: args.nowIso })
        .run();
  });
}

/** The series' questions as the file writes them (defaults omitted); `numberOf` maps session ids to numbers. */
export function exportQuestions(db: AppDatabase, seriesId: number, numberOf: Map<number, number>) {
  return db
    .select()
    .from(t.registrationQuestions)
    .where(eq(t.registrationQuestions.seriesId, seriesId))
    .orderBy(asc(t.registrationQuestions.position), asc(t.registrationQuestions.id))
    .all()
    .map((r) => ({
      key: r.key,
      kind: r.kind,
      label: r.label,
      ...(r.help ? { help: r.help } : {}),
      ...(r.required ? { required: true } : {}),
      ...(r.accessibility ? { accessibility: true } : {}),
      ...(r.choices.length ? { choices: r.choices } : {}),
      ...(r.sessionIds.length ? { sessions: r.sessionIds.map((id) => numberOf.get(id)).filter((n): n is number => n !== undefined) } : {}),
    }));
}
