// Backups (issue #14, item 6) against the production server: `npm run db:backup` taken while
// registrations keep arriving holds every registration answered 303 before it started; `npm run
// db:restore` puts it into an empty data directory, where a server starts on it; a live data directory
// and an altered backup are refused, in French, with a non-zero exit.
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SLUG } from "../../db/seed/demo-series";
import { startServer, type TestServer } from "../helpers/server";
import { queryFile } from "../helpers/server-db";

const FORM = `/series/${DEMO_SLUG}/inscription`;
const UPLOAD = "0123456789abcdef0123456789abcdef.pdf";
const UPLOAD_BYTES = Buffer.from("%PDF-1.4\n% un dépôt de test\n%%EOF\n");

type Run = { code: number; stdout: string; stderr: string };
/** Runs `npm run <script> -- …args` with only the given configuration (no .env). */
function npmRun(script: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      "npm",
      ["run", "--silent", script, "--", ...args],
      { env: { PATH: process.env.PATH, ENV_FILE: "", ...env } as unknown as NodeJS.ProcessEnv },
      (error, stdout, stderr) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let work: string;
let server: TestServer | undefined;
let restoredServer: TestServer | undefined;
let databasePath: string;
let backupFolder: string;
let manifest: any;
let answeredBefore: string[] = [];

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), "rdv-backup-"));
  databasePath = path.join(work, "donnees", "rendez-vous.sqlite");
  mkdirSync(path.join(work, "donnees", "fichiers"), { recursive: true });
  writeFileSync(path.join(work, "donnees", "fichiers", UPLOAD), UPLOAD_BYTES);
});
afterAll(async () => {
  await server?.stop();
  await restoredServer?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** A registration load: `workers` loops of POSTs with new addresses until stopped (at most `max`). */
function registrationLoad(s: TestServer, sessionId: string, workers: number, max: number) {
  const answered: { email: string; at: number }[] = [];
  const refused: number[] = [];
  let sent = 0;
  let stopped = false;
  const waiters: { n: number; resolve: () => void }[] = [];
  const worker = async () => {
    while (!stopped && sent < max) {
      const email = `charge-${++sent}@example.org`;
      const res = await fetch(s.url + FORM, {
        method: "POST",
        body: new URLSearchParams({ firstName: "Charge", lastName: "Sauvegarde", email, consent: "oui", sessions: sessionId }),
        redirect: "manual",
      });
      await res.arrayBuffer();
      if (res.status === 303) answered.push({ email, at: performance.now() });
      else refused.push(res.status);
      for (const w of waiters.filter((w) => answered.length >= w.n)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  const done = Promise.all(Array.from({ length: workers }, worker));
  return {
    answered,
    refused,
    /** Resolves once `n` registrations got their 303 (or the load ended). */
    reached: (n: number) =>
      answered.length >= n ? Promise.resolve() : Promise.race([new Promise<void>((resolve) => waiters.push({ n, resolve })), done.then(() => undefined)]),
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}

describe("db:backup during a registration load, then db:restore", () => {
  it("the backup, taken while registrations keep arriving, holds every one answered 303 before it started, and checks itself", async () => {
    server = await startServer({ DATABASE_PATH: databasePath, RATE_LIMIT_PER_IP: "1000000", RATE_LIMIT_PER_EMAIL: "1000" });
    const form = await (await fetch(server.url + FORM)).text();
    const sessionId = form.match(/name="sessions"(?![^>]*disabled)[^>]*value="(\d+)"/)![1];
    const load = registrationLoad(server, sessionId, 4, 5000);
    await load.reached(25);
    const started = performance.now();
    answeredBefore = load.answered.filter((a) => a.at < started).map((a) => a.email);
    const backup = await npmRun("db:backup", [path.join(work, "sauvegardes")], { DATABASE_PATH: databasePath });
    const ended = performance.now();
    // The load went on while the backup ran, then stops.
    await load.reached(load.answered.length + 5);
    await load.stop();
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    expect(load.refused).toEqual([]);
    expect(load.answered.filter((a) => a.at > started && a.at < ended).length).toBeGreaterThan(0);
    expect(answeredBefore.length).toBeGreaterThanOrEqual(25);

    backupFolder = backup.stdout.match(/Sauvegarde écrite dans (.+)/)![1].trim();
    expect(path.dirname(backupFolder)).toBe(path.join(work, "sauvegardes"));
    expect(path.basename(backupFolder)).toMatch(/^rendez-vous-\d{8}T\d{6}Z$/);
    expect(backup.stdout).toMatch(/integrity_check : ok/);
    manifest = JSON.parse(readFileSync(path.join(backupFolder, "manifest.json"), "utf8"));
    expect(manifest).toMatchObject({ format: "rendez-vous.backup/1", appVersion: "0.1.0", integrity: "ok", source: databasePath });
    expect(manifest.schema.migrations).toBeGreaterThan(0);
    expect(manifest.schema.latest).toMatch(/^\d{4}_/);
    // The counts printed are the manifest's, which are the copy's.
    expect(backup.stdout).toContain(`participants ${manifest.counts.participants}, registrations ${manifest.counts.registrations}`);
    expect(manifest.counts.participants).toBeGreaterThanOrEqual(answeredBefore.length);
    const copied = queryFile<{ n: number }>(path.join(backupFolder, "rendez-vous.sqlite"), "select count(*) as n from participants")[0].n;
    expect(copied).toBe(manifest.counts.participants);
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(["rendez-vous.sqlite", `fichiers/${UPLOAD}`]);
    expect(manifest.files[1]).toMatchObject({ size: UPLOAD_BYTES.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  }, 120_000);

  it("db:restore refuses a data directory whose database a server holds, in French, and leaves it alone", async () => {
    const before = queryFile<{ n: number }>(databasePath, "select count(*) as n from participants")[0].n;
    const refused = await npmRun("db:restore", [backupFolder], { DATABASE_PATH: databasePath });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/Restauration refusée : une base de données existe déjà à cet endroit/);
    expect(queryFile<{ n: number }>(databasePath, "select count(*) as n from participants")[0].n).toBe(before);
    expect((await fetch(`${server!.url}/healthz`)).status).toBe(200);
    expect(readdirSync(path.dirname(databasePath)).filter((f) => f.includes("restauration"))).toEqual([]);
  }, 60_000);

  it("restored into an empty folder, a server starts on it and every registration answered before the backup is there", async () => {
    await server?.stop();
    server = undefined;
    const restoredPath = path.join(work, "restauree", "rendez-vous.sqlite");
    const restore = await npmRun("db:restore", [backupFolder], { DATABASE_PATH: restoredPath });
    expect(restore.stderr).toBe("");
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/empreintes SHA-256 conformes/);
    expect(restore.stdout).toContain(`Base restaurée dans ${restoredPath}`);
    expect(JSON.parse(readFileSync(`${restoredPath}.marker`, "utf8"))).toMatchObject({ database: "rendez-vous.sqlite" });
    expect(readFileSync(path.join(work, "restauree", "fichiers", UPLOAD))).toEqual(UPLOAD_BYTES);

    restoredServer = await startServer({ DATABASE_PATH: restoredPath });
    expect((await fetch(`${restoredServer.url}/healthz`)).status).toBe(200);
    expect(restoredServer.stdout()).toMatch(/"msg":"database ready".*"created":false/);
    const emails = new Set(queryFile<{ email: string }>(restoredPath, "select email from participants").map((r) => r.email));
    expect(answeredBefore.filter((e) => !emails.has(e))).toEqual([]);
    expect(emails.size).toBe(manifest.counts.participants);
    expect(queryFile<{ n: number }>(restoredPath, "select count(*) as n from series")[0].n).toBe(manifest.counts.series);
    // The demo series' page on the restored server counts those registrations as its own.
    expect((await fetch(`${restoredServer.url}/series/${DEMO_SLUG}`)).status).toBe(200);
  }, 120_000);

  it("refuses a backup altered after the fact (one byte of the database or of an upload changed): the SHA-256 check names the file", async () => {
    for (const altered of ["rendez-vous.sqlite", `fichiers/${UPLOAD}`]) {
      const copy = path.join(work, `alteree-${altered.length}`);
      cpSync(backupFolder, copy, { recursive: true });
      const file = path.join(copy, altered);
      const bytes = readFileSync(file);
      const at = Math.floor(bytes.length / 2);
      bytes[at] = bytes[at] ^ 0xff;
      writeFileSync(file, bytes);
      const target = path.join(work, `cible-${altered.length}`, "rendez-vous.sqlite");
      const refused = await npmRun("db:restore", [copy], { DATABASE_PATH: target });
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain(`Sauvegarde refusée, elle ne correspond plus à son manifeste : ${altered} : empreinte SHA-256 différente`);
      expect(existsSync(target)).toBe(false);
    }
  }, 60_000);
});
