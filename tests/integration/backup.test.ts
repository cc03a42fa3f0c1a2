// Backups at the module level (app/backup/), with "now" injected: the retention rule (--keep N removes
// the oldest folders this tool made, nothing else), the manifest, and what restore refuses: a folder
// that is not a backup, a data directory a server still holds (-wal/-shm), uploads already in place.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBackup, listBackups, pruneBackups } from "~/backup/backup.server";
import { BackupError } from "~/backup/manifest.server";
import { liveDataProblem, restoreBackup } from "~/backup/restore.server";
import { seedIfEmpty } from "~/server/seed.server";
import { closeDatabase, openDatabase } from "~/utils/db.server";
import { NOW } from "../helpers/db";

const run = promisify(execFile);
let work: string;
let databasePath: string;
let backups: string;

beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), "rdv-backup-int-"));
  databasePath = path.join(work, "data", "rendez-vous.sqlite");
  backups = path.join(work, "sauvegardes");
  const db = openDatabase(databasePath);
  seedIfEmpty(db, NOW);
  closeDatabase(db);
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const at = (days: number) => NOW.plus({ days });

describe("retention (--keep N)", () => {
  it("removes the oldest backups beyond N, by their manifest's date, and leaves every other folder alone", async () => {
    const made = [];
    for (const day of [0, 1, 2]) made.push((await createBackup({ databasePath, targetDir: backups, now: at(day) })).folder);
    mkdirSync(path.join(backups, "notes-de-l-equipe"));
    writeFileSync(path.join(backups, "notes-de-l-equipe", "lisez-moi.txt"), "à garder");
    mkdirSync(path.join(backups, "autre-outil"));
    writeFileSync(path.join(backups, "autre-outil", "manifest.json"), JSON.stringify({ format: "autre/1", files: [] }));
    expect(listBackups(backups).map((b) => b.folder)).toEqual([...made].reverse());

    expect(pruneBackups(backups, 2)).toEqual([made[0]]);
    expect(readdirSync(backups).sort()).toEqual(["autre-outil", "notes-de-l-equipe", path.basename(made[1]), path.basename(made[2])].sort());
    expect(pruneBackups(backups, 2)).toEqual([]);
    expect(() => pruneBackups(backups, 0)).toThrow(BackupError);
  });

  it("npm run db:backup -- <dir> --keep 2, configured by the server's env file (ENV_FILE), makes a new backup, then removes the oldest beyond two", async () => {
    const old = [];
    for (const day of [-2, -1]) old.push((await createBackup({ databasePath, targetDir: backups, now: at(day) })).folder);
    const envFile = path.join(work, "rendez-vous.env");
    writeFileSync(envFile, `DATABASE_PATH=${databasePath}\n`);
    const { stdout } = await run("npm", ["run", "--silent", "db:backup", "--", backups, "--keep", "2"], {
      env: { PATH: process.env.PATH, ENV_FILE: envFile } as unknown as NodeJS.ProcessEnv,
    });
    const made = stdout.match(/Sauvegarde écrite dans (.+)/)![1].trim();
    expect(stdout).toContain(`Ancienne sauvegarde supprimée (au-delà des 2 plus récentes) : ${old[0]}`);
    expect(existsSync(old[0])).toBe(false);
    expect(listBackups(backups).map((b) => b.folder)).toEqual([made, old[1]]);
    expect(listBackups(backups)[0].manifest.source).toBe(databasePath);
  }, 60_000);

  it("two backups in the same second get two folders", async () => {
    const a = await createBackup({ databasePath, targetDir: backups, now: NOW });
    const b = await createBackup({ databasePath, targetDir: backups, now: NOW });
    expect(path.basename(a.folder)).toBe("rendez-vous-20261122T090000Z");
    expect(path.basename(b.folder)).toBe("rendez-vous-20261122T090000Z-2");
  });
});

describe("the manifest and what restore refuses", () => {
  it("refuses a backup of a newer version's database (more migrations than this code knows), before writing anything", async () => {
    const db = openDatabase(databasePath);
    db.$client.prepare("insert into __drizzle_migrations (hash, created_at) values ('venue-du-futur', 4102444800000)").run();
    closeDatabase(db);
    const { folder, manifest } = await createBackup({ databasePath, targetDir: backups, now: NOW });
    const target = path.join(work, "cible", "rendez-vous.sqlite");
    await expect(restoreBackup({ backupFolder: folder, databasePath: target, now: NOW })).rejects.toThrow(
      new RegExp(
        `vient d’une version plus récente de Rendez-vous \\(${manifest.schema.migrations} migrations appliquées, cette version en connaît ${manifest.schema.migrations - 1}\\)`,
      ),
    );
    expect(existsSync(path.dirname(target))).toBe(false);
  });

  it("writes the counts, the migration level and each file's SHA-256; leaves no partial folder", async () => {
    const { folder, manifest } = await createBackup({ databasePath, targetDir: backups, now: NOW, version: "9.9.9" });
    expect(manifest).toMatchObject({ format: "rendez-vous.backup/1", createdAt: "2026-11-22T09:00:00.000Z", appVersion: "9.9.9", integrity: "ok" });
    expect(manifest.counts.series).toBe(2);
    expect(manifest.counts.sessions).toBeGreaterThan(0);
    expect(manifest.files).toEqual([{ path: "rendez-vous.sqlite", size: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(readdirSync(backups)).toEqual([path.basename(folder)]);
  });

  it("a missing database is not backed up (nothing is created)", async () => {
    await expect(createBackup({ databasePath: path.join(work, "ailleurs", "x.sqlite"), targetDir: backups, now: NOW })).rejects.toThrow(
      /introuvable ou illisible/,
    );
    expect(existsSync(path.join(work, "ailleurs", "x.sqlite"))).toBe(false);
    expect(readdirSync(backups)).toEqual([]);
  });

  it("refuses a folder without this tool's manifest, a directory with -wal/-shm files, and uploads already in place", async () => {
    const { folder } = await createBackup({ databasePath, targetDir: backups, now: NOW });
    const target = path.join(work, "cible", "rendez-vous.sqlite");
    await expect(restoreBackup({ backupFolder: work, databasePath: target, now: NOW })).rejects.toThrow(/n’est pas une sauvegarde de Rendez-vous/);

    mkdirSync(path.dirname(target));
    writeFileSync(`${target}-wal`, "");
    expect(liveDataProblem(target)).toMatch(/un serveur semble tenir la base ouverte/);
    await expect(restoreBackup({ backupFolder: folder, databasePath: target, now: NOW })).rejects.toThrow(/Restauration refusée : un serveur semble/);
    rmSync(`${target}-wal`);

    mkdirSync(path.join(path.dirname(target), "fichiers"));
    writeFileSync(path.join(path.dirname(target), "fichiers", "deja-la.pdf"), "x");
    expect(liveDataProblem(target)).toMatch(/n’est pas vide/);
    rmSync(path.join(path.dirname(target), "fichiers"), { recursive: true });

    // Where the marker says a database was lost, restoring is exactly what is wanted.
    writeFileSync(`${target}.marker`, JSON.stringify({ database: "rendez-vous.sqlite", createdAt: "2020-01-01T00:00:00Z" }));
    await restoreBackup({ backupFolder: folder, databasePath: target, now: at(3) });
    expect(readdirSync(path.dirname(target)).sort()).toEqual(["rendez-vous.sqlite", "rendez-vous.sqlite.marker"]);
    expect(liveDataProblem(target)).toMatch(/une base de données existe déjà/);
  });
});
