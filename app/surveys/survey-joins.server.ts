// A survey with its session and the session's series: the join that answering a survey, the list of
// a person's surveys and the survey planner start from. Callers choose the columns and add the rest.
import { eq } from "drizzle-orm";
import type { SelectedFields } from "drizzle-orm/sqlite-core";
import * as t from "../../db/schema";
import { selectFrom, type AppDatabase } from "~/utils/db.server";

/** `select fields from surveys ⋈ sessions ⋈ series`, to be narrowed by the caller. */
export function surveysWithSessionAndSeries<F extends SelectedFields>(db: AppDatabase, fields: F) {
  return selectFrom(db, fields, t.surveys)
    .innerJoin(t.sessions, eq(t.sessions.id, t.surveys.sessionId))
    .innerJoin(t.series, eq(t.series.id, t.sessions.seriesId));
}
