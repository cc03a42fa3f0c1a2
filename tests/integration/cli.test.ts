import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { register } from "~/registration/registrations.server";
import { closeDatabase, openDatabase } from "~/utils/db.server";
import { FIXTURE_PATH, fixture, importOrThrow } from "../helpers/db";
import { participantInput } from "../helpers/people";
import { startSmtp } from "../helpers/smtp";

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), "rdv-cli-"));
// ENV_FILE empty: no configuration file, whatever .env the working copy holds.
const env = { PATH: process.env.PATH, ENV_FILE: "", DATABASE_PATH: path.join(dir, "cli.sqlite") } as unknown as NodeJS.ProcessEnv;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function npm(...args: string[]) {
  return npmWith(env, ...args);
}

async function npmWith(environment: NodeJS.ProcessEnv, ...args: string[]) {
  try {
    const { stdout, stderr } = await run("npm", ["run", "--silent", ...args], { env: environment });
    return { code: 0, stdout, stderr };
  } catch (e: any) {
    return { code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string };
  }
}

describe("series:import / series:export", () => {
  it("imports the fixture, exports it back identical, and warns that the export holds secrets", async () => {
    const imported = await npm("series:import", "--", FIXTURE_PATH);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/Série «\srdv-sante-qpv-seine-maritime-2022\s» créée\s: 5 session\(s\)/);

    const again = await npm("series:import", "--", FIXTURE_PATH);
    expect(again.stdout).toMatch(/mise à jour/);

    const out = path.join(dir, "export.json");
    const exported = await npm("series:export", "--", "rdv-sante-qpv-seine-maritime-2022", "--output", out);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toMatch(/contient les codes d’accès/);
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
    expect(r.stderr).toMatch(/Import refusé\s: 2 erreur\(s\), rien n’a été modifié/);
    expect(r.stderr).toMatch(/sessions\[2\]\.start\s: doit être une date et heure locales/);
    expect(r.stderr).toMatch(/sessions\[0\]\.programme\[0\]\.kind\s: valeur inconnue «\sfête\s»/);
  }, 60_000);

  it("says so when the slug is unknown", async () => {
    const r = await npm("series:export", "--", "inconnue");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Aucune série ne porte le slug «\sinconnue\s»/);
  }, 60_000);
});

describe("one configuration for the server and the command line", () => {
  it("mail:dispatch reads the same env file as the server: its links carry that file’s APP_URL, its mail goes to that file’s SMTP_URL", async () => {
    const smtp = await startSmtp();
    try {
      const databasePath = path.join(dir, "config.sqlite");
      const db = openDatabase(databasePath);
      const file = fixture();
      file.status = "published";
      const imported = importOrThrow(db, file, { nowIso: "2022-03-01T10:00:00Z" });
      const first = db.select().from(t.sessions).orderBy(t.sessions.number).all()[0];
      const person = participantInput("zoe@example.org", "Zoé", "Config");
      expect(register(db, { seriesId: imported.seriesId, sessionIds: [first.id], participant: person, nowIso: "2022-03-01T10:00:00Z" }).ok).toBe(true);
      closeDatabase(db);

      const envFile = path.join(dir, "rendez-vous.env");
      writeFileSync(
        envFile,
        [
          `# the server’s configuration`,
          `PORT=4711`,
          `APP_URL=http://rdv.example.test:4711`,
          `DATABASE_PATH=${databasePath}`,
          `SMTP_URL=${smtp.url}`,
          `MAIL_FROM="Rendez-vous <rdv@example.org>"`,
        ].join("\n"),
      );
      // Only PATH and ENV_FILE in the process environment: everything else comes from the file.
      const r = await npmWith(
        { PATH: process.env.PATH, ENV_FILE: envFile } as unknown as NodeJS.ProcessEnv,
        "mail:dispatch",
        "--",
        "--now",
        "2022-03-01T10:05:00Z",
      );
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/1 envoyé\(s\)/);
      const [mail] = await smtp.waitFor(1);
      expect(mail.envelopeTo).toEqual(["zoe@example.org"]);
      const links = [...String(mail.parsed.text).matchAll(/https?:\/\/[^\s)>\]]+/g)].map((m) => m[0]).filter((u) => !/zoom|youtube|vimeo/.test(u));
      expect(links.length).toBeGreaterThan(0);
      expect(links.every((u) => u.startsWith("http://rdv.example.test:4711/"))).toBe(true);
      expect(String(mail.parsed.text)).not.toMatch(/localhost:3000/);
    } finally {
      await smtp.close();
    }
  }, 60_000);

  it("the process environment wins over the file; a named file that does not exist is refused", async () => {
    const envFile = path.join(dir, "other.env");
    writeFileSync(envFile, `DATABASE_PATH=${path.join(dir, "ignored.sqlite")}\nPORT=pas-un-port\n`);
    const overridden = await npmWith(
      { PATH: process.env.PATH, ENV_FILE: envFile, PORT: "4000", DATABASE_PATH: path.join(dir, "cli.sqlite") } as unknown as NodeJS.ProcessEnv,
      "series:export",
      "--",
      "inconnue",
    );
    expect(overridden.stderr).toMatch(/Aucune série ne porte le slug «\sinconnue\s»/);
    const missing = await npmWith(
      { PATH: process.env.PATH, ENV_FILE: path.join(dir, "absent.env") } as unknown as NodeJS.ProcessEnv,
      "series:export",
      "--",
      "inconnue",
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/ENV_FILE\s.*absent\.env.*introuvable/);
  }, 60_000);

  it("in production, a command-line tool refuses to run without APP_URL (its links would point nowhere)", async () => {
    const r = await npmWith(
      {
        PATH: process.env.PATH,
        ENV_FILE: "",
        NODE_ENV: "production",
        SESSION_SECRET: "s".repeat(40),
        DATABASE_PATH: path.join(dir, "prod.sqlite"),
      } as unknown as NodeJS.ProcessEnv,
      "mail:dispatch",
      "--",
      "--now",
      "2022-03-01T10:05:00Z",
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/APP_URL est obligatoire en production/);
  }, 60_000);
});
