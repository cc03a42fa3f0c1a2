// The shared cache of public pages: served while the database is unchanged, refreshed as soon as any
// process writes, bypassed for requests with cookies.
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture } from "../helpers/db";
import { startServer, type TestServer } from "../helpers/server";

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
