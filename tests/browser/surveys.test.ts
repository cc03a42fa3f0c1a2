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
import { queryFile, runFile } from "../helpers/server-db";
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
  const session = queryFile<{ id: number; number: number }>(
    server.databasePath,
    "select s.id, s.number from sessions s join series x on x.id = s.series_id where x.slug = ? and s.starts_at > strftime('%Y-%m-%dT%H:%M:%SZ','now') order by s.starts_at limit 1",
    DEMO_SLUG,
  )[0];
  number = session.number;
  for (const email of PEOPLE) {
    const res = await post(`/series/${DEMO_SLUG}/inscription`, [
      ["sessions", String(session.id)],
      ["firstName", "Zoé"],
      ["lastName", "Navigateur"],
      ["email", email],
      ["consent", "oui"],
    ]);
    expect(res.status).toBe(303);
  }
  const admin = `/admin/series/${DEMO_SLUG}/sessions/${number}/questionnaire`;
  expect(
    (
      await post(
        admin,
        [
          ["intent", "settings"],
          ["delay", "0"],
          ["delayUnit", "hours"],
          ["closes", "2099-12-31"],
        ],
        { cookie },
      )
    ).status,
  ).toBe(200);
  for (const q of [
    [
      ["nouvelle-label", "Satisfaction générale"],
      ["nouvelle-type", "rating"],
      ["nouvelle-required", "oui"],
    ],
    [
      ["nouvelle-label", "Ce qui vous a servi"],
      ["nouvelle-type", "multiple"],
      ["nouvelle-options", "Les exposés\nLes échanges"],
    ],
    [
      ["nouvelle-label", "Un commentaire"],
      ["nouvelle-type", "text"],
    ],
  ] as [string, string][][])
    expect((await post(admin, [["intent", "add"], ...q], { cookie })).status).toBe(200);
  runFile(server.databasePath, "update sessions set starts_at = '2026-01-05T09:00:00Z', ends_at = '2026-01-05T11:00:00Z' where id = ?", session.id);
  for (const email of PEOPLE) {
    const mail = await smtp.waitForMatch((m) => m.envelopeTo.includes(email) && /^Votre avis/.test(m.parsed.subject ?? ""));
    links.set(email, mail.parsed.text!.match(/\/moi\/[\w-]+\/questionnaires\/\d+/)![0]);
  }
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
