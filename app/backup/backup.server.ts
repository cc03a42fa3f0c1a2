// Online backup of the database and the uploaded files (npm run db:backup), and the retention rule.
// The database is copied with SQLite's online backup API (better-sqlite3's db.backup()) in one step,
// inside the read transaction that also counts its rows: the copy and the counts are the same
// snapshot, taken while the server keeps writing (WAL: a reader never blocks the writer). The copy is
// then checked (integrity_check, counts) before the folder gets its manifest and its final name.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { DateTime } from "luxon";
import { BUSY_TIMEOUT_MS } from "../utils/db.server";
import { projectRoot } from "../utils/paths.server";
import {
  BackupError,
  DATABASE_FILE,
  MANIFEST_FILE,
  UPLOADS_FOLDER,
  countProblems,
  countRows,
  describeFile,
  integrity,
  migrationLevel,
  readManifest,
  type Manifest,
} from "./manifest.server";

/** The version in package.json, written in each manifest. */
export function appVersion(): string {
  return (JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")) as { version: string }).version;
}

/** `rendez-vous-20261204T174000Z` (then `-2`, `-3`… if two backups share a second). */
function newFolderName(targetDir: string, now: DateTime): string {
  const base = `rendez-vous-${now.toUTC().toFormat("yyyyLLdd'T'HHmmss'Z'")}`;
  let name = base;
  for (let i = 2; existsSync(path.join(targetDir, name)); i++) name = `${base}-${i}`;
  return name;
}

/** Copies the database in one step of the backup API, within the read transaction that counts it. */
async function copyDatabase(databasePath: string, copy: string): Promise<Pick<Manifest, "counts" | "schema">> {
  let source: Database.Database;
  try {
    source = new Database(databasePath, { fileMustExist: true });
  } catch (e) {
    throw new BackupError(`La base ${databasePath} est introuvable ou illisible (${(e as Error).message}) : rien à sauvegarder.`);
  }
  try {
    source.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    source.exec("BEGIN");
    try {
      const counts = countRows(source);
      const schema = migrationLevel(source);
      // One step for all pages: the read lock is held throughout, so no write can restart the copy.
      await source.backup(copy, { progress: () => 0x7fffffff });
      return { counts, schema };
    } finally {
      source.exec("COMMIT");
    }
  } catch (e) {
    if (e instanceof BackupError) throw e;
    throw new BackupError(`La copie de la base ${databasePath} a échoué : ${(e as Error).message}`);
  } finally {
    source.close();
  }
}

/** Makes the copy one self-contained file (no WAL beside it) and checks it against the live counts. */
function checkCopy(copy: string, expected: Record<string, number>): void {
  const db = new Database(copy, { fileMustExist: true });
  try {
    db.pragma("journal_mode = DELETE");
    const result = integrity(db);
    if (result !== "ok") throw new BackupError(`La copie de la base est endommagée (integrity_check : ${result}).`);
    const problems = countProblems(expected, countRows(db));
    if (problems.length) throw new BackupError(`La copie ne contient pas les mêmes lignes que la base : ${problems.join(" ; ")}.`);
  } finally {
    db.close();
  }
}

/** Copies the stored uploads (not the pending ones of `.en-cours/`); a file deleted meanwhile is skipped. */
function copyUploads(databasePath: string, folder: string): string[] {
  const source = path.join(path.dirname(path.resolve(databasePath)), UPLOADS_FOLDER);
  if (!existsSync(source)) return [];
  mkdirSync(path.join(folder, UPLOADS_FOLDER));
  const copied: string[] = [];
  for (const name of readdirSync(source).sort()) {
    if (name.startsWith(".")) continue;
    const from = path.join(source, name);
    try {
      if (!statSync(from).isFile()) continue;
      copyFileSync(from, path.join(folder, UPLOADS_FOLDER, name));
      copied.push(`${UPLOADS_FOLDER}/${name}`);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    }
  }
  return copied;
}

/**
 * Backs up `databasePath` and its uploads into a new folder under `targetDir`. The folder only takes
 * its final name once complete and checked: an interrupted backup leaves a `.…partial` folder, never
 * something that looks like a backup.
 */
export async function createBackup(options: {
  databasePath: string;
  targetDir: string;
  now: DateTime;
  version?: string;
}): Promise<{ folder: string; manifest: Manifest }> {
  const targetDir = path.resolve(options.targetDir);
  mkdirSync(targetDir, { recursive: true });
  const name = newFolderName(targetDir, options.now);
  const partial = path.join(targetDir, `.${name}.partial`);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { mode: 0o700 }); // personal data: readable by the service user only
  try {
    const { counts, schema } = await copyDatabase(options.databasePath, path.join(partial, DATABASE_FILE));
    checkCopy(path.join(partial, DATABASE_FILE), counts);
    const relatives = [DATABASE_FILE, ...copyUploads(options.databasePath, partial)];
    const files = [];
    for (const relative of relatives) files.push(await describeFile(partial, relative));
    const manifest: Manifest = {
      format: "rendez-vous.backup/1",
      createdAt: options.now.toUTC().toISO()!,
      appVersion: options.version ?? appVersion(),
      source: path.resolve(options.databasePath),
      schema,
      integrity: "ok",
      counts,
      files,
    };
    writeFileSync(path.join(partial, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + "\n");
    const folder = path.join(targetDir, name);
    renameSync(partial, folder);
    return { folder, manifest };
  } catch (e) {
    rmSync(partial, { recursive: true, force: true });
    throw e;
  }
}

/** The backups this tool made in `targetDir` (recognised by their manifest), newest first. */
export function listBackups(targetDir: string): { folder: string; manifest: Manifest }[] {
  if (!existsSync(targetDir)) return [];
  return readdirSync(targetDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("."))
    .map((entry) => ({ folder: path.join(targetDir, entry.name), manifest: readManifest(path.join(targetDir, entry.name)) }))
    .filter((b): b is { folder: string; manifest: Manifest } => b.manifest !== null)
    .sort((a, b) => b.manifest.createdAt.localeCompare(a.manifest.createdAt) || b.folder.localeCompare(a.folder));
}

/** Retention: removes the oldest backups beyond the `keep` newest; anything else in `targetDir` stays. */
export function pruneBackups(targetDir: string, keep: number): string[] {
  if (!Number.isInteger(keep) || keep < 1) throw new BackupError("--keep attend un nombre entier d’au moins 1.");
  const removed = listBackups(path.resolve(targetDir))
    .slice(keep)
    .map((b) => b.folder);
  for (const folder of removed) rmSync(folder, { recursive: true, force: true });
  return removed;
}
