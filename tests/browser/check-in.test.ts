// The check-in page in Chromium with JavaScript, on a 390 px phone: a tap marks a person present
// without reloading the page, the search filters as one types (accents ignored), axe finds nothing,
// nothing is wider than the screen; and the camera scan, with Chromium's fake camera playing a video
// of a real registrant's QR code (made by the app's own QR renderer), marks that person present.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkInQrPng } from "~/check-in/check-in-qr.server";
import { signIn } from "../helpers/admin";
import { expectNoAxeViolations, launchBrowser, mainText, waitForHydration } from "../helpers/browser";
import { DOOR_SLUG, doorState, setUpDoor, type DoorPerson } from "../helpers/door";
import { decodeQrPng, pngToY4m } from "../helpers/qr";
import { startServer, stopAll, type TestServer } from "../helpers/server";
import { startSmtp, type TestSmtp } from "../helpers/smtp";

const ADMIN = "accueil@example.org";
const PAGE = `/admin/series/${DOOR_SLUG}/accueil/1`;
let server: TestServer;
let smtp: TestSmtp;
let cookie: string;
let people: ReturnType<typeof setUpDoor>;
let dir: string;
let scanned: DoorPerson;
let phone: Browser;
let camera: Browser;

async function phoneContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const [name, value] = cookie.split("=");
  await context.addCookies([{ name, value, url: server.url }]);
  return context;
}

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({ SMTP_URL: smtp.url, ADMIN_EMAIL: ADMIN, RATE_LIMIT_PER_IP: "1000", RATE_LIMIT_PER_EMAIL: "1000" });
  cookie = await signIn(server, smtp, ADMIN);
  people = setUpDoor(server.databasePath);
  // The person whose QR the camera shows: one whose symbol a frame-searching reader finds in Node
  // (a few percent of perfectly sharp synthetic symbols defeat zxing's finder-pattern search).
  scanned = [people.marie, people.helene].find((p) => {
    try {
      return decodeQrPng(checkInQrPng(p.code), { pure: false }) === p.code;
    } catch {
      return false;
    }
  })!;
  dir = mkdtempSync(path.join(tmpdir(), "rdv-camera-"));
  const video = path.join(dir, "qr.y4m");
  writeFileSync(video, pngToY4m(checkInQrPng(scanned.code), { width: 640, height: 480, scale: 1, frames: 5 }));
  [phone, camera] = await Promise.all([
    launchBrowser(),
    launchBrowser(["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", `--use-file-for-fake-video-capture=${video}`]),
  ]);
}, 120_000);
afterAll(async () => {
  await stopAll(phone, camera, server, smtp);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the check-in page with JavaScript, on a phone", () => {
  it("marks present in one tap without reloading, filters as one types, axe 0, nothing wider than 390 px", async () => {
    const context = await phoneContext(phone);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(server.url + PAGE);
    await waitForHydration(page);
    expect(await mainText(page)).toContain("0 présent·e sur 3 inscrit·es sur place");
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

    await page.getByRole("button", { name: "Présent·e — Zoé Martin" }).tap();
    await page.getByText("Zoé Martin est enregistré·e présent·e").waitFor();
    await page
      .locator("li", { hasText: "Zoé Martin" })
      .getByText(/Présent·e depuis/)
      .waitFor();
    await page.getByText("1 présent·e sur 3 inscrit·es sur place").waitFor();
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(doorState(server.databasePath, people.zoe.registrationId).attendance).toBe("present");

    await page.locator("#recherche").fill("HELENE");
    await page.getByText("2 personnes pour").waitFor();
    expect(await page.locator(".door-list li").allInnerTexts()).toEqual([
      expect.stringContaining("Hélène Dupont"),
      expect.stringContaining("Marie-Hélène N’Diaye"),
    ]);

    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectNoAxeViolations(page);
    await context.close();
  });

  it("scans a registrant's QR code with the camera and marks them present", async () => {
    const context = await phoneContext(camera);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(server.url + PAGE);
    await waitForHydration(page);
    await page.getByRole("button", { name: "Ouvrir la caméra" }).tap();
    await page.getByText(`${scanned.name} est enregistré·e présent·e`).waitFor();
    expect(doorState(server.databasePath, scanned.registrationId).attendance).toBe("present");
    await page
      .locator("li", { hasText: scanned.name })
      .getByText(/Présent·e depuis/)
      .waitFor();
    await page.getByRole("button", { name: "Arrêter la caméra" }).tap();
    await context.close();
  });
});
