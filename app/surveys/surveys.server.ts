// A session's satisfaction survey as organisers build it: read it with its questions and where it
// stands (when it is sent, to whom, how many emails and answers), save its settings, add, change,
// move and remove questions. Each change is written with its audit line in one transaction. Once
// answers exist, the survey's anonymity and a question's type no longer change and questions are no
// longer removed, so that every answer stays readable as it was given.
import { and, asc, eq, sql } from "drizzle-orm";
import * as t from "../../db/schema";
import { audit } from "~/accounts/audit.server";
import type { AppDatabase } from "~/utils/db.server";
import { surveyAudience, surveyDueAt, SURVEY_EMAIL, type Audience } from "./survey-planner.server";
import type { QuestionInput, SettingsInput } from "./survey-form.server";
import type { SurveyQuestion } from "./survey-shape";

export type SurveyRow = typeof t.surveys.$inferSelect;
type Session = { id: number; endsAt: string; status: string };

export function surveyOfSession(db: AppDatabase, sessionId: number): SurveyRow | null {
  return db.select().from(t.surveys).where(eq(t.surveys.sessionId, sessionId)).get() ?? null;
}

export function surveyQuestions(db: AppDatabase, surveyId: number): SurveyQuestion[] {
  return db
    .select()
    .from(t.surveyQuestions)
    .where(eq(t.surveyQuestions.surveyId, surveyId))
    .orderBy(asc(t.surveyQuestions.position), asc(t.surveyQuestions.id))
    .all()
    .map((q) => ({ id: q.id, type: q.type, label: q.label, required: q.required, options: q.options, lowLabel: q.lowLabel, highLabel: q.highLabel }));
}

export function answerCount(db: AppDatabase, surveyId: number): number {
  return db.get<{ n: number }>(sql`select count(*) as n from survey_responses where survey_id = ${surveyId}`).n;
}

export type SurveyState = {
  dueAt: string;
  audience: Audience;
  emails: { queued: number; sent: number };
  answers: number;
  /** Why nothing is or will be sent, in French, or null. */
  blocked: string | null;
};

/** Where a survey stands: when it is sent, to whom, what left, how many answers; and why nothing is sent, if so. */
export function surveyState(db: AppDatabase, survey: SurveyRow, session: Session, zone: string, nowIso: string): SurveyState {
  const dueAt = surveyDueAt(session.endsAt, zone, survey.delay, survey.delayUnit);
  const audience = surveyAudience(db, session.id);
  const emails = db.get<{ queued: number; sent: number }>(sql`
    select count(*) as queued, coalesce(sum(status = 'sent'), 0) as sent from outbox where kind = ${SURVEY_EMAIL} and json_extract(payload, '$.surveyId') = ${survey.id}`);
  const questions = db.select({ id: t.surveyQuestions.id }).from(t.surveyQuestions).where(eq(t.surveyQuestions.surveyId, survey.id)).limit(1).all().length;
  let blocked: string | null = null;
  if (session.status === "cancelled") blocked = "La rencontre est annulée : le questionnaire ne sera pas envoyé.";
  else if (session.status !== "published") blocked = "La rencontre n’est pas publiée : le questionnaire ne sera pas envoyé.";
  else if (!questions) blocked = "Le questionnaire n’a aucune question : ajoutez-en au moins une pour qu’il soit envoyé.";
  else if (survey.closesAt <= nowIso && emails.queued === 0) blocked = "Le questionnaire est clos : il ne sera plus envoyé.";
  else if (audience.count === 0 && emails.queued === 0)
    blocked =
      audience.rule === "present"
        ? "Personne n’est marqué présent à cette rencontre : le questionnaire ne sera envoyé à personne. Saisissez la présence pour qu’il parte."
        : "Aucune personne inscrite confirmée à cette rencontre : le questionnaire ne sera envoyé à personne.";
  return { dueAt, audience, emails, answers: answerCount(db, survey.id), blocked };
}

export function saveSettings(
  db: AppDatabase,
  args: { sessionId: number; input: SettingsInput; accountId: number; nowIso: string },
): { ok: true; surveyId: number } | { ok: false; errors: Record<string, string> } {
  return db.transaction((tx) => {
    const existing = tx.select().from(t.surveys).where(eq(t.surveys.sessionId, args.sessionId)).get();
    const values = { ...args.input, updatedAt: args.nowIso };
    if (existing) {
      const answered = tx.get<{ n: number }>(sql`select count(*) as n from survey_submissions where survey_id = ${existing.id}`).n;
      if (answered && existing.anonymous !== args.input.anonymous)
        return { ok: false as const, errors: { anonymous: "Des réponses ont déjà été données : l’anonymat du questionnaire ne peut plus changer." } };
      tx.update(t.surveys).set(values).where(eq(t.surveys.id, existing.id)).run();
      audit(tx, args.accountId, "survey.settings", "survey", existing.id, { sessionId: args.sessionId });
      return { ok: true as const, surveyId: existing.id };
    }
    const created = tx
      .insert(t.surveys)
      .values({ sessionId: args.sessionId, ...values, createdAt: args.nowIso })
      .returning({ id: t.surveys.id })
      .get();
    audit(tx, args.accountId, "survey.create", "survey", created.id, { sessionId: args.sessionId });
    return { ok: true as const, surveyId: created.id };
  });
}

export function addQuestion(db: AppDatabase, args: { surveyId: number; input: QuestionInput; accountId: number; nowIso: string }): number {
  return db.transaction((tx) => {
    const last = tx.get<{ p: number | null }>(sql`select max(position) as p from survey_questions where survey_id = ${args.surveyId}`).p;
    const row = tx
      .insert(t.surveyQuestions)
      .values({ surveyId: args.surveyId, position: (last ?? -1) + 1, ...args.input, createdAt: args.nowIso, updatedAt: args.nowIso })
      .returning({ id: t.surveyQuestions.id })
      .get();
    audit(tx, args.accountId, "survey.question.add", "survey", args.surveyId, { questionId: row.id, label: args.input.label });
    return row.id;
  });
}

const questionOf = (db: AppDatabase, surveyId: number, questionId: number) =>
  db
    .select()
    .from(t.surveyQuestions)
    .where(and(eq(t.surveyQuestions.surveyId, surveyId), eq(t.surveyQuestions.id, questionId)))
    .get();

/** A question changed; its type stays once answers exist. Returns an error message, or null. */
export function updateQuestion(db: AppDatabase, args: { surveyId: number; questionId: number; input: QuestionInput; accountId: number; nowIso: string }) {
  return db.transaction((tx) => {
    const q = questionOf(db, args.surveyId, args.questionId);
    if (!q) return { type: "Cette question n’existe plus." };
    if (q.type !== args.input.type && answerCount(db, args.surveyId))
      return { type: "Des réponses ont déjà été données : le type de la question ne peut plus changer (ajoutez plutôt une nouvelle question)." };
    tx.update(t.surveyQuestions)
      .set({ ...args.input, updatedAt: args.nowIso })
      .where(eq(t.surveyQuestions.id, q.id))
      .run();
    audit(tx, args.accountId, "survey.question.update", "survey", args.surveyId, { questionId: q.id, label: args.input.label });
    return null;
  });
}

/** Moves a question one place up or down. */
export function moveQuestion(db: AppDatabase, args: { surveyId: number; questionId: number; direction: -1 | 1; accountId: number }): boolean {
  return db.transaction((tx) => {
    const ids = surveyQuestions(db, args.surveyId).map((q) => q.id);
    const from = ids.indexOf(args.questionId);
    const to = from + args.direction;
    if (from < 0 || to < 0 || to >= ids.length) return false;
    [ids[from], ids[to]] = [ids[to], ids[from]];
    ids.forEach((id, position) => tx.update(t.surveyQuestions).set({ position }).where(eq(t.surveyQuestions.id, id)).run());
    audit(tx, args.accountId, "survey.question.move", "survey", args.surveyId, { questionId: args.questionId, direction: args.direction });
    return true;
  });
}

/** Removes a question, unless answers exist. Returns an error message, or null. */
export function deleteQuestion(db: AppDatabase, args: { surveyId: number; questionId: number; accountId: number }): string | null {
  return db.transaction((tx) => {
    const q = questionOf(db, args.surveyId, args.questionId);
    if (!q) return "Cette question n’existe plus.";
    if (answerCount(db, args.surveyId))
      return "Des réponses ont déjà été données : cette question ne peut plus être supprimée, pour que les réponses restent lisibles.";
    tx.delete(t.surveyQuestions).where(eq(t.surveyQuestions.id, q.id)).run();
    audit(tx, args.accountId, "survey.question.delete", "survey", args.surveyId, { questionId: q.id, label: q.label });
    return null;
  });
}
