// Access codes never reach a public page: crawl every public route of the demo data — HTML, Remix
// single-fetch data requests, route-discovery manifests, calendar files and the JSON-LD inside pages —
// and look for every fake code of the demo series, and for the check-in codes of people registered on site.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SECRETS, DEMO_SLUG } from "../../db/seed/demo-series";
import { formatCode } from "~/check-in/check-in-codes.server";
import { register } from "~/registration/registrations.server";
import { participantInput } from "../helpers/people";
import { startServer, type TestServer } from "../helpers/server";
import { queryFile, withServerDb } from "../helpers/server-db";

let server: TestServer;
/** A certificate's verification code, issued in the demo data: public only on its own verification page, never linked. */
const CERTIFICATE_CODE = "ZZZZ9999ZZZZ";
/** Check-in codes of people registered on site at the demo's in-person and hybrid sessions (app/check-in/). */
let checkInCodes: string[] = [];

beforeAll(async () => {
  server = await startServer();
  checkInCodes = registerOnSite(server.databasePath);
  const { openDatabase } = await import("~/utils/db.server");
  const db = openDatabase(server.databasePath, { migrate: false });
  const at = "2026-01-01T00:00:00Z";
  const person = db.$client
    .prepare("insert into participants (email, first_name, last_name, data_consent_at) values ('attestee@example.org', 'Zoé', 'Attestée', ?)")
    .run(at).lastInsertRowid;
  const registration = db.$client
    .prepare(
      "insert into registrations (participant_id, session_id, status, attendance, created_at, updated_at) select ?, id, 'confirmed', 'present', ?, ? from sessions limit 1",
    )
    .run(person, at, at).lastInsertRowid;
  db.$client.prepare("insert into certificates (registration_id, code, issued_at) values (?, ?, ?)").run(registration, CERTIFICATE_CODE, at);
  db.$client.close();
});

function registerOnSite(databasePath: string): string[] {
  const ids = withServerDb(databasePath, (db) => {
    const series = queryFile<{ id: number }>(databasePath, "select id from series where slug = ?", DEMO_SLUG)[0];
    const sessions = queryFile<{ id: number }>(databasePath, "select id from sessions where series_id = ? and mode != 'online'", series.id);
    const r = register(db, {
      seriesId: series.id,
      sessionIds: sessions.map((s) => s.id),
      participant: participantInput("sur-place@example.org", "Camille", "Présente"),
      nowIso: new Date().toISOString(),
      participation: Object.fromEntries(sessions.map((s) => [s.id, "onsite"])),
    });
    return r.ok ? r.created.map((c) => c.registrationId) : [];
  });
  return ids.flatMap((id) => queryFile<{ code: string }>(databasePath, "select code from check_ins where registration_id = ?", id).map((c) => c.code));
}
afterAll(async () => {
  await server?.stop();
});

const secrets = [
  ...Object.values(DEMO_SECRETS),
  DEMO_SECRETS.meetingId.replace(/\s/g, ""),
  DEMO_SECRETS.hybridMeetingId.replace(/\s/g, ""),
  DEMO_SECRETS.dialIn.replace(/\s/g, ""),
  "98120554731",
  "RGVtb1NlY3JldDI2",
  CERTIFICATE_CODE,
  "ZZZZ-9999-ZZZZ",
];

function variants(body: string): string[] {
  // JSON and turbo-stream escape "/" in some places, and pages escape "&" or "+": look through both.
  return [body, body.replace(/\\\//g, "/").replace(/\\u002F/gi, "/"), body.replace(/&amp;/g, "&").replace(/&#x2B;/gi, "+")];
}

describe("codes are never public", () => {
  it("appear on no public route, in no format", async () => {
    const seen = new Set<string>();
    const queue = ["/", `/series/${DEMO_SLUG}`];
    const fetched: string[] = [];
    while (queue.length && seen.size < 300) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const res = await fetch(server.url + path);
      const body = await res.text();
      fetched.push(path);
      for (const v of variants(body))
        for (const secret of [...secrets, ...checkInCodes, ...checkInCodes.map(formatCode)]) expect(v.includes(secret), `${secret} in ${path}`).toBe(false);
      if (!(res.headers.get("content-type") ?? "").startsWith("text/html")) continue;
      expect(res.status, path).toBe(200);
      // Same-origin links to follow.
      for (const [, href] of body.matchAll(/href="(\/[^"#]*)"/g)) {
        const clean = href.replace(/&amp;/g, "&");
        if (!clean.startsWith("/assets/") && !seen.has(clean)) queue.push(clean);
      }
      // The single-fetch data request for this page (the route manifest is a static asset: no lazy discovery, ADR 020).
      const dataPath = path === "/" ? "/_root.data" : `${path.split("?")[0]}.data`;
      queue.push(dataPath);
    }
    // Every kind of public route was visited.
    expect(fetched).toEqual(
      expect.arrayContaining([
        "/",
        "/acteurs",
        `/series/${DEMO_SLUG}`,
        `/series/${DEMO_SLUG}.data`,
        `/series/${DEMO_SLUG}/calendar.ics`,
        `/series/${DEMO_SLUG}/sessions/rdv-2-ecouter-orienter`,
        `/series/${DEMO_SLUG}/sessions/rdv-2-ecouter-orienter.data`,
        `/series/${DEMO_SLUG}/sessions/rdv-2-ecouter-orienter/calendar.ics`,
        `/series/${DEMO_SLUG}/sessions/rdv-4-familles/calendar.ics`,
        "/series/rdv-sante-qpv-seine-maritime-2022/sessions/rdv-1-politiques-regionales",
        "/lettres",
      ]),
    );
    expect(fetched.length).toBeGreaterThan(30);
  });

  it("the crawl would notice a leak (the codes are really in the database)", async () => {
    // Guard against a test that passes because the secrets were never there.
    const { openDatabase } = await import("~/utils/db.server");
    const db = openDatabase(server.databasePath, { migrate: false });
    const rows = db.$client.prepare("select passcode, meeting_id, join_url from session_access").all() as any[];
    db.$client.close();
    expect(rows.map((r) => r.passcode)).toEqual(expect.arrayContaining([DEMO_SECRETS.passcode, DEMO_SECRETS.hybridPasscode]));
    expect(rows.map((r) => r.join_url)).toContain(DEMO_SECRETS.joinUrl);
    // And the check-in codes looked for are real ones, one per on-site registration.
    expect(checkInCodes.length).toBeGreaterThanOrEqual(2);
    for (const code of checkInCodes) expect(code).toMatch(/^[A-Z2-9]{8}$/);
  });
});
