// An organiser builds a series from nothing to a published public page with a programme and a round
// table, in a real browser, checking axe on every back-office page on the way.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, mainText, waitForHydration } from "../helpers/browser";
import { stopAll, type TestServer } from "../helpers/server";
import { startBrowserSuite } from "../helpers/browser-suite";
import type { TestSmtp } from "../helpers/smtp";

let server: TestServer;
let smtp: TestSmtp;
let browser: Browser;

beforeAll(async () => {
  ({ smtp, server, browser } = await startBrowserSuite({ ADMIN_EMAIL: "orga@example.org" }));
});
afterAll(() => stopAll(browser, server, smtp));

async function submit(page: Page, button: string) {
  await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: button, exact: true }).click()]);
}

describe("building a series in the back-office", () => {
  it("goes from nothing to a published page with its programme and a round table", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // Sign in with the emailed link.
    await page.goto(`${server.url}/admin`);
    await page.waitForURL(/\/admin\/connexion/);
    await expectNoAxeViolations(page);
    await page.getByLabel("Adresse e-mail").fill("orga@example.org");
    await page.getByRole("button", { name: "Recevoir un lien de connexion" }).click();
    await page.getByText("un lien de connexion vient de partir").waitFor();
    const mail = await smtp.waitForMatch((m) => m.envelopeTo.includes("orga@example.org"));
    const link = mail.parsed.text!.match(/\/admin\/connexion\/[\w-]+/)![0];
    await page.goto(server.url + link);
    await page.getByRole("button", { name: "Me connecter" }).click();
    await page.waitForURL(`${server.url}/admin`);
    await expectNoAxeViolations(page);

    // A new series.
    await page.getByRole("link", { name: "Séries", exact: true }).click();
    await page.waitForURL(`${server.url}/admin/series`);
    await waitForHydration(page);
    await expectNoAxeViolations(page);
    await page.locator("#champ-title").fill("Rendez-vous santé et alimentation");
    await page.locator("#champ-territory").fill("Calvados (14)");
    await page.locator("#champ-slug").fill("rdv-alimentation-14");
    await page.getByRole("button", { name: "Créer la série (brouillon)" }).click();
    await page.waitForURL(`${server.url}/admin/series/rdv-alimentation-14`);
    await expectNoAxeViolations(page);

    // Its organisations and speakers.
    await page.getByRole("link", { name: "Organisations et intervenants" }).click();
    await page.waitForURL(/\/acteurs$/);
    await expectNoAxeViolations(page);
    await page.locator("#champ-oName").fill("Agence régionale de santé Normandie");
    await page.locator("#champ-oRole").selectOption("organiser");
    await page.getByRole("button", { name: "Ajouter la structure" }).click();
    await page.getByText("Agence régionale de santé Normandie").first().waitFor();
    for (const [name, role] of [
      ["Aïcha Benmoussa", "Diététicienne"],
      ["Paul Lefèvre", "Coordinateur ASV"],
      ["Jeanne Morel", "Infirmière scolaire"],
    ]) {
      await page.locator("#champ-pName").fill(name);
      await page.locator("#champ-pRole").fill(role);
      await page.getByRole("button", { name: "Ajouter la personne" }).click();
      await page.locator("li", { hasText: name }).first().waitFor();
    }

    // A session, with a wrong time first: a French message next to the field, values kept.
    await page.getByRole("link", { name: "Rendez-vous santé et alimentation" }).click();
    await page.waitForURL(/\/admin\/series\/rdv-alimentation-14$/);
    await page.locator("#champ-sessionTitle").fill("Manger mieux au quartier");
    await page.locator("#champ-sessionDate").fill("2099-06-10");
    await page.locator("#champ-sessionStart").fill("14:00");
    await page.locator("#champ-sessionEnd").fill("13:00");
    await page.getByRole("button", { name: "Ajouter la rencontre" }).click();
    await page.locator("#erreur-sessionEnd").waitFor();
    expect(await page.locator("#erreur-sessionEnd").innerText()).toMatch(/après le début/);
    expect(await page.locator("#champ-sessionTitle").inputValue()).toBe("Manger mieux au quartier");
    await expectNoAxeViolations(page);
    await page.locator("#champ-sessionEnd").fill("16:30");
    await page.getByRole("button", { name: "Ajouter la rencontre" }).click();
    await page.waitForURL(/\/sessions\/1$/);
    await expectNoAxeViolations(page);

    // Programme: a welcome, then a round table with a moderator and two panellists.
    for (const item of [
      { kind: "welcome", title: "Accueil", start: "14:00", end: "14:15", speakers: [] as [string, string][] },
      {
        kind: "round-table",
        title: "Table ronde – Cantines et épiceries solidaires",
        start: "14:15",
        end: "16:15",
        speakers: [
          ["p:paul-lefevre", "moderator"],
          ["p:aicha-benmoussa", "panellist"],
          ["p:jeanne-morel", "panellist"],
        ] as [string, string][],
      },
    ]) {
      await page.getByRole("link", { name: "Ajouter un élément au programme" }).click();
      await page.waitForURL(/\/programme\/nouveau$/);
      await page.locator("#champ-start").fill(item.start);
      await page.locator("#champ-end").fill(item.end);
      await page.locator("#champ-kind").selectOption(item.kind);
      await page.locator("#champ-title").fill(item.title);
      for (const [i, [who, part]] of item.speakers.entries()) {
        await page.locator(`[name="speaker.${i}.who"]`).selectOption(who);
        await page.locator(`[name="speaker.${i}.part"]`).selectOption(part);
        if (i === 1) await submit(page, "Enregistrer et continuer (ajouter une partie)");
      }
      if (item.speakers.length) await expectNoAxeViolations(page);
      await submit(page, "Enregistrer");
      await page.waitForURL(/\/sessions\/1$/);
    }
    await page.getByText("14:15 – 16:15 · Table ronde – Cantines et épiceries solidaires").waitFor();

    // Publish, then see the public page.
    await page.getByRole("link", { name: "Rendez-vous santé et alimentation" }).click();
    await page.waitForURL(/\/admin\/series\/rdv-alimentation-14$/);
    await page.getByRole("button", { name: "Publier" }).click();
    await page.getByText("Statut : Publiée.").waitFor();
    await page.goto(`${server.url}/series/rdv-alimentation-14`);
    await page.getByRole("heading", { level: 1, name: "Rendez-vous santé et alimentation" }).waitFor();
    const series = await mainText(page);
    expect(series).toContain("Rendez-vous santé et alimentation");
    expect(series).toContain("Agence régionale de santé Normandie");
    await page.getByRole("link", { name: "Manger mieux au quartier" }).click();
    await page.waitForURL(/\/series\/rdv-alimentation-14\/sessions\//);
    await page.getByRole("heading", { level: 1, name: "Manger mieux au quartier" }).waitFor();
    const session = await mainText(page);
    expect(session).toContain("mercredi 10 juin 2099, 14 h – 16 h 30");
    expect(session).toMatch(/Table ronde.*Cantines et épiceries solidaires/);
    expect(session).toMatch(/Animation\s*Paul Lefèvre — Coordinateur ASV/);
    expect(session).toMatch(/Avec\s*Aïcha Benmoussa — Diététicienne\s*Jeanne Morel — Infirmière scolaire/);
    await context.close();
  }, 120_000);
});
