// The data directory around the database file: what makes a lost database loud instead of silent.
//  - A marker file (`<database>.marker`) written when the database is created. A later start that
//    finds the marker but not the database refuses to create a new one (and to seed demo data over
//    the real data's place) unless told to (ALLOW_NEW_DATABASE=1): the database was deleted or the
//    disk was not mounted, and the operator must restore a backup.
//  - The open database file's identity (device and inode): if the file is deleted or replaced under
//    the running server, databaseFileProblem() says so (health check 503, writes refused).
//  - The stored cookie secret (`session-secret`, mode 0600) used when SESSION_SECRET is not set, so
//    that sign-ins survive a restart.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

export class DataDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DataDirError";
  }
}

export const markerPath = (databaseFile: string) => `${path.resolve(databaseFile)}.marker`;

/**
 * Before opening the database: refuses to create one where one existed. Returns whether the database
 * is new (then call writeMarker() once it exists).
 */
export function checkDataDir(databaseFile: string, options: { allowNew: boolean }): { isNew: boolean } {
  if (databaseFile === ":memory:") return { isNew: true };
  const file = path.resolve(databaseFile);
  const exists = existsSync(file) && statSync(file).size > 0;
  if (exists) return { isNew: false };
  const marker = markerPath(file);
  if (existsSync(marker) && !options.allowNew) {
    let createdAt = "";
    try {
      createdAt = (JSON.parse(readFileSync(marker, "utf8")) as { createdAt?: string }).createdAt ?? "";
    } catch {
      /* an unreadable marker still says a database was here */
    }
    throw new DataDirError(
      `La base de données ${file} est introuvable, alors que ce dossier en contenait une${createdAt ? ` (créée le ${createdAt})` : ""} : ` +
        `le serveur ne crée pas de base vide à sa place. Restaurez la dernière sauvegarde (README, « Exploitation »), ` +
        `vérifiez que le disque est monté, ou, pour repartir volontairement d’une base vide, relancez avec ALLOW_NEW_DATABASE=1.`,
    );
  }
  return { isNew: true };
}

export function writeMarker(databaseFile: string, createdAt: string): void {
  if (databaseFile === ":memory:") return;
  writeFileSync(markerPath(databaseFile), JSON.stringify({ database: path.basename(databaseFile), createdAt }) + "\n");
}

export type FileIdentity = { dev: number; ino: number } | null;

export function fileIdentity(databaseFile: string): FileIdentity {
  if (databaseFile === ":memory:") return null;
  const s = statSync(databaseFile);
  return { dev: s.dev, ino: s.ino };
}

/** Null while the file opened at start-up is still the one at its path; otherwise what happened, in French. */
export function databaseFileProblem(databaseFile: string, opened: FileIdentity): string | null {
  if (!opened) return null;
  let now;
  try {
    now = statSync(databaseFile);
  } catch {
    return "le fichier de la base de données a disparu";
  }
  return now.dev === opened.dev && now.ino === opened.ino ? null : "le fichier de la base de données a été remplacé";
}

/** SESSION_SECRET when set; otherwise the secret stored beside the database (created once, mode 0600). */
export function storedSessionSecret(databaseFile: string): string {
  const dir = databaseFile === ":memory:" ? process.cwd() : path.dirname(path.resolve(databaseFile));
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "session-secret");
  if (existsSync(file)) {
    const secret = readFileSync(file, "utf8").trim();
    if (secret.length >= 32) return secret;
  }
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}
