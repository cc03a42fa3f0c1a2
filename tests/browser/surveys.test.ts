// A satisfaction survey in Chromium: answered through the personal link with JavaScript on and off,
// at 390 px and on a desktop (French error next to the forgotten question, what was typed kept, the
// success message), and axe with 0 violations on the answer page (blank and in error), the
// back-office editor and the bilan with the survey's results.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SLUG } from "../../db/seed/demo-series";
import { signIn } from "../helpers/admin";
import { contextsClosedAfterEach, expectNoAxeViolations, normalise, openWithoutScripts, waitForHydration } from "../helpers/browser";
import { stopAll, type TestServer } from "../helpers/server";
import { startBrowserSuite } from "../helpers/browser-suite";
import { COMMENT_QUESTION, RATING_QUESTION, SEND_AT_ONCE, moveIntoPast, nextDemoSession, registrationFields, surveyLink } from "../helpers/survey-flow";
import type { TestSmtp } from "../helpers/smtp";

let server: TestServer;
let smtp: TestSmtp;
let browser: Browser;
let cookie: string;
let number: number;
const links = new Map<string, string>();
const newContext = contextsClosedAfterEach(() => browser);
const PEOPLE = ["js.390@example.org", "js.1280@example.org", "nojs.390@example.org", "nojs.1280@example.org"];
const post = (path: string, fields: [string, string][], headers: Record<string, string> = {}) =>
  fetch(server.url + path, { method: "POST", redirect: "manual", headers, body: new URLSearchParams(fields) });

beforeAll(async () => {
  ({ smtp, server, browser } = await startBrowserSuite({
    ADMIN_EMAIL: "orga@example.org",
    MAIL_POLL_SECONDS: "1",
    RATE_LIMIT_PER_IP: "1000",
    RATE_LIMIT_PER_EMAIL: "1000",
  }));
  cookie = await signIn(server, smtp, "orga@example.org");
  const session = nextDemoSession(server.databasePath);
  number = session.number;
  for (const email of PEOPLE) {
    const res = await post(`/series/${DEMO_SLUG}/inscription`, registrationFields(session.id, "Navigateur", email));
    expect(res.status).toBe(303);
  }
  const admin = `/admin/series/${DEMO_SLUG}/sessions/${number}/questionnaire`;
  expect((await post(admin, SEND_AT_ONCE, { cookie })).status).toBe(200);
  for (const q of [
    RATING_QUESTION,
    [
      ["nouvelle-label", "Ce qui vous a servi"],
      ["nouvelle-type", "multiple"],
      ["nouvelle-options", "Les exposés\nLes échanges"],
    ],
    COMMENT_QUESTION,
  ] as [string, string][][])
    expect((await post(admin, [["intent", "add"], ...q], { cookie })).status).toBe(200);
  moveIntoPast(server.databasePath, session.id);
  for (const email of PEOPLE) links.set(email, await surveyLink(smtp, email));
}, 120_000);
afterAll(() => stopAll(browser, server, smtp));

const COMMENT = "Très utile <b>merci</b>";

/** Sends the form without the required rating, checks the error and the kept comment, then answers. */
async function answer(page: Page, width: number) {
  await expectNoAxeViolations(page);
  await page.getByLabel("Un commentaire").fill(COMMENT);
  await page.getByLabel("Les échanges").check();
  await page.getByRole("button", { name: "Envoyer mes réponses" }).click();
  const error = page.locator('[id^="erreur-q-"]');
  await error.waitFor();
  expect(normalise(await error.innerText())).toBe("Erreur : Cette question est obligatoire : choisissez une réponse.");
  expect(await page.getByLabel("Un commentaire").inputValue()).toBe(COMMENT);
  expect(await page.getByLabel("Les échanges").isChecked()).toBe(true);
  expect(await page.locator("fieldset.has-error legend").innerText()).toContain("Satisfaction générale");
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await expectNoAxeViolations(page);
  await page.getByLabel("5 — Très satisfait·e").check();
  await page.getByRole("button", { name: "Envoyer mes réponses" }).click();
  await page.getByText("Merci, vos réponses sont enregistrées").waitFor();
  await page.getByRole("button", { name: "Modifier mes réponses" }).waitFor();
  await expectNoAxeViolations(page);
  expect(width).toBeGreaterThan(0);
}

for (const width of [390, 1280]) {
  describe(`answering at ${width} px`, () => {
    it("works with JavaScript", async () => {
      const context = await newContext({ viewport: { width, height: 844 } });
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      await page.goto(server.url + links.get(`js.${width}@example.org`)!);
      await waitForHydration(page);
      await answer(page, width);
    }, 90_000);

    it("works without JavaScript", async () => {
      const context = await newContext({ viewport: { width, height: 844 }, javaScriptEnabled: true });
      const { page, status } = await openWithoutScripts(context, server.url + links.get(`nojs.${width}@example.org`)!);
      expect(status).toBe(200);
      page.setDefaultTimeout(30_000);
      await answer(page, width);
    }, 90_000);

    it("has no axe violation on the back-office editor and the bilan with results", async () => {
      const context = await newContext({ viewport: { width, height: 844 } });
      const [name, value] = cookie.split("=");
      await context.addCookies([{ name, value, url: server.url }]);
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      for (const path of [`/admin/series/${DEMO_SLUG}/sessions/${number}/questionnaire`, `/admin/series/${DEMO_SLUG}/bilan`]) {
        expect((await page.goto(server.url + path))?.status()).toBe(200);
        await waitForHydration(page);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), path).toBe(true);
        await expectNoAxeViolations(page);
      }
    }, 90_000);
  });
}
