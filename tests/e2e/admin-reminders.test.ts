// The back-office reminders page (/admin/series/<slug>/rappels) through the production server, with
// plain form posts (no JavaScript): add a reminder, wrong input answered field by field with the
// values kept, the next sending shown in the series' zone, turn off and on, edit, delete; every
// change saved through the series file (export shows it) and written to the audit log.
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { exportSeries } from "~/series-file/series-export.server";
import type { AppDatabase } from "~/utils/db.server";
import { startSignedIn } from "../helpers/admin";
import { textOf } from "../helpers/html";
import { type TestServer } from "../helpers/server";
import { importIntoServer, withServerDb } from "../helpers/server-db";
import { fileSession, seriesFile } from "../helpers/series-file";
import { type TestSmtp } from "../helpers/smtp";
import { typographyProblems, visibleText } from "../helpers/typography";

const ADMIN = "admin@example.org";
const SLUG = "serie-avec-rappels";
const PAGE = `/admin/series/${SLUG}/rappels`;
let server: TestServer;
let smtp: TestSmtp;
let cookie: string;

/** Reads the server's database in a short-lived connection. */
const withDb = <T>(read: (db: AppDatabase) => T): T => withServerDb(server.databasePath, read);

beforeAll(async () => {
  ({ smtp, server, cookie } = await startSignedIn(ADMIN));
  // Tuesday 12 May 2099, 09:30 in Paris (summer time).
  const sessions = [fileSession(1, "Matinée", "2099-05-12T09:30", "2099-05-12T12:00", { slug: "rdv-1", mode: "online" })];
  importIntoServer(server.databasePath, seriesFile({ slug: SLUG, title: "Série avec rappels", sessions }));
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

async function get(url = PAGE) {
  const res = await fetch(server.url + url, { headers: { cookie } });
  return { status: res.status, html: await res.text() };
}
async function post(fields: Record<string, string>) {
  const res = await fetch(server.url + PAGE, { method: "POST", body: new URLSearchParams(fields), headers: { cookie }, redirect: "manual" });
  return { status: res.status, location: res.headers.get("location"), html: await res.text() };
}
const invalid = (html: string, id: string) => new RegExp(`<[^>]*id="${id}"[^>]*aria-invalid="true"|<[^>]*aria-invalid="true"[^>]*id="${id}"`).test(html);
/** The control `id` names its error message in aria-describedby, and the message says `text`. */
const describedError = (html: string, name: string, text: RegExp) => {
  const control = html.match(new RegExp(`<(?:input|select|textarea)[^>]*id="champ-${name}"[^>]*>`))?.[0] ?? "";
  expect(control, name).toMatch(new RegExp(`aria-describedby="[^"]*erreur-${name}`));
  const message = html.match(new RegExp(`<p class="field-error" id="erreur-${name}">([\\s\\S]*?)</p>`))?.[1] ?? "";
  expect(textOf(message), name).toMatch(text);
};
const reminders = () => withDb((db) => exportSeries(db, SLUG)!.reminders ?? []);
const lastAudit = () => withDb((db) => db.select().from(t.auditLog).where(eq(t.auditLog.entityId, SLUG)).orderBy(desc(t.auditLog.id)).limit(1).get());

const EVE = {
  intent: "reminder",
  rTiming: "days-before",
  rDays: "1",
  rAt: "18:00",
  rMessage: "À demain !\n\nLe support : https://example.org/doc",
  rEnabled: "oui",
};

describe("the reminders page", () => {
  it("is linked from the series page, and says when there are none", async () => {
    expect((await get(`/admin/series/${SLUG}`)).html).toContain(`href="${PAGE}"`);
    const page = await get();
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain("Aucun rappel pour l’instant.");
    for (const id of ["champ-rTiming", "champ-rDays", "champ-rAt", "champ-rMinutes", "champ-rMessage", "champ-rEnabled"])
      expect(page.html).toContain(`id="${id}"`);
  });

  it("answers wrong input next to each field, keeps what was typed, and saves nothing", async () => {
    const bad = await post({ ...EVE, rDays: "la veille", rAt: "25:00", rMessage: "Texte gardé <b>tel quel</b>" });
    expect(bad.status).toBe(400);
    expect(invalid(bad.html, "champ-rDays")).toBe(true);
    expect(invalid(bad.html, "champ-rAt")).toBe(true);
    expect(invalid(bad.html, "champ-rMinutes")).toBe(false);
    describedError(bad.html, "rDays", /doit être un nombre/);
    describedError(bad.html, "rAt", /doit être une heure au format HH:mm/);
    expect(bad.html).toMatch(/href="#champ-rDays"/);
    expect(bad.html).toContain('value="la veille"');
    expect(bad.html).toContain('value="25:00"');
    expect(bad.html).toContain(">Texte gardé &lt;b&gt;tel quel&lt;/b&gt;</textarea>");
    expect(bad.html).not.toContain("<b>tel quel</b>");

    const missing = await post({ intent: "reminder", rTiming: "minutes-before", rMinutes: "", rEnabled: "oui" });
    expect(missing.status).toBe(400);
    describedError(missing.html, "rMinutes", /est obligatoire pour un rappel « minutes avant le début »/);
    expect(missing.html).toMatch(/<option value="minutes-before" selected="">/);
    // The messages of a refused form keep French typography too (the crawl of tests/e2e/typography.test.ts sees pages, not errors).
    for (const page of [bad, missing]) expect(typographyProblems(visibleText(page.html), "rappels en erreur")).toEqual([]);

    const tooFar = await post({ intent: "reminder", rTiming: "minutes-before", rMinutes: "20000", rMessage: "x".repeat(5001) });
    expect(tooFar.status).toBe(400);
    describedError(tooFar.html, "rMinutes", /doit être inférieur ou égal à 10080/);
    describedError(tooFar.html, "rMessage", /ne doit pas dépasser 5000 caractères/);
    // Unticked, it stays unticked.
    expect(tooFar.html).not.toMatch(/id="champ-rEnabled"[^>]*checked/);
    expect(reminders()).toEqual([]);
  });

  it("adds a reminder and shows its next sending in the series' zone, then an hour-before one", async () => {
    const added = await post(EVE);
    expect(added.status).toBe(302);
    expect(added.location).toBe(`${PAGE}?etat=enregistre`);
    expect(reminders()).toEqual([
      { key: "rappel", enabled: true, timing: "days-before", days: 1, at: "18:00", message: "À demain\u00a0!\n\nLe support\u00a0: https://example.org/doc" },
    ]);
    expect(lastAudit()).toMatchObject({ action: "update", entity: "series", detail: { part: "reminder", key: "rappel" } });
    // The day before, Monday 11 May 2099, at 18:00 Paris time.
    const page = textOf((await get(added.location!)).html);
    expect(page).toContain("Rappel enregistré.");
    expect(page).toContain("La veille à 18 h");
    expect(page).toContain("Prochain envoi : lundi 11 mai 2099 à 18 h (RDV n° 1).");

    expect((await post({ intent: "reminder", rTiming: "minutes-before", rMinutes: "90", rEnabled: "oui" })).status).toBe(302);
    const both = textOf((await get()).html);
    expect(both).toContain("1 h 30 avant le début");
    expect(both).toContain("Prochain envoi : mardi 12 mai 2099 à 8 h (RDV n° 1).");
    expect(reminders().map((r) => r.key)).toEqual(["rappel", "rappel-2"]);
  });

  it("turns a reminder off and on again", async () => {
    const off = await post({ intent: "reminder-toggle", key: "rappel-2" });
    expect(off.status).toBe(302);
    expect(reminders()[1].enabled).toBe(false);
    const page = textOf((await get()).html);
    expect(page).toContain("Aucun envoi : rappel désactivé.");
    expect(page).toMatch(/1 h 30 avant le début \(désactivé\)/);
    expect(lastAudit()).toMatchObject({ detail: { part: "reminder-toggle", key: "rappel-2" } });
    expect((await post({ intent: "reminder-toggle", key: "rappel-2" })).status).toBe(302);
    expect(reminders()[1].enabled).toBe(true);
  });

  it("edits a reminder in place: its form is filled, wrong input is answered, the key stays", async () => {
    const form = (await get(`${PAGE}?modifier=rappel`)).html;
    expect(form).toContain('name="key" value="rappel"');
    expect(form).toContain('value="18:00"');
    expect(form).toContain(">À demain\u00a0!\n\nLe support\u00a0: https://example.org/doc</textarea>");
    const bad = await post({ ...EVE, key: "rappel", rAt: "" });
    expect(bad.status).toBe(400);
    describedError(bad.html, "rAt", /est obligatoire pour un rappel « jours avant, à une heure »/);
    expect(bad.html).toContain('name="key" value="rappel"');
    const ok = await post({ ...EVE, key: "rappel", rDays: "2", rAt: "09:00", rMessage: "Dans deux jours." });
    expect(ok.status).toBe(302);
    expect(reminders()[0]).toEqual({ key: "rappel", enabled: true, timing: "days-before", days: 2, at: "09:00", message: "Dans deux jours." });
    expect(textOf((await get()).html)).toContain("Prochain envoi : dimanche 10 mai 2099 à 9 h (RDV n° 1).");
  });

  it("deletes a reminder", async () => {
    const removed = await post({ intent: "reminder-remove", key: "rappel" });
    expect(removed.status).toBe(302);
    expect(removed.location).toBe(`${PAGE}?etat=supprime`);
    expect(reminders().map((r) => r.key)).toEqual(["rappel-2"]);
    expect(lastAudit()).toMatchObject({ detail: { part: "reminder-remove", key: "rappel" } });
    expect(textOf((await get(removed.location!)).html)).toContain("Rappel supprimé.");
    const gone = await post({ intent: "reminder-remove", key: "rappel" });
    expect(gone.status).toBe(400);
    expect(textOf(gone.html)).toContain("ce rappel n’existe plus ; rechargez la page");
  });
});
