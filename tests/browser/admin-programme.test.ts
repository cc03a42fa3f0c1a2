// The programme editor is quick: a round table with a moderator and three panellists (two people
// picked from the series, two typed in place, one with a new organisation) is built from the
// session page in at most 3 document loads or form posts with JavaScript (at 390 px wide), and
// still built without JavaScript through "Ajouter une ligne"; the public session page then shows
// the moderator and the panellists. axe on the form, values kept after an error. A recording's
// chapter takes its programme point's title when the point is chosen.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../helpers/admin";
import { expectNoAxeViolations, mainText, waitForHydration } from "../helpers/browser";
import { stopAll, type TestServer } from "../helpers/server";
import { startBrowserSuite } from "../helpers/browser-suite";
import type { TestSmtp } from "../helpers/smtp";

let server: TestServer;
let smtp: TestSmtp;
let browser: Browser;
let cookie: string;
const SLUG = "rdv-sante-mentale-jeunes-eure-demo";
const ADMIN = "prog@example.org";

beforeAll(async () => {
  ({ smtp, server, browser } = await startBrowserSuite({ ADMIN_EMAIL: ADMIN }));
  cookie = await signIn(server, smtp, ADMIN);
});
afterAll(() => stopAll(browser, server, smtp));

async function signedIn(options: Parameters<Browser["newContext"]>[0]): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  const [name, ...value] = cookie.split("=");
  await context.addCookies([{ name, value: value.join("="), url: server.url }]);
  return context;
}

/** Counts the document loads (full-page navigations, form posts without JavaScript) and the form posts of any kind. */
function countRequests(page: Page) {
  const seen = { documents: 0, posts: 0 };
  page.on("request", (r) => {
    if (r.resourceType() === "document") seen.documents++;
    if (r.method() === "POST") seen.posts++;
  });
  return seen;
}

const row = (page: Page, i: number, field: string) => page.locator(`[name="speaker.${i}.${field}"]`);

async function typePerson(page: Page, i: number, p: { first: string; last: string; role: string; org: string }) {
  await row(page, i, "firstName").fill(p.first);
  await row(page, i, "lastName").fill(p.last);
  await row(page, i, "role").fill(p.role);
  await row(page, i, "organisation").fill(p.org);
}

async function publicSession(page: Page, session: string): Promise<string> {
  await page.goto(`${server.url}/series/${SLUG}/sessions/${session}`);
  return mainText(page);
}

describe("programme editor", () => {
  it("builds a round table with a moderator and three panellists in ≤ 3 loads or posts with JavaScript, at 390 px", async () => {
    const context = await signedIn({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/admin/series/${SLUG}/sessions/3`);
    await waitForHydration(page);
    const seen = countRequests(page);

    await page.getByRole("link", { name: "Ajouter un élément au programme" }).click();
    await page.getByRole("heading", { level: 1, name: "Ajouter un élément au programme" }).waitFor();
    await page.locator("#champ-start").fill("11:15");
    await page.locator("#champ-end").fill("12:15");
    await page.locator("#champ-kind").selectOption("round-table");
    await page.locator("#champ-title").fill("Table ronde – Les jeunes et le soin");
    // A round table's rows follow its kind: a moderator, then panellists.
    expect([await row(page, 0, "part").inputValue(), await row(page, 1, "part").inputValue()]).toEqual(["moderator", "panellist"]);
    await row(page, 0, "who").selectOption("p:demo-claire-martin");
    await row(page, 1, "who").selectOption("p:demo-karim-benali");
    // A picked person needs no typing: the new-person fields give way.
    await row(page, 1, "lastName").waitFor({ state: "detached" });
    const addRow = page.getByRole("button", { name: "Ajouter une ligne (Intervenant·es)", exact: true });
    for (let i = 0; i < 3; i++) await addRow.click();
    await row(page, 4, "who").waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("speaker.4.who");
    await page.getByRole("button", { name: "Retirer l’intervenant·e 5 (Intervenant·es)" }).click();
    await row(page, 4, "who").waitFor({ state: "detached" });
    await typePerson(page, 2, { first: "Léa", last: "Fontaine", role: "Sage-femme", org: "Centre hospitalier d’Évreux" });
    await typePerson(page, 3, { first: "Hugo", last: "Lambert", role: "Éducateur spécialisé", org: "Maison des adolescents de l’Eure (démo)" });
    expect(await row(page, 3, "part").inputValue()).toBe("panellist");
    await expectNoAxeViolations(page);
    // Nothing sideways at 390 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
    await page.waitForURL(/\/sessions\/3$/);
    await page.getByText("11:15 – 12:15 · Table ronde – Les jeunes et le soin").waitFor();
    expect(seen.documents + seen.posts).toBeLessThanOrEqual(3);
    expect(seen).toEqual({ documents: 0, posts: 1 });

    const text = await publicSession(page, "rdv-3-atelier-evreux");
    expect(text).toMatch(/Table ronde\s*Table ronde – Les jeunes et le soin/i);
    expect(text).toMatch(/Animation\s*Claire Martin — Coordinatrice, atelier santé ville, ASV Évreux/);
    expect(text).toMatch(
      /Avec\s*Karim Benali — Psychologue, MDA 27\s*Léa Fontaine — Sage-femme, Centre hospitalier d’Évreux\s*Hugo Lambert — Éducateur spécialisé, MDA 27/,
    );
    await context.close();
  }, 120_000);

  it("builds one without JavaScript: « Ajouter une ligne » comes back with one more row, values kept, errors next to their field", async () => {
    const context = await signedIn({ javaScriptEnabled: false });
    const page = await context.newPage();
    const seen = countRequests(page);
    await page.goto(`${server.url}/admin/series/${SLUG}/sessions/4`);
    await page.getByRole("link", { name: "Ajouter une table ronde" }).click();
    await page.waitForURL(/\/programme\/nouveau\?type=round-table$/);
    expect(await page.locator("#champ-kind").inputValue()).toBe("round-table");
    await page.locator("#champ-start").fill("15:00");
    await page.locator("#champ-end").fill("16:00");
    await page.locator("#champ-title").fill("Table ronde – Parents et professionnels");
    await typePerson(page, 0, { first: "Inès", last: "Carpentier", role: "Cheffe de service PMI", org: "Département de l’Eure" });
    await row(page, 1, "who").selectOption("p:demo-sophie-leroy");
    const addRow = page.getByRole("button", { name: "Ajouter une ligne (Intervenant·es)", exact: true });
    await Promise.all([page.waitForURL(/\/programme\/nouveau/), addRow.click()]);
    await row(page, 2, "who").waitFor();
    expect(await row(page, 0, "lastName").inputValue()).toBe("Carpentier");
    expect(await row(page, 1, "who").inputValue()).toBe("p:demo-sophie-leroy");
    expect(await row(page, 2, "part").inputValue()).toBe("panellist");
    await row(page, 2, "who").selectOption("p:demo-yanis-diallo");
    await addRow.click();
    await row(page, 3, "who").waitFor();
    // A last name forgotten: the message is next to the field, every value kept.
    await typePerson(page, 3, { first: "Marc", last: "", role: "Médecin généraliste", org: "Maison de santé de Louviers" });
    await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
    await page.locator("#erreur-speaker\\.3\\.lastName").waitFor();
    expect(await page.locator("#erreur-speaker\\.3\\.lastName").innerText()).toMatch(/indiquez le nom/);
    expect(await row(page, 3, "lastName").getAttribute("aria-describedby")).toContain("erreur-speaker.3.lastName");
    expect(await row(page, 3, "organisation").inputValue()).toBe("Maison de santé de Louviers");
    expect(await row(page, 2, "who").inputValue()).toBe("p:demo-yanis-diallo");
    await row(page, 3, "lastName").fill("Olivier");
    await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
    await page.waitForURL(/\/sessions\/4$/);
    await page.getByText("15:00 – 16:00 · Table ronde – Parents et professionnels").waitFor();
    // Session page, form, two rows added, one refused save, the save and its redirect.
    expect(seen).toEqual({ documents: 7, posts: 4 });

    const text = await publicSession(page, "rdv-4-familles");
    expect(text).toMatch(/Animation\s*Inès Carpentier — Cheffe de service PMI, Département de l’Eure/);
    expect(text).toMatch(
      /Avec\s*Sophie Leroy — Chargée de projets, Promotion Santé Normandie\s*Yanis Diallo — Animateur jeunesse, centre social\s*Marc Olivier — Médecin généraliste, Maison de santé de Louviers/,
    );
    await context.close();
  }, 120_000);

  it("fills an empty chapter title with its programme point’s title when the point is chosen (JavaScript on)", async () => {
    const context = await signedIn({});
    const page = await context.newPage();
    await page.goto(`${server.url}/admin/series/${SLUG}/ressources/nouvelle`);
    await waitForHydration(page);
    const point = page.locator('[name="chapter.0.item"]');
    await point.selectOption("1:2");
    const title = (await point.locator('option[value="1:2"]').getAttribute("data-title"))!;
    expect(title).toBeTruthy();
    expect(await page.locator('[name="chapter.0.title"]').inputValue()).toBe(title);
    // A title already typed is kept.
    await page.locator('[name="chapter.1.title"]').fill("Mon titre");
    await page.locator('[name="chapter.1.item"]').selectOption("1:3");
    expect(await page.locator('[name="chapter.1.title"]').inputValue()).toBe("Mon titre");
    await context.close();
  }, 60_000);

  it("has no axe violation on the form in its error state", async () => {
    const context = await signedIn({});
    const page = await context.newPage();
    await page.goto(`${server.url}/admin/series/${SLUG}/sessions/2/programme/nouveau?type=round-table`);
    await waitForHydration(page);
    await typePerson(page, 0, { first: "Marc", last: "", role: "", org: "" });
    await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
    await page.locator("#erreur-speaker\\.0\\.lastName").waitFor();
    await page.locator("#erreur-title").waitFor();
    expect(await row(page, 0, "firstName").inputValue()).toBe("Marc");
    await expectNoAxeViolations(page);
    await context.close();
  }, 60_000);
});
