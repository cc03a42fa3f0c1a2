// The funders' view of the report (a series' viewers and editors, app/accounts/series-roles.ts): the
// same figures, charts and counts, without any name (the people who came to several sessions), without
// the free-text answers of the surveys (anyone may write a name in them) and without the links to the
// answer sheets. Organisers see everything: personal data is theirs alone (ADR 016).
import type { SeriesRole } from "~/accounts/series-roles";
import type { Bilan } from "./bilan.server";
import type { SessionSurveyResult } from "./survey-figures";

/** Whether the role sees the people behind the figures (names, free-text answers, answer sheets). */
export function seesPeople(role: SeriesRole): boolean {
  return role === "organiser";
}

export function bilanFor(role: SeriesRole, bilan: Bilan): Bilan {
  if (seesPeople(role)) return bilan;
  return { ...bilan, repeaters: { ...bilan.repeaters, groups: bilan.repeaters.groups.map((g) => ({ ...g, people: [] })) } };
}

export function surveysFor(role: SeriesRole, results: SessionSurveyResult[]): SessionSurveyResult[] {
  if (seesPeople(role)) return results;
  return results.map((r) => ({ ...r, questions: r.questions.map((q) => (q.type === "text" ? { ...q, texts: [] } : q)) }));
}
