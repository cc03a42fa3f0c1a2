// The registrants of a series (or of one session: ?session=<number>) as a CSV file for French Excel.
// The page's other filters (status, search) apply too, so "export this selection" gives what is shown.
// Streamed as it is written (one snapshot of the database, never the whole file in memory).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { answerColumns } from "~/questions/questions.server";
import { registrantsCsvLines } from "~/registration/registrants-csv.server";
import { eachRegistrant, readRegistrantFilter, sessionNumbers } from "~/registration/registrants.server";
import { findSeries } from "~/series/series-lookup.server";
import { requireSeriesRole } from "~/accounts/series-access.server";
import { csvHeaders, csvStream } from "~/utils/csv.server";
import { getDb } from "~/utils/db.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSeriesRole(request, params.slug, "organiser");
  const db = getDb();
  const series = findSeries(db, params.slug ?? "", "organiser");
  if (!series) throw new Response("Série introuvable", { status: 404 });
  const query = new URL(request.url).searchParams;
  const filter = readRegistrantFilter(query, sessionNumbers(db, series.id));
  // An export that silently ignored a wrong session number would look like that session's list.
  if (query.get("session") && filter.session === null) throw new Response("Rencontre introuvable dans cette série", { status: 404 });
  // Streamed: rows read one at a time by a read-only connection of its own, ~64 KB sent at a time.
  const answers = answerColumns(db, series.id);
  const { rows, close } = eachRegistrant(db, series.id, filter);
  return new Response(csvStream(registrantsCsvLines(series, rows, answers), close), { headers: csvHeaders(`inscrits-${series.slug}.csv`) });
}

/** Nothing to post here; organisers only (anyone else is sent to the sign-in page first). */
export async function action({ request, params }: ActionFunctionArgs) {
  await requireSeriesRole(request, params.slug, "organiser");
  return new Response("Méthode non autorisée", { status: 405, headers: { Allow: "GET, HEAD" } });
}
