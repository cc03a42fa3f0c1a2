// The series file's registration questions (`questions`, docs/series-format.md): their shape and
// their meaning (unique keys, choices that fit the kind, sessions that exist). Hooked into
// series-format.server.ts; written to the database by app/questions/series-file-questions.server.ts.
import { z } from "zod";
import { CHOICE_KINDS, QUESTION_KINDS } from "~/questions/question-kinds";
import { frenchTypography } from "~/utils/typography";

const text = (max: number) => z.string().trim().min(1).max(max).transform(frenchTypography);
const key = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "doit ne contenir que des lettres minuscules sans accent, des chiffres et des tirets");

export const QUESTION_MAX = { label: 300, help: 1000, choice: 200, choices: 30, questions: 50 } as const;

export const questionSchema = z.object({
  key,
  kind: z.enum(QUESTION_KINDS),
  label: text(QUESTION_MAX.label),
  help: z.string().trim().max(QUESTION_MAX.help).transform(frenchTypography).nullish(),
  required: z.boolean().default(false),
  /** "Besoins d'accessibilité": answers pointed out to organisers. */
  accessibility: z.boolean().default(false),
  /** The choices of a single- or multiple-choice question, in order. */
  choices: z.array(text(QUESTION_MAX.choice)).max(QUESTION_MAX.choices).default([]),
  /** Asked only to people choosing one of these sessions (numbers); empty: to everyone. */
  sessions: z.array(z.number().int().positive()).default([]),
});
export type QuestionFile = z.infer<typeof questionSchema>;

/** The `questions` member of the series file's schema. */
export const questionsSchema = z.array(questionSchema).max(QUESTION_MAX.questions).default([]);

/** What the shape alone cannot say, each problem with its path under `questions`. */
export function questionProblems(questions: QuestionFile[], sessionNumbers: Set<number>): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const keys = new Set<string>();
  questions.forEach((q, i) => {
    const base = `questions[${i}]`;
    if (keys.has(q.key)) problems.push({ path: `${base}.key`, message: `la clé « ${q.key} » est déjà utilisée par une autre question` });
    keys.add(q.key);
    const withChoices = CHOICE_KINDS.includes(q.kind);
    if (withChoices && q.choices.length < 2) problems.push({ path: `${base}.choices`, message: "doit contenir au moins deux choix pour une question à choix" });
    if (!withChoices && q.choices.length)
      problems.push({ path: `${base}.choices`, message: "ne vaut que pour une question à choix (single-choice, multiple-choice)" });
    const seen = new Set<string>();
    q.choices.forEach((c, k) => {
      if (seen.has(c)) problems.push({ path: `${base}.choices[${k}]`, message: `le choix « ${c} » est donné deux fois` });
      seen.add(c);
    });
    q.sessions.forEach((n, k) => {
      if (!sessionNumbers.has(n)) problems.push({ path: `${base}.sessions[${k}]`, message: `aucune session ne porte le numéro ${n}` });
    });
  });
  return problems;
}
