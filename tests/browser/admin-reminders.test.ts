// The reminders page of the demo series in a real browser, JavaScript on: a wrong value is answered
// next to its field with what was typed kept, a saved reminder appears in the list and the form
// starts empty again, a reminder is turned off and deleted; and a reminder added with JavaScript off.
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SLUG } from "../../db/seed/demo-series";
import { signIn } from "../helpers/admin";
import { expectNoAxeViolations, mainText, normalise, openWithoutScripts, waitForHydration } from "../helpers/browser";
import { stopAll, type TestServer } from "../helpers/server";
import { startBrowserSuite } from "../helpers/browser-suite";
import type { TestSmtp } from "../helpers/smtp";

const ADMIN = "rappels@example.org";
const PAGE = `/admin/series/${DEMO_SLUG}/rappels`;
let server: TestServer;
let smtp: TestSmtp;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  ({ smtp, server, browser } = await startBrowserSuite({ ADMIN_EMAIL: ADMIN }));
  const cookie = await signIn(server, smtp, ADMIN);
  context = await browser.newContext();
  const [name, value] = cookie.split("=");
  await context.addCookies([{ name, value, url: server.url }]);
}, 120_000);
afterAll(() => stopAll(context, browser, server, smtp));

describe("the reminders page in a browser", () => {
  it("adds, refuses with messages by field, turns off and deletes, JavaScript on", async () => {
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(server.url + PAGE);
    await waitForHydration(page);
    expect(await mainText(page)).toContain("La veille à 18 h");

    await page.locator("#champ-rTiming").selectOption("minutes-before");
    await page.locator("#champ-rMinutes").fill("trente");
    await page.locator("#champ-rMessage").fill("Dans une demi-heure, on commence.");
    await page.getByRole("button", { name: "Ajouter le rappel" }).click();
    await page.locator("#erreur-rMinutes").waitFor();
    expect(await page.locator("#champ-rMinutes").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#champ-rMinutes").getAttribute("aria-describedby")).toContain("erreur-rMinutes");
    expect(await page.locator("#erreur-rMinutes").innerText()).toContain("doit être un nombre");
    expect(await page.locator("#champ-rMinutes").inputValue()).toBe("trente");
    expect(await page.locator("#champ-rMessage").inputValue()).toBe("Dans une demi-heure, on commence.");
    await expectNoAxeViolations(page);

    await page.locator("#champ-rMinutes").fill("30");
    await page.getByRole("button", { name: "Ajouter le rappel" }).click();
    await page.getByText("Rappel enregistré.").waitFor();
    const item = page.locator("li", { hasText: "30 min avant le début" });
    await item.waitFor();
    expect(await item.innerText()).toContain("Dans une demi-heure, on commence.");
    // The form starts empty again.
    expect(await page.locator("#champ-rMessage").inputValue()).toBe("");
    expect(await page.locator("#champ-rTiming").inputValue()).toBe("days-before");

    await item.getByRole("button", { name: /Désactiver/ }).click();
    await page.locator("li", { hasText: "(désactivé)" }).waitFor();
    expect(normalise(await page.locator("li", { hasText: "30 min avant le début" }).innerText())).toContain("Aucun envoi : rappel désactivé.");
    await page
      .locator("li", { hasText: "30 min avant le début" })
      .getByRole("button", { name: /Supprimer/ })
      .click();
    await page.getByText("Rappel supprimé.").waitFor();
    expect(await page.locator("li", { hasText: "30 min avant le début" }).count()).toBe(0);
    await page.close();
  });

  it("adds a reminder with JavaScript off", async () => {
    const { page, status } = await openWithoutScripts(context, server.url + PAGE);
    expect(status).toBe(200);
    await page.locator("#champ-rDays").fill("3");
    await page.locator("#champ-rAt").fill("09:00");
    await Promise.all([page.waitForURL(/etat=enregistre/), page.getByRole("button", { name: "Ajouter le rappel" }).click()]);
    expect(await mainText(page)).toMatch(/3 jours avant, à 9 h/);
    await page.close();
  });
});
