// The message-to-registrants email from plain data: the organisers' words escaped, their links made
// links, a text part that stands alone, why the person receives it (service or news), the test mark.
import { describe, expect, it } from "vitest";
import { registrantMessageEmail, type RegistrantMessageData } from "../../emails/message";

const data = (over: Partial<RegistrantMessageData> = {}): RegistrantMessageData => ({
  firstName: "Zoé",
  seriesTitle: "Santé dans les quartiers",
  subject: "Changement de salle",
  body: "La rencontre a lieu <b>salle 2</b>.\r\n\r\n\r\nLe plan : https://example.org/plan\nÀ bientôt",
  kind: "service",
  session: {
    number: 3,
    title: "Santé mentale",
    when: "mardi 29 mars 2022, 9\u00a0h 30 – 12\u00a0h",
    pageUrl: "https://rdv.example.org/series/s/sessions/rdv-3",
  },
  personalUrl: "https://rdv.example.org/moi/jeton",
  ...over,
});

describe("message to registrants email", () => {
  it("renders the organisers' text as escaped paragraphs with links, and a text part that stands alone", () => {
    const m = registrantMessageEmail(data());
    expect(m.subject).toBe("Changement de salle");
    expect(m.html).toContain("<p>La rencontre a lieu &lt;b&gt;salle 2&lt;/b&gt;.</p>");
    expect(m.html).toContain('Le plan : <a href="https://example.org/plan" style="color:#1d4f91">https://example.org/plan</a><br />À bientôt</p>');
    expect(m.text).toContain("La rencontre a lieu <b>salle 2</b>.\n\nLe plan : https://example.org/plan\nÀ bientôt");
    expect(m.text).toContain(
      "À propos de la rencontre RDV #3 — Santé mentale (mardi 29 mars 2022, 9 h 30 – 12 h) : https://rdv.example.org/series/s/sessions/rdv-3",
    );
    expect(m.text).toContain("Vous recevez ce message parce que vous êtes inscrit·e à « Santé dans les quartiers ».");
    expect(m.text).toContain("Mon espace personnel (mes inscriptions, mes données) : https://rdv.example.org/moi/jeton");
  });

  it("says why for news, marks a test, keeps the subject on one line", () => {
    const m = registrantMessageEmail(data({ kind: "news", session: null, test: true, subject: "Les\nnouvelles  <i>du mois</i>" }));
    expect(m.subject).toBe("[Test] Les nouvelles <i>du mois</i>");
    expect(m.html).toContain("<title>[Test] Les nouvelles &lt;i&gt;du mois&lt;/i&gt;</title>");
    expect(m.text).toContain("accepté de recevoir les nouvelles de « Santé dans les quartiers »");
    expect(m.text).toContain("me désinscrire des nouvelles");
    expect(m.text.startsWith("Ceci est un envoi de test")).toBe(true);
    expect(m.text).not.toContain("À propos de la rencontre");
  });
});
