// The back-office page of a series' registration questions: add, edit, reorder, remove. Like the
// series editor (app/series/series-editor.server.ts), it changes the series file's `questions` and
// saves the file: the format's rules apply, the audit log is written, and questions keep their key
// (so their answers stay attached to them). Answers already given keep the label they were given under.
import { eq, sql } from "drizzle-orm";
import { formTexts } from "~/utils/form-values";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import type { Account } from "../accounts/accounts.server";
import type { QuestionFile } from "../series-file/questions-format.server";
import { loadDoc, saveDoc, uniqueKey, type SeriesDoc } from "../series/series-editor.server";
import { placeProblems, type Problem } from "~/utils/problems";
import { CHOICE_KINDS, QUESTION_KINDS, type QuestionKind } from "./question-kinds";

type FileQuestion = NonNullable<SeriesDoc["questions"]>[number];

/** What the page shows: the questions as in the file, the sessions to limit them to, answers so far by key. */
export function questionsPage(db: AppDatabase, slug: string) {
  const doc = loadDoc(db, slug);
  if (!doc) return null;
  const seriesId = db.select({ id: t.series.id }).from(t.series).where(eq(t.series.slug, slug)).get()!.id;
  const a = t.registrationAnswers;
  const counts = Object.fromEntries(
    db
      .select({ key: a.questionKey, n: sql<number>`count(*)` })
      .from(a)
      .where(sql`${a.seriesId} = ${seriesId} and ${a.answer} <> ''`)
      .groupBy(a.questionKey)
      .all()
      .map((r) => [r.key, Number(r.n)]),
  );
  return {
    series: { slug: doc.slug, title: doc.title },
    questions: (doc.questions ?? []) as FileQuestion[],
    sessions: doc.sessions.map((s) => ({ number: s.number, title: s.title })),
    answerCounts: counts as Record<string, number>,
  };
}

export type QuestionValues = {
  key: string;
  kind: string;
  label: string;
  help: string;
  required: boolean;
  accessibility: boolean;
  choices: string;
  sessions: string[];
};

export function readQuestionForm(form: FormData): QuestionValues {
  return {
    ...formTexts(form, ["key", "kind", "label", "help", "choices"]),
    required: form.get("required") === "oui",
    accessibility: form.get("accessibility") === "oui",
    sessions: form
      .getAll("sessions")
      .map(String)
      .filter((v) => /^\d{1,6}$/.test(v))
      .slice(0, 100),
  };
}

const SUBJECTS: Record<string, string> = {
  kind: "Le type de question",
  label: "Le texte de la question",
  help: "L’aide",
  choices: "La liste des choix",
  sessions: "Le choix des rencontres",
};

/** Problems of `questions[index]` by form field, as sentences; the others (elsewhere in the file) apart. */
export function questionErrors(problems: Problem[], index: number): { errors: Record<string, string>; others: Problem[] } {
  const prefix = `questions[${index}].`;
  return placeProblems(problems, (p) => {
    const m = p.path.startsWith(prefix) ? /^(\w+)(\[\d+\])?/.exec(p.path.slice(prefix.length)) : null;
    if (!m || !(m[1] in SUBJECTS)) return null;
    return { field: m[1], message: m[2] ? `${p.message[0].toUpperCase()}${p.message.slice(1)}.` : `${SUBJECTS[m[1]]} ${p.message}.` };
  });
}

export type QuestionSave = { ok: true; message: string; key: string } | { ok: false; errors: Record<string, string>; others: Problem[] };

function save(db: AppDatabase, by: Account, doc: SeriesDoc, questions: FileQuestion[], nowIso: string, detail: Record<string, unknown>) {
  return saveDoc(db, by, { ...doc, questions }, nowIso, "update", { part: "questions", ...detail });
}

/** Adds a question (no key given) or changes the one of that key, through the series file. */
export function saveQuestion(db: AppDatabase, by: Account, slug: string, values: QuestionValues, nowIso: string): QuestionSave {
  const doc = loadDoc(db, slug);
  if (!doc) return { ok: false, errors: {}, others: [{ path: "slug", message: "série introuvable" }] };
  const questions = [...((doc.questions ?? []) as FileQuestion[])];
  const at = values.key ? questions.findIndex((q) => q.key === values.key) : -1;
  if (values.key && at < 0) return { ok: false, errors: {}, others: [{ path: "key", message: "cette question n’existe plus ; rechargez la page" }] };
  const kind = ((QUESTION_KINDS as readonly string[]).includes(values.kind) ? values.kind : values.kind || "—") as QuestionKind;
  const question: QuestionFile | FileQuestion = {
    key:
      at >= 0
        ? questions[at].key
        : uniqueKey(
            values.label.slice(0, 40) || "question",
            questions.map((q) => q.key),
          ),
    kind,
    label: values.label,
    help: values.help.trim() || null,
    required: values.required,
    accessibility: values.accessibility,
    // Choices are one a line; a question that is not a choice keeps none.
    choices: CHOICE_KINDS.includes(kind)
      ? values.choices
          .split(/\r?\n/)
          .map((c) => c.trim())
          .filter(Boolean)
      : [],
    sessions: values.sessions.map(Number),
  };
  const index = at >= 0 ? at : questions.length;
  questions[index] = question;
  const r = save(db, by, doc, questions, nowIso, { question: question.key, change: at >= 0 ? "edit" : "add" });
  if (!r.ok) return { ok: false, ...questionErrors(r.problems, index) };
  return {
    ok: true,
    key: question.key,
    message: at >= 0 ? "Question modifiée. Les réponses déjà reçues restent lisibles telles qu’elles ont été données." : "Question ajoutée.",
  };
}

/** Moves a question up or down, or removes it (its answers stay, under the label they were given). */
export function changeQuestion(
  db: AppDatabase,
  by: Account,
  slug: string,
  change: { key: string; action: "up" | "down" | "delete" },
  nowIso: string,
): { ok: true; message: string } | { ok: false; message: string } {
  const doc = loadDoc(db, slug);
  const questions = [...((doc?.questions ?? []) as FileQuestion[])];
  const at = questions.findIndex((q) => q.key === change.key);
  if (!doc || at < 0) return { ok: false, message: "Cette question n’existe plus ; rechargez la page." };
  if (change.action === "delete") questions.splice(at, 1);
  else {
    const to = at + (change.action === "up" ? -1 : 1);
    if (to < 0 || to >= questions.length) return { ok: true, message: "Ordre inchangé." };
    [questions[at], questions[to]] = [questions[to], questions[at]];
  }
  const r = save(db, by, doc, questions, nowIso, { question: change.key, change: change.action });
  if (!r.ok) return { ok: false, message: r.problems.map((p) => `${p.path} : ${p.message}`).join(" ; ") };
  return {
    ok: true,
    message:
      change.action === "delete"
        ? "Question supprimée. Les réponses déjà reçues restent dans la liste des inscrits et l’export."
        : "Ordre des questions enregistré.",
  };
}
