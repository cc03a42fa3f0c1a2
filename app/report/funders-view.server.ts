// The funders' view of the report (a series' viewers, app/accounts/series-roles.ts): the same figures,
// charts and counts, without any name (the people who came to several sessions) and without the
// free-text answers of the surveys (anyone may write a name in them). Organisers see everything.
import type { SeriesRole } from "~/accounts/series-roles";
import type { Bilan } from "./bilan.server";
import type { SessionSurveyResult } from "./survey-figures";

export function bilanFor(role: SeriesRole, bilan: Bilan): Bilan {
  if (role !== "viewer") return bilan;
  return { ...bilan, repeaters: { ...bilan.repeaters, groups: bilan.repeaters.groups.map((g) => ({ ...g, people: [] })) } };
}

export function surveysFor(role: SeriesRole, results: SessionSurveyResult[]): SessionSurveyResult[] {
  if (role !== "viewer") return results;
  return results.map((r) => ({ ...r, questions: r.questions.map((q) => (q.type === "text" ? { ...q, texts: [] } : q)) }));
}
