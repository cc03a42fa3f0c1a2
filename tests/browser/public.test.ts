// The public pages in a real browser (headless Chromium on the production build): navigation by clicks with and
// without JavaScript, keyboard use, axe (WCAG 2.1 A/AA), mobile layout, and a clean console.
// Synchronisation is Playwright's own waiting (waitForURL, locator.waitFor, waitForFunction): no fixed sleeps.
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectNoAxeViolations,
  formatProblems,
  launchBrowser,
  mainText,
  openWithoutScripts,
  tabUntil,
  waitForHydration,
  watchConsole,
  type ConsoleProblem,
  axeFailuresOn,
  contextsClosedAfterEach,
} from "../helpers/browser";
import { startServer, stopAll, type TestServer } from "../helpers/server";

const ARCHIVED = "/series/rdv-sante-qpv-seine-maritime-2022";
const ARCHIVED_TITLE = "Les rendez-vous de la santé en quartier prioritaire politique de la ville";
const PROGRAMME_SESSION = `${ARCHIVED}/sessions/rdv-1-politiques-regionales`;
const UPCOMING = "/series/rdv-sante-mentale-jeunes-eure-demo";
const UPCOMING_TITLE = "Les rendez-vous de la santé mentale des jeunes en quartier prioritaire";
const NOT_FOUND = "/nulle-part";

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(() => stopAll(browser, server));
const newContext = contextsClosedAfterEach(() => browser);

async function newPage(options: BrowserContextOptions = {}): Promise<{ page: Page; problems: () => ConsoleProblem[] }> {
  const page = await (await newContext(options)).newPage();
  return { page, problems: watchConsole(page).problems };
}

/** Session page paths, read from the links of a series page. */
async function sessionPaths(page: Page, series: string): Promise<string[]> {
  await page.goto(server.url + series);
  const hrefs = await page.locator(`main a[href^="${series}/sessions/"]`).evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  return [...new Set(hrefs.filter((h) => /\/sessions\/[^/]+$/.test(h)))];
}

/** The one console error a 404 page legitimately causes: Chromium reporting the document's own status. */
function isExpected404(p: ConsoleProblem): boolean {
  return p.kind === "error" && p.sourceUrl === server.url + NOT_FOUND && /status of 404/.test(p.text);
}

async function expectProgramme(page: Page) {
  await page.getByRole("heading", { level: 2, name: "Programme" }).waitFor();
  const text = await mainText(page);
  expect(text).toContain("Tables rondes");
  expect(text).toContain("Table ronde #1");
  expect(text).toMatch(/\b9 h 30\b/);
  expect(await page.locator(".programme-item").count()).toBeGreaterThan(3);
}

describe("navigation by clicks", () => {
  it("goes home → series → session client-side when JavaScript is on", async () => {
    const { page, problems } = await newPage();
    const documents: string[] = [];
    page.on("request", (r) => {
      if (r.resourceType() === "document") documents.push(r.url());
    });
    await page.goto(server.url + "/");
    await waitForHydration(page);
    await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 1));

    await page.locator(`main a[href="${ARCHIVED}"]`).click();
    await page.waitForURL(server.url + ARCHIVED);
    await page.getByRole("heading", { level: 1, name: ARCHIVED_TITLE }).waitFor();
    await expect(page.title()).resolves.toContain(ARCHIVED_TITLE);

    await page.locator(`main a[href="${PROGRAMME_SESSION}"]`).click();
    await page.waitForURL(server.url + PROGRAMME_SESSION);
    await expectProgramme(page);
    await expect(page.title()).resolves.toMatch(/^RDV #1\s/);

    // No full reload: the page's global state survived, and only the first document was ever requested.
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);
    expect(documents).toEqual([server.url + "/"]);
    expect(formatProblems(problems())).toBe("");
  });

  it("goes home → series → session with plain links when JavaScript is off", async () => {
    const { page } = await newPage({ javaScriptEnabled: false });
    const documents: string[] = [];
    page.on("request", (r) => {
      if (r.resourceType() === "document") documents.push(r.url());
    });
    await page.goto(server.url + "/");

    await page.locator(`main a[href="${ARCHIVED}"]`).click();
    await page.waitForURL(server.url + ARCHIVED);
    await page.getByRole("heading", { level: 1, name: ARCHIVED_TITLE }).waitFor();

    await page.locator(`main a[href="${PROGRAMME_SESSION}"]`).click();
    await page.waitForURL(server.url + PROGRAMME_SESSION);
    await expectProgramme(page);

    // Each page was a full document load, and the app never started.
    expect(documents).toEqual([server.url + "/", server.url + ARCHIVED, server.url + PROGRAMME_SESSION]);
    expect(await page.evaluate(() => typeof (window as unknown as { __remixRouter?: unknown }).__remixRouter)).toBe("undefined");
  });
});

describe("the home page's territory menu", () => {
  for (const javaScriptEnabled of [true, false])
    it(`shows one territory's series, and all of them again, JavaScript ${javaScriptEnabled ? "on" : "off"}`, async () => {
      const { page, problems } = await newPage({ javaScriptEnabled });
      await page.goto(server.url + "/");
      if (javaScriptEnabled) await waitForHydration(page);
      const menu = page.getByLabel("Territoire", { exact: true });
      await menu.selectOption("Eure (27)");
      await page.getByRole("button", { name: "Afficher" }).click();
      await page.waitForURL(`${server.url}/?territoire=Eure+%2827%29`);
      await page.getByRole("heading", { level: 2, name: "À venir — Eure (27)" }).waitFor();
      expect(await page.locator(`main a[href="${UPCOMING}"]`).count()).toBe(1);
      expect(await page.locator(`main a[href="${ARCHIVED}"]`).count()).toBe(0);
      expect(await menu.inputValue()).toBe("Eure (27)");
      if (javaScriptEnabled) {
        // Back to every territory in the app (no reload): the menu says so again.
        await page.goBack();
        await page.waitForURL(`${server.url}/`);
        await page.getByRole("heading", { level: 2, name: "À venir", exact: true }).waitFor();
        expect(await menu.inputValue()).toBe("");
        await page.goForward();
        await page.waitForURL(`${server.url}/?territoire=Eure+%2827%29`);
        await page.getByRole("heading", { level: 2, name: "À venir — Eure (27)" }).waitFor();
        expect(await menu.inputValue()).toBe("Eure (27)");
      }
      await menu.selectOption("");
      await page.getByRole("button", { name: "Afficher" }).click();
      await page.waitForURL(`${server.url}/?territoire=`);
      await page.getByRole("heading", { level: 2, name: "À venir", exact: true }).waitFor();
      expect(await page.locator(`main a[href="${ARCHIVED}"]`).count()).toBe(1);
      if (javaScriptEnabled) expect(formatProblems(problems())).toBe("");
    });
});

describe("keyboard", () => {
  it("offers a visible skip link first, then reaches a series and a session with the keyboard alone", async () => {
    const { page, problems } = await newPage();
    await page.goto(server.url + "/");
    await waitForHydration(page);
    const viewport = page.viewportSize()!;
    const skip = page.getByRole("link", { name: "Aller au contenu" });

    // Hidden off-screen until focused.
    const hidden = (await skip.boundingBox())!;
    expect(hidden.y + hidden.height).toBeLessThanOrEqual(0);

    await page.keyboard.press("Tab");
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    const box = (await skip.boundingBox())!;
    expect(box.width).toBeGreaterThan(0);
    expect(box.height).toBeGreaterThan(0);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);

    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.matches("main#contenu") ?? false);
    // The focused main content is not framed by the focus ring meant for links and buttons.
    expect(await page.locator("main").evaluate((el) => [getComputedStyle(el).outlineStyle, getComputedStyle(el).boxShadow])).toEqual(["none", "none"]);

    // From the main content: the territory menu, its button, then the first series link (upcoming series first).
    expect(await tabUntil(page, "#filtre-territoire", 1)).toBe(1);
    expect(await tabUntil(page, `a[href="${UPCOMING}"]`, 10)).toBe(2);
    await page.keyboard.press("Enter");
    await page.waitForURL(server.url + UPCOMING);
    await page.getByRole("heading", { level: 1, name: UPCOMING_TITLE }).waitFor();
    // After the client-side navigation, focus is on the new page's main content, not lost on <body>.
    await page.waitForFunction(() => document.activeElement?.matches("main#contenu") ?? false);
    expect(await tabUntil(page, 'main nav[aria-label="Fil d’Ariane"] a[href="/"]', 1)).toBe(1);

    const session = `${UPCOMING}/sessions/rdv-3-atelier-evreux`;
    await tabUntil(page, `main a[href="${session}"]`);
    await page.keyboard.press("Enter");
    await page.waitForURL(server.url + session);
    await page.getByRole("heading", { level: 2, name: "Programme" }).waitFor();
    await page.waitForFunction(() => document.activeElement?.matches("main#contenu") ?? false);
    expect(await mainText(page)).toContain("RDV #3");
    expect(await mainText(page)).toContain("Atelier");
    expect(formatProblems(problems())).toBe("");
  });
});

describe("accessibility (axe, WCAG 2.1 A and AA)", () => {
  it("finds no violation on any public page, JavaScript on", async () => {
    const { page } = await newPage();
    const sessions = [...(await sessionPaths(page, ARCHIVED)), ...(await sessionPaths(page, UPCOMING))];
    expect(sessions).toHaveLength(9);
    const paths = ["/", "/?territoire=Eure%20(27)", "/acteurs", ARCHIVED, UPCOMING, ...sessions, NOT_FOUND];
    expect(await axeFailuresOn(page, server.url, paths, (path) => (path === NOT_FOUND ? 404 : 200))).toBe("");
  }, 90_000);

  it("finds no violation on the series pages and a session page as rendered without JavaScript", async () => {
    const context = await newContext();
    for (const path of [ARCHIVED, UPCOMING, PROGRAMME_SESSION]) {
      const { page, status } = await openWithoutScripts(context, server.url + path);
      expect(status).toBe(200);
      expect(await page.evaluate(() => typeof (window as unknown as { __remixRouter?: unknown }).__remixRouter)).toBe("undefined");
      await expectNoAxeViolations(page);
      await page.close();
    }
  }, 60_000);

  it("shows a French 404 page", async () => {
    const { page } = await newPage();
    const response = await page.goto(server.url + NOT_FOUND);
    expect(response?.status()).toBe(404);
    await waitForHydration(page);
    await page.getByRole("heading", { level: 1, name: "Page introuvable" }).waitFor();
    await expect(page.title()).resolves.toContain("Page introuvable");
    await page.getByRole("link", { name: "Voir toutes les rencontres" }).click();
    await page.waitForURL(server.url + "/");
  });
});

describe("mobile layout (375 × 667)", () => {
  it("never scrolls horizontally", async () => {
    const { page } = await newPage({ viewport: { width: 375, height: 667 } });
    const sessions = [...(await sessionPaths(page, ARCHIVED)), ...(await sessionPaths(page, UPCOMING))];
    expect(sessions).toContain(PROGRAMME_SESSION);
    const overflowing: string[] = [];
    for (const path of [...sessions, "/", "/acteurs", ARCHIVED, UPCOMING]) {
      await page.goto(server.url + path);
      await page.locator("main h1").waitFor();
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      expect(innerWidth).toBe(375);
      if (scrollWidth > innerWidth) overflowing.push(`${path}: ${scrollWidth}px wide`);
    }
    expect(overflowing).toEqual([]);
  });
});

describe("console", () => {
  it("logs no error and no hydration warning on any public page", async () => {
    const { page, problems } = await newPage();
    const sessions = [...(await sessionPaths(page, ARCHIVED)), ...(await sessionPaths(page, UPCOMING))];
    for (const path of ["/", "/acteurs", ARCHIVED, UPCOMING, ...sessions, NOT_FOUND]) {
      await page.goto(server.url + path);
      await waitForHydration(page);
      await page.locator("main h1").waitFor();
    }
    // Client-side navigations too (route modules and data loaded by the app).
    await page.goto(server.url + "/");
    await waitForHydration(page);
    await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Acteurs" }).click();
    await page.waitForURL(server.url + "/acteurs");
    await page.getByRole("heading", { level: 1, name: "Annuaire des acteurs" }).waitFor();
    await page.locator(`main a[href="${PROGRAMME_SESSION}"]`).first().click();
    await page.waitForURL(server.url + PROGRAMME_SESSION);
    await expectProgramme(page);

    const all = problems();
    expect(all.filter(isExpected404)).toHaveLength(1);
    expect(formatProblems(all.filter((p) => !isExpected404(p)))).toBe("");
  }, 60_000);
});
