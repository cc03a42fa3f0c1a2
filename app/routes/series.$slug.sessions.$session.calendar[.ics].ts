import type { LoaderFunctionArgs } from "@remix-run/node";
import { icsResponse, sessionIcs } from "~/models/calendar.server";
import { getSessionPage } from "~/models/catalog.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { nowIso } from "~/utils/now.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const page = getSessionPage(getDb(), params.slug ?? "", params.session ?? "", nowIso());
  if (!page) throw new Response("Session introuvable", { status: 404 });
  const body = sessionIcs(page.session, page.programme, {
    appUrl: getEnv().APP_URL,
    seriesTitle: page.series.title,
    seriesSlug: page.series.slug,
    platform: page.series.platform,
  });
  return icsResponse(body, `rdv-${page.session.number}-${page.session.slug}.ics`);
}
