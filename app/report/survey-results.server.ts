// The satisfaction surveys in the funders' report: per session with a survey, how many people were
// sent it and answered, each rating's mean and distribution, each choice's count, and the free-text
// answers listed; and a CSV of the answer sheets. An anonymous survey's answers come without any
// name (they are stored without one, docs/decisions/012-survey-anonymity.md); a named survey's CSV
// gives the person's name, "(données effacées)" once they erased their data. Free-text answers are
// listed in the random order of their ids, never in the order they were given.
import { and, asc, eq, ne } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import { toCsv, type CsvCell } from "~/utils/csv.server";
import { SURVEY_EMAIL } from "~/surveys/survey-planner.server";
import { surveyQuestions } from "~/surveys/surveys.server";
import { RATING_VALUES, ratingLabel, type Answers, type AnswerValue, type SurveyQuestion } from "~/surveys/survey-shape";
import type { QuestionResult, SessionSurveyResult } from "./survey-figures";

export type { QuestionResult, SessionSurveyResult } from "./survey-figures";

const ERASED = "(données effacées à la demande de la personne)";

function responsesOf(db: AppDatabase, surveyId: number) {
  return db
    .select({ answers: t.surveyResponses.answers, registrationId: t.surveyResponses.registrationId })
    .from(t.surveyResponses)
    .where(eq(t.surveyResponses.surveyId, surveyId))
    .orderBy(asc(t.surveyResponses.id))
    .all();
}

function questionResult(q: SurveyQuestion, sheets: Answers[]): QuestionResult {
  const values = sheets.map((a) => a[String(q.id)]).filter((v): v is AnswerValue => v !== undefined);
  if (q.type === "rating") {
    const ratings = values.filter((v): v is number => typeof v === "number");
    return {
      id: q.id,
      type: "rating",
      label: q.label,
      answered: ratings.length,
      mean: ratings.length ? ratings.reduce((s, v) => s + v, 0) / ratings.length : null,
      distribution: RATING_VALUES.map((v) => ({ label: ratingLabel(q, v), count: ratings.filter((r) => r === v).length })),
    };
  }
  if (q.type === "text") return { id: q.id, type: "text", label: q.label, answered: values.length, texts: values.map(String) };
  const chosen = values.flatMap((v) => (Array.isArray(v) ? v : [String(v)]));
  // Options removed after answers were given are still counted, after the current ones.
  const labels = [...q.options, ...new Set(chosen.filter((c) => !q.options.includes(c)))];
  return {
    id: q.id,
    type: q.type,
    label: q.label,
    answered: values.length,
    distribution: labels.map((label) => ({ label, count: chosen.filter((c) => c === label).length })),
  };
}

/** The surveys of a series' sessions (drafts aside), in the order of the sessions. */
export function seriesSurveyResults(db: AppDatabase, seriesId: number): SessionSurveyResult[] {
  const rows = db
    .select({ survey: t.surveys, session: t.sessions })
    .from(t.surveys)
    .innerJoin(t.sessions, eq(t.sessions.id, t.surveys.sessionId))
    .where(and(eq(t.sessions.seriesId, seriesId), ne(t.sessions.status, "draft")))
    .orderBy(asc(t.sessions.startsAt), asc(t.sessions.number))
    .all();
  return rows.map(({ survey, session }) => {
    const sheets = responsesOf(db, survey.id).map((r) => r.answers);
    const sent = db.$client
      .prepare("select count(*) as n from outbox where kind = ? and status = 'sent' and json_extract(payload, '$.surveyId') = ?")
      .get(SURVEY_EMAIL, survey.id) as { n: number };
    return {
      sessionId: session.id,
      number: session.number,
      title: session.title,
      anonymous: survey.anonymous,
      sent: sent.n,
      answers: sheets.length,
      questions: surveyQuestions(db, survey.id).map((q) => questionResult(q, sheets)),
    };
  });
}

/** The figures the bilan's CSV adds: per session, answers and each rating's mean. */
export function surveyCsvRows(results: SessionSurveyResult[]): (string | number)[][] {
  if (!results.length) return [];
  const mean = (m: number | null) => (m === null ? "—" : m.toLocaleString("fr-FR", { maximumFractionDigits: 2, useGrouping: false }));
  return [
    [],
    ["Questionnaire de satisfaction", "Question", "Réponses", "Moyenne (sur 5)"],
    ...results.flatMap((r) => [
      [`RDV #${r.number}`, "Questionnaires envoyés / réponses", r.sent, r.answers],
      ...r.questions.filter((q) => q.type === "rating").map((q) => [`RDV #${r.number}`, q.label, q.answered, mean(q.type === "rating" ? q.mean : null)]),
    ]),
  ];
}

const cellOf = (v: AnswerValue | undefined): CsvCell => (v === undefined ? "" : Array.isArray(v) ? v.join(" ; ") : v);

/** The answer sheets of one session's survey as CSV: no name at all for an anonymous survey. Null when there is no survey. */
export function surveyAnswersCsv(db: AppDatabase, sessionId: number): { csv: string; anonymous: boolean } | null {
  const survey = db.select().from(t.surveys).where(eq(t.surveys.sessionId, sessionId)).get();
  if (!survey) return null;
  const questions = surveyQuestions(db, survey.id);
  const responses = responsesOf(db, survey.id);
  if (survey.anonymous)
    return { anonymous: true, csv: toCsv([questions.map((q) => q.label), ...responses.map((r) => questions.map((q) => cellOf(r.answers[String(q.id)])))]) };
  const people = new Map(
    db
      .select({ id: t.registrations.id, firstName: t.participants.firstName, lastName: t.participants.lastName, erasedAt: t.participants.erasedAt })
      .from(t.registrations)
      .innerJoin(t.participants, eq(t.participants.id, t.registrations.participantId))
      .where(eq(t.registrations.sessionId, sessionId))
      .all()
      .map((p) => [p.id, p]),
  );
  const name = (id: number | null) => {
    const p = id === null ? undefined : people.get(id);
    return !p || p.erasedAt ? ["", ERASED] : [p.lastName, p.firstName];
  };
  return {
    anonymous: false,
    csv: toCsv([
      ["Nom", "Prénom", ...questions.map((q) => q.label)],
      ...responses.map((r) => [...name(r.registrationId), ...questions.map((q) => cellOf(r.answers[String(q.id)]))]),
    ]),
  };
}
