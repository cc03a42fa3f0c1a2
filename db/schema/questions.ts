// Registration questions: per series, asked by the public registration form (and the organisers'
// "add a registrant" form), optionally only to people who choose some sessions. Answers are kept per
// person and series, with the question's label and kind as they were when answered, so that a later
// change (or removal) of the question leaves old answers readable. Rules: app/questions/.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { QUESTION_KINDS } from "../../app/questions/question-kinds";
import { belongsTo, id, jsonList, position, timestamps } from "./columns";
import { participants } from "./registrations";
import { series } from "./series";

export { QUESTION_KINDS };

export const registrationQuestions = sqliteTable(
  "registration_questions",
  {
    id: id(),
    seriesId: belongsTo("series_id", () => series.id),
    /** Stable in the series (series file, back-office): a re-import keeps the question and its answers' column. */
    key: text("key").notNull(),
    position: position(),
    kind: text("kind", { enum: QUESTION_KINDS }).notNull(),
    label: text("label").notNull(),
    help: text("help"),
    required: integer("required", { mode: "boolean" }).notNull().default(false),
    /** "Besoins d'accessibilité": the answers are pointed out to organisers on the registrants page. */
    accessibility: integer("accessibility", { mode: "boolean" }).notNull().default(false),
    choices: jsonList<string>("choices"),
    /** Asked only to people choosing one of these sessions (ids); empty: asked to everyone. */
    sessionIds: jsonList<number>("session_ids"),
    ...timestamps(),
  },
  (t) => [uniqueIndex("registration_questions_key_uq").on(t.seriesId, t.key), index("registration_questions_series_idx").on(t.seriesId, t.position)],
);

export const registrationAnswers = sqliteTable(
  "registration_answers",
  {
    id: id(),
    seriesId: belongsTo("series_id", () => series.id),
    participantId: belongsTo("participant_id", () => participants.id),
    /** The question as it is now; null once it is removed (the answer stays, with its label). */
    questionId: integer("question_id").references(() => registrationQuestions.id, { onDelete: "set null" }),
    questionKey: text("question_key").notNull(),
    /** The question's label and kind when answered. */
    questionLabel: text("question_label").notNull(),
    kind: text("kind", { enum: QUESTION_KINDS }).notNull(),
    accessibility: integer("accessibility", { mode: "boolean" }).notNull().default(false),
    /** The answer as given ("Oui", "12", the chosen choices' texts joined by " ; "). */
    answer: text("answer").notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex("registration_answers_uq").on(t.participantId, t.seriesId, t.questionKey), index("registration_answers_series_idx").on(t.seriesId)],
);
