// "How did it go?": the satisfaction survey of a session, sent after its end to the people marked
// present (or to every confirmed registrant when no attendance was recorded). Pure function; HTML
// and text carry the same information. When and to whom: app/surveys/survey-planner.server.ts.
import { button, html, plain } from "./layout";
import { afterSessionEmail } from "./recording";
import { textHtml, tidyText } from "./plain-text";
import type { EmailContent } from "./registration";

export type SurveyData = {
  firstName: string;
  seriesTitle: string;
  session: { number: number; title: string; when: string };
  /** The organisers' introduction (plain text), or null. */
  intro: string | null;
  questionCount: number;
  anonymous: boolean;
  /** "dimanche 11 avril 2027 à 23 h 59" */
  closesOn: string;
  surveyUrl: string;
  personalUrl: string;
};

export function surveyEmail(d: SurveyData): EmailContent {
  const subject = `Votre avis sur la rencontre RDV #${d.session.number} — ${d.session.title}`;
  const lead = `Merci d’avoir participé à la rencontre RDV #${d.session.number} « ${d.session.title} » (${plain(d.session.when)}). Comment s’est-elle passée pour vous ?`;
  const intro = tidyText(d.intro ?? "");
  const size = `${d.questionCount} question${d.questionCount > 1 ? "s" : ""}, quelques minutes suffisent.`;
  const privacy = d.anonymous
    ? "Ce questionnaire est anonyme : vos réponses ne seront reliées à votre nom nulle part."
    : "Vos réponses sont modifiables jusqu’à la clôture du questionnaire.";
  const closes = `Vous pouvez répondre jusqu’au ${plain(d.closesOn)}.`;
  const body = html` <p>Bonjour ${d.firstName},</p>
    <p>${lead}</p>
    ${intro ? textHtml(intro) : html``}
    <p>${size} ${privacy}</p>
    ${button(d.surveyUrl, "Répondre au questionnaire")}
    <p>${closes}</p>
    <p style="font-size:14px;color:#4a5360">${d.seriesTitle}</p>`;
  const text = [
    `Bonjour ${d.firstName},`,
    "",
    lead,
    intro ? `\n${intro}` : null,
    "",
    `${size} ${privacy}`,
    "",
    `Répondre au questionnaire : ${d.surveyUrl}`,
    "",
    closes,
  ];
  return afterSessionEmail({ subject, lead, body, text, seriesTitle: d.seriesTitle, personalUrl: d.personalUrl });
}
