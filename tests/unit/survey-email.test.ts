// The satisfaction survey email (emails/survey.ts) from plain data: subject, a text part that stands
// alone, what people typed escaped in HTML and kept as is in text, anonymity told, French typography.
import { describe, expect, it } from "vitest";
import { surveyEmail, type SurveyData } from "../../emails/survey";
import { NAME, NBSP, SERIES_TITLE, SESSION_TITLE } from "../helpers/email-samples";
import { typographyProblems, visibleText } from "../helpers/typography";

const data = (over: Partial<SurveyData> = {}): SurveyData => ({
  firstName: NAME,
  seriesTitle: SERIES_TITLE,
  session: { number: 3, title: SESSION_TITLE, when: `mardi 5${NBSP}janvier 2027, 10${NBSP}h – 12${NBSP}h` },
  intro: "Merci d’avance !\n\n<img src=x onerror=alert(1)> https://example.org/charte",
  questionCount: 4,
  anonymous: false,
  closesOn: `dimanche 17${NBSP}janvier 2027 à 23${NBSP}h${NBSP}59`,
  surveyUrl: "https://rdv.example.org/moi/TOKEN/questionnaires/7",
  personalUrl: "https://rdv.example.org/moi/TOKEN",
  ...over,
});

describe("survey email", () => {
  it("has a subject, a button to the survey, and a text part that stands alone", () => {
    const m = surveyEmail(data());
    expect(m.subject).toBe("Votre avis sur la rencontre RDV #3 — Écouter <vraiment>");
    expect(m.html).toContain('href="https://rdv.example.org/moi/TOKEN/questionnaires/7"');
    expect(m.text).toContain("Répondre au questionnaire : https://rdv.example.org/moi/TOKEN/questionnaires/7");
    expect(m.text).toContain("4 questions, quelques minutes suffisent.");
    expect(m.text).toContain("Vous pouvez répondre jusqu’au dimanche 17 janvier 2027 à 23 h 59.");
    expect(m.text).toContain("Vos réponses sont modifiables jusqu’à la clôture du questionnaire.");
    expect(m.text).toContain("Gérer mes inscriptions : https://rdv.example.org/moi/TOKEN");
  });

  it("escapes what people typed in HTML and keeps it as is in text", () => {
    const m = surveyEmail(data());
    expect(m.html).not.toContain("<vraiment>");
    expect(m.html).not.toContain("<img");
    expect(m.html).not.toContain("<b>");
    expect(m.html).toContain("Zoé &lt;b&gt;");
    expect(m.text).toContain(`Bonjour Zoé <b>"O'Brien"</b> & co,`);
    expect(m.text).toContain("<img src=x onerror=alert(1)> https://example.org/charte");
    expect(m.html).toContain('<a href="https://example.org/charte"');
  });

  it("says an anonymous survey is anonymous, with one question in the singular", () => {
    const m = surveyEmail(data({ anonymous: true, questionCount: 1, intro: null }));
    expect(m.text).toContain("1 question, quelques minutes suffisent. Ce questionnaire est anonyme : vos réponses ne seront reliées à votre nom nulle part.");
    expect(m.text).not.toContain("modifiables");
  });

  it("follows French typography", () => {
    const m = surveyEmail(data({ firstName: "Zoé", session: { number: 1, title: "Titre", when: "lundi" }, intro: null }));
    expect(typographyProblems(m.text, "text")).toEqual([]);
    expect(typographyProblems(visibleText(m.html), "html")).toEqual([]);
  });
});
