// Registration questions at registration time: the series' questions (one prepared query), the
// answers read from the form, checked kind by kind with a French message per field, and written in
// the registration's transaction (prepared statements; a question left empty stores nothing and
// removes the person's earlier answer to it). Answers are kept per person and series
// (a later registration to another session of the series updates them), with the question's label
// and kind as answered, so that changing or removing a question leaves old answers readable.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase, Tx } from "~/utils/db.server";
import { prepared, preparedRaw } from "~/utils/prepared.server";
import { registerIn, type RegisterResult } from "../registration/registrations.server";
import { ANSWER_MAX, CHOICE_SEPARATOR, questionField, type QuestionKind } from "./question-kinds";

type Db = AppDatabase | Tx;

export type Question = {
  id: number;
  key: string;
  kind: QuestionKind;
  label: string;
  help: string | null;
  required: boolean;
  accessibility: boolean;
  choices: string[];
  sessionIds: number[];
};

/** The series' questions in their order: one prepared query. */
export function seriesQuestions(db: Db, seriesId: number): Question[] {
  const q = t.registrationQuestions;
  return prepared(db, "questions.bySeries", (d) =>
    d
      .select({
        id: q.id,
        key: q.key,
        kind: q.kind,
        label: q.label,
        help: q.help,
        required: q.required,
        accessibility: q.accessibility,
        choices: q.choices,
        sessionIds: q.sessionIds,
      })
      .from(q)
      .where(eq(q.seriesId, sql.placeholder("seriesId")))
      .orderBy(asc(q.position), asc(q.id))
      .prepare(),
  ).all({ seriesId });
}

/** What the public form shows of a question (no key, no accessibility flag). */
export function publicQuestions(questions: Question[]) {
  return questions.map(({ id, kind, label, help, required, choices, sessionIds }) => ({ id, kind, label, help, required, choices, sessionIds }));
}

/** Answers as typed, by field name (`question-<id>`): several values for a multiple choice. */
export type AnswerValues = Record<string, string[]>;

/** The questions' fields of a submitted form (other fields ignored; at most 30 values a field). */
export function readAnswers(form: FormData, questions: Question[]): AnswerValues {
  const values: AnswerValues = {};
  for (const q of questions) {
    const name = questionField(q.id);
    values[name] = form
      .getAll(name)
      .filter((v): v is string => typeof v === "string")
      .slice(0, 30);
  }
  return values;
}

/** The values as they may be shown again: each cut at the longest accepted answer. */
export function echoAnswers(values: AnswerValues): AnswerValues {
  return Object.fromEntries(Object.entries(values).map(([name, list]) => [name, list.map((v) => v.slice(0, ANSWER_MAX["long-text"]))]));
}

/** A question is asked when it names no session, or one of the sessions chosen. */
export function isAsked(question: Pick<Question, "sessionIds">, chosenSessionIds: readonly number[]): boolean {
  return !question.sessionIds.length || question.sessionIds.some((id) => chosenSessionIds.includes(id));
}

export type GivenAnswer = { questionId: number; key: string; label: string; kind: QuestionKind; accessibility: boolean; answer: string };
export type CheckedAnswers = { ok: true; answers: GivenAnswer[] } | { ok: false; errors: Record<string, string> };

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const NUMBER = /^-?\d{1,12}([.,]\d{1,6})?$/;

/** One question's answer: the text to store, or a French message for the field. */
function checkOne(q: Question, given: string[]): { answer: string } | { error: string } {
  const first = (given[0] ?? "").trim();
  switch (q.kind) {
    case "short-text":
    case "long-text": {
      const max = ANSWER_MAX[q.kind];
      const value = q.kind === "short-text" ? first.replace(/\s+/g, " ") : first.replace(/\r\n?/g, "\n");
      if (!value) return q.required ? { error: "Répondez à cette question." } : { answer: "" };
      if (value.length > max) return { error: `Votre réponse ne doit pas dépasser ${max} caractères.` };
      if (CONTROL.test(value)) return { error: "Votre réponse contient des caractères non autorisés." };
      return { answer: value };
    }
    case "number": {
      if (!first) return q.required ? { error: "Indiquez un nombre." } : { answer: "" };
      return NUMBER.test(first) ? { answer: first } : { error: "Indiquez un nombre, par exemple 3 ou 2,5." };
    }
    case "yes-no": {
      if (!first) return q.required ? { error: "Répondez par oui ou par non." } : { answer: "" };
      return first === "oui" ? { answer: "Oui" } : first === "non" ? { answer: "Non" } : { error: "Répondez par oui ou par non." };
    }
    case "single-choice": {
      if (!first) return q.required ? { error: "Choisissez une réponse." } : { answer: "" };
      return q.choices.includes(first) ? { answer: first } : { error: "Choisissez une réponse dans la liste." };
    }
    case "multiple-choice": {
      const chosen = [...new Set(given.map((v) => v.trim()).filter(Boolean))];
      if (!chosen.length) return q.required ? { error: "Choisissez au moins une réponse." } : { answer: "" };
      if (chosen.some((c) => !q.choices.includes(c))) return { error: "Choisissez vos réponses dans la liste." };
      // In the question's order, whatever the order they came in.
      return { answer: q.choices.filter((c) => chosen.includes(c)).join(CHOICE_SEPARATOR) };
    }
  }
}

/**
 * Checks the answers of the questions asked given the sessions chosen (a question limited to other
 * sessions is neither required nor stored). An optional question left blank comes back empty, so
 * that saveAnswers removes an answer the person no longer gives.
 */
export function checkAnswers(questions: Question[], values: AnswerValues, chosenSessionIds: readonly number[]): CheckedAnswers {
  const errors: Record<string, string> = {};
  const answers: GivenAnswer[] = [];
  for (const q of questions) {
    if (!isAsked(q, chosenSessionIds)) continue;
    const r = checkOne(q, values[questionField(q.id)] ?? []);
    if ("error" in r) errors[questionField(q.id)] = r.error;
    else answers.push({ questionId: q.id, key: q.key, label: q.label, kind: q.kind, accessibility: q.accessibility, answer: r.answer });
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, answers };
}

const UPSERT = `
INSERT INTO registration_answers (series_id, participant_id, question_id, question_key, question_label, kind, accessibility, answer, created_at, updated_at)
SELECT ?, ?, json_extract(value, '$.questionId'), json_extract(value, '$.key'), json_extract(value, '$.label'), json_extract(value, '$.kind'),
       json_extract(value, '$.accessibility'), json_extract(value, '$.answer'), ?, ?
FROM json_each(?) WHERE true
ON CONFLICT (participant_id, series_id, question_key) DO UPDATE SET
  question_id = excluded.question_id, question_label = excluded.question_label, kind = excluded.kind,
  accessibility = excluded.accessibility, answer = excluded.answer, updated_at = excluded.updated_at`;

const CLEAR = `DELETE FROM registration_answers WHERE participant_id = ? AND series_id = ? AND question_key IN (SELECT value FROM json_each(?))`;

/**
 * Writes a person's answers for a series in the caller's transaction. Only answers are stored: a
 * question left empty removes that person's earlier answer to it, if any, and writes nothing else
 * (every reader counts and shows non-empty answers only; a first registration that answers nothing
 * costs no row). One prepared statement each.
 */
export function saveAnswers(tx: Db, args: { seriesId: number; participantId: number; answers: GivenAnswer[]; nowIso: string; newParticipant?: boolean }): void {
  const given = args.answers.filter((a) => a.answer !== "");
  // A person new to the platform has no earlier answer to remove.
  const empty = args.newParticipant ? [] : args.answers.filter((a) => a.answer === "").map((a) => a.key);
  if (empty.length) preparedRaw(tx, "questions.clearAnswers", CLEAR).run(args.participantId, args.seriesId, JSON.stringify(empty));
  if (!given.length) return;
  const rows = given.map((a) => ({ ...a, accessibility: a.accessibility ? 1 : 0 }));
  preparedRaw(tx, "questions.saveAnswers", UPSERT).run(args.seriesId, args.participantId, args.nowIso, args.nowIso, JSON.stringify(rows));
}

export type StoredAnswer = { key: string; label: string; kind: QuestionKind; accessibility: boolean; answer: string; questionId: number | null };

/**
 * Every non-empty answer given for a series (or only by `participantIds`: a page of registrants), by
 * participant, in the questions' order (removed questions last).
 */
export function seriesAnswers(db: Db, seriesId: number, participantIds?: number[]): Map<number, StoredAnswer[]> {
  const a = t.registrationAnswers;
  const rows = db
    .select({
      participantId: a.participantId,
      key: a.questionKey,
      label: a.questionLabel,
      kind: a.kind,
      accessibility: a.accessibility,
      answer: a.answer,
      questionId: a.questionId,
    })
    .from(a)
    .leftJoin(t.registrationQuestions, eq(t.registrationQuestions.id, a.questionId))
    .where(and(eq(a.seriesId, seriesId), participantIds ? inArray(a.participantId, participantIds) : undefined))
    .orderBy(sql`${t.registrationQuestions.position} is null`, asc(t.registrationQuestions.position), asc(a.id))
    .all();
  const byPerson = new Map<number, StoredAnswer[]>();
  for (const { participantId, ...answer } of rows) {
    if (!answer.answer) continue;
    const list = byPerson.get(participantId) ?? [];
    list.push(answer);
    byPerson.set(participantId, list);
  }
  return byPerson;
}

/** One person's answers for each series they answered questions of (personal space, data export). */
export function participantAnswers(db: Db, participantId: number): { seriesId: number; series: string; label: string; answer: string }[] {
  const a = t.registrationAnswers;
  // Prepared once per connection: every personal page asks.
  return prepared(db, "answers.ofParticipant", (d) =>
    d
      .select({ seriesId: a.seriesId, series: t.series.title, label: a.questionLabel, answer: a.answer })
      .from(a)
      .innerJoin(t.series, eq(t.series.id, a.seriesId))
      .where(eq(a.participantId, sql.placeholder("participantId")))
      .orderBy(asc(a.seriesId), asc(a.id))
      .prepare(),
  )
    .all({ participantId })
    .filter((r) => r.answer !== "");
}

/** Registers (registrations.server.ts) and keeps the answers, in one IMMEDIATE transaction. */
export function registerAnswering(db: AppDatabase, args: Parameters<typeof registerIn>[1] & { answers: GivenAnswer[] }): RegisterResult {
  return db.transaction(
    (tx) => {
      const result = registerIn(tx, args);
      if (result.ok) {
        const { participantId, newParticipant } = result;
        saveAnswers(tx, { seriesId: args.seriesId, participantId, answers: args.answers, nowIso: args.nowIso, newParticipant });
      }
      return result;
    },
    { behavior: "immediate" },
  );
}

export type AnswerColumns = { columns: { key: string; label: string }[]; byPerson: Map<number, StoredAnswer[]> };

/**
 * The answers of a series as columns (registrants CSV): one per current question, in order, then one
 * per removed question that still has answers (under the label it was answered with).
 */
export function answerColumns(db: Db, seriesId: number): AnswerColumns {
  const byPerson = seriesAnswers(db, seriesId);
  const columns = seriesQuestions(db, seriesId).map((q) => ({ key: q.key, label: q.label }));
  for (const list of byPerson.values()) for (const a of list) if (!columns.some((c) => c.key === a.key)) columns.push({ key: a.key, label: a.label });
  return { columns, byPerson };
}

/** "Besoins d'accessibilité": the people (not cancelled everywhere) who answered such a question. */
export function accessibilityNeeds<R extends { participantId: number; status: string; name: string; sessionNumber: number }>(
  rows: R[],
  byPerson: Map<number, StoredAnswer[]>,
): { participantId: number; name: string; sessions: number[]; answers: { label: string; answer: string }[] }[] {
  const needs = new Map<number, { participantId: number; name: string; sessions: number[]; answers: { label: string; answer: string }[] }>();
  for (const r of rows) {
    if (r.status === "cancelled") continue;
    const answers = (byPerson.get(r.participantId) ?? []).filter((a) => a.accessibility);
    if (!answers.length) continue;
    const entry = needs.get(r.participantId) ?? {
      participantId: r.participantId,
      name: r.name,
      sessions: [],
      answers: answers.map(({ label, answer }) => ({ label, answer })),
    };
    if (!entry.sessions.includes(r.sessionNumber)) entry.sessions.push(r.sessionNumber);
    needs.set(r.participantId, entry);
  }
  return [...needs.values()];
}
