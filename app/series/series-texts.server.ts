// The series' own texts in their order: the rules shown on its pages and in its emails (micro coupé,
// questions par écrit…) and its key figures.
import { asc, eq } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";

export function seriesRules(db: AppDatabase, seriesId: number): string[] {
  return db
    .select({ text: t.seriesRules.text })
    .from(t.seriesRules)
    .where(eq(t.seriesRules.seriesId, seriesId))
    .orderBy(asc(t.seriesRules.position))
    .all()
    .map((r) => r.text);
}

export function seriesKeyFigures(db: AppDatabase, seriesId: number): { value: string; label: string }[] {
  return db
    .select({ value: t.keyFigures.value, label: t.keyFigures.label })
    .from(t.keyFigures)
    .where(eq(t.keyFigures.seriesId, seriesId))
    .orderBy(asc(t.keyFigures.position))
    .all();
}
