// The back-office session forms for every format: adding a session to an in-person series asks for
// its venue (it used to fail with an empty problem list), and every problem the series-file
// validation returns for a session is shown on the page — next to its field, or in the summary.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportSeries } from "~/series-file/series-export.server";
import { parseSeriesFile } from "~/series-file/series-format.server";
import { readAccessFields, readSessionFields } from "~/utils/session-form";
import { startSignedIn } from "../helpers/admin";
import { decode, textOf } from "../helpers/html";
import { stopAll, type TestServer } from "../helpers/server";
import { importIntoServer, withServerDb } from "../helpers/server-db";
import { fileSession, seriesFile } from "../helpers/series-file";
import { type TestSmtp } from "../helpers/smtp";

const ADMIN = "admin@example.org";
const SLUG = "journee-en-presentiel";
let server: TestServer;
let smtp: TestSmtp;
let cookie: string;

beforeAll(async () => {
  ({ smtp, server, cookie } = await startSignedIn(ADMIN));
  const morning = fileSession(1, "Matinée", "2099-05-12T09:30", "2099-05-12T12:00", {
    slug: "rdv-1-matin",
    mode: "hybrid",
    capacity: 30,
    venue: { name: "Salle des fêtes", address: "2 place de la Mairie, 76000 Rouen" },
    access: { provider: "Zoom", joinUrl: "https://zoom.us/j/123" },
  });
  importIntoServer(server.databasePath, seriesFile({ slug: SLUG, title: "Journée en présentiel", mode: "in-person", sessions: [morning] }));
});
afterAll(() => stopAll(server, smtp));

async function post(url: string, fields: Record<string, string>) {
  const res = await fetch(server.url + url, { method: "POST", body: new URLSearchParams(fields), headers: { cookie }, redirect: "manual" });
  return { status: res.status, location: res.headers.get("location"), html: await res.text() };
}

const invalid = (html: string, id: string) => new RegExp(`<[^>]*id="${id}"[^>]*aria-invalid="true"|<[^>]*aria-invalid="true"[^>]*id="${id}"`).test(html);

describe("adding a session to an in-person series", () => {
  it("asks for the venue and its address, each message next to its field, then adds it", async () => {
    const page = await (await fetch(`${server.url}/admin/series/${SLUG}`, { headers: { cookie } })).text();
    for (const id of [
      "champ-sessionMode",
      "champ-sessionVenueName",
      "champ-sessionVenueAddress",
      "champ-sessionVenueAccessibility",
      "champ-sessionVenueContact",
      "champ-sessionRemoteCapacity",
    ])
      expect(page).toContain(`id="${id}"`);
    // The format defaults to the series' one.
    expect(page).toMatch(/<option value="in-person" selected="">/);

    const base = {
      intent: "add-session",
      sessionTitle: "Après-midi",
      sessionDate: "2099-05-12",
      sessionStart: "14:00",
      sessionEnd: "17:00",
      sessionMode: "in-person",
    };
    const noVenue = await post(`/admin/series/${SLUG}`, base);
    expect(noVenue.status).toBe(400);
    expect(textOf(noVenue.html)).toContain("est obligatoire pour une session en présentiel ou hybride");
    expect(invalid(noVenue.html, "champ-sessionVenueName")).toBe(true);
    expect(noVenue.html).toMatch(/href="#champ-sessionVenueName"/);
    expect(noVenue.html).toContain('value="Après-midi"');

    const noAddress = await post(`/admin/series/${SLUG}`, { ...base, sessionVenueName: "Salle des fêtes" });
    expect(noAddress.status).toBe(400);
    expect(invalid(noAddress.html, "champ-sessionVenueAddress")).toBe(true);
    expect(textOf(noAddress.html)).toMatch(/les inscrits la reçoivent deux jours avant/);

    const ok = await post(`/admin/series/${SLUG}`, {
      ...base,
      sessionVenueName: "Salle des fêtes",
      sessionVenueAddress: "2 place de la Mairie, 76000 Rouen",
      sessionVenueAccessibility: "De plain-pied",
      sessionVenueContact: "Accueil, 02 35 00 00 00",
    });
    expect(ok.status).toBe(302);
    expect(ok.location).toBe(`/admin/series/${SLUG}/sessions/2`);
    const session = await (await fetch(`${server.url}${ok.location}`, { headers: { cookie } })).text();
    expect(session).toMatch(/>De plain-pied<\/textarea>/);
    expect(session).toContain('value="Accueil, 02 35 00 00 00"');
  });
});

describe("the session form", () => {
  const valid: Record<string, string> = {
    intent: "session",
    title: "Matinée",
    date: "2099-05-12",
    start: "09:30",
    end: "12:00",
    mode: "hybrid",
    status: "published",
    capacity: "30",
    remoteCapacity: "",
    venueName: "Salle des fêtes",
    venueAddress: "2 place de la Mairie, 76000 Rouen",
    provider: "Zoom",
    joinUrl: "https://zoom.us/j/123",
  };
  const cases: [string, Record<string, string>][] = [
    ["an empty title", { title: "" }],
    ["an end before the start", { end: "09:00" }],
    ["a date that does not exist", { date: "2099-02-30" }],
    ["a capacity that is not a number", { capacity: "trente" }],
    ["a zero capacity", { capacity: "0" }],
    ["remote seats that are not a number", { remoteCapacity: "beaucoup" }],
    ["no venue for a hybrid session", { venueName: "", venueAddress: "" }],
    ["a venue without an address", { venueAddress: "" }],
    ["an address without a venue name", { venueName: "" }],
    ["a contact too long", { venueContact: "x".repeat(501) }],
    ["a join link that is not an address", { joinUrl: "pas une adresse" }],
    ["a dial-in line without a number", { dialIn: "France |" }],
    ["an unknown format", { mode: "sur la lune" }],
  ];

  it.each(cases)("shows every problem of %s on the page, next to its field or in the summary, values kept", async (_label, change) => {
    const fields = { ...valid, ...change };
    // What the series-file validation says about this session, computed here with the same reader.
    const file = withServerDb(server.databasePath, (db) => exportSeries(db, SLUG)!);
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    const session = file.sessions!.find((s) => s.number === 1)!;
    Object.assign(session, readSessionFields(form, { mode: "hybrid" }), { access: readAccessFields(form) });
    const parsed = parseSeriesFile(file);
    const expected = parsed.ok ? [] : parsed.problems;
    const res = await post(`/admin/series/${SLUG}/sessions/1`, fields);
    expect(res.status).toBe(400);
    const text = decode(textOf(res.html));
    expect(expected.length).toBeGreaterThan(0);
    for (const p of expected) expect(text, `${p.path}: ${p.message}`).toContain(decode(p.message).replace(/\u00a0/g, " "));
    // Nothing refused without a word: an error message or the summary is on the page.
    expect(res.html).toMatch(/class="field-error"|class="error-summary"/);
    for (const [k, v] of Object.entries(change)) if (v && k !== "mode" && k !== "dialIn") expect(decode(res.html), k).toContain(`value="${v}"`);
  });
});
