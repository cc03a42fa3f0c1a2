// Subscribing to the lettre d'information from the library in a real browser (headless Chromium on
// the production build), at 390 px and on a desktop: with JavaScript the box answers in place (error
// next to the field, focus on it, then the same answer for every address); without it the form posts
// to /lettres/abonnement, which answers with the error (value kept) or the result. axe finds no
// violation in any of these states, nor on the archive.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contextsClosedAfterEach, expectNoAxeViolations, formatProblems, openWithoutScripts, waitForHydration, watchConsole } from "../helpers/browser";
import { stopAll, type TestServer } from "../helpers/server";
import { startBrowserSuite } from "../helpers/browser-suite";
import type { TestSmtp } from "../helpers/smtp";

let server: TestServer;
let smtp: TestSmtp;
let browser: Browser;

beforeAll(async () => {
  ({ smtp, server, browser } = await startBrowserSuite({ RATE_LIMIT_PER_IP: "1000", RATE_LIMIT_PER_EMAIL: "1000" }));
});
afterAll(() => stopAll(browser, server, smtp));
const openContext = contextsClosedAfterEach(() => browser);

const VIEWPORTS = [
  { name: "390 px", viewport: { width: 390, height: 844 } },
  { name: "desktop", viewport: { width: 1280, height: 800 } },
];

describe.each(VIEWPORTS)("subscribing from the library ($name)", ({ name, viewport }) => {
  const tag = name === "desktop" ? "bureau" : "mobile";

  it("answers in place with JavaScript: the error by the field, then the confirmation sent", async () => {
    const context = await openContext({ viewport });
    const page = await context.newPage();
    const problems = watchConsole(page).problems;
    await page.goto(`${server.url}/ressources`);
    await waitForHydration(page);
    const box = page.getByRole("region", { name: "Lettre d’information" });
    const field = box.getByLabel("Adresse e-mail");
    await field.fill("pas-une-adresse");
    await box.getByRole("button", { name: "Je m’abonne" }).click();
    await box.locator("#erreur-email").waitFor();
    expect(await box.locator("#erreur-email").textContent()).toMatch(/L’adresse e-mail n’est pas valide/);
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    expect(await field.inputValue()).toBe("pas-une-adresse");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("champ-email");
    expect(page.url()).toBe(`${server.url}/ressources`);
    await expectNoAxeViolations(page);

    const email = `js.${tag}@example.org`;
    await field.fill(email);
    await box.getByRole("button", { name: "Je m’abonne" }).click();
    const status = box.getByRole("status");
    await status.waitFor();
    expect(await status.textContent()).toMatch(new RegExp(`Si l’adresse ${email.replace(/\./g, "\\.")} n’est pas déjà abonnée`));
    expect(page.url()).toBe(`${server.url}/ressources`);
    await smtp.waitForMatch((m) => m.envelopeTo.includes(email) && /Confirmez votre abonnement/.test(m.parsed.subject ?? ""));
    await expectNoAxeViolations(page);
    // No horizontal scrolling at this width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    // Less the one the wrong address legitimately causes (Chromium reporting the form's 400).
    expect(
      formatProblems(
        problems().filter((p) => !(p.kind === "error" && /status of 400/.test(p.text) && p.sourceUrl.startsWith(`${server.url}/lettres/abonnement`))),
      ),
    ).toBe("");
  }, 90_000);

  it("works without JavaScript through /lettres/abonnement, the value kept with its error", async () => {
    const context = await openContext({ viewport, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/ressources`);
    const box = page.getByRole("region", { name: "Lettre d’information" });
    await box.getByLabel("Adresse e-mail").fill("toujours faux");
    await box.getByRole("button", { name: "Je m’abonne" }).click();
    await page.waitForURL(`${server.url}/lettres/abonnement`);
    expect(await page.locator("#erreur-email").textContent()).toMatch(/L’adresse e-mail n’est pas valide/);
    expect(await page.getByLabel("Adresse e-mail").inputValue()).toBe("toujours faux");
    const email = `sans.js.${tag}@example.org`;
    await page.getByLabel("Adresse e-mail").fill(email);
    await page.getByRole("button", { name: "Je m’abonne" }).click();
    await page.getByRole("status").waitFor();
    expect(await page.getByRole("status").textContent()).toMatch(/n’est pas déjà abonnée, un e-mail de confirmation vient de lui être envoyé/);
    await smtp.waitForMatch((m) => m.envelopeTo.includes(email));
  }, 60_000);

  it("has no axe violation on the pages as rendered without JavaScript", async () => {
    const context = await openContext({ viewport });
    for (const path of ["/ressources", "/lettres", "/lettres/abonnement"]) {
      const { page, status } = await openWithoutScripts(context, server.url + path);
      expect(status, path).toBe(200);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), path).toBe(true);
      await expectNoAxeViolations(page);
      await page.close();
    }
  }, 60_000);
});
