// FINDING A SERIES BY ITS SLUG — the one place that says who may see which series.
//
// - "public": visitors (catalogue, series pages, the registration form): every series but drafts.
// - "registrant": someone who follows a personal link (unsubscribe): any status, so that a series set
//   back to draft after they registered can still be left.
// - "organiser": the back-office (registrants, attendance, resources, report, export): any status.
import { eq, sql } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase, Tx } from "~/utils/db.server";
import { prepared } from "~/utils/prepared.server";

export type SeriesRow = typeof t.series.$inferSelect;
export type SeriesAudience = "public" | "registrant" | "organiser";

/** Whether a series of that status is seen by the audience: a draft is not public. */
const seenBy = (status: SeriesRow["status"], audience: SeriesAudience) => !(audience === "public" && status === "draft");

/** The id of the series of that slug as the audience may see it, or null (seenBy, two columns read). */
export function findSeriesId(db: AppDatabase | Tx, slug: string, audience: SeriesAudience): number | null {
  const series = prepared(db, "series.idBySlug", (d) =>
    d
      .select({ id: t.series.id, status: t.series.status })
      .from(t.series)
      .where(eq(t.series.slug, sql.placeholder("slug")))
      .prepare(),
  ).get({ slug });
  return series && seenBy(series.status, audience) ? series.id : null;
}

/** The series of that slug as the audience may see it, or null. */
export function findSeries(db: AppDatabase | Tx, slug: string, audience: SeriesAudience): SeriesRow | null {
  // Prepared once per connection: every public page and registration looks its series up.
  const series = prepared(db, "series.bySlug", (d) =>
    d
      .select()
      .from(t.series)
      .where(eq(t.series.slug, sql.placeholder("slug")))
      .prepare(),
  ).get({ slug });
  return series && seenBy(series.status, audience) ? series : null;
}
