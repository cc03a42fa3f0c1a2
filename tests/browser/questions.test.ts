// The organisers' questions in the registration form, in a real browser (headless Chromium on the
// production build): with JavaScript a question for session 3 appears only once RDV #3 is ticked;
// without JavaScript every question is shown and the server asks only the relevant ones; errors are
// next to their field with the values kept; the whole form can be filled with the keyboard alone;
// axe finds nothing at 390 px and on a desktop, errors shown. No fixed sleeps: Playwright's waiting.
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contextsClosedAfterEach, expectNoAxeViolations, normalise, openWithoutScripts, tabUntil, waitForHydration } from "../helpers/browser";
import { signIn } from "../helpers/admin";
import { stopAll, type TestServer } from "../helpers/server";
import { startBrowserSuite } from "../helpers/browser-suite";
import { DEMO_FORM, THANKS } from "../helpers/demo-form";
import { queryFile, runFile } from "../helpers/server-db";
import type { TestSmtp } from "../helpers/smtp";

const FORM = DEMO_FORM;
const QUESTIONS = "/admin/series/rdv-sante-mentale-jeunes-eure-demo/questions";
const ADMIN = "orga@example.org";
let server: TestServer;
let smtp: TestSmtp;
let browser: Browser;
let q: Record<string, number>;
let rdv: Record<number, number>;

beforeAll(async () => {
  ({ smtp, server, browser } = await startBrowserSuite({ ADMIN_EMAIL: ADMIN, RATE_LIMIT_PER_IP: "1000", RATE_LIMIT_PER_EMAIL: "1000" }));
  // The buffet question (RDV #3 only) made required, as an organiser may.
  runFile(server.databasePath, "update registration_questions set required = 1 where key = 'dejeuner'");
  q = Object.fromEntries(queryFile<{ key: string; id: number }>(server.databasePath, "select key, id from registration_questions").map((r) => [r.key, r.id]));
  rdv = Object.fromEntries(queryFile<{ number: number; id: number }>(server.databasePath, "select number, id from sessions").map((r) => [r.number, r.id]));
}, 60_000);
afterAll(() => stopAll(browser, server, smtp));
const newContext = contextsClosedAfterEach(() => browser);

/** A page of its own at `path`, JavaScript on, once React has hydrated it. */
async function openHydrated(path: string, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await (await newContext(options)).newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(server.url + path);
  await waitForHydration(page);
  return page;
}

const answers = (email: string) =>
  queryFile<{ question_key: string; answer: string }>(
    server.databasePath,
    "select a.question_key, a.answer from registration_answers a join participants p on p.id = a.participant_id where p.email = ? order by a.id",
    email,
  );

async function fillPerson(page: Page, email: string) {
  await page.locator("#champ-firstName").fill("Léa");
  await page.locator("#champ-lastName").fill("Moreau");
  await page.locator("#champ-email").fill(email);
  await page.locator("#champ-consent").check();
}

/**
 * Once the thanks are shown, the answers stored for `email`: accessibility needs, how they heard of
 * it, the buffet — a question left empty stores no row.
 */
async function expectStoredAnswers(page: Page, email: string, needs: string, knownBy: string, lunch: string) {
  await page.getByText(THANKS).waitFor();
  const given = [
    { question_key: "besoins-accessibilite", answer: needs },
    { question_key: "connu-par", answer: knownBy },
    { question_key: "dejeuner", answer: lunch },
  ];
  expect(answers(email)).toEqual(given.filter((a) => a.answer !== ""));
}

const buffet = (page: Page) => page.locator(`[data-question="${q.dejeuner}"]`);
const needs = (page: Page) => page.locator(`#champ-question-${q["besoins-accessibilite"]}`);

describe("registration questions in a browser", () => {
  it("with JavaScript: the RDV #3 question follows its box, a missing answer is shown next to it, values kept", async () => {
    const page = await openHydrated(FORM);
    await buffet(page).waitFor({ state: "hidden" });
    await page.locator(`#session-${rdv[3]}`).check();
    await buffet(page).waitFor({ state: "visible" });
    await page.locator(`#session-${rdv[3]}`).uncheck();
    await buffet(page).waitFor({ state: "hidden" });
    await page.locator(`#session-${rdv[3]}`).check();
    await fillPerson(page, "lea.js@example.org");
    await needs(page).fill("Interprète en <b>LSF</b>");
    await page.getByLabel("Par un collègue").check();
    await page.getByRole("button", { name: "Je m’inscris" }).click();
    const error = page.locator(`#erreur-question-${q.dejeuner}`);
    await error.waitFor();
    expect(normalise(await error.innerText())).toBe("Erreur : Répondez par oui ou par non.");
    expect(normalise(await page.locator("#erreurs").innerText())).toContain("Restez-vous au buffet après l’atelier ? : Répondez par oui ou par non.");
    expect(await needs(page).inputValue()).toBe("Interprète en <b>LSF</b>");
    expect(await page.getByLabel("Par un collègue").isChecked()).toBe(true);
    await expectNoAxeViolations(page);
    await buffet(page).getByLabel("Oui").check();
    await page.getByRole("button", { name: "Je m’inscris" }).click();
    await expectStoredAnswers(page, "lea.js@example.org", "Interprète en <b>LSF</b>", "Par un collègue", "Oui");
  });

  it("without JavaScript: every question shown, only the relevant one required, the answer kept after an error", async () => {
    const { page } = await openWithoutScripts(await newContext({ javaScriptEnabled: true }), server.url + FORM);
    expect(await buffet(page).isVisible()).toBe(true);
    await page.locator(`#session-${rdv[3]}`).check();
    await fillPerson(page, "lea.nojs@example.org");
    await page.locator(`#champ-question-${q["connu-par"]}-4`).check();
    await Promise.all([page.waitForURL(`${server.url}${FORM}`), page.getByRole("button", { name: "Je m’inscris" }).click()]);
    await page.locator(`#erreur-question-${q.dejeuner}`).waitFor();
    expect(await page.locator(`#champ-question-${q.dejeuner}-1`).getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator(`#champ-question-${q["connu-par"]}-4`).isChecked()).toBe(true);
    await expectNoAxeViolations(page);
    await page.locator(`#champ-question-${q.dejeuner}-2`).check();
    await page.locator("#champ-consent").check();
    await page.getByRole("button", { name: "Je m’inscris" }).click();
    await expectStoredAnswers(page, "lea.nojs@example.org", "", "Autrement", "Non");
  });

  it("can be filled with the keyboard alone, at 390 px, axe finding nothing", async () => {
    const page = await openHydrated(`${FORM}?session=rdv-3-atelier-evreux`, { viewport: { width: 390, height: 844 } });
    await expectNoAxeViolations(page);
    await tabUntil(page, "#champ-firstName");
    await page.keyboard.type("Noé");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Petit");
    await page.keyboard.press("Tab");
    await page.keyboard.type("noe.clavier@example.org");
    await tabUntil(page, `#champ-question-${q["besoins-accessibilite"]}`);
    await page.keyboard.type("Boucle magnétique");
    // A radio group is one Tab stop; the arrow keys choose within it.
    await tabUntil(page, `#champ-question-${q["connu-par"]}-1`);
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowDown");
    await tabUntil(page, `#champ-question-${q.dejeuner}-1`);
    await page.keyboard.press("Space");
    await tabUntil(page, "#champ-consent");
    await page.keyboard.press("Space");
    await tabUntil(page, "button[type=submit]");
    await page.keyboard.press("Enter");
    await expectStoredAnswers(page, "noe.clavier@example.org", "Boucle magnétique", "Par la lettre de la Maison des adolescents", "Oui");
  });

  it("shows its errors accessibly on a desktop too (axe, errors shown)", async () => {
    const page = await openHydrated(`${FORM}?session=rdv-3-atelier-evreux`, { viewport: { width: 1280, height: 900 } });
    await page.locator(`#champ-question-${q["besoins-accessibilite"]}`).fill("x".repeat(10));
    await page.getByRole("button", { name: "Je m’inscris" }).click();
    await page.locator("#erreurs").waitFor();
    await page.locator(`#erreur-question-${q.dejeuner}`).waitFor();
    await expectNoAxeViolations(page);
  });

  it("the organisers' questions page: a wrong question refused next to its field, values kept, by keyboard, axe finding nothing (390 px and desktop)", async () => {
    const [name, value] = (await signIn(server, smtp, ADMIN)).split("=");
    for (const width of [390, 1280]) {
      const context = await newContext({ viewport: { width, height: 900 } });
      await context.addCookies([{ name, value, url: server.url }]);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(server.url + QUESTIONS);
      await waitForHydration(page);
      await expectNoAxeViolations(page);
      await tabUntil(page, "#champ-label");
      await page.keyboard.type(`Votre repas ${width}`);
      await page.locator("#champ-kind").selectOption("single-choice");
      await page.locator("#champ-choices").fill("Végétarien");
      await page.getByRole("button", { name: "Ajouter la question" }).click();
      const error = page.locator("#erreur-choices");
      await error.waitFor();
      expect(normalise(await error.innerText())).toBe("Erreur : La liste des choix doit contenir au moins deux choix pour une question à choix.");
      expect(await page.locator("#champ-choices").getAttribute("aria-invalid")).toBe("true");
      expect(await page.locator("#champ-label").inputValue()).toBe(`Votre repas ${width}`);
      await expectNoAxeViolations(page);
      await page.locator("#champ-choices").fill("Végétarien\nSans porc");
      await page.getByRole("button", { name: "Ajouter la question" }).click();
      await page.getByRole("status").getByText("Question ajoutée.").waitFor();
      // The list is revalidated after the action's answer: wait for the new row rather than read the table once.
      await page.locator("table tbody tr", { hasText: `Votre repas ${width}` }).waitFor();
      expect(normalise(await page.locator("table").innerText())).toContain(`Votre repas ${width}`);
    }
  }, 120_000);
});
