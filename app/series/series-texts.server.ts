// The series' own texts: its presentation (title, territory, objectives, audience…), the rules shown
// on its pages and in its emails (micro coupé, questions par écrit…) and its key figures, in order.
import { asc, eq } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";

/** The presentation of a series as its page and its file show it. */
export function presentationOf(s: typeof t.series.$inferSelect) {
  const { slug, title, subtitle, territory, timezone, status, summary, question, objectives, audience, mode, platform } = s;
  return { slug, title, subtitle, territory, timezone, status, summary, question, objectives, audience, mode, platform };
}

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
