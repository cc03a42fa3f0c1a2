// The shared cache of public pages: served while what the page shows is unchanged (its series' or the
// catalogue's version, bumped by triggers in whatever process writes), for at most 60 s, bypassed for
// requests with cookies (ADR 020).
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPageCache, sharedMaxAge } from "~/page-cache/page-cache.server";
import { fixture } from "../helpers/db";
import { textOf } from "../helpers/html";
import { startServer, type TestServer } from "../helpers/server";
import { queryFile, runFile } from "../helpers/server-db";

const run = promisify(execFile);
const SERIES = "/series/rdv-sante-qpv-seine-maritime-2022";
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

describe("public page cache", () => {
  it("serves a repeated page from the cache, and a fresh one after another process changed the data", async () => {
    const first = await fetch(server.url + SERIES);
    expect(first.headers.get("x-cache")).toBe("miss");
    const second = await fetch(server.url + SERIES);
    expect(second.headers.get("x-cache")).toBe("hit");
    expect(await second.text()).toBe(await first.text());

    const file = fixture();
    file.title = "Titre changé par un import";
    const json = path.join(server.dir, "changed.json");
    writeFileSync(json, JSON.stringify(file));
    await run("npm", ["run", "--silent", "series:import", "--", json], {
      env: { PATH: process.env.PATH, ENV_FILE: "", DATABASE_PATH: server.databasePath } as unknown as NodeJS.ProcessEnv,
    });

    const third = await fetch(server.url + SERIES);
    expect(third.headers.get("x-cache")).toBe("miss");
    expect(await third.text()).toContain("Titre changé par un import");
  }, 60_000);

  it("never caches for a visitor who sends cookies, nor health checks", async () => {
    await fetch(server.url + "/acteurs");
    const withCookie = await fetch(server.url + "/acteurs", { headers: { cookie: "a=b" } });
    expect(withCookie.headers.get("x-cache")).toBeNull();
    await fetch(server.url + "/healthz");
    expect((await fetch(server.url + "/healthz")).headers.get("x-cache")).toBeNull();
  });
});

// ---- invalidation by what the page shows (ADR 020) ----
const EURE = "/series/rdv-sante-mentale-jeunes-eure-demo";
const QPV_SESSION = `${SERIES}/sessions/rdv-1-politiques-regionales`;
const SMALL_SESSION = `${EURE}/sessions/rdv-3-atelier-evreux`; // 12 seats
const sql = <T = any>(query: string, ...args: unknown[]): T[] => queryFile<T>(server.databasePath, query, ...args);
const cacheState = async (url: string) => (await fetch(server.url + url)).headers.get("x-cache");
/** Fetches each page until it is served from the cache (a miss first if it was not cached). */
async function warm(...urls: string[]) {
  for (const url of urls) if ((await cacheState(url)) !== "hit") expect(await cacheState(url), url).toBe("hit");
}
let registered = 0;
async function register(sessionSlug: string) {
  const id = sql<{ id: number }>("select id from sessions where slug = ?", sessionSlug)[0].id;
  const body = new URLSearchParams({
    firstName: "Camille",
    lastName: `Cache-${++registered}`,
    email: `cache-${registered}@example.org`,
    structureType: "association",
    consent: "oui",
    sessions: String(id),
  });
  const res = await fetch(`${server.url}${EURE}/inscription`, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    redirect: "manual",
  });
  expect(res.status).toBe(303);
}

describe("public page cache: invalidated by what the page shows", () => {
  it("a registration far from the end evicts nothing, in its series or another; the email it queues is dispatched and evicts nothing", async () => {
    await warm(SERIES, QPV_SESSION, EURE, "/");
    const sentBefore = sql<{ n: number }>("select count(*) as n from outbox where status = 'sent'")[0].n;
    await register("rdv-2-ecouter-orienter"); // 100 seats: the pages say « Places disponibles » before and after
    await vi.waitFor(() => expect(sql<{ n: number }>("select count(*) as n from outbox where status = 'sent'")[0].n).toBeGreaterThan(sentBefore), {
      timeout: 30_000,
      interval: 50,
    });
    for (const url of [SERIES, QPV_SESSION, EURE, "/"]) expect(await cacheState(url), url).toBe("hit");
  }, 60_000);

  it("seats left near the end show at once on the session and series pages; the other series stays cached", async () => {
    await warm(SMALL_SESSION, EURE, SERIES);
    expect(textOf(await (await fetch(server.url + SMALL_SESSION)).text())).toContain("Places disponibles");
    await register("rdv-3-atelier-evreux");
    await register("rdv-3-atelier-evreux");
    const page = await fetch(server.url + SMALL_SESSION);
    expect(page.headers.get("x-cache")).toBe("miss");
    expect(textOf(await page.text())).toContain("10 places restantes");
    expect(await cacheState(SMALL_SESSION)).toBe("hit");
    await register("rdv-3-atelier-evreux");
    for (const url of [SMALL_SESSION, EURE]) expect(textOf(await (await fetch(server.url + url)).text()), url).toContain("9 places restantes");
    expect(await cacheState(SERIES)).toBe("hit");
  }, 60_000);

  it("another process' edit of a session evicts its series' pages only; the planner's write of a due instant evicts nothing", async () => {
    await warm(SERIES, QPV_SESSION, EURE, SMALL_SESSION);
    runFile(server.databasePath, "update sessions set venue_contact = 'Accueil : 02 32 00 00 00' where slug = 'rdv-3-atelier-evreux'");
    expect(await cacheState(SMALL_SESSION)).toBe("miss");
    expect(await cacheState(EURE)).toBe("miss");
    for (const url of [SERIES, QPV_SESSION]) expect(await cacheState(url), url).toBe("hit");
    await warm(EURE, SMALL_SESSION);
    runFile(server.databasePath, "update sessions set access_codes_due_at = '2099-01-01T08:00:00Z' where slug = 'rdv-3-atelier-evreux'");
    for (const url of [EURE, SMALL_SESSION, SERIES]) expect(await cacheState(url), url).toBe("hit");
  });

  it("a speaker's directory entry evicts the series pages; an audit-log row evicts nothing", async () => {
    await warm(SERIES, EURE, "/acteurs");
    runFile(server.databasePath, "insert into audit_log (action, entity) values ('test', 'test')");
    for (const url of [SERIES, EURE, "/acteurs"]) expect(await cacheState(url), url).toBe("hit");
    runFile(server.databasePath, "update people set role = 'Direction de la santé' where id = (select min(id) from people)");
    for (const url of [SERIES, EURE, "/acteurs"]) expect(await cacheState(url), url).toBe("miss");
  });
});

describe("page cache entries", () => {
  it("expire after at most 60 s even while what they show is unchanged, and never outlive a version change", () => {
    let now = 1_000_000;
    const cache = createPageCache({ now: () => now });
    const page = { status: 200, headers: {}, body: Buffer.from("page"), version: "3:1" };
    const ttl = sharedMaxAge(new Response("x", { headers: { "cache-control": "public, max-age=0, s-maxage=600" } }));
    expect(ttl).toBe(60);
    cache.store("/", page, ttl);
    now += 59_999;
    expect(cache.lookup("/", "3:1")).not.toBeNull();
    expect(cache.lookup("/", "3:2")).toBeNull();
    cache.store("/", page, ttl);
    now += 60_000;
    expect(cache.lookup("/", "3:1")).toBeNull();
    expect(sharedMaxAge(new Response("x", { headers: { "cache-control": "private, no-store" } }))).toBe(0);
  });
});
