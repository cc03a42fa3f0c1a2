// Restoring a backup (npm run db:restore) into an empty data directory: never over a database in place
// or held by a server. The backup's files are checked against their manifest (size, SHA-256) and the
// database by integrity_check and its row counts, before and after the copy; the database only takes
// its name once checked (a hard link: an existing file is never overwritten), then the data
// directory's marker is written as the server does (app/utils/data-dir.server.ts).
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, rmSync, unlinkSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { DateTime } from "luxon";
import { writeMarker } from "../utils/data-dir.server";
import {
  BackupError,
  DATABASE_FILE,
  UPLOADS_FOLDER,
  countProblems,
  countRows,
  fileProblems,
  integrity,
  knownMigrations,
  migrationLevel,
  readManifest,
  type Manifest,
} from "./manifest.server";

/** Why the data directory of `databasePath` cannot receive a restore (in French), or null. */
export function liveDataProblem(databasePath: string): string | null {
  const file = path.resolve(databasePath);
  if (existsSync(file)) {
    return `une base de données existe déjà à cet endroit (${file}) : la restauration n’écrase jamais une base en place. Arrêtez le serveur et déplacez ce fichier (avec ses fichiers -wal et -shm), ou restaurez dans un dossier vide (DATABASE_PATH).`;
  }
  const open = ["-wal", "-shm"].filter((suffix) => existsSync(file + suffix));
  if (open.length) {
    return `un serveur semble tenir la base ouverte (${open.map((s) => path.basename(file) + s).join(", ")} présent) : arrêtez-le et déplacez ces fichiers avant de restaurer.`;
  }
  const uploads = path.join(path.dirname(file), UPLOADS_FOLDER);
  if (existsSync(uploads) && readdirSync(uploads).some((name) => !name.startsWith("."))) {
    return `le dossier des fichiers déposés ${uploads} n’est pas vide : la restauration n’y mélange pas d’autres fichiers.`;
  }
  return null;
}

/** integrity_check and the manifest's row counts on a database file; throws a BackupError naming `what`. */
function checkDatabase(file: string, manifest: Manifest, what: string): void {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const result = integrity(db);
    if (result !== "ok") throw new BackupError(`${what} est endommagée (integrity_check : ${result}).`);
    const problems = countProblems(manifest.counts, countRows(db));
    if (problems.length) throw new BackupError(`${what} ne contient pas les lignes annoncées par le manifeste : ${problems.join(" ; ")}.`);
    // A newer version's database: this code cannot undo its migrations (install that version first).
    const level = migrationLevel(db);
    const known = knownMigrations().length;
    if (level.migrations > known) {
      throw new BackupError(
        `${what} vient d’une version plus récente de Rendez-vous (${level.migrations} migrations appliquées, cette version en connaît ${known}) : installez la version ${manifest.appVersion} ou plus récente avant de la restaurer.`,
      );
    }
  } finally {
    db.close();
  }
}

export async function restoreBackup(options: {
  backupFolder: string;
  databasePath: string;
  now: DateTime;
}): Promise<{ manifest: Manifest; databasePath: string }> {
  const backupFolder = path.resolve(options.backupFolder);
  const databasePath = path.resolve(options.databasePath);
  const manifest = readManifest(backupFolder);
  if (!manifest) throw new BackupError(`${backupFolder} n’est pas une sauvegarde de Rendez-vous (manifest.json absent, illisible ou d’un autre format).`);
  const live = liveDataProblem(databasePath);
  if (live) throw new BackupError(`Restauration refusée : ${live}`);

  const before = await fileProblems(backupFolder, manifest.files);
  if (before.length) throw new BackupError(`Sauvegarde refusée, elle ne correspond plus à son manifeste : ${before.join(" ; ")}.`);
  checkDatabase(path.join(backupFolder, DATABASE_FILE), manifest, "La base de la sauvegarde");

  const dataDir = path.dirname(databasePath);
  const pending = `${databasePath}.restauration`;
  mkdirSync(dataDir, { recursive: true });
  const copied: string[] = [pending];
  try {
    copyFileSync(path.join(backupFolder, DATABASE_FILE), pending);
    for (const file of manifest.files.filter((f) => f.path !== DATABASE_FILE)) {
      const target = path.join(dataDir, file.path);
      mkdirSync(path.dirname(target), { recursive: true });
      copyFileSync(path.join(backupFolder, file.path), target);
      copied.push(target);
    }
    // After the copy: the same bytes, and a sound database.
    const placed = manifest.files.map((f) => (f.path === DATABASE_FILE ? { ...f, path: path.basename(pending) } : f));
    const after = await fileProblems(dataDir, placed);
    if (after.length) throw new BackupError(`La copie restaurée diffère de la sauvegarde : ${after.join(" ; ")}.`);
    checkDatabase(pending, manifest, "La base restaurée");
    try {
      linkSync(pending, databasePath);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST")
        throw new BackupError(`Restauration refusée : une base est apparue à ${databasePath} pendant la restauration.`);
      throw e;
    }
  } catch (e) {
    for (const file of copied) rmSync(file, { force: true });
    throw e;
  }
  unlinkSync(pending);
  writeMarker(databasePath, options.now.toUTC().toISO()!);
  return { manifest, databasePath };
}
