// The back-office on a phone (390 px) and on a desktop (1280 px): on every admin page, with the demo
// series plus long names, e-mail addresses and URLs, the page never scrolls sideways as a whole (a wide
// table scrolls inside its own labelled, focusable region) and axe finds no violation. The page list
// is checked against the server build's route table, so a new admin page cannot be left out.
import Database from "better-sqlite3";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SLUG } from "../../db/seed/demo-series";
import { signIn } from "../helpers/admin";
import { expectNoAxeViolations, tabUntil, waitForHydration } from "../helpers/browser";
import { appRoutes } from "../helpers/routes";
import { startServer, stopAll, type TestServer } from "../helpers/server";
import { startBrowserSuite } from "../helpers/browser-suite";
import type { TestSmtp } from "../helpers/smtp";

const WIDTHS = [390, 1280] as const;
// Realistic worst cases: addresses and links with no place to break, long structure names.
const LONG_EMAIL = (i: number) => `marie-helene.ndiaye-lefebvre-${i}@centre-hospitalier-intercommunal-eure-seine-psychiatrie.example.org`;
const LONG_ORG = "Centre hospitalier intercommunal Eure-Seine — pôle de psychiatrie infanto-juvénile et périnatale";
const LONG_TERRITORY = "Communauté d’agglomération Évreux Portes de Normandie (quartiers prioritaires de la politique de la ville)";
// The signed-in organiser's own address is shown in the navigation.
const ADMIN = LONG_EMAIL(0).replace("marie-helene", "orga");
const LONG_URL =
  "https://www.santepubliquefrance.fr/maladies-et-traumatismes/sante-mentale/documents/rapport-synthese/sante-mentale-des-jeunes-en-normandie-2024";

let server: TestServer;
let smtp: TestSmtp;
let browser: Browser;
let cookie: string;
let resourceId: number;
let messageId: number;
let presentRegistration: number;

function withDb<T>(s: TestServer, fn: (db: Database.Database) => T): T {
  const db = new Database(s.databasePath);
  db.pragma("busy_timeout = 5000");
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Long names everywhere a table shows them: registrants (with attendance), emails, actors, a resource link, an organiser, the audit log. */
function addWideData() {
  withDb(server, (db) =>
    db.transaction(() => {
      const sessions = db
        .prepare("select s.id, s.number from sessions s join series x on x.id = s.series_id where x.slug = ? order by s.number")
        .all(DEMO_SLUG) as { id: number; number: number }[];
      const person = db.prepare(
        "insert into participants (email, first_name, last_name, organisation, job_title, structure_type, territory, data_consent_at) values (?, 'Marie-Hélène', ?, ?, 'Infirmière coordinatrice du dispositif de soins partagés', 'sante', ?, '2026-01-05T09:00:00Z')",
      );
      const registration = db.prepare(
        "insert into registrations (participant_id, session_id, status, confirmed_at, attendance, created_at, updated_at) values (?, ?, 'confirmed', '2026-01-05T09:00:00Z', ?, '2026-01-05T09:00:00Z', '2026-01-05T09:00:00Z')",
      );
      const mail = db.prepare(
        "insert into outbox (kind, dedupe_key, to_address, session_id, payload, due_at, next_attempt_at, status, last_error) values ('access-codes', ?, ?, ?, '{}', '2026-01-05T09:00:00Z', '2026-01-05T09:00:00Z', 'failed', ?)",
      );
      for (let i = 0; i < 6; i++) {
        const id = Number(person.run(LONG_EMAIL(i), `N'Diaye-Lefebvre de la Fontaine-Saint-Aubin ${i}`, LONG_ORG, LONG_TERRITORY).lastInsertRowid);
        for (const s of sessions.slice(0, 2)) registration.run(id, s.id, s.number === 1 ? "present" : null);
        mail.run(
          `test-wide:${i}`,
          LONG_EMAIL(i),
          sessions[1].id,
          `550 5.1.1 <${LONG_EMAIL(i)}>: Recipient address rejected: User unknown in virtual mailbox table`,
        );
      }
      // Enough settled messages for two pages of the email log.
      const settled = db.prepare(
        "insert into outbox (kind, dedupe_key, to_address, payload, due_at, next_attempt_at, status, last_error) values ('personal-link', ?, ?, '{}', '2026-01-04T09:00:00Z', '2026-01-04T09:00:00Z', 'cancelled', 'test')",
      );
      for (let i = 0; i < 60; i++) settled.run(`test-settled:${i}`, LONG_EMAIL(100 + i));
      db.prepare("update organisations set email = ?, website = ? where key = 'demo-maison-des-adolescents-27'").run(LONG_EMAIL(99), LONG_URL);
      db.prepare("update resources set url = ? where key = 'rdv-1-bibliographie'").run(LONG_URL);
      db.prepare("insert into organisers (email, name, role) values (?, 'Marie-Hélène N''Diaye-Lefebvre de la Fontaine', 'editor')").run(LONG_EMAIL(42));
      db.prepare(
        "insert into series_members (organiser_id, series_id, role) select o.id, s.id, 'organiser' from organisers o, series s where o.email = ? and s.slug = ?",
      ).run(LONG_EMAIL(42), DEMO_SLUG);
      db.prepare("insert into audit_log (action, entity, entity_id, detail) values ('update', 'resource', ?, ?)").run(
        LONG_URL,
        JSON.stringify({ url: LONG_URL, to: LONG_EMAIL(7) }),
      );
      resourceId = (db.prepare("select id from resources where key = 'rdv-1-bibliographie'").get() as { id: number }).id;
      // Attendance certificates on, with a long signatory title and organisation: the attendance page lists one per présent·e.
      db.prepare(
        "insert into certificate_settings (series_id, enabled, signatory_name, signatory_title, organisation_name) select id, 1, 'Marie-Hélène N''Diaye-Lefebvre', ?, ? from series where slug = ?",
      ).run(`Directrice du ${LONG_ORG}`, LONG_ORG, DEMO_SLUG);
      presentRegistration = (db.prepare("select id from registrations where attendance = 'present' order by id limit 1").get() as { id: number }).id;
      // A scheduled message to registrants with a long subject and a long link.
      messageId = Number(
        db
          .prepare(
            "insert into registrant_messages (series_id, subject, body, audience, status, send_at) select id, ?, ?, '[\"confirmed\",\"present\"]', 'scheduled', '2099-01-05T09:00:00Z' from series where slug = ?",
          )
          .run(`Informations pratiques ${LONG_ORG}`, `Le plan d’accès : ${LONG_URL}`, DEMO_SLUG).lastInsertRowid,
      );
    })(),
  );
}

beforeAll(async () => {
  ({ smtp, server, browser } = await startBrowserSuite({ ADMIN_EMAIL: ADMIN, RATE_LIMIT_PER_IP: "1000", RATE_LIMIT_PER_EMAIL: "1000" }));
  cookie = await signIn(server, smtp, ADMIN);
  addWideData();
}, 120_000);
afterAll(() => stopAll(browser, server, smtp));

/** Every admin page, by route id: a route with a view and no page here fails the coverage test. */
const PAGES: Record<string, () => string[]> = {
  "routes/admin/dashboard": () => ["/admin"],
  "routes/admin/series-list": () => ["/admin/series"],
  "routes/admin/series-import": () => ["/admin/series/importer"],
  "routes/admin/series/overview": () => [`/admin/series/${DEMO_SLUG}`],
  "routes/admin/series/actors": () => [`/admin/series/${DEMO_SLUG}/acteurs`, `/admin/series/${DEMO_SLUG}/acteurs?modifier=o:demo-maison-des-adolescents-27`],
  "routes/admin/series/session-editor": () => [`/admin/series/${DEMO_SLUG}/sessions/2`],
  "routes/admin/series/programme-item": () => [`/admin/series/${DEMO_SLUG}/sessions/2/programme/1`, `/admin/series/${DEMO_SLUG}/sessions/2/programme/nouveau`],
  "routes/admin/series/survey-editor": () => [`/admin/series/${DEMO_SLUG}/sessions/2/questionnaire`],
  "routes/admin/series/registrants": () => [`/admin/series/${DEMO_SLUG}/inscrits`],
  "routes/admin/series/attendance": () => [`/admin/series/${DEMO_SLUG}/presence/1`],
  "routes/admin/series/certificates": () => [`/admin/series/${DEMO_SLUG}/attestations`],
  "routes/admin/series/certificate": () => [`/admin/series/${DEMO_SLUG}/attestations/${presentRegistration}`],
  "routes/admin/series/check-in": () => [`/admin/series/${DEMO_SLUG}/accueil/3`],
  "routes/admin/series/questions": () => [`/admin/series/${DEMO_SLUG}/questions`, `/admin/series/${DEMO_SLUG}/questions?modifier=connu-par`],
  "routes/admin/series/resources": () => [`/admin/series/${DEMO_SLUG}/ressources`],
  "routes/admin/series/resource-editor": () => [`/admin/series/${DEMO_SLUG}/ressources/${resourceId}`],
  "routes/admin/series/report": () => [`/admin/series/${DEMO_SLUG}/bilan`],
  "routes/admin/series/reminders": () => [`/admin/series/${DEMO_SLUG}/rappels`, `/admin/series/${DEMO_SLUG}/rappels?modifier=veille`],
  "routes/admin/series/messages": () => [`/admin/series/${DEMO_SLUG}/messages`],
  "routes/admin/series/team": () => [`/admin/series/${DEMO_SLUG}/equipe`],
  "routes/admin/series/message-editor": () => [`/admin/series/${DEMO_SLUG}/messages/nouveau`, `/admin/series/${DEMO_SLUG}/messages/${messageId}`],
  "routes/admin/emails": () => ["/admin/emails", "/admin/emails?page=2", "/admin/emails?statut=failed"],
  "routes/admin/email-previews": () => ["/admin/emails/apercu"],
  "routes/admin/accounts": () => ["/admin/organisateurs"],
  "routes/admin/audit-log": () => ["/admin/journal"],
  "routes/admin/newsletter": () => ["/admin/lettre"],
  // Signed out: the sign-in form and the page of an emailed link (any token shows its button).
  "routes/admin/sign-in": () => ["/admin/connexion"],
  "routes/admin/sign-in-link": () => [`/admin/connexion/${"x".repeat(32)}`],
};
const SIGNED_OUT = new Set(["routes/admin/sign-in", "routes/admin/sign-in-link"]);

/**
 * What makes the page wider than the viewport, to name the culprit when it scrolls sideways: the elements
 * that cross the right edge unclipped while their parent does not. An element inside a scrolling region
 * is clipped by it, unless it is positioned against something outside the region (then it escapes).
 */
async function overflowReport(page: Page): Promise<{ scrollWidth: number; innerWidth: number; culprits: string[] }> {
  return page.evaluate(() => {
    const edge = window.innerWidth + 0.5;
    const scrolls = (el: Element) => ["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(el).overflowX);
    const clipped = (el: Element) => {
      const position = getComputedStyle(el).position;
      const containingBlock = (el as HTMLElement).offsetParent;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (!scrolls(a)) continue;
        if (position === "fixed") return false;
        if (position !== "absolute" || (containingBlock && a.contains(containingBlock))) return true;
      }
      return false;
    };
    const sticksOut = (el: Element) => el.getBoundingClientRect().right > edge && !clipped(el);
    const culprits = Array.from(document.body.querySelectorAll("*"))
      .filter((el) => sticksOut(el) && !(el.parentElement && el.parentElement !== document.body && sticksOut(el.parentElement)))
      .map((el) => {
        const cls = typeof el.className === "string" && el.className.trim() ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
        return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${cls} (right ${Math.round(el.getBoundingClientRect().right)} px: "${(el.textContent ?? "").trim().slice(0, 40)}")`;
      });
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, culprits: culprits.slice(0, 12) };
  });
}

/** Tables of the page that are not inside a labelled, focusable scrolling region. */
async function unwrappedTables(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll("main table")).flatMap((table, i) => {
      const region = table.parentElement;
      const ok = region?.matches('div.table-scroll[role="region"][tabindex="0"]') && (region.getAttribute("aria-label") ?? "").trim() !== "";
      return ok ? [] : [`table ${i + 1} (${table.querySelector("caption")?.textContent ?? table.id ?? "no caption"})`];
    }),
  );
}

/** No sideways page scroll, every table in a labelled focusable region, no axe violation. */
async function expectFitsAndAccessible(page: Page, path: string, width: number) {
  const report = await overflowReport(page);
  expect(report.scrollWidth, `${path} at ${width} px scrolls sideways; sticking out: ${report.culprits.join(", ")}`).toBeLessThanOrEqual(report.innerWidth);
  expect(await unwrappedTables(page), `${path}: tables outside a labelled focusable region`).toEqual([]);
  await expectNoAxeViolations(page);
}

describe("admin page list", () => {
  it("covers every admin route that renders a page", async () => {
    // The layout (routes/admin) frames the others; it is not a page of its own.
    const views = (await appRoutes()).filter((r) => r.id.startsWith("routes/admin/") && r.id !== "routes/admin/layout" && r.hasView).map((r) => r.id);
    expect(views.length).toBeGreaterThan(10);
    expect(Object.keys(PAGES).sort()).toEqual(views.sort());
  });
});

for (const width of WIDTHS) {
  describe(`at ${width} px`, () => {
    let context: BrowserContext;
    let page: Page;
    let anonymous: Page;
    beforeAll(async () => {
      context = await browser.newContext({ viewport: { width, height: 844 } });
      const [name, value] = cookie.split("=");
      await context.addCookies([{ name, value, url: server.url }]);
      page = await context.newPage();
      page.setDefaultTimeout(30_000);
      anonymous = await (await browser.newContext({ viewport: { width, height: 844 } })).newPage();
    });
    afterAll(async () => {
      await anonymous?.context().close();
      await context?.close();
    });

    const cases = Object.entries(PAGES).map(([id, paths]) => [id.replace(/^routes\//, ""), id, paths] as const);
    it.each(cases)(
      "%s: no sideways page scroll, tables in focusable regions, no axe violation",
      async (_label, id, paths) => {
        const p = SIGNED_OUT.has(id) ? anonymous : page;
        for (const path of paths()) {
          const res = await p.goto(server.url + path);
          expect(res?.status(), path).toBe(200);
          if (!SIGNED_OUT.has(id)) expect(p.url(), path).not.toContain("/admin/connexion");
          await expectFitsAndAccessible(p, path, width);
        }
      },
      120_000,
    );
  });
}

/** The email log at 390 px, signed in as the administrator. */
async function emailLogOnPhone(options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, ...options });
  const [name, value] = cookie.split("=");
  await context.addCookies([{ name, value, url: server.url }]);
  const page = await context.newPage();
  await page.goto(`${server.url}/admin/emails`);
  return { context, page };
}

describe("a wide table on a phone", () => {
  it("scrolls inside its region, which takes keyboard focus with a visible outline", async () => {
    const { context, page } = await emailLogOnPhone();
    await tabUntil(page, ".table-scroll");
    const region = page.locator(".table-scroll:focus");
    expect(await region.getAttribute("role")).toBe("region");
    expect(await region.getAttribute("aria-label")).toMatch(/\S/);
    const box = await region.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
    expect(box.scrollWidth, "the email log is wider than a phone: it must scroll in its region").toBeGreaterThan(box.clientWidth);
    expect(await region.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe("none");
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => (document.activeElement?.scrollLeft ?? 0) > 0);
    await context.close();
  }, 60_000);
});

describe("the email log without JavaScript", () => {
  it("filters with its GET form and pages with links that keep the filter", async () => {
    const { context, page } = await emailLogOnPhone({ javaScriptEnabled: false });
    await page.locator("#filtre-statut").selectOption("cancelled");
    await Promise.all([page.waitForURL(/statut=cancelled/), page.getByRole("button", { name: "Filtrer" }).click()]);
    const nav = page.getByRole("navigation", { name: "Pagination" });
    await nav.getByText("Page 1 sur 2").waitFor();
    await Promise.all([page.waitForURL(/page=2/), nav.getByRole("link", { name: "Page suivante" }).click()]);
    expect(new URL(page.url()).searchParams.get("statut")).toBe("cancelled");
    await nav.getByText("Page 2 sur 2").waitFor();
    expect(await page.locator("tbody tr").count()).toBe(10);
    await Promise.all([page.waitForURL((u) => !u.searchParams.has("page")), nav.getByRole("link", { name: "Page précédente" }).click()]);
    expect(new URL(page.url()).searchParams.get("statut")).toBe("cancelled");
    expect(await page.locator("tbody tr").count()).toBe(50);
    await context.close();
  }, 60_000);
});

describe("the email log with JavaScript", () => {
  it("shows the filters of the list shown after Back and Forward (no reload)", async () => {
    const { context, page } = await emailLogOnPhone();
    await waitForHydration(page);
    await page.locator("#filtre-statut").selectOption("cancelled");
    await Promise.all([page.waitForURL(/statut=cancelled/), page.getByRole("button", { name: "Filtrer" }).click()]);
    await page.getByRole("navigation", { name: "Pagination" }).getByText("Page 1 sur 2").waitFor();
    const statusShown = () => page.locator("#filtre-statut").inputValue();
    await page.goBack();
    await page.waitForURL(`${server.url}/admin/emails`);
    await expect.poll(statusShown, { timeout: 10_000 }).toBe("");
    await page.goForward();
    await page.waitForURL(/statut=cancelled/);
    await expect.poll(statusShown, { timeout: 10_000 }).toBe("cancelled");
    await context.close();
  }, 60_000);
});

describe("the development mailbox on a phone (no SMTP_URL)", () => {
  let dev: TestServer;
  beforeAll(async () => {
    dev = await startServer({ ADMIN_EMAIL: ADMIN });
  }, 60_000);
  afterAll(async () => {
    await dev?.stop();
  });

  it.each(WIDTHS)(
    "shows an opened message (long link in its text) without sideways scroll or axe violation at %i px",
    async (width) => {
      // Signing in through the link kept in the development mailbox: the message to open then.
      const newest = () =>
        withDb(
          dev,
          (db) => db.prepare("select id, text from dev_mailbox where to_address = ? order by id desc").get(ADMIN) as { id: number; text: string } | undefined,
        );
      const before = newest()?.id ?? 0;
      const asked = await fetch(`${dev.url}/admin/connexion`, { method: "POST", body: new URLSearchParams({ email: ADMIN }) });
      expect(asked.status).toBe(200);
      await expect.poll(() => newest()?.id ?? 0, { timeout: 15_000, interval: 50 }).toBeGreaterThan(before);
      const mail = newest()!;
      const context = await browser.newContext({ viewport: { width, height: 844 } });
      const page = await context.newPage();
      await page.goto(dev.url + mail.text.match(/\/admin\/connexion\/[\w-]+/)![0]);
      await page.getByRole("button", { name: "Me connecter" }).click();
      await page.waitForURL(`${dev.url}/admin`);
      const path = `/admin/emails?message=${mail.id}`;
      await page.goto(dev.url + path);
      await page.locator("#message-titre").waitFor();
      await expectFitsAndAccessible(page, path, width);
      await context.close();
    },
    60_000,
  );
});
