// No silent data loss (issue #9): a database file deleted or replaced under the running server is
// reported by the health check and refuses writes; a restart over a data directory that held a
// database does not quietly create a fresh demo one in its place.
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { textOf } from "../helpers/html";
import { freePort, startServer, type TestServer } from "../helpers/server";
import { DEMO_FORM } from "../helpers/demo-form";

let server: TestServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
  server = dir = undefined;
});

const FORM = DEMO_FORM;

async function register(s: TestServer, email: string) {
  const form = await (await fetch(s.url + FORM)).text();
  const id = form.match(/name="sessions"(?![^>]*disabled)[^>]*value="(\d+)"/)![1];
  return fetch(s.url + FORM, {
    method: "POST",
    body: new URLSearchParams({ firstName: "Ada", lastName: "Perte", email, consent: "oui", sessions: id }),
    redirect: "manual",
  });
}

/** A database path in a new temporary directory (removed after the test). */
function freshDatabasePath() {
  dir = mkdtempSync(path.join(tmpdir(), "rdv-loss-"));
  return path.join(dir, "rendez-vous.sqlite");
}

/** Runs the server on `databasePath` until it exits; resolves with its exit code and output. */
async function startAndExit(databasePath: string, env: Record<string, string> = {}) {
  const port = await freePort();
  const proc = spawn(process.execPath, ["server.mjs"], {
    env: { PATH: process.env.PATH, ENV_FILE: "", PORT: String(port), DATABASE_PATH: databasePath, ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout!.on("data", (c) => (out += c));
  proc.stderr!.on("data", (c) => (out += c));
  const code = await new Promise<number | null>((resolve) => proc.on("exit", resolve));
  return { code, out };
}

describe("the database file under the running server", () => {
  it("deleted: /healthz answers 503, a registration is refused with a French 503 page, a restart refuses to start on an empty database", async () => {
    const databasePath = freshDatabasePath();
    server = await startServer({ DATABASE_PATH: databasePath });
    expect(existsSync(`${databasePath}.marker`)).toBe(true);
    expect((await register(server, "avant@example.org")).status).toBe(303);

    unlinkSync(databasePath);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: "error", database: "missing" });
    const refused = await register(server, "pendant@example.org");
    expect(refused.status).toBe(503);
    expect(textOf(await refused.text())).toMatch(/Service indisponible.*rien n’a été enregistré/);
    await server.waitForLog("write refused: database file problem");
    await server.stop();
    server = undefined;

    // The marker remembers that a database lived here: no silent fresh start.
    const restart = await startAndExit(databasePath);
    expect(restart.code).toBe(1);
    expect(restart.out).toMatch(/est introuvable, alors que ce dossier en contenait une/);
    expect(restart.out).toMatch(/ALLOW_NEW_DATABASE=1/);
    expect(existsSync(databasePath)).toBe(false);

    // Told to, it starts afresh.
    server = await startServer({ DATABASE_PATH: databasePath, ALLOW_NEW_DATABASE: "1" });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 60_000);

  it("replaced by another file: /healthz answers 503 and says so", async () => {
    const databasePath = freshDatabasePath();
    server = await startServer({ DATABASE_PATH: databasePath });
    const copy = path.join(path.dirname(databasePath), "copie.sqlite");
    copyFileSync(databasePath, copy);
    renameSync(copy, databasePath);
    expect(statSync(databasePath).size).toBeGreaterThan(0);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: "error", database: "replaced" });
  }, 60_000);

  it("keeps the cookie secret in the data directory (mode 0600) when SESSION_SECRET is unset, the same across restarts", async () => {
    const databasePath = freshDatabasePath();
    server = await startServer({ DATABASE_PATH: databasePath });
    const secretFile = path.join(path.dirname(databasePath), "session-secret");
    const first = readFileSync(secretFile, "utf8");
    expect(first.trim().length).toBeGreaterThanOrEqual(32);
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    await server.stop();
    server = await startServer({ DATABASE_PATH: databasePath });
    expect(readFileSync(secretFile, "utf8")).toBe(first);
  }, 60_000);
});
