// The resource library in a real browser (headless Chromium on the production build): axe (WCAG 2.1
// A/AA) finds no violation on the library, a search results page, a resource page and a recording page
// with chapters, with and without JavaScript; the search works without JavaScript; the video player
// is requested from YouTube only after a click (nothing before), and chapters then play in it.
import type { Browser, BrowserContext, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectNoAxeViolations,
  formatProblems,
  mainText,
  openWithoutScripts,
  waitForHydration,
  watchConsole,
  axeFailuresOn,
  contextsClosedAfterEach,
} from "../helpers/browser";
import { signIn } from "../helpers/admin";
import { stopAll, type TestServer } from "../helpers/server";
import { startBrowserSuite } from "../helpers/browser-suite";
import type { TestSmtp } from "../helpers/smtp";

const RECORDING_TITLE = "Enregistrement du RDV #1 — Repérer la souffrance psychique des jeunes";
const BIBLIOGRAPHY_TITLE = "Références citées lors du RDV #1";

let server: TestServer;
let smtp: TestSmtp;
let browser: Browser;
const ADMIN = "biblio@example.org";

beforeAll(async () => {
  ({ smtp, server, browser } = await startBrowserSuite({ ADMIN_EMAIL: ADMIN }));
});
afterAll(() => stopAll(browser, server, smtp));
const openContext = contextsClosedAfterEach(() => browser);

const VIDEO_HOSTS = /(^|\.)(youtube\.com|youtube-nocookie\.com|youtu\.be|ytimg\.com|googlevideo\.com|vimeo\.com|vimeocdn\.com)$/;

/**
 * A context whose requests to video platforms are recorded and answered by a stub page (the tests
 * never reach the network), so that "nothing is requested before the click" can be checked.
 */
async function newContext(options: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; videoRequests: string[] }> {
  const context = await openContext(options);
  const videoRequests: string[] = [];
  await context.route(
    (url) => VIDEO_HOSTS.test(url.hostname),
    (route) => {
      videoRequests.push(route.request().url());
      return route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><html lang=en><title>Lecteur</title><p>Lecteur vidéo</p></html>" });
    },
  );
  return { context, videoRequests };
}

/** The href of the library link whose text is `title`. */
async function resourceHref(page: Page, title: string): Promise<string> {
  await page.goto(server.url + "/ressources");
  const href = await page.getByRole("link", { name: title, exact: true }).getAttribute("href");
  expect(href).toMatch(/^\/ressources\/\d+$/);
  return href!;
}

describe("library pages: axe finds no violation", () => {
  it("on the library, a search, a bibliography and a recording page with chapters (JavaScript on)", async () => {
    const { context } = await newContext();
    const page = await context.newPage();
    const problems = watchConsole(page).problems;
    const recording = await resourceHref(page, RECORDING_TITLE);
    const bibliography = await resourceHref(page, BIBLIOGRAPHY_TITLE);
    expect(
      await axeFailuresOn(page, server.url, ["/ressources", "/ressources?q=determinants", "/ressources?q=ornithorynque&type=video", bibliography, recording]),
    ).toBe("");
    expect(formatProblems(problems())).toBe("");
  }, 90_000);

  it("on the same pages as rendered without JavaScript", async () => {
    const { context } = await newContext();
    const probe = await context.newPage();
    const recording = await resourceHref(probe, RECORDING_TITLE);
    await probe.close();
    for (const path of ["/ressources", "/ressources?q=d%C3%A9terminant", recording]) {
      const { page, status } = await openWithoutScripts(context, server.url + path);
      expect(status).toBe(200);
      await expectNoAxeViolations(page);
      await page.close();
    }
  }, 60_000);
});

describe("searching", () => {
  it("works without JavaScript: the form’s address, results with the matches marked", async () => {
    const { context } = await newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.url + "/ressources");
    await page.getByLabel("Rechercher").fill("determinants");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page.waitForURL(/\/ressources\?q=determinants/);
    expect(await page.getByRole("status").innerText()).toMatch(/^2 ressources trouvées pour «\sdeterminants\s»/);
    expect(await page.locator("main mark").allInnerTexts()).toContain("déterminants");
    await page.getByLabel("Type").selectOption("video");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page.waitForURL(/type=video/);
    expect(await page.getByRole("status").innerText()).toBe("Aucune ressource ne correspond à « determinants » avec ces filtres.");
  });

  it("with JavaScript, shows the search of the page again after Back and Forward (no reload)", async () => {
    const { context } = await newContext();
    const page = await context.newPage();
    const none = "Aucune ressource ne correspond à « determinants » avec ces filtres.";
    await page.goto(server.url + "/ressources");
    await waitForHydration(page);
    await page.getByLabel("Rechercher").fill("determinants");
    await page.getByLabel("Type").selectOption("video");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page.waitForURL(/type=video/);
    await page.getByText(none).waitFor();
    await page.goBack();
    await page.waitForURL(server.url + "/ressources");
    await page.getByText(none).waitFor({ state: "detached" });
    expect([await page.getByLabel("Rechercher").inputValue(), await page.getByLabel("Type").inputValue()]).toEqual(["", ""]);
    await page.goForward();
    await page.waitForURL(/type=video/);
    await page.getByText(none).waitFor();
    expect([await page.getByLabel("Rechercher").inputValue(), await page.getByLabel("Type").inputValue()]).toEqual(["determinants", "video"]);
  });
});

describe("a recording’s page", () => {
  it("loads the YouTube player only after a click, in its privacy mode, and plays chapters in it", async () => {
    const { context, videoRequests } = await newContext();
    const page = await context.newPage();
    const requests: string[] = [];
    page.on("request", (r: Request) => requests.push(r.url()));
    const href = await resourceHref(page, RECORDING_TITLE);
    await page.goto(server.url + href);
    await waitForHydration(page);
    const text = await mainText(page);
    expect(text).toContain("Durée 2 h 14 min");
    expect(text).toContain(
      "14:30 : aller à ce moment de l’enregistrement Les signes qui doivent alerter — Karim Benali (au programme : Les signes qui doivent alerter)",
    );
    expect(text).toContain("Résumé");

    // Nothing from YouTube yet: no frame, no request, only a link and a button.
    expect(await page.locator("iframe").count()).toBe(0);
    expect(videoRequests).toEqual([]);
    expect(requests.filter((u) => /youtube|ytimg|vimeo/.test(u))).toEqual([]);
    expect(await page.getByRole("link", { name: "Regarder sur YouTube" }).getAttribute("href")).toBe("https://www.youtube.com/watch?v=RdvDemo2026");

    await page.getByRole("button", { name: "Afficher la vidéo ici (YouTube)" }).click();
    const frame = page.locator("iframe");
    await frame.waitFor();
    expect(await frame.getAttribute("src")).toBe("https://www.youtube-nocookie.com/embed/RdvDemo2026?rel=0");
    expect(await frame.getAttribute("title")).toBe(`Lecteur vidéo YouTube : ${RECORDING_TITLE}`);
    await page.waitForFunction(() => document.activeElement?.tagName === "IFRAME");
    await expect.poll(() => videoRequests.length).toBeGreaterThan(0);
    expect(videoRequests.every((u) => u.startsWith("https://www.youtube-nocookie.com/"))).toBe(true);

    // A chapter now restarts the player at its time instead of leaving the page.
    await page.getByRole("link", { name: "14:30 : aller à ce moment de l’enregistrement" }).click();
    await expect.poll(() => frame.getAttribute("src")).toBe("https://www.youtube-nocookie.com/embed/RdvDemo2026?rel=0&start=870&autoplay=1");
    expect(page.url()).toBe(server.url + href);
  });

  it("without JavaScript offers a plain link to the video and chapters that open it at their time", async () => {
    const { context, videoRequests } = await newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const href = await resourceHref(page, RECORDING_TITLE);
    await page.goto(server.url + href);
    expect(await page.getByRole("button", { name: /Afficher la vidéo/ }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Regarder sur YouTube" }).count()).toBe(1);
    expect(await page.locator("#chapitre-3 a").first().getAttribute("href")).toBe("https://www.youtube.com/watch?v=RdvDemo2026&t=3500s");
    // The programme point of a chapter, on the session page.
    await page.locator("#chapitre-2").getByRole("link", { name: "Les signes qui doivent alerter" }).click();
    await page.waitForURL(/\/sessions\/rdv-1-reperer#programme-2$/);
    expect(await page.locator("#programme-2 h3").innerText()).toBe("Les signes qui doivent alerter");
    // And back: the session page offers to watch that passage.
    await page
      .locator("#programme-2")
      .getByRole("link", { name: /Revoir ce passage/ })
      .click();
    await page.waitForURL(new RegExp(`${href}#chapitre-2$`));
    expect(videoRequests).toEqual([]);
  });
});

describe("the back-office pages of the library", () => {
  it("have no axe violation: list, new resource, a recording with chapters, a form in its error state", async () => {
    const cookie = await signIn(server, smtp, ADMIN);
    const { context } = await newContext();
    const [name, value] = cookie.split("=");
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    const base = "/admin/series/rdv-sante-mentale-jeunes-eure-demo/ressources";
    await page.goto(server.url + base);
    const recording = await page.getByRole("link", { name: `${RECORDING_TITLE} (modifier)` }).getAttribute("href");
    for (const path of [base, `${base}/nouvelle`, recording!]) {
      const res = await page.goto(server.url + path);
      expect(res?.status(), path).toBe(200);
      await waitForHydration(page);
      await expectNoAxeViolations(page);
    }
    // The recording's chapters are in the form, aligned to the programme.
    expect(await page.locator('[name="chapter.1.at"]').inputValue()).toBe("00:14:30");
    expect(await page.locator('[name="chapter.1.item"]').inputValue()).toBe("1:2");
    await page.goto(`${server.url}${base}/nouvelle`);
    await waitForHydration(page);
    await page.getByRole("button", { name: "Enregistrer la ressource" }).click();
    await page.locator("#erreur-title").waitFor();
    expect(await page.locator("#erreur-title").innerText()).toContain("ne doit pas être vide");
    expect(await page.getByRole("alert").innerText()).toContain("Titre : ne doit pas être vide");
    await expectNoAxeViolations(page);
  }, 60_000);
});
