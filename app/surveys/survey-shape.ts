// A satisfaction survey's shape as organisers set it and participants see it: question types, delay
// units, the rating scale and the French labels. Client-safe: no database, no clock. Who receives a
// survey and when: survey-planner.server.ts; answers: survey-answers.server.ts.

export const QUESTION_TYPES = ["rating", "single", "multiple", "text"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  rating: "Note de 1 à 5",
  single: "Choix unique",
  multiple: "Choix multiples",
  text: "Texte libre",
};

export const DELAY_UNITS = ["hours", "days"] as const;
export type DelayUnit = (typeof DELAY_UNITS)[number];
export const DELAY_UNIT_LABELS: Record<DelayUnit, string> = { hours: "heures", days: "jours" };

/** The rating scale: 1 to 5. */
export const RATING_VALUES = [1, 2, 3, 4, 5] as const;
export const DEFAULT_LOW_LABEL = "Pas du tout satisfait·e";
export const DEFAULT_HIGH_LABEL = "Très satisfait·e";

/** Longest free-text answer kept. */
export const ANSWER_MAX = 5_000;
/** Longest question label or option. */
export const LABEL_MAX = 500;
export const MAX_OPTIONS = 20;

export type SurveyQuestion = {
  id: number;
  type: QuestionType;
  label: string;
  required: boolean;
  options: string[];
  lowLabel: string | null;
  highLabel: string | null;
};

/** An answer as stored (JSON): a rating, an option, options, or text. */
export type AnswerValue = number | string | string[];
export type Answers = Record<string, AnswerValue>;

/** The field name of a question in the answer form. */
export const answerField = (questionId: number) => `q-${questionId}`;

/** "1 — Pas du tout satisfait·e", "2", …, "5 — Très satisfait·e". */
export function ratingLabel(q: Pick<SurveyQuestion, "lowLabel" | "highLabel">, value: number): string {
  const end = value === 1 ? q.lowLabel : value === 5 ? q.highLabel : null;
  return end ? `${value} — ${end}` : String(value);
}

/** "3,8" (one decimal, French), or "—". */
export function formatMean(mean: number | null): string {
  return mean === null ? "—" : mean.toLocaleString("fr-FR", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** The survey's page in the personal space. */
export const surveyPath = (token: string, surveyId: number) => `/moi/${token}/questionnaires/${surveyId}`;
