// axe (WCAG 2.1 A/AA) with 0 violations on every back-office page, signed in, with demo data.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../helpers/admin";
import { expectNoAxeViolations } from "../helpers/browser";
import { stopAll, type TestServer } from "../helpers/server";
import { startBrowserSuite } from "../helpers/browser-suite";
import type { TestSmtp } from "../helpers/smtp";

let server: TestServer;
let smtp: TestSmtp;
let browser: Browser;
const SLUG = "rdv-sante-mentale-jeunes-eure-demo";

beforeAll(async () => {
  ({ smtp, server, browser } = await startBrowserSuite({ ADMIN_EMAIL: "axe@example.org" }));
});
afterAll(() => stopAll(browser, server, smtp));

const PAGES = [
  "/admin",
  "/admin/series",
  "/admin/series/importer",
  `/admin/series/${SLUG}`,
  `/admin/series/${SLUG}/acteurs`,
  `/admin/series/${SLUG}/acteurs?modifier=p:demo-karim-benali`,
  `/admin/series/${SLUG}/sessions/2`,
  `/admin/series/${SLUG}/sessions/2/programme/1`,
  `/admin/series/${SLUG}/sessions/2/programme/nouveau`,
  `/admin/series/${SLUG}/sessions/2/questionnaire`,
  `/admin/series/${SLUG}/inscrits`,
  `/admin/series/${SLUG}/presence/1`,
  `/admin/series/${SLUG}/attestations`,
  `/admin/series/${SLUG}/accueil/3`,
  `/admin/series/${SLUG}/questions`,
  `/admin/series/${SLUG}/questions?modifier=connu-par`,
  `/admin/series/${SLUG}/bilan`,
  `/admin/series/${SLUG}/rappels`,
  `/admin/series/${SLUG}/rappels?modifier=veille`,
  `/admin/series/${SLUG}/messages`,
  `/admin/series/${SLUG}/messages/nouveau`,
  `/admin/series/${SLUG}/equipe`,
  "/admin/emails",
  "/admin/emails/apercu",
  "/admin/organisateurs",
  "/admin/journal",
  "/admin/lettre",
];

// One test per page (each with its own time budget): on a loaded 2-core machine sixteen axe runs in
// one test could exceed any single budget, and a failure names the page.
let context: BrowserContext;
let page: Page;

describe("back-office accessibility", () => {
  beforeAll(async () => {
    const cookie = await signIn(server, smtp, "axe@example.org");
    // A member in the demo series' team, so that its page shows the table with its role forms.
    const invited = await fetch(`${server.url}/admin/series/${SLUG}/equipe`, {
      method: "POST",
      headers: { cookie },
      body: new URLSearchParams({ intent: "invite", email: "membre@example.org", role: "editor" }),
    });
    expect(invited.status).toBe(200);
    context = await browser.newContext();
    const [name, value] = cookie.split("=");
    await context.addCookies([{ name, value, url: server.url }]);
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
  });
  afterAll(async () => {
    await context?.close();
  });

  it.each(PAGES)(
    "has no axe violation on %s",
    async (path) => {
      const res = await page.goto(server.url + path);
      expect(res?.status(), path).toBe(200);
      expect(page.url(), path).not.toContain("/admin/connexion");
      await expectNoAxeViolations(page);
    },
    60_000,
  );

  it("has no axe violation on a form in its error state", async () => {
    await page.goto(`${server.url}/admin/series/${SLUG}/sessions/2`);
    await page.locator("#champ-end").fill("13:00");
    await page.getByRole("button", { name: "Enregistrer la rencontre" }).click();
    await page.locator("#erreur-end").waitFor();
    await expectNoAxeViolations(page);
  }, 60_000);
});
