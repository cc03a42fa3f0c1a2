import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { FIXTURE_PATH, fixture } from "../helpers/db";

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), "rdv-cli-"));
const env = { PATH: process.env.PATH, DATABASE_PATH: path.join(dir, "cli.sqlite") } as unknown as NodeJS.ProcessEnv;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function npm(...args: string[]) {
  try {
    const { stdout, stderr } = await run("npm", ["run", "--silent", ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (e: any) {
    return { code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string };
  }
}

describe("series:import / series:export", () => {
  it("imports the fixture, exports it back identical, and warns that the export holds secrets", async () => {
    const imported = await npm("series:import", "--", FIXTURE_PATH);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/Série « rdv-sante-qpv-seine-maritime-2022 » créée : 5 session\(s\)/);

    const again = await npm("series:import", "--", FIXTURE_PATH);
    expect(again.stdout).toMatch(/mise à jour/);

    const out = path.join(dir, "export.json");
    const exported = await npm("series:export", "--", "rdv-sante-qpv-seine-maritime-2022", "--output", out);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toMatch(/contient les codes d'accès/);
    expect(JSON.parse(readFileSync(out, "utf8"))).toEqual(fixture());

    const stdoutExport = await npm("series:export", "--", "rdv-sante-qpv-seine-maritime-2022");
    expect(JSON.parse(stdoutExport.stdout).slug).toBe("rdv-sante-qpv-seine-maritime-2022");
  }, 60_000);

  it("refuses a wrong file with French errors naming JSON paths, and exits non-zero", async () => {
    const bad = fixture();
    bad.sessions[2].start = "2022-06-02 09:30";
    bad.sessions[0].programme[0].kind = "fête";
    const file = path.join(dir, "bad.json");
    writeFileSync(file, JSON.stringify(bad));
    const r = await npm("series:import", "--", file);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Import refusé : 2 erreur\(s\), rien n'a été modifié/);
    expect(r.stderr).toMatch(/sessions\[2\]\.start : doit être une date et heure locales/);
    expect(r.stderr).toMatch(/sessions\[0\]\.programme\[0\]\.kind : valeur inconnue « fête »/);
  }, 60_000);

  it("says so when the slug is unknown", async () => {
    const r = await npm("series:export", "--", "inconnue");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Aucune série ne porte le slug « inconnue »/);
  }, 60_000);
});
