import type { LoaderFunctionArgs } from "@remix-run/node";
import { icsResponse, seriesIcs } from "~/models/calendar.server";
import { getProgramme, getSeriesPage } from "~/models/catalog.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { nowIso } from "~/utils/now.server";

/** A subscribable feed: every visible session of the series. */
export async function loader({ params }: LoaderFunctionArgs) {
  const db = getDb();
  const page = getSeriesPage(db, params.slug ?? "", nowIso());
  if (!page) throw new Response("Série introuvable", { status: 404 });
  const body = seriesIcs(
    page.sessions.map((session) => ({ session, programme: getProgramme(db, session.id, page.series.timezone) })),
    { appUrl: getEnv().APP_URL, seriesTitle: page.series.title, seriesSlug: page.series.slug, platform: page.series.platform },
  );
  return icsResponse(body, `${page.series.slug}.ics`);
}
