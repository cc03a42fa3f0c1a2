// Answering a satisfaction survey through one's personal link (no account): who may answer (a
// confirmed registrant of the session), when (from the session's end until the survey closes), what
// is accepted (each answer checked against its question, a French message per wrong field), and how
// it is stored: once per person; a named answer sheet is replaced when edited, an anonymous one is
// written once with no registration id, no timestamp and a random id, beside a separate "has
// answered" row (docs/decisions/012-survey-anonymity.md).
import { randomInt } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import { prepared } from "~/utils/prepared.server";
import { formatDay, formatSessionWhen, formatTime, fromUtcIso } from "~/utils/dates.server";
import { surveysWithSessionAndSeries } from "./survey-joins.server";
import { surveyQuestions } from "./surveys.server";
import { ANSWER_MAX, RATING_VALUES, answerField, type AnswerValue, type Answers, type SurveyQuestion } from "./survey-shape";

export type AnswerState = "open" | "not-yet" | "closed" | "answered-anonymous";

/** "dimanche 28 mars 2027 à 12 h", in the series' zone. */
export function formatInstant(iso: string, zone: string, minusMinutes = 0): string {
  const dt = fromUtcIso(iso, zone).minus({ minutes: minusMinutes });
  return `${formatDay(dt)} à ${formatTime(dt)}`;
}

/** "dimanche 11 avril 2027 à 23 h 59": the last minute of a survey, in the series' zone. */
export const formatClosing = (closesAt: string, zone: string) => formatInstant(closesAt, zone, 1);

/** The survey as the person opening it sees it, or null when the link does not lead to it (404). */
export function surveyForAnswer(db: AppDatabase, participantId: number, surveyId: number, nowIso: string) {
  const found = surveysWithSessionAndSeries(db, { survey: t.surveys, session: t.sessions, series: t.series, registration: t.registrations })
    .innerJoin(t.registrations, and(eq(t.registrations.sessionId, t.sessions.id), eq(t.registrations.participantId, participantId)))
    .where(and(eq(t.surveys.id, surveyId), eq(t.registrations.status, "confirmed")))
    .get();
  if (!found || found.session.status !== "published") return null;
  const { survey, session, series, registration } = found;
  const submitted = Boolean(
    db
      .select({ id: t.surveySubmissions.id })
      .from(t.surveySubmissions)
      .where(and(eq(t.surveySubmissions.surveyId, survey.id), eq(t.surveySubmissions.registrationId, registration.id)))
      .get(),
  );
  const previous = survey.anonymous
    ? null
    : (db
        .select({ answers: t.surveyResponses.answers })
        .from(t.surveyResponses)
        .where(and(eq(t.surveyResponses.surveyId, survey.id), eq(t.surveyResponses.registrationId, registration.id)))
        .get()?.answers ?? null);
  const state: AnswerState =
    survey.closesAt <= nowIso ? "closed" : session.endsAt > nowIso ? "not-yet" : survey.anonymous && submitted ? "answered-anonymous" : "open";
  return {
    surveyId: survey.id,
    registrationId: registration.id,
    anonymous: survey.anonymous,
    intro: survey.intro,
    closes: formatClosing(survey.closesAt, series.timezone),
    state,
    submitted,
    previous,
    series: { title: series.title, slug: series.slug },
    session: { number: session.number, title: session.title, when: formatSessionWhen(session.startsAt, session.endsAt, series.timezone) },
    questions: surveyQuestions(db, survey.id),
  };
}

/** Reads and checks the answers of a sent form: each problem keyed by its question's field name. */
export function readAnswers(questions: SurveyQuestion[], form: FormData): { answers: Answers; errors: Record<string, string> } {
  const answers: Answers = {};
  const errors: Record<string, string> = {};
  for (const q of questions) {
    const name = answerField(q.id);
    let value: AnswerValue | null = null;
    if (q.type === "rating") {
      const raw = String(form.get(name) ?? "");
      if (raw && !(RATING_VALUES as readonly number[]).includes(Number(raw))) errors[name] = "Choisissez une note de 1 à 5.";
      else if (raw) value = Number(raw);
    } else if (q.type === "single") {
      const raw = String(form.get(name) ?? "");
      if (raw && !q.options.includes(raw)) errors[name] = "Choisissez l’une des réponses proposées.";
      else if (raw) value = raw;
    } else if (q.type === "multiple") {
      const raw = form.getAll(name).map(String);
      if (raw.some((v) => !q.options.includes(v))) errors[name] = "Choisissez parmi les réponses proposées.";
      else if (raw.length) value = q.options.filter((o) => raw.includes(o));
    } else {
      const raw = String(form.get(name) ?? "").trim();
      if (raw.length > ANSWER_MAX) errors[name] = `Votre réponse dépasse ${ANSWER_MAX.toLocaleString("fr-FR")} caractères : raccourcissez-la.`;
      else if (raw) value = raw;
    }
    if (value === null && !errors[name] && q.required)
      errors[name] = q.type === "text" ? "Cette question est obligatoire : écrivez votre réponse." : "Cette question est obligatoire : choisissez une réponse.";
    if (value !== null && !errors[name]) answers[String(q.id)] = value;
  }
  return { answers, errors };
}

export type SubmitOutcome = { ok: true; updated: boolean } | { ok: false; reason: "closed" | "not-yet" | "answered" | "unknown" };

/**
 * Stores a person's answers, once per person: a named survey's sheet is replaced until it closes; an
 * anonymous survey's is written once, unlinked. The state is checked again in the transaction.
 */
export function submitAnswers(db: AppDatabase, args: { participantId: number; surveyId: number; answers: Answers; nowIso: string }): SubmitOutcome {
  return db.transaction((tx) => {
    const found = surveyForAnswer(tx as unknown as AppDatabase, args.participantId, args.surveyId, args.nowIso);
    if (!found) return { ok: false as const, reason: "unknown" as const };
    if (found.state === "closed" || found.state === "not-yet") return { ok: false as const, reason: found.state };
    if (found.state === "answered-anonymous") return { ok: false as const, reason: "answered" as const };
    if (found.submitted && !found.anonymous) {
      tx.update(t.surveyResponses)
        .set({ answers: args.answers })
        .where(and(eq(t.surveyResponses.surveyId, found.surveyId), eq(t.surveyResponses.registrationId, found.registrationId)))
        .run();
      return { ok: true as const, updated: true };
    }
    tx.insert(t.surveySubmissions).values({ id: randomId(), surveyId: found.surveyId, registrationId: found.registrationId }).run();
    tx.insert(t.surveyResponses)
      .values({ id: randomId(), surveyId: found.surveyId, registrationId: found.anonymous ? null : found.registrationId, answers: args.answers })
      .run();
    return { ok: true as const, updated: false };
  });
}

/** A random row id (up to 2^48): the rows' order on disk says nothing about the order of answers. */
const randomId = () => randomInt(1, 2 ** 48 - 1);

/** The surveys a person may open from their space: those of the sessions they are confirmed for, with where each stands. */
export function participantSurveys(db: AppDatabase, participantId: number, nowIso: string) {
  // Prepared once per connection: every personal page asks.
  return prepared(db, "surveys.ofParticipant", (d) =>
    surveysWithSessionAndSeries(d, {
      id: t.surveys.id,
      closesAt: t.surveys.closesAt,
      number: t.sessions.number,
      title: t.sessions.title,
      endsAt: t.sessions.endsAt,
      seriesTitle: t.series.title,
    })
      .innerJoin(t.registrations, and(eq(t.registrations.sessionId, t.sessions.id), eq(t.registrations.participantId, sql.placeholder("participantId"))))
      .where(and(eq(t.registrations.status, "confirmed"), eq(t.sessions.status, "published")))
      .orderBy(t.sessions.startsAt)
      .prepare(),
  )
    .all({ participantId })
    .map((s) => ({
      id: s.id,
      label: `${s.seriesTitle}, RDV #${s.number} — ${s.title}`,
      state: s.closesAt <= nowIso ? "clos" : s.endsAt > nowIso ? "ouvert après la rencontre" : "ouvert",
    }));
}
