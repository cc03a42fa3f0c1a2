// Satisfaction surveys after a session: the survey (one per session, its delay, closing instant and
// anonymity), its questions, the answers, and who has answered.
//
// Anonymity (docs/decisions/012-survey-anonymity.md): an answer to an anonymous survey is stored with
// no registration id, no timestamp and a random id (its rowid: no insertion order), and "who has
// answered" is a separate table (survey_submissions) with its own random id and no timestamp, so that
// no column, order or instant links an answer to a person. Answers to a named survey carry their
// registration id (one per person, editable until the survey closes).
import { integer, sqliteTable, text, uniqueIndex, index } from "drizzle-orm/sqlite-core";
import { DELAY_UNITS, QUESTION_TYPES, type Answers } from "../../app/surveys/survey-shape";
import { belongsTo, id, jsonList, position, timestamps } from "./columns";
import { registrations } from "./registrations";
import { sessions } from "./sessions";

export const surveys = sqliteTable(
  "surveys",
  {
    id: id(),
    sessionId: belongsTo("session_id", () => sessions.id),
    /** Answers never linked to a name (see the header). Cannot change once answers exist. */
    anonymous: integer("anonymous", { mode: "boolean" }).notNull().default(false),
    /** Sent `delay` hours or calendar days (series' zone) after the session's end. */
    delay: integer("delay").notNull().default(1),
    delayUnit: text("delay_unit", { enum: DELAY_UNITS }).notNull().default("days"),
    /** UTC instant after which no answer is taken (and nothing is sent any more). */
    closesAt: text("closes_at").notNull(),
    /** The organisers' introduction, plain text. */
    intro: text("intro"),
    ...timestamps(),
  },
  (t) => [uniqueIndex("surveys_session_uq").on(t.sessionId)],
);

export const surveyQuestions = sqliteTable(
  "survey_questions",
  {
    id: id(),
    surveyId: belongsTo("survey_id", () => surveys.id),
    position: position(),
    type: text("type", { enum: QUESTION_TYPES }).notNull(),
    label: text("label").notNull(),
    required: integer("required", { mode: "boolean" }).notNull().default(false),
    /** Choices of a single or multiple choice question. */
    options: jsonList<string>("options"),
    /** Labels of the ends of a rating (1 and 5). */
    lowLabel: text("low_label"),
    highLabel: text("high_label"),
    ...timestamps(),
  },
  (t) => [index("survey_questions_survey_idx").on(t.surveyId, t.position)],
);

/**
 * One answer sheet. `id` is drawn at random (never autoincremented); `registrationId` is null for an
 * anonymous survey and there is no timestamp: see the header.
 */
export const surveyResponses = sqliteTable(
  "survey_responses",
  {
    id: integer("id").primaryKey(),
    surveyId: belongsTo("survey_id", () => surveys.id),
    registrationId: integer("registration_id").references(() => registrations.id, { onDelete: "set null" }),
    /** By question id. */
    answers: text("answers", { mode: "json" }).$type<Answers>().notNull(),
  },
  (t) => [
    index("survey_responses_survey_idx").on(t.surveyId),
    uniqueIndex("survey_responses_registration_uq").on(t.surveyId, t.registrationId),
    index("survey_responses_registration_idx").on(t.registrationId),
  ],
);

/** Who has answered: once per person and survey. Random id and no timestamp (see the header). */
export const surveySubmissions = sqliteTable(
  "survey_submissions",
  {
    id: integer("id").primaryKey(),
    surveyId: belongsTo("survey_id", () => surveys.id),
    registrationId: belongsTo("registration_id", () => registrations.id),
  },
  // By registration too: a registration's deletion (erasure, a series removed) checks its submissions by index.
  (t) => [uniqueIndex("survey_submissions_uq").on(t.surveyId, t.registrationId), index("survey_submissions_registration_idx").on(t.registrationId)],
);
