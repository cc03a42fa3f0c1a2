// Access codes never reach a public page: crawl every public route of the demo data — HTML, Remix
// single-fetch data requests, route-discovery manifests, calendar files and the JSON-LD inside pages —
// and look for every fake code of the demo series.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SECRETS, DEMO_SLUG } from "../../db/seed/demo-series";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
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
      for (const v of variants(body)) for (const secret of secrets) expect(v.includes(secret), `${secret} in ${path}`).toBe(false);
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
  });
});
