// French typography applied to what organisers write: typed spaces before « : ; ! ? » and inside « »
// become no-break spaces, a straight apostrophe between letters becomes ’; addresses, times and
// codes are left alone, and applying it twice changes nothing.
import { describe, expect, it } from "vitest";
import { frenchTypography, NBSP } from "~/utils/typography";
import { FORMAT, parseSeriesFile } from "~/series-file/series-format.server";

describe("frenchTypography", () => {
  it("sets the French spaces and apostrophes", () => {
    expect(frenchTypography("Lieu : Rouen ; l'accueil « café » ? Oui !")).toBe(`Lieu${NBSP}: Rouen${NBSP}; l’accueil «${NBSP}café${NBSP}»${NBSP}? Oui${NBSP}!`);
    expect(frenchTypography("«café»")).toBe(`«${NBSP}café${NBSP}»`);
  });
  it("leaves addresses, times and glued punctuation alone", () => {
    for (const s of ["https://exemple.fr/?a=1&b=2", "de 14:30 à 16:00", "contact@o'brien.fr", "Why health equity?"]) {
      expect(frenchTypography(s), s).toBe(s.replace("o'brien", "o’brien"));
    }
  });
  it("is idempotent", () => {
    const once = frenchTypography("Atelier : « l'écoute » ? ");
    expect(frenchTypography(once)).toBe(once);
  });
  it("is applied to the series file's texts, not to its codes", () => {
    const result = parseSeriesFile({
      format: FORMAT,
      slug: "essai",
      title: "Santé : l'essentiel",
      timezone: "Europe/Paris",
      sessions: [
        {
          number: 1,
          slug: "un",
          title: "Écouter « vraiment »",
          start: "2099-01-05T10:00",
          end: "2099-01-05T12:00",
          access: { passcode: "a'b : c", meetingId: "123 456" },
        },
      ],
    });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expect(result.file.title).toBe(`Santé${NBSP}: l’essentiel`);
    expect(result.file.sessions[0].title).toBe(`Écouter «${NBSP}vraiment${NBSP}»`);
    expect(result.file.sessions[0].access?.passcode).toBe("a'b : c");
  });
});
