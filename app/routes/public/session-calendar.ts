import type { LoaderFunctionArgs } from "@remix-run/node";
import { icsResponse, sessionFileIcs } from "~/series/calendar.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { nowIso } from "~/utils/now.server";

/** One session in a calendar (app/series/calendar.server.ts). */
export async function loader({ params }: LoaderFunctionArgs) {
  const file = sessionFileIcs(getDb(), params.slug ?? "", params.session ?? "", nowIso(), getEnv().APP_URL);
  if (!file) throw new Response("Session introuvable", { status: 404 });
  return icsResponse(file.body, file.filename);
}
