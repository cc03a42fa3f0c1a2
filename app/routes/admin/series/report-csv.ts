// The funders' report as CSV (UTF-8 with BOM, ";" separators, French headers): figures only, no names.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { bilanCsv, seriesBilan } from "~/report/bilan.server";
import { seriesSurveyResults, surveyCsvRows } from "~/report/survey-results.server";
import { formatLogTime } from "~/notifications/email-log.server";
import { requireSeriesRole } from "~/accounts/series-access.server";
import { getDb } from "~/utils/db.server";
import { nowIso } from "~/utils/now.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Figures only, for every role (app/report/funders-view.server.ts: the page's names are not in the CSV).
  await requireSeriesRole(request, params.slug, "viewer");
  const bilan = seriesBilan(getDb(), params.slug ?? "");
  if (!bilan) throw new Response("Série introuvable", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const surveys = surveyCsvRows(seriesSurveyResults(getDb(), bilan.series.id));
  return new Response(bilanCsv(bilan, formatLogTime(nowIso()) ?? "", surveys), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="bilan-${bilan.series.slug}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}

/** Nothing to post here; the guard still comes first. */
export async function action({ request, params }: ActionFunctionArgs) {
  await requireSeriesRole(request, params.slug, "viewer");
  throw new Response("Méthode non autorisée", { status: 405, headers: { Allow: "GET" } });
}
