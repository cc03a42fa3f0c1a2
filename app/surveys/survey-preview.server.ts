// The data the survey email's preview is filled with (app/notifications/email-previews.server.ts): a
// real survey with a confirmed registrant when there is one, else a sample survey on the previewed
// registration's session. Called on the previews' scratch copy of the database only.
import { and, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import { toUtcIso } from "~/utils/dates.server";
import { DEFAULT_HIGH_LABEL, DEFAULT_LOW_LABEL } from "./survey-shape";

export function surveySample(db: AppDatabase, registration: { registrationId: number; sessionId: number }, nowIso: string) {
  const real = db
    .select({ surveyId: t.surveys.id, registrationId: t.registrations.id, sessionId: t.surveys.sessionId })
    .from(t.surveys)
    .innerJoin(t.registrations, and(eq(t.registrations.sessionId, t.surveys.sessionId), eq(t.registrations.status, "confirmed")))
    .limit(1)
    .get();
  if (real) return { ...real, sample: false };
  const closesAt = toUtcIso(DateTime.fromISO(nowIso, { zone: "utc" }).plus({ days: 30 }));
  const survey = db
    .insert(t.surveys)
    .values({ sessionId: registration.sessionId, closesAt, delay: 1, delayUnit: "days" })
    .returning({ id: t.surveys.id })
    .get();
  db.insert(t.surveyQuestions)
    .values([
      {
        surveyId: survey.id,
        position: 0,
        type: "rating",
        label: "Dans l’ensemble, êtes-vous satisfait·e de la rencontre ?",
        required: true,
        lowLabel: DEFAULT_LOW_LABEL,
        highLabel: DEFAULT_HIGH_LABEL,
      },
      { surveyId: survey.id, position: 1, type: "text", label: "Que retenez-vous de la rencontre ?" },
    ])
    .run();
  return { surveyId: survey.id, registrationId: registration.registrationId, sessionId: registration.sessionId, sample: true };
}
