// What the bilan shows of a session's satisfaction survey (client-safe: the page renders it).
// Computed in survey-results.server.ts.

export type QuestionResult =
  | { id: number; type: "rating"; label: string; answered: number; mean: number | null; distribution: { label: string; count: number }[] }
  | { id: number; type: "single" | "multiple"; label: string; answered: number; distribution: { label: string; count: number }[] }
  | { id: number; type: "text"; label: string; answered: number; texts: string[] };

export type SessionSurveyResult = {
  sessionId: number;
  number: number;
  title: string;
  anonymous: boolean;
  /** Emails sent. */
  sent: number;
  answers: number;
  questions: QuestionResult[];
};
