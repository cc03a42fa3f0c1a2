import type { LoaderFunctionArgs } from "@remix-run/node";
import { icsResponse, seriesFeedIcs } from "~/series/calendar.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { nowIso } from "~/utils/now.server";

/** A subscribable feed: every visible session of the series (app/series/calendar.server.ts). */
export async function loader({ params }: LoaderFunctionArgs) {
  const feed = seriesFeedIcs(getDb(), params.slug ?? "", nowIso(), getEnv().APP_URL);
  if (!feed) throw new Response("Série introuvable", { status: 404 });
  return icsResponse(feed.body, feed.filename);
}
