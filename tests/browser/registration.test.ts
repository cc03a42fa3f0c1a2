// The registration form and the personal space in a real browser (headless Chromium on the production build,
// a real SMTP server on loopback): keyboard alone, without JavaScript, with JavaScript (no reload, focus
// management), axe (WCAG 2.1 A/AA) on every state of these pages, and the personal space used by clicks.
// Synchronisation is Playwright's own waiting (waitForURL, locators, waitForFunction) and smtp.waitForMatch:
// no fixed sleeps.
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectNoAxeViolations,
  formatProblems,
  normalise,
  openWithoutScripts,
  tabUntil,
  waitForHydration,
  watchConsole,
  type ConsoleProblem,
  contextsClosedAfterEach,
} from "../helpers/browser";
import { stopAll, type TestServer } from "../helpers/server";
import { startBrowserSuite } from "../helpers/browser-suite";
import { DEMO_FORM, DEMO_SERIES_PAGE, THANKS } from "../helpers/demo-form";
import type { Received, TestSmtp } from "../helpers/smtp";

const SERIES = DEMO_SERIES_PAGE;
const FORM = DEMO_FORM;
const MERCI = `${FORM}/merci`;
const SUBMIT = "Je m’inscris";
const RDV2 = "rdv-2-ecouter-orienter";
const RDV3 = "rdv-3-atelier-evreux";

let server: TestServer;
let smtp: TestSmtp;
let browser: Browser;

beforeAll(async () => {
  ({ smtp, server, browser } = await startBrowserSuite({
    MAIL_FROM: "Rendez-vous <rdv@example.org>",
    RATE_LIMIT_PER_IP: "1000",
    RATE_LIMIT_PER_EMAIL: "1000",
  }));
});
afterAll(() => stopAll(browser, server, smtp));
const newContext = contextsClosedAfterEach(() => browser);

async function newPage(options: BrowserContextOptions = {}): Promise<{ page: Page; problems: () => ConsoleProblem[] }> {
  const page = await (await newContext(options)).newPage();
  // Fail at the step that waits too long, well before the test's own timeout.
  page.setDefaultTimeout(10_000);
  return { page, problems: watchConsole(page).problems };
}

/** Console problems, less those a form answered with 400 legitimately causes (Chromium reporting the status). */
function unexpected(list: ConsoleProblem[], form = FORM): string {
  return formatProblems(list.filter((p) => !(p.kind === "error" && /status of 400/.test(p.text) && p.sourceUrl.startsWith(server.url + form))));
}

/** Full-document requests seen by `page` (a client-side navigation or submission makes none). */
function watchDocuments(page: Page): string[] {
  const documents: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "document") documents.push(`${r.method()} ${r.url().replace(server.url, "")}`);
  });
  return documents;
}

/** A short description of the focused element: "#id", or tag and text. */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return "body";
    return el.id ? `#${el.id}` : `${el.tagName.toLowerCase()}:${(el.textContent ?? "").trim().slice(0, 40)}`;
  });
}

async function waitForFocus(page: Page, selector: string): Promise<void> {
  await page.waitForFunction((sel) => document.activeElement?.matches(sel) ?? false, selector);
}

/** Presses Shift+Tab until the focused element matches `selector`; fails after `max` presses. */
async function shiftTabUntil(page: Page, selector: string, max = 30): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press("Shift+Tab");
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return i;
  }
  throw new Error(`Shift+Tab never reached ${selector} after ${max} presses on ${page.url()}`);
}

/** The session checkboxes of the form, in page order. */
async function sessionBoxes(page: Page): Promise<{ id: string; label: string; disabled: boolean }[]> {
  return page
    .locator('input[type="checkbox"][name="sessions"]')
    .evaluateAll((boxes) =>
      (boxes as HTMLInputElement[]).map((b) => ({ id: b.id, label: (b.labels?.[0]?.textContent ?? "").replace(/\s+/g, " ").trim(), disabled: b.disabled })),
    );
}

/** The form's error summary and every field message, checked for what a screen reader needs: each summary
 *  link targets a control that exists, is invalid and is described by a visible message saying the same. */
async function expectErrors(page: Page, expected: Record<string, RegExp>) {
  const summary = page.locator("#erreurs");
  await summary.waitFor();
  expect(await summary.getAttribute("role")).toBe("alert");
  const count = Object.keys(expected).length;
  expect(normalise(await summary.locator("h2").innerText())).toBe(
    count === 1 ? "Une erreur empêche l’inscription" : `${count} erreurs empêchent l’inscription`,
  );
  const links = await summary.locator("a").evaluateAll((as) => as.map((a) => ({ href: a.getAttribute("href") ?? "", text: a.textContent ?? "" })));
  expect(links.map((l) => l.href)).toEqual(Object.keys(expected).map((f) => `#champ-${f}`));
  for (const [field, message] of Object.entries(expected)) {
    const link = links.find((l) => l.href === `#champ-${field}`)!;
    expect(normalise(link.text)).toMatch(message);
    const control = page.locator(`#champ-${field}`);
    expect(await control.count(), field).toBe(1);
    expect((await control.getAttribute("aria-describedby"))?.split(" "), field).toContain(`erreur-${field}`);
    if (field !== "sessions") expect(await control.getAttribute("aria-invalid"), field).toBe("true");
    const error = page.locator(`#erreur-${field}`);
    expect(await error.isVisible(), field).toBe(true);
    expect(normalise(await error.innerText()), field).toMatch(new RegExp(`^Erreur : .*${message.source}`));
  }
}

function mailTo(email: string): Promise<Received> {
  return smtp.waitForMatch((m) => m.envelopeTo.includes(email) && /^Inscription enregistrée/.test(m.parsed.subject ?? ""));
}

/** The personal link (/moi/<token>) of the confirmation email sent to `email`. */
async function personalLink(email: string): Promise<string> {
  const mail = await mailTo(email);
  const url = mail.parsed.text?.match(/https?:\/\/[^\s/]+\/moi\/[\w-]+/)?.[0];
  expect(url, "personal link in the email").toBeTruthy();
  expect(url!.startsWith(server.url)).toBe(true);
  return url!;
}

/** Registers `email` with the browser for the sessions given by slug (pre-ticked by the link of session pages). */
async function registerInBrowser(page: Page, email: string, sessions: string[]): Promise<void> {
  await page.goto(`${server.url}${FORM}?${sessions.map((s) => `session=${s}`).join("&")}`);
  await waitForHydration(page);
  expect(await page.locator('input[name="sessions"]:checked').count()).toBe(sessions.length);
  await page.getByLabel("Prénom (obligatoire)").fill("Alex");
  await page.getByLabel("Nom (obligatoire)", { exact: true }).fill("Martin");
  await page.getByLabel("Adresse e-mail (obligatoire)").fill(email);
  await page.getByLabel(/J’accepte ce traitement/).check();
  await page.getByRole("button", { name: SUBMIT }).click();
  await page.waitForURL(server.url + MERCI);
  await page.getByRole("heading", { level: 1, name: THANKS }).waitFor();
}

describe("registration with the keyboard alone", () => {
  it("goes from the series page to the thanks page and the confirmation email, never stopping on the honeypot", async () => {
    const { page, problems } = await newPage();
    const email = "clavier@example.org";
    await page.goto(server.url + SERIES);
    await waitForHydration(page);

    await tabUntil(page, `main a[href="${FORM}"]`);
    expect(normalise(await page.evaluate(() => (document.activeElement as HTMLElement).innerText))).toBe("S’inscrire");
    await page.keyboard.press("Enter");
    await page.waitForURL(server.url + FORM);
    await page.getByRole("heading", { level: 1, name: "Inscription" }).waitFor();
    await waitForHydration(page);

    // The honeypot is in the form (so "never focused" means something), and tells when it gets focus.
    expect(await page.locator('input[name="website"]').count()).toBe(1);
    await page.evaluate(() => {
      const w = window as unknown as { __honeypotFocus: number };
      w.__honeypotFocus = 0;
      document.querySelector('input[name="website"]')!.addEventListener("focus", () => w.__honeypotFocus++);
    });

    // The whole tab order, from the top of the page to the submit button.
    const boxes = await sessionBoxes(page);
    expect(boxes.map((b) => b.disabled)).toEqual([true, false, false, false]); // session 1 is past
    const open = boxes.filter((b) => !b.disabled);
    const rdv3 = open.find((b) => b.label.startsWith("RDV #3"))!;
    expect(rdv3).toBeTruthy();
    const order: string[] = [];
    for (let i = 0; i < 80 && !order.includes("button:" + SUBMIT); i++) {
      await page.keyboard.press("Tab");
      order.push(await focused(page));
    }
    const fromSessions = order.slice(order.indexOf(`#${open[0].id}`));
    expect(fromSessions).toEqual([
      // The hybrid RDV #4 asks « sur place » or « à distance » right under its box (one stop for the radio group).
      ...open.flatMap((b) => (b.label.startsWith("RDV #4") ? [`#${b.id}`, `#${b.id}-onsite`] : [`#${b.id}`])),
      "#champ-firstName",
      "#champ-lastName",
      "#champ-email",
      "#champ-organisation",
      "#champ-jobTitle",
      "#champ-structureType",
      "#champ-territory",
      // The organisers' questions (tests/browser/questions.test.ts): a text area and a radio group (one stop);
      // the one for RDV #3 only is hidden while RDV #3 is not ticked.
      expect.stringMatching(/^#champ-question-\d+$/),
      expect.stringMatching(/^#champ-question-\d+-1$/),
      "#champ-consent",
      "#champ-news",
      "#champ-minutes",
      "#champ-lettre",
      "button:" + SUBMIT,
    ]);
    expect(order).not.toContain("#champ-website");
    expect(order).not.toContain(`#${boxes[0].id}`);

    // Back up with Shift+Tab to RDV #3, tick it with Space, then fill the form moving forward with Tab.
    await shiftTabUntil(page, `#${rdv3.id}`);
    await page.keyboard.press("Space");
    expect(await page.locator(`#${rdv3.id}`).isChecked()).toBe(true);
    await tabUntil(page, "#champ-firstName", 3); // past RDV #4 and its « sur place / à distance » radios
    await page.keyboard.type("Camille");
    await tabUntil(page, "#champ-lastName", 1);
    await page.keyboard.type("Lefèvre");
    await tabUntil(page, "#champ-email", 1);
    await page.keyboard.type(email);
    await tabUntil(page, "#champ-structureType", 3);
    await page.keyboard.press("ArrowDown"); // "— Choisir —" → the first type of the list
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    expect(await page.locator("#champ-structureType").inputValue()).toBe("association");
    await tabUntil(page, "#champ-consent", 5); // past the three questions (RDV #3's buffet one now shown)
    await page.keyboard.press("Space");
    expect(await page.locator("#champ-consent").isChecked()).toBe(true);
    await tabUntil(page, "button[type=submit]", 4); // past news, minutes (« consentement à figurer ») and the newsletter
    expect(await page.evaluate(() => (window as unknown as { __honeypotFocus: number }).__honeypotFocus)).toBe(0);
    expect(await page.locator('input[name="website"]').inputValue()).toBe("");
    await page.keyboard.press("Enter");

    await page.waitForURL(server.url + MERCI);
    await page.getByRole("heading", { level: 1, name: THANKS }).waitFor();
    const thanks = normalise(await page.locator("#inscription-ok").innerText());
    expect(thanks).toMatch(/RDV #3 — .+\s: inscription confirmée/);
    expect(thanks).toContain(email);
    // Focus is on the result, so a screen reader reads it and Tab continues from there.
    await waitForFocus(page, "#inscription-ok");

    const mail = await mailTo(email);
    expect(mail.envelopeTo).toEqual([email]);
    expect(mail.parsed.text).toContain("Bonjour Camille,");
    expect(mail.parsed.text).toMatch(/RDV #3 — /);
    expect(unexpected(problems())).toBe("");
  });
});

describe("without JavaScript", () => {
  it("cancels a registration after its question is answered, in two clicks, with the page reloaded", async () => {
    const { page: withJs } = await newPage();
    const email = "annule-sans-js@example.org";
    await registerInBrowser(withJs, email, [RDV2, RDV3]);
    const link = await personalLink(email);
    const { page } = await newPage({ javaScriptEnabled: false });
    await page.goto(link);
    const item = (n: number) => page.locator(".space-list > li").filter({ hasText: `RDV #${n} — ` });
    await item(3).locator("summary", { hasText: "Annuler ma venue" }).click();
    await item(3)
      .getByText(/^Annuler votre venue au RDV #3 /)
      .waitFor();
    expect(normalise(await item(3).innerText())).toContain("Statut : Confirmée");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url().startsWith(link)),
      page.getByRole("button", { name: "Oui, annuler ma venue au RDV #3" }).click(),
    ]);
    expect(response.status()).toBe(200);
    await page.getByText("Votre inscription est annulée. Merci d’avoir libéré votre place.").waitFor();
    expect(normalise(await item(3).innerText())).toContain("Statut : Annulée");
    expect(normalise(await item(2).innerText())).toContain("Statut : Confirmée");

    // The unsubscribe page's button works without JavaScript too (same referrer policy).
    const mail = await mailTo(email);
    const unsubscribe = mail.raw.replace(/\r?\n[ \t]+/g, " ").match(/^List-Unsubscribe: +<([^>]+)>/m)![1];
    await page.goto(unsubscribe);
    const [done] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url().startsWith(unsubscribe.split("?")[0])),
      page.getByRole("button", { name: "Me désinscrire" }).click(),
    ]);
    expect(done.status()).toBe(200);
    await page.getByText(/C’est fait\s: 1 inscription\(s\) à venir annulée\(s\)/).waitFor();
  });

  it("answers an empty form with 400, the summary and the messages, keeps every value, then registers", async () => {
    const { page } = await newPage({ javaScriptEnabled: false });
    const documents = watchDocuments(page);
    const email = "sans-js@example.org";
    const submit = async (status: number) => {
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST" && r.url().startsWith(server.url + FORM)),
        page.getByRole("button", { name: SUBMIT }).click(),
      ]);
      expect(response.status()).toBe(status);
    };
    await page.goto(server.url + FORM);
    expect(await page.locator('input[name="sessions"]:checked').count()).toBe(0);

    await submit(400);
    await expectErrors(page, {
      sessions: /Choisissez au moins une rencontre/,
      firstName: /Indiquez votre prénom/,
      lastName: /Indiquez votre nom/,
      email: /Indiquez votre adresse e-mail/,
      consent: /acceptez le traitement/,
    });

    // Some fields right, some still wrong: everything typed comes back, right or wrong.
    const rdv3 = (await sessionBoxes(page)).find((b) => b.label.startsWith("RDV #3"))!;
    await page.locator(`#${rdv3.id}`).check();
    await page.locator("#champ-firstName").fill("Inès");
    await page.locator("#champ-email").fill("ines.example.org");
    await page.locator("#champ-organisation").fill("Maison des adolescents");
    await page.locator("#champ-jobTitle").fill("Psychologue");
    await page.locator("#champ-structureType").selectOption("sante");
    await page.locator("#champ-territory").fill("Évreux");
    await page.locator("#champ-news").check();
    await submit(400);
    await expectErrors(page, { lastName: /Indiquez votre nom/, email: /pas valide/, consent: /acceptez le traitement/ });
    expect(await page.locator(`#${rdv3.id}`).isChecked()).toBe(true);
    expect(await page.locator('input[name="sessions"]:checked').count()).toBe(1);
    expect(await page.locator("#champ-firstName").inputValue()).toBe("Inès");
    expect(await page.locator("#champ-lastName").inputValue()).toBe("");
    expect(await page.locator("#champ-email").inputValue()).toBe("ines.example.org");
    expect(await page.locator("#champ-organisation").inputValue()).toBe("Maison des adolescents");
    expect(await page.locator("#champ-jobTitle").inputValue()).toBe("Psychologue");
    expect(await page.locator("#champ-structureType").inputValue()).toBe("sante");
    expect(await page.locator("#champ-territory").inputValue()).toBe("Évreux");
    expect(await page.locator("#champ-news").isChecked()).toBe(true);
    expect(await page.locator("#champ-consent").isChecked()).toBe(false);

    await page.locator("#champ-lastName").fill("Haddad");
    await page.locator("#champ-email").fill(email);
    await page.locator("#champ-consent").check();
    await submit(303);
    await page.waitForURL(server.url + MERCI);
    await page.getByRole("heading", { level: 1, name: THANKS }).waitFor();
    expect(normalise(await page.locator("main").innerText())).toMatch(/RDV #3 — .+\s: inscription confirmée/);
    // Every step was a full document load: the app never ran.
    expect(documents).toEqual([`GET ${FORM}`, `POST ${FORM}`, `POST ${FORM}`, `POST ${FORM}`, `GET ${MERCI}`]);
    expect(await page.evaluate(() => typeof (window as unknown as { __remixRouter?: unknown }).__remixRouter)).toBe("undefined");
    expect((await mailTo(email)).parsed.text).toContain("Bonjour Inès,");
  });
});

describe("with JavaScript", () => {
  it("shows the errors without reloading, focuses the summary, whose links focus the fields, then registers without reloading", async () => {
    const { page, problems } = await newPage();
    const documents = watchDocuments(page);
    const email = "avec-js@example.org";
    await page.goto(server.url + FORM);
    await waitForHydration(page);
    await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 1));
    const marker = () => page.evaluate(() => (window as unknown as { __marker?: number }).__marker);

    await page.locator("#champ-firstName").fill("Lou");
    await page.locator("#champ-email").fill("lou-chez-example.org");
    await page.locator("#champ-organisation").fill("CCAS d’Évreux");
    await page.getByRole("button", { name: SUBMIT }).click();

    await waitForFocus(page, "#erreurs");
    const expected = {
      sessions: /Choisissez au moins une rencontre/,
      lastName: /Indiquez votre nom/,
      email: /pas valide/,
      consent: /acceptez le traitement/,
    };
    await expectErrors(page, expected);
    expect(await marker()).toBe(1);
    expect(documents).toEqual([`GET ${FORM}`]);
    expect(await page.locator("#champ-firstName").inputValue()).toBe("Lou");
    expect(await page.locator("#champ-email").inputValue()).toBe("lou-chez-example.org");
    expect(await page.locator("#champ-organisation").inputValue()).toBe("CCAS d’Évreux");

    // Each link of the summary takes focus to its field, and the errors stay on screen.
    for (const field of Object.keys(expected)) {
      await page.locator(`#erreurs a[href="#champ-${field}"]`).click();
      await waitForFocus(page, `#champ-${field}`);
      expect(await page.locator(`#champ-${field}`).isVisible()).toBe(true);
      expect(await page.locator("#erreurs").isVisible(), `summary after following the link to ${field}`).toBe(true);
      expect(await page.locator(`#erreur-${field}`).isVisible()).toBe(true);
    }
    // The links also work from the keyboard.
    await page.locator("#erreurs").focus();
    await tabUntil(page, '#erreurs a[href="#champ-email"]', 5);
    await page.keyboard.press("Enter");
    await waitForFocus(page, "#champ-email");
    expect(await marker()).toBe(1);

    const rdv2 = (await sessionBoxes(page)).find((b) => b.label.startsWith("RDV #2"))!;
    await page.locator(`#${rdv2.id}`).check();
    await page.locator("#champ-lastName").fill("Bernard");
    await page.locator("#champ-email").fill(email);
    await page.locator("#champ-consent").check();
    await page.getByRole("button", { name: SUBMIT }).click();
    await page.waitForURL(server.url + MERCI);
    await page.getByRole("heading", { level: 1, name: THANKS }).waitFor();
    await waitForFocus(page, "#inscription-ok");
    expect(normalise(await page.locator("#inscription-ok").innerText())).toMatch(/RDV #2 — .+\s: inscription confirmée/);
    expect(await marker()).toBe(1);
    expect(documents).toEqual([`GET ${FORM}`]);
    expect((await mailTo(email)).parsed.text).toContain("Bonjour Lou,");
    expect(unexpected(problems())).toBe("");
  });
});

describe("accessibility (axe, WCAG 2.1 A and AA)", () => {
  it("finds no violation on the form, empty and in its error state, with JavaScript, nor on the thanks page", async () => {
    const { page } = await newPage();
    await page.goto(server.url + FORM);
    await waitForHydration(page);
    await expectNoAxeViolations(page);

    await page.getByRole("button", { name: SUBMIT }).click();
    await waitForFocus(page, "#erreurs");
    expect(await page.locator(".field-error").count()).toBe(5);
    await expectNoAxeViolations(page);

    await registerInBrowser(page, "axe-merci@example.org", [RDV3]);
    await expectNoAxeViolations(page);
  });

  it("finds no violation on the form, empty and in its error state, as rendered without JavaScript", async () => {
    const context = await newContext();
    const { page, status } = await openWithoutScripts(context, server.url + FORM);
    expect(status).toBe(200);
    await expectNoAxeViolations(page);

    // Submit with scripts off (a plain POST, the server's page comes back), then let axe run in it.
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setScriptExecutionDisabled", { value: true });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url().startsWith(server.url + FORM)),
      page.getByRole("button", { name: SUBMIT }).click(),
    ]);
    expect(response.status()).toBe(400);
    await page.locator("#erreurs").waitFor();
    await cdp.send("Emulation.setScriptExecutionDisabled", { value: false });
    await cdp.detach();
    expect(await page.evaluate(() => typeof (window as unknown as { __remixRouter?: unknown }).__remixRouter)).toBe("undefined");
    expect(await page.locator(".field-error").count()).toBe(5);
    await expectNoAxeViolations(page);
  });

  it("finds no violation in the personal space, on the « recevoir mon lien » page and on the unsubscribe page", async () => {
    const { page, problems } = await newPage();
    const email = "axe-espace@example.org";
    await registerInBrowser(page, email, [RDV2, RDV3]);
    const mail = await mailTo(email);

    await page.goto(await personalLink(email));
    await waitForHydration(page);
    await page.getByRole("heading", { level: 1, name: "Mon espace" }).waitFor();
    expect(normalise(await page.locator("main").innerText())).toContain(`Alex Martin — ${email}`);
    await expectNoAxeViolations(page);

    await page.goto(server.url + "/moi");
    await waitForHydration(page);
    await page.getByRole("heading", { level: 1, name: "Recevoir mon lien personnel" }).waitFor();
    await expectNoAxeViolations(page);
    await page.getByLabel("Adresse e-mail (obligatoire)").fill("pas-une-adresse");
    await page.getByRole("button", { name: "Recevoir mon lien" }).click();
    await waitForFocus(page, "#erreurs");
    expect(normalise(await page.locator("#erreur-email").innerText())).toMatch(/^Erreur\s: L’adresse e-mail n’est pas valide/);
    expect(await page.locator("#champ-email").getAttribute("aria-describedby")).toBe("erreur-email");
    await expectNoAxeViolations(page);
    await page.locator("#erreurs a").click();
    await waitForFocus(page, "#champ-email");
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type(email);
    await page.keyboard.press("Enter");
    // The form is replaced by the confirmation, which takes focus (the button pressed is gone).
    await waitForFocus(page, '[role="status"]');
    expect(normalise(await page.getByRole("status").innerText())).toContain(`Si l’adresse ${email} correspond à une inscription`);
    await expectNoAxeViolations(page);
    await smtp.waitForMatch((m) => m.envelopeTo.includes(email) && m.parsed.subject === "Votre lien personnel Rendez-vous");

    const unsubscribe = mail.raw.replace(/\r?\n[ \t]+/g, " ").match(/^List-Unsubscribe: +<([^>]+)>/m)?.[1];
    expect(unsubscribe).toMatch(/\/desinscription\/[\w-]+/);
    const response = await page.goto(unsubscribe!);
    expect(response?.status()).toBe(200);
    await waitForHydration(page);
    await page.getByRole("heading", { level: 1, name: "Désinscription" }).waitFor();
    await page.getByRole("button", { name: "Me désinscrire" }).waitFor();
    await expectNoAxeViolations(page);
    expect(unexpected(problems(), "/moi")).toBe("");
  });
});

describe("personal space, by clicks", () => {
  it("cancels one registration and adds a session", async () => {
    const { page, problems } = await newPage();
    const email = "espace@example.org";
    await registerInBrowser(page, email, [RDV2, RDV3]);
    await page.goto(await personalLink(email));
    await waitForHydration(page);
    await page.getByRole("heading", { level: 1, name: "Mon espace" }).waitFor();
    const item = (n: number) => page.locator(".space-list > li").filter({ hasText: `RDV #${n} — ` });
    expect(await page.locator(".space-list > li").count()).toBe(2);
    expect(normalise(await item(2).innerText())).toContain("Statut : Confirmée");

    // The button asks first: nothing is cancelled until the question is answered.
    await item(2).locator("summary", { hasText: "Annuler ma venue" }).click();
    const question = item(2).getByText(/^Annuler votre venue au RDV #2 \(.*\)\s\? Votre place ira à la première personne en liste d’attente/);
    await question.waitFor();
    expect(normalise(await item(2).innerText())).toContain("Statut : Confirmée");
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Oui, annuler ma venue au RDV #2" }).click();
    const status = page.getByRole("status");
    await status.waitFor();
    expect(normalise(await status.innerText())).toBe("Votre inscription est annulée. Merci d’avoir libéré votre place.");
    // The button pressed is gone: focus goes to the message rather than being lost on the page's body.
    await waitForFocus(page, '[role="status"]');
    // The message comes with the action's result, the list once the page's data is reloaded: wait for it.
    await item(2).filter({ hasText: "Statut : Annulée" }).waitFor();
    expect(await item(2).getByRole("button").count()).toBe(0);
    expect(await item(2).locator("summary").count()).toBe(0);
    expect(normalise(await item(3).innerText())).toContain("Statut : Confirmée");

    const add = page.getByRole("group", { name: "Ajouter une rencontre de cette série" });
    await add.getByRole("checkbox", { name: /^RDV #4 — / }).check();
    // RDV #4 is hybrid: on site or remote, asked in place.
    await add
      .getByRole("group", { name: /^Pour le RDV #4, vous venez/ })
      .getByRole("radio", { name: /^sur place/ })
      .check();
    await page.getByRole("button", { name: "Ajouter", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "Ajouté" }).waitFor();
    expect(normalise(await page.getByRole("status").innerText())).toBe("Ajouté : RDV #4 (confirmée). Un e-mail de confirmation suit.");
    await waitForFocus(page, '[role="status"]');
    await item(4).filter({ hasText: "Statut : Confirmée" }).waitFor();
    expect(await add.getByRole("checkbox", { name: /^RDV #4 — / }).count()).toBe(0);
    const added = await smtp.waitForMatch(
      (m) => m.envelopeTo.includes(email) && /^Inscription enregistrée/.test(m.parsed.subject ?? "") && /RDV #4 — /.test(m.parsed.text ?? ""),
    );
    expect(added.parsed.text).not.toMatch(/RDV #3 — /);
    expect(formatProblems(problems())).toBe("");
  });
});

describe("on a phone (390 px)", () => {
  it("gives a hybrid session's « sur place / à distance » choice the width of its session, not the checkbox's column", async () => {
    const { page } = await newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(server.url + FORM);
    const choice = page.locator("fieldset.participation").first();
    await choice.waitFor();
    const widths = await choice.evaluate((el) => {
      const item = el.closest("li")!;
      const label = item.querySelector("label")!;
      return { choice: el.getBoundingClientRect().width, label: label.getBoundingClientRect().width, item: item.getBoundingClientRect().width };
    });
    // The session's label takes the item's width less the checkbox; the question under it must too.
    expect(widths.label).toBeGreaterThan(widths.item / 2);
    expect(widths.choice).toBeGreaterThanOrEqual(widths.label - 1);
  });
});
