// The lettre d'information's templates (emails/newsletter.ts): pure functions. The text part stands
// alone (every link written out), the organiser's introduction and the resources' titles are escaped
// in the HTML part, and a test letter says so and carries no unsubscription link.
import { describe, expect, it } from "vitest";
import { newsletterConfirmationEmail, newsletterEmail, type NewsletterData } from "../../emails/newsletter";

const letter: NewsletterData = {
  number: 3,
  test: false,
  date: "mardi 1er décembre 2026",
  intro: 'Bonjour,\n\nVoir <b>ceci</b> & "cela" : https://example.org/page?x=1&y=2.\nDeuxième ligne.',
  groups: [
    {
      label: "Enregistrement",
      items: [{ title: "RDV #1 <script>alert(1)</script>", seriesTitle: "Série « A »", url: "https://rdv.example.org/ressources/1" }],
    },
    {
      label: "Bibliographie",
      items: [
        { title: "Lectures", seriesTitle: "Série B", url: "https://rdv.example.org/ressources/2" },
        { title: "Autres lectures", seriesTitle: "Série B", url: "https://rdv.example.org/ressources/3" },
      ],
    },
  ],
  archiveUrl: "https://rdv.example.org/lettres",
  unsubscribeUrl: "https://rdv.example.org/lettres/desinscription/TOKEN",
};

describe("the letter", () => {
  it("has a numbered subject counting the resources, and groups them by type in both parts", () => {
    const m = newsletterEmail(letter);
    expect(m.subject).toBe("Lettre d’information des Rendez-vous n°\u00a03 — 3 nouvelles ressources");
    expect(m.text.indexOf("ENREGISTREMENT")).toBeLessThan(m.text.indexOf("BIBLIOGRAPHIE"));
    for (const url of ["https://rdv.example.org/ressources/1", "https://rdv.example.org/ressources/3", letter.archiveUrl, letter.unsubscribeUrl!]) {
      expect(m.text).toContain(url);
      expect(m.html).toContain(`href="${url}"`);
    }
    expect(m.text).toContain("- Lectures (Série B)");
  });

  it("escapes the introduction and the titles, and makes the introduction's links links", () => {
    const m = newsletterEmail(letter);
    expect(m.html).not.toMatch(/<script|<b>/);
    expect(m.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(m.html).toContain("Voir &lt;b&gt;ceci&lt;/b&gt; &amp; &quot;cela&quot;");
    expect(m.html).toContain('<a href="https://example.org/page?x=1&amp;y=2" style="color:#1d4f91">');
    expect(m.html).toContain("<br />Deuxième ligne.");
    // The text part keeps the words as written.
    expect(m.text).toContain('Voir <b>ceci</b> & "cela" : https://example.org/page?x=1&y=2.');
  });

  it("says when it is a test, and then carries no unsubscription link", () => {
    const m = newsletterEmail({ ...letter, test: true, unsubscribeUrl: null });
    expect(m.subject).toMatch(/\(essai\)/);
    expect(m.html).not.toContain("desinscription");
    expect(m.text).not.toContain("desinscription");
  });
});

describe("the confirmation request", () => {
  it("carries the confirmation link in both parts and says what happens without it", () => {
    const m = newsletterConfirmationEmail({
      confirmUrl: "https://rdv.example.org/lettres/confirmation/TOKEN",
      archiveUrl: "https://rdv.example.org/lettres",
      days: 7,
    });
    expect(m.subject).toBe("Confirmez votre abonnement à la lettre d’information");
    expect(m.text).toContain("Confirmer mon abonnement\u00a0: https://rdv.example.org/lettres/confirmation/TOKEN");
    expect(m.html).toContain('href="https://rdv.example.org/lettres/confirmation/TOKEN"');
    expect(m.text).toMatch(/dans les 7 jours/);
    expect(m.text).toMatch(/Sans confirmation, vous ne recevrez rien/);
  });
});
