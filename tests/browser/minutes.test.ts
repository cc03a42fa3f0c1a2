// A compte rendu and the « consentement à figurer » in Chromium: the public minutes page, the
// registrants-only one and the personal space, at 390 px and on a desktop, without axe violations or
// sideways scrolling; the consent withdrawn with one click (JavaScript on).
import { DateTime } from "luxon";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPersonalLink } from "~/registration/participants.server";
import { axeFailuresOn, contextsClosedAfterEach, waitForHydration } from "../helpers/browser";
import { startBrowserSuite } from "../helpers/browser-suite";
import { importIntoServer, queryFile, runFile, withServerDb } from "../helpers/server-db";
import { fileSession, seriesFile } from "../helpers/series-file";
import { stopAll, type TestServer } from "../helpers/server";
import type { TestSmtp } from "../helpers/smtp";

let server: TestServer;
let smtp: TestSmtp;
let browser: Browser;
let token: string;
const ids: Record<string, number> = {};
const newContext = contextsClosedAfterEach(() => browser);
const when = DateTime.now().setZone("Europe/Paris").plus({ days: 20 }).toFormat("yyyy-MM-dd");

beforeAll(async () => {
  ({ smtp, server, browser } = await startBrowserSuite({ RATE_LIMIT_PER_IP: "1000", RATE_LIMIT_PER_EMAIL: "1000" }));
  importIntoServer(
    server.databasePath,
    seriesFile({
      slug: "restitution-navigateur",
      title: "Diagnostic local de santé — restitution",
      sessions: [fileSession(1, "Restitution du diagnostic", `${when}T14:00`, `${when}T16:00`)],
      resources: [
        { key: "cr-public", type: "minutes", title: "Compte rendu public", session: 1, description: "Priorités retenues." },
        { key: "cr-inscrits", type: "minutes", title: "Compte rendu réservé", session: 1, visibility: "registrants", description: "Détail." },
      ],
    }),
  );
  const [session] = queryFile<{ id: number }>(
    server.databasePath,
    "select s.id from sessions s join series x on x.id = s.series_id where x.slug = 'restitution-navigateur'",
  );
  for (const [email, last, minutes] of [
    ["anne@example.org", "Structure-de-très-longue-dénomination-sans-espace-aucune", true],
    ["bruno@example.org", "Martin", false],
  ] as const) {
    const body = new URLSearchParams({
      firstName: "Anne",
      lastName: last,
      email,
      organisation: "Agence régionale de santé Auvergne-Rhône-Alpes",
      consent: "oui",
      sessions: String(session.id),
    });
    if (minutes) body.set("minutes", "oui");
    expect((await fetch(`${server.url}/series/restitution-navigateur/inscription`, { method: "POST", body, redirect: "manual" })).status).toBe(303);
  }
  runFile(server.databasePath, "update registrations set attendance = 'present'");
  for (const { id, key } of queryFile<{ id: number; key: string }>(server.databasePath, "select id, key from resources where key like 'cr-%'")) ids[key] = id;
  const [anne] = queryFile<{ id: number }>(server.databasePath, "select id from participants where email = 'anne@example.org'");
  token = withServerDb(server.databasePath, (db) => createPersonalLink(db, anne.id, new Date().toISOString()));
}, 120_000);
afterAll(() => stopAll(browser, server, smtp));

describe("minutes in a browser", () => {
  for (const width of [390, 1280]) {
    it(`pass axe and never scroll sideways at ${width} px`, async () => {
      const page = await (await newContext({ viewport: { width, height: 900 } })).newPage();
      const paths = [`/ressources/${ids["cr-public"]}`, `/moi/${token}/ressources/${ids["cr-inscrits"]}`, `/moi/${token}`];
      expect(await axeFailuresOn(page, server.url, paths)).toBe("");
      for (const path of paths) {
        await page.goto(server.url + path);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), path).toBe(true);
      }
    });
  }

  it("withdraws the consent from the personal space in one click", async () => {
    const page = await (await newContext()).newPage();
    await page.goto(`${server.url}/moi/${token}`);
    await waitForHydration(page);
    await page.getByRole("button", { name: "Ne plus figurer dans les comptes rendus publiés" }).click();
    await page.getByText("votre nom ne figurera plus dans les comptes rendus publiés").waitFor();
    await page.getByRole("button", { name: "Accepter de figurer dans les comptes rendus publiés" }).waitFor();
    await page.goto(`${server.url}/ressources/${ids["cr-public"]}`);
    await expect(page.locator("#presences").locator("..").innerText()).resolves.toMatch(/Présent·es \(2\)\s+2\s+personnes/);
  });
});
