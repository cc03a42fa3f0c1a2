// Every back-office route and action, for each kind of account: the organiser, the editor and the
// viewer of series A (the demo series), the organiser of series B only, and an administrator — each
// allowed or refused (a French 403 page, nothing changed) as THE TABLE below says. The routes come
// from the server build's route table, as in admin-auth.test.ts: a new admin route missing from the
// table fails the test until it is classified (app/accounts/series-access.server.ts holds the checks).
// Then the funders' view: a viewer's pages carry no participant name or email, an editor's pages no
// registrant name, email or access code, nor a link it may not follow; what an editor may not change
// because registrants would be told (time zone, a session's time, place, access, status); and the
// team page itself (invitation email, last organiser, French errors).
import { readdirSync, readFileSync } from "node:fs";
import Database from "better-sqlite3";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { signIn, startSignedIn } from "../helpers/admin";
import { DEMO_PARAMS, appRoutes, type AppRoute } from "../helpers/routes";
import { queryFile, runFile, withServerDb } from "../helpers/server-db";
import { stopAll, type TestServer } from "../helpers/server";
import type { TestSmtp } from "../helpers/smtp";

/** What a route or an intent needs: any account, an administrator, an organiser of some series, or a role on the URL's series (A). */
type Need = "any" | "admin" | "organiser-somewhere" | "viewer" | "editor" | "organiser";
type Rule = {
  view: Need;
  actions?: Record<string, Need>;
  /** The status an allowed GET answers when not 200 (no such row in the demo data). */ getStatus?: number;
};

// THE TABLE: every admin route (by its id in the route table), what opening it needs, and what each
// intent of its action needs ("*": a form without intent, or any other). New routes go here.
const RULES: Record<string, Rule> = {
  "routes/admin/layout": { view: "any" },
  "routes/admin/dashboard": { view: "any" },
  "routes/admin/sign-out": { view: "any", actions: { "*": "any" }, getStatus: 302 },
  "routes/admin/emails": { view: "organiser-somewhere", actions: { resend: "organiser-somewhere" } },
  "routes/admin/email-previews": { view: "admin", actions: { "*": "admin" } },
  "routes/admin/audit-log": { view: "admin" },
  "routes/admin/newsletter": {
    view: "organiser-somewhere",
    actions: { intro: "organiser-somewhere", test: "organiser-somewhere", send: "organiser-somewhere" },
  },
  "routes/admin/accounts": { view: "admin", actions: { invite: "admin", disable: "admin", enable: "admin" } },
  "routes/admin/series-list": { view: "any", actions: { "*": "any" } },
  "routes/admin/series-import": { view: "any", actions: { "*": "any" } },
  "routes/admin/series/overview": { view: "editor", actions: { fields: "editor", "add-session": "editor", duplicate: "editor", status: "organiser" } },
  "routes/admin/series/actors": { view: "editor", actions: { org: "editor", person: "editor", "org-remove": "editor", "person-remove": "editor" } },
  "routes/admin/series/report": { view: "viewer", actions: { "*": "viewer" } },
  "routes/admin/series/report-csv": { view: "viewer", actions: { "*": "viewer" } },
  "routes/admin/series/survey-answers-csv": { view: "organiser", actions: { "*": "organiser" }, getStatus: 404 },
  "routes/admin/series/export-json": { view: "editor" },
  "routes/admin/series/registrants": { view: "organiser", actions: { add: "organiser", cancel: "organiser", promote: "organiser" } },
  "routes/admin/series/registrants-csv": { view: "organiser", actions: { "*": "organiser" } },
  "routes/admin/series/messages": { view: "organiser" },
  "routes/admin/series/message-editor": {
    view: "organiser",
    actions: { save: "organiser", test: "organiser", send: "organiser", schedule: "organiser", cancel: "organiser" },
  },
  "routes/admin/series/attendance": { view: "organiser", actions: { mark: "organiser", absent: "organiser", import: "organiser" } },
  "routes/admin/series/check-in": { view: "organiser", actions: { code: "organiser", present: "organiser", undo: "organiser", "walk-in": "organiser" } },
  "routes/admin/series/sign-in-sheet": { view: "organiser", actions: { "*": "organiser" }, getStatus: 409 },
  "routes/admin/series/certificates": { view: "organiser", actions: { "*": "organiser" } },
  "routes/admin/series/certificate-signature": { view: "organiser", getStatus: 404 },
  "routes/admin/series/certificate": { view: "organiser", getStatus: 409 },
  "routes/admin/series/certificate-pdf": { view: "organiser", getStatus: 303 },
  "routes/admin/series/reminders": { view: "organiser", actions: { reminder: "organiser", "reminder-toggle": "organiser", "reminder-remove": "organiser" } },
  "routes/admin/series/questions": { view: "editor", actions: { save: "editor", up: "editor", down: "editor", delete: "editor" } },
  "routes/admin/series/team": { view: "organiser", actions: { invite: "organiser", role: "organiser", remove: "organiser" } },
  "routes/admin/series/resources": { view: "editor", actions: { publish: "editor", unpublish: "editor" } },
  "routes/admin/series/resource-editor": { view: "editor", actions: { save: "editor", delete: "editor", suggest: "editor" } },
  "routes/admin/series/resource-file": { view: "editor", getStatus: 404 },
  "routes/admin/series/session-editor": { view: "editor", actions: { session: "editor", move: "editor", "remove-item": "editor", delete: "organiser" } },
  "routes/admin/series/programme-item": { view: "editor", actions: { "*": "editor" } },
  "routes/admin/series/survey-editor": {
    view: "editor",
    actions: { settings: "editor", add: "editor", update: "editor", up: "editor", down: "editor", delete: "editor" },
  },
};

const ADMIN = "admin@example.org";
const PEOPLE = {
  organiserA: "orga-a@example.org",
  editorA: "edition-a@example.org",
  viewerA: "financeur-a@example.org",
  organiserB: "orga-b@example.org",
} as const;
type Who = keyof typeof PEOPLE | "admin";
const WHO: Who[] = ["organiserA", "editorA", "viewerA", "organiserB", "admin"];
const RANK = { viewer: 1, editor: 2, organiser: 3 } as const;
const ROLE_ON_A: Record<Who, number> = { organiserA: 3, editorA: 2, viewerA: 1, organiserB: 0, admin: 3 };

function allowed(who: Who, need: Need): boolean {
  if (need === "any") return true;
  if (need === "admin") return who === "admin";
  if (need === "organiser-somewhere") return who === "admin" || who === "organiserA" || who === "organiserB";
  return ROLE_ON_A[who] >= RANK[need];
}

// Registrants of series A with names and addresses found nowhere else.
const REGISTRANTS = [
  ["Gwendoline", "Quéméner", "gwendoline.quemener@exemple-financeurs.org"],
  ["Anatole", "Ferrandière", "anatole.ferrandiere@exemple-financeurs.org"],
] as const;
const NAMES = REGISTRANTS.flatMap(([first, last, email]) => [first, last, email]);

const A = DEMO_PARAMS.slug;
const B = "rdv-sante-qpv-seine-maritime-2022";
let smtp: TestSmtp;
let server: TestServer;
const cookies = {} as Record<Who, string>;
let routes: AppRoute[] = [];
let getParams: Record<string, string> = {};
let minutesId = 0;

const get = (who: Who, url: string) => fetch(server.url + url, { headers: { cookie: cookies[who] }, redirect: "manual" });
const post = (who: Who, url: string, fields: Record<string, string>) =>
  fetch(server.url + url, { method: "POST", headers: { cookie: cookies[who] }, body: new URLSearchParams(fields), redirect: "manual" });

/** The fields of the page's forms as the browser would send them for `intent` (first occurrence of each name). */
async function formOf(who: Who, url: string, intent: string): Promise<Record<string, string>> {
  const html = await (await get(who, url)).text();
  const fields: Record<string, string> = { intent };
  const unescape = (v: string) => v.replace(/&amp;/g, "&").replace(/&quot;/g, '"');
  for (const m of html.matchAll(/<input([^>]*)>/g)) {
    const name = m[1].match(/name="([^"]+)"/)?.[1];
    const value = m[1].match(/value="([^"]*)"/)?.[1] ?? "";
    if (!name || name in fields || (/type="(checkbox|radio)"/.test(m[1]) && !/checked/.test(m[1]))) continue;
    fields[name] = unescape(value);
  }
  for (const m of html.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g))
    fields[m[1]] ??= m[2].match(/<option[^>]*value="([^"]*)"[^>]*selected/)?.[1] ?? m[2].match(/<option[^>]*value="([^"]*)"/)?.[1] ?? "";
  for (const m of html.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) fields[m[1]] ??= unescape(m[2]);
  fields.intent = intent;
  return fields;
}

/** The access codes of series A's sessions (link and passcode), as stored. */
const codesOfA = () =>
  queryFile<{ session: string; joinUrl: string | null; passcode: string | null }>(
    server.databasePath,
    "select s.slug session, a.join_url joinUrl, a.passcode from session_access a join sessions s on s.id = a.session_id join series r on r.id = s.series_id where r.slug = ? order by s.id",
    A,
  );

/** What the refused posts must leave as it was. */
function fingerprint(): string {
  const q = (sql: string) => JSON.stringify(queryFile(server.databasePath, sql));
  return [
    q("select count(*) n, max(id) m from audit_log"),
    q("select count(*) n, max(id) m from outbox"),
    q("select organiser_id, series_id, role from series_members order by id"),
    q("select slug, title, status, updated_at from series order by id"),
    q("select id, title, status, starts_at from sessions order by id"),
    q("select id, status, attendance from registrations order by id"),
    q("select count(*) n from resources"),
    q("select count(*) n from organisers"),
  ].join("\n");
}

beforeAll(async () => {
  ({ smtp, server, cookie: cookies.admin } = await startSignedIn(ADMIN));
  routes = (await appRoutes()).filter((r) => r.url.startsWith("/admin") && !r.url.startsWith("/admin/connexion"));
  // The team through the team pages (the administrator may manage every series' team).
  const invite = async (slug: string, email: string, role: string) => {
    const res = await post("admin", `/admin/series/${slug}/equipe`, { intent: "invite", email, name: "", role });
    expect(res.status, `${email} ${await res.text()}`).toBe(200);
  };
  await invite(A, PEOPLE.organiserA, "organiser");
  await invite(A, PEOPLE.editorA, "editor");
  await invite(A, PEOPLE.viewerA, "viewer");
  await invite(B, PEOPLE.organiserB, "organiser");
  for (const who of Object.keys(PEOPLE) as (keyof typeof PEOPLE)[]) cookies[who] = await signIn(server, smtp, PEOPLE[who]);
  // Two registrants present at two sessions of A, who did not agree to be named in minutes: the bilan
  // names them (to its organisers), and so does a registrants-only compte rendu of the first session.
  withServerDb(server.databasePath, (db) => {
    const series = db.select().from(t.series).where(eq(t.series.slug, A)).get()!;
    const sessions = db.select().from(t.sessions).where(eq(t.sessions.seriesId, series.id)).orderBy(asc(t.sessions.number)).all().slice(0, 2);
    const at = "2026-01-05T08:00:00Z";
    for (const [firstName, lastName, email] of REGISTRANTS) {
      const participantId = db
        .insert(t.participants)
        .values({ firstName, lastName, email, dataConsentAt: at, minutesConsentAt: null, createdAt: at, updatedAt: at })
        .returning({ id: t.participants.id })
        .get().id;
      for (const s of sessions)
        db.insert(t.registrations)
          .values({ participantId, sessionId: s.id, status: "confirmed", attendance: "present", confirmedAt: at, createdAt: at, updatedAt: at })
          .run();
    }
    const resource = db.select().from(t.resources).where(eq(t.resources.seriesId, series.id)).orderBy(asc(t.resources.id)).get()!;
    getParams = { ...DEMO_PARAMS, id: String(resource.id) };
    minutesId = db
      .insert(t.resources)
      .values({
        seriesId: series.id,
        sessionId: sessions[0].id,
        position: 999,
        type: "minutes",
        title: "Compte rendu réservé aux inscrit·es",
        visibility: "registrants",
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: t.resources.id })
      .get().id;
  });
}, 120_000);
afterAll(() => stopAll(server, smtp));

/** The route's URL with the given parameters (messages/:id opens the new-message form). */
function urlOf(r: AppRoute, params: Record<string, string>): string {
  const template = r.url.replace(`/series/${DEMO_PARAMS.slug}`, "/series/:slug");
  let url = template.replace("/series/:slug", `/series/${params.slug}`);
  if (r.id === "routes/admin/series/message-editor") url = url.replace(/\/messages\/[^/]+$/, `/messages/${params.message ?? "nouveau"}`);
  if (r.id.startsWith("routes/admin/series/resource-")) url = url.replace(/\/ressources\/[^/]+/, `/ressources/${params.id}`);
  if (params.number !== DEMO_PARAMS.number) url = url.replace(/\/(sessions|presence|questionnaires)\/2/, `/$1/${params.number}`);
  if (params.index !== DEMO_PARAMS.index) url = url.replace(/\/programme\/0$/, `/programme/${params.index}`);
  return url;
}

/** A refusal: 403, in French (the error page, or the text alone for a file route), naming nobody. */
const refusedPage = async (res: Response) => {
  const body = await res.text();
  return res.status === 403 && /Accès refusé|Votre rôle|Réservé aux administrateurs/.test(body) && !NAMES.some((n) => body.includes(n));
};

describe("roles on series", () => {
  it("classifies every admin route and action", () => {
    const missing = routes.filter((r) => !RULES[r.id]).map((r) => r.id);
    expect(missing, "admin routes missing from RULES in tests/e2e/admin-roles.test.ts").toEqual([]);
    const actionsMissing = routes.filter((r) => r.hasAction && !RULES[r.id]?.actions).map((r) => r.id);
    expect(actionsMissing, "admin actions missing from RULES").toEqual([]);
    const stale = Object.keys(RULES).filter((id) => !routes.some((r) => r.id === id));
    expect(stale, "RULES names routes that no longer exist").toEqual([]);
  });

  it("opens each page to the roles the table allows, and refuses the others with a French 403", async () => {
    for (const r of routes.filter((x) => x.hasLoader)) {
      const rule = RULES[r.id];
      const url = urlOf(r, getParams);
      for (const who of WHO) {
        const res = await get(who, url);
        if (allowed(who, rule.view)) {
          expect(res.status, `${who} GET ${url}`).toBe(rule.getStatus ?? 200);
          await res.arrayBuffer();
        } else expect(await refusedPage(res), `${who} GET ${url} answered ${res.status}`).toBe(true);
      }
    }
  }, 120_000);

  it("refuses each action to the roles the table does not allow, changing nothing", async () => {
    const before = fingerprint();
    let refused = 0;
    for (const r of routes.filter((x) => x.hasAction)) {
      const url = urlOf(r, getParams);
      for (const [intent, need] of Object.entries(RULES[r.id].actions!))
        for (const who of WHO.filter((w) => !allowed(w, need))) {
          // Fields that would do something real if the guard let them through.
          const res = await post(who, url, {
            intent: intent === "*" ? "" : intent,
            status: "draft",
            title: "Piratée",
            email: "intrus@example.org",
            role: "organiser",
          });
          expect(await refusedPage(res), `${who} POST ${url} ${intent} answered ${res.status}`).toBe(true);
          refused++;
        }
    }
    expect(refused).toBeGreaterThan(100);
    expect(fingerprint()).toBe(before);
  }, 120_000);

  it("lets each action through to the roles the table allows", async () => {
    // Rows that do not exist, so that an allowed action stops after the guard without changing anything.
    const postParams = { ...getParams, number: "99", index: "99", id: "999999", message: "999999" };
    for (const r of routes.filter((x) => x.hasAction && x.id !== "routes/admin/sign-out")) {
      const url = urlOf(r, postParams);
      for (const [intent, need] of Object.entries(RULES[r.id].actions!))
        for (const who of WHO.filter((w) => allowed(w, need))) {
          const res = await post(who, url, { intent: intent === "*" ? "" : intent });
          await res.arrayBuffer();
          expect([200, 302, 303, 400, 404, 405, 409], `${who} POST ${url} ${intent}`).toContain(res.status);
          if (res.status === 302) expect(res.headers.get("location"), `${who} POST ${url} ${intent}`).not.toMatch(/^\/admin\/connexion/);
        }
    }
  }, 120_000);

  it("lets an editor change a session's content, and only an organiser change what its registrants are told of", async () => {
    const url = `/admin/series/${A}/sessions/2`;
    const codes = codesOfA();
    expect(codes.some((c) => c.session === DEMO_PARAMS.session && c.passcode)).toBe(true);
    const fields = await formOf("editorA", url, "session");
    const titled = await post("editorA", url, { ...fields, title: "Repérer et orienter, nouveau titre" });
    expect(titled.status, await titled.text()).toBe(200);
    expect(queryFile(server.databasePath, "select title from sessions where slug = ?", DEMO_PARAMS.session)[0]).toEqual({
      title: "Repérer et orienter, nouveau titre",
    });
    // The editor's form has no codes: saving it keeps them as they were.
    expect(codesOfA()).toEqual(codes);
    const before = fingerprint();
    const place = () => queryFile(server.databasePath, "select status, starts_at, mode, venue_name from sessions where slug = ?", DEMO_PARAMS.session)[0];
    const was = place();
    const changes: Record<string, string>[] = [
      { status: "cancelled" },
      { start: "07:00" },
      { venueName: "Salle des fêtes de Louviers" },
      { mode: fields.mode === "hybrid" ? "in-person" : "hybrid", venueName: fields.venueName || "Salle des fêtes de Louviers" },
      { passcode: "PIRATE-123" },
      { joinUrl: "https://exemple-pirate.org/rejoindre" },
    ];
    for (const change of changes) {
      const res = await post("editorA", url, { ...fields, title: "Repérer et orienter, nouveau titre", ...change });
      expect(await refusedPage(res), `editor ${JSON.stringify(change)} answered ${res.status}`).toBe(true);
    }
    expect(place()).toEqual(was);
    expect(codesOfA()).toEqual(codes);
    expect(fingerprint()).toBe(before);
    // An organiser may.
    const organiser = await formOf("organiserA", url, "session");
    expect(organiser.passcode).toBe(codes.find((c) => c.session === DEMO_PARAMS.session)!.passcode);
    const moved = await post("organiserA", url, { ...organiser, venueName: "Salle des fêtes de Louviers" });
    expect(moved.status, await moved.text()).toBe(200);
    expect(queryFile(server.databasePath, "select venue_name from sessions where slug = ?", DEMO_PARAMS.session)[0]).toEqual({
      venue_name: "Salle des fêtes de Louviers",
    });
    expect(codesOfA()).toEqual(codes);
  });

  it("lets only an organiser change the series' time zone (every session's real time moves)", async () => {
    const zone = (slug: string) => queryFile<{ timezone: string }>(server.databasePath, "select timezone from series where slug = ?", slug)[0].timezone;
    const zoneA = zone(A);
    const fields = await formOf("editorA", `/admin/series/${A}`, "fields");
    expect(fields.timezone).toBe(zoneA);
    const before = fingerprint();
    const res = await post("editorA", `/admin/series/${A}`, { ...fields, timezone: "America/Cayenne" });
    expect(await refusedPage(res), `answered ${res.status}`).toBe(true);
    expect(zone(A)).toBe(zoneA);
    expect(fingerprint()).toBe(before);
    // The editor may still save the series' other fields, and its organiser the zone (here B's).
    const saved = await post("editorA", `/admin/series/${A}`, { ...fields, subtitle: "Sous-titre revu par l’éditrice" });
    expect(saved.status, await saved.text()).toBe(200);
    expect(queryFile(server.databasePath, "select subtitle from series where slug = ?", A)[0]).toEqual({ subtitle: "Sous-titre revu par l’éditrice" });
    const b = await formOf("organiserB", `/admin/series/${B}`, "fields");
    const moved = await post("organiserB", `/admin/series/${B}`, { ...b, timezone: "America/Cayenne" });
    expect(moved.status, await moved.text()).toBe(200);
    expect(zone(B)).toBe("America/Cayenne");
  });
});

describe("the funders' view", () => {
  /** Every back-office page an account reaches by following links from /admin, with its body. */
  async function crawl(who: Who): Promise<Map<string, string>> {
    const seen = new Map<string, string>();
    const queue = ["/admin"];
    while (queue.length) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      const res = await get(who, path);
      const body = await res.text();
      seen.set(path, `${res.status} ${body}`);
      if (!(res.headers.get("content-type") ?? "").includes("text/html")) continue;
      for (const m of body.matchAll(/href="(\/admin[^"#]*)"/g)) {
        const next = m[1].replace(/&amp;/g, "&");
        if (!/deconnexion|\/connexion/.test(next) && !seen.has(next) && !queue.includes(next)) queue.push(next);
      }
    }
    return seen;
  }

  it("shows a viewer the bilan and its CSV with figures and no name or email, and nothing else of the series", async () => {
    const pages = await crawl("viewerA");
    expect([...pages.keys()]).toEqual(expect.arrayContaining(["/admin", `/admin/series/${A}/bilan`, `/admin/series/${A}/bilan.csv`]));
    for (const [path, body] of pages) {
      for (const n of NAMES) expect(body.includes(n), `${n} in ${path}`).toBe(false);
      expect(body, path).not.toMatch(/^(403|404|500)/);
    }
    // Every page it reached is one the table lets a viewer open; B is not listed.
    expect([...pages.keys()].some((p) => p.includes(B))).toBe(false);
    expect(pages.get(`/admin/series/${A}/bilan`)).toContain("personnes venues à plusieurs rencontres");
    expect(pages.get(`/admin/series/${A}/bilan.csv`)).toMatch(/Rencontres suivies;Personnes\r\n2;2/);
    // The same bilan names them to an organiser (so the check above could fail).
    const organiserBilan = await (await get("organiserA", `/admin/series/${A}/bilan`)).text();
    expect(organiserBilan).toContain("Gwendoline Quéméner");
  }, 120_000);

  it("shows an editor no registrant's name or email, no access code, and no link it may not follow", async () => {
    const pages = await crawl("editorA");
    const minutes = `/admin/series/${A}/ressources/${minutesId}`;
    expect([...pages.keys()]).toEqual(
      expect.arrayContaining([
        `/admin/series/${A}`,
        `/admin/series/${A}/sessions/1`,
        `/admin/series/${A}/sessions/2`,
        `/admin/series/${A}/ressources`,
        minutes,
      ]),
    );
    const codes = codesOfA().flatMap((c) => [c.joinUrl, c.passcode].filter((x): x is string => Boolean(x)));
    expect(codes.length).toBeGreaterThan(0);
    for (const [path, body] of pages) {
      for (const n of [...NAMES, ...codes]) expect(body.includes(n), `${n} in ${path}`).toBe(false);
      expect(body, path).not.toMatch(/^(403|404|500)/);
    }
    // The compte rendu counts them for the editor, and names them to an organiser (so the check could fail).
    expect(pages.get(minutes)).toMatch(/Présent·es \(\d+\)\u00a0:[^<]* \d+\u00a0(autres )?personnes/);
    expect(await (await get("organiserA", minutes)).text()).toContain("Gwendoline Quéméner");
    const passcode = codesOfA().find((c) => c.session === DEMO_PARAMS.session)!.passcode!;
    expect(await (await get("organiserA", `/admin/series/${A}/sessions/2`)).text()).toContain(passcode);
    expect([...pages.keys()].some((p) => p.endsWith("/inscrits") || p.endsWith("/equipe"))).toBe(false);
    const registrants = await (await get("organiserA", `/admin/series/${A}/inscrits`)).text();
    expect(registrants).toContain(REGISTRANTS[0][2]);
  }, 120_000);

  it("lists only the account's series on the dashboard and the series list", async () => {
    for (const path of ["/admin", "/admin/series"]) {
      const b = await (await get("organiserB", path)).text();
      expect(b).toContain(`/admin/series/${B}`);
      expect(b).not.toContain(`/admin/series/${A}`);
      const viewer = await (await get("viewerA", path)).text();
      expect(viewer).toContain(`/admin/series/${A}/bilan`);
      expect(viewer).not.toContain(`/admin/series/${B}`);
    }
  });
});

describe("the email log of an organiser", () => {
  it("lists only the emails of their series, and resends only those", async () => {
    const invitation = (email: string) =>
      queryFile<{ id: number }>(server.databasePath, "select id from outbox where kind = 'team-invitation' and to_address = ?", email)[0].id;
    const logB = await (await get("organiserB", "/admin/emails")).text();
    expect(logB).toContain(PEOPLE.organiserB);
    expect(logB).not.toContain(PEOPLE.viewerA);
    expect(logB).not.toContain(ADMIN);
    expect(await (await get("organiserA", "/admin/emails")).text()).toContain(PEOPLE.viewerA);
    const before = fingerprint();
    expect(await refusedPage(await post("organiserB", "/admin/emails", { intent: "resend", id: String(invitation(PEOPLE.viewerA)) }))).toBe(true);
    expect(fingerprint()).toBe(before);
    // A message is resent once it has left the queue: wait for the dispatcher to record it.
    const id = invitation(PEOPLE.organiserB);
    for (let tries = 0; queryFile(server.databasePath, "select 1 from outbox where id = ? and status in ('pending', 'sending')", id).length; tries++) {
      if (tries > 600) throw new Error("the invitation to the organiser of B never left the queue");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const mine = await post("organiserB", "/admin/emails", { intent: "resend", id: String(id) });
    expect(mine.status).toBe(200);
    expect(await mine.text()).toContain(`renvoyé à ${PEOPLE.organiserB}`);
  });
});

describe("the team page", () => {
  it("sends an invitation with a sign-in link that works once, and audits it", async () => {
    const before = smtp.messages.length;
    const res = await post("organiserB", `/admin/series/${B}/equipe`, {
      intent: "invite",
      email: "Nouvelle.Financeuse@Example.org",
      name: "Nouvelle",
      role: "viewer",
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Invitation envoyée à nouvelle.financeuse@example.org");
    const mail = await smtp.waitForMatch((m) => smtp.messages.indexOf(m) >= before && m.envelopeTo.includes("nouvelle.financeuse@example.org"));
    const title = queryFile<{ title: string }>(server.databasePath, "select title from series where slug = ?", B)[0].title;
    expect(mail.parsed.subject).toBe(`Invitation à l’équipe de «\u00a0${title}\u00a0»`);
    expect(mail.parsed.text).toContain("en tant que lecteur·rice (financeur)");
    const link = mail.parsed.text!.match(/\/admin\/connexion\/[\w-]+/)![0];
    expect(server.stdout() + server.stderr()).not.toContain(link.split("/").pop());
    const used = await fetch(server.url + link, { method: "POST", redirect: "manual" });
    const cookie = (used.headers.get("set-cookie") ?? "").split(";")[0];
    expect(cookie).toMatch(/^rdv_admin=./);
    expect((await fetch(`${server.url}/admin/series/${B}/bilan`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${server.url}/admin/series/${B}`, { headers: { cookie } })).status).toBe(403);
    expect((await fetch(server.url + link, { method: "POST", redirect: "manual" })).headers.get("location")).toBe("/admin/connexion?etat=lien-invalide");
    const audited = queryFile(server.databasePath, "select action, detail from audit_log where action like 'team-%' order by id desc limit 1")[0];
    expect(audited).toEqual({ action: "team-invite", detail: JSON.stringify({ email: "nouvelle.financeuse@example.org", role: "viewer" }) });
  });

  it("explains a wrong address or a second invitation next to the field, keeping what was typed", async () => {
    const wrong = await (
      await post("organiserB", `/admin/series/${B}/equipe`, { intent: "invite", email: "pas-une-adresse", name: "X", role: "editor" })
    ).text();
    expect(wrong).toMatch(/aria-invalid="true"[^>]*aria-describedby="[^"]*email/);
    expect(wrong).toContain("L’adresse e-mail n’est pas valide");
    expect(wrong).toContain('value="pas-une-adresse"');
    const twice = await (
      await post("organiserB", `/admin/series/${B}/equipe`, { intent: "invite", email: PEOPLE.organiserB, name: "", role: "editor" })
    ).text();
    expect(twice).toContain("Cette personne fait déjà partie de l’équipe");
  });

  it("never removes or demotes the last organiser of a series, and changes roles otherwise", async () => {
    const member = (email: string, slug: string) =>
      queryFile<{ id: number; role: string }>(
        server.databasePath,
        "select m.id, m.role from series_members m join organisers o on o.id = m.organiser_id join series s on s.id = m.series_id where o.email = ? and s.slug = ?",
        email,
        slug,
      )[0];
    const last = member(PEOPLE.organiserB, B);
    const removed = await post("organiserB", `/admin/series/${B}/equipe`, { intent: "remove", member: String(last.id) });
    expect(removed.status).toBe(400);
    expect(await removed.text()).toContain("La série doit garder au moins un·e organisateur·rice");
    const demoted = await (await post("organiserB", `/admin/series/${B}/equipe`, { intent: "role", member: String(last.id), role: "viewer" })).text();
    expect(demoted).toMatch(/aria-invalid="true" aria-describedby="erreur-membre-\d+"/);
    expect(member(PEOPLE.organiserB, B).role).toBe("organiser");
    // Another organiser of A: the editor is promoted, then the first organiser may step down.
    const editor = member(PEOPLE.editorA, A);
    expect((await post("organiserA", `/admin/series/${A}/equipe`, { intent: "role", member: String(editor.id), role: "organiser" })).status).toBe(200);
    expect(member(PEOPLE.editorA, A).role).toBe("organiser");
    expect((await post("organiserA", `/admin/series/${A}/equipe`, { intent: "role", member: String(editor.id), role: "editor" })).status).toBe(200);
    expect(queryFile(server.databasePath, "select count(*) n from audit_log where action = 'team-role'")[0]).toEqual({ n: 2 });
  });

  it("makes the creator of a series its organiser", async () => {
    const res = await post("viewerA", "/admin/series", { title: "Série du financeur", territory: "", slug: "serie-du-financeur" });
    expect(res.status).toBe(302);
    expect((await get("viewerA", "/admin/series/serie-du-financeur/equipe")).status).toBe(200);
    // Importing over a series one does not organise is refused.
    const file = await (await get("organiserB", `/admin/series/${B}/export.json`)).text();
    const upload = new FormData();
    upload.set("json", file);
    const over = await fetch(`${server.url}/admin/series/importer`, { method: "POST", headers: { cookie: cookies.viewerA }, body: upload, redirect: "manual" });
    expect(await refusedPage(over)).toBe(true);
  });

  it("makes every non-admin account of an older database organiser of every series at upgrade (custom SQL, idempotent)", () => {
    runFile(server.databasePath, "insert into organisers (email, role) values ('ancienne@example.org', 'editor')");
    const file = readdirSync("db/migrations").find((f) => f.endsWith("_teams_backfill.sql"))!;
    const sql = readFileSync(`db/migrations/${file}`, "utf8");
    const db = new Database(server.databasePath);
    try {
      db.pragma("busy_timeout = 5000");
      db.exec(sql);
      db.exec(sql);
    } finally {
      db.close();
    }
    const rows = queryFile(
      server.databasePath,
      "select s.slug, m.role from series_members m join organisers o on o.id = m.organiser_id join series s on s.id = m.series_id where o.email = 'ancienne@example.org' order by s.slug",
    );
    const all = queryFile<{ slug: string }>(server.databasePath, "select slug from series order by slug");
    expect(rows).toEqual(all.map((s) => ({ slug: s.slug, role: "organiser" })));
  });
});
