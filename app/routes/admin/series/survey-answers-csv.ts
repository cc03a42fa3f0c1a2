// The answer sheets of one session's satisfaction survey as CSV (UTF-8 with BOM, ";", formulas
// neutralised): names for a named survey, none at all for an anonymous one.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { sessionByNumber } from "~/attendance/attendance.server";
import { requireSeriesRole } from "~/accounts/series-access.server";
import { surveyAnswersCsv } from "~/report/survey-results.server";
import { findSeries } from "~/series/series-lookup.server";
import { csvHeaders } from "~/utils/csv.server";
import { getDb } from "~/utils/db.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSeriesRole(request, params.slug, "organiser");
  const db = getDb();
  const series = findSeries(db, params.slug ?? "", "organiser");
  const session = series && /^\d{1,6}$/.test(params.number ?? "") ? sessionByNumber(db, series.id, Number(params.number)) : null;
  const answers = session ? surveyAnswersCsv(db, session.id) : null;
  if (!series || !session || !answers)
    throw new Response("Questionnaire introuvable", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(answers.csv, { headers: csvHeaders(`questionnaire-${series.slug}-rdv-${session.number}.csv`) });
}

/** Nothing to post here; the guard still comes first. */
export async function action({ request, params }: ActionFunctionArgs) {
  await requireSeriesRole(request, params.slug, "organiser");
  throw new Response("Méthode non autorisée", { status: 405, headers: { Allow: "GET" } });
}
