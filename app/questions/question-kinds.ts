// The kinds of registration questions and their French names (client-safe: the public form, the
// back-office and the schema share them).
export const QUESTION_KINDS = ["short-text", "long-text", "single-choice", "multiple-choice", "yes-no", "number"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const QUESTION_KIND_LABELS: Record<QuestionKind, string> = {
  "short-text": "Texte court",
  "long-text": "Texte long",
  "single-choice": "Choix unique",
  "multiple-choice": "Choix multiples",
  "yes-no": "Oui / non",
  number: "Nombre",
};

/** Kinds whose answer is one or several of the question's choices. */
export const CHOICE_KINDS: readonly QuestionKind[] = ["single-choice", "multiple-choice"];

/** Longest answer kept for each text kind (the inputs' maxlength too). */
export const ANSWER_MAX: Record<"short-text" | "long-text", number> = { "short-text": 300, "long-text": 3000 };

/** Between the choices of a multiple-choice answer, as stored and shown. */
export const CHOICE_SEPARATOR = " ; ";

/** The form field of a question: `question-<id>` (its id is `champ-question-<id>`). */
export const questionField = (id: number) => `question-${id}`;
