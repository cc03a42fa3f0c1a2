// The satisfaction survey email, rendered with fresh data: nothing is sent once the survey is gone or
// closed, the session no longer published, or the registration no longer confirmed. Who gets it and
// when: app/surveys/survey-planner.server.ts.
import { eq } from "drizzle-orm";
import * as t from "../../db/schema";
import { EMAIL_KIND_SPECS as EMAILS } from "~/notifications/email-kinds.server";
import { formatSessionWhen } from "~/utils/dates.server";
import { formatClosing } from "~/surveys/survey-answers.server";
import { surveyPath } from "~/surveys/survey-shape";
import { registrationWithSession, skip, type Draft, type Skip, type ToParticipant } from "./message-parts.server";

export type SurveyPayload = { surveyId: number; registrationId: number };

export function renderSurvey({ db, row, ctx, participant, draft, message }: ToParticipant): Draft | Skip {
  const { surveyId, registrationId } = row.payload as SurveyPayload;
  const found = registrationWithSession(db, registrationId);
  if (!found || found.r.status !== "confirmed") return skip("inscription plus confirmée");
  const survey = db.select().from(t.surveys).where(eq(t.surveys.id, surveyId)).get();
  if (!survey || survey.sessionId !== found.s.id) return skip("questionnaire supprimé");
  if (found.s.status !== "published") return skip("rencontre annulée ou reportée");
  if (survey.closesAt <= ctx.nowIso) return skip("questionnaire clos", "missed");
  const questionCount = db.select({ id: t.surveyQuestions.id }).from(t.surveyQuestions).where(eq(t.surveyQuestions.surveyId, survey.id)).all().length;
  if (!questionCount) return skip("questionnaire sans question");
  return draft((token) => {
    const content = EMAILS.survey.template({
      firstName: participant.firstName,
      seriesTitle: found.series.title,
      session: { number: found.s.number, title: found.s.title, when: formatSessionWhen(found.s.startsAt, found.s.endsAt, found.series.timezone) },
      intro: survey.intro,
      questionCount,
      anonymous: survey.anonymous,
      closesOn: formatClosing(survey.closesAt, found.series.timezone),
      surveyUrl: `${ctx.appUrl}${surveyPath(token, survey.id)}`,
      personalUrl: `${ctx.appUrl}/moi/${token}`,
    });
    return message(token, content, found.series.slug);
  });
}
