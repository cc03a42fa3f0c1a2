// A backup folder's manifest (`manifest.json`, format `rendez-vous.backup/1`) and the checks shared by
// backup and restore: SHA-256 of every file, SQLite's integrity check, row counts of the main tables,
// the schema's migration level. A folder is "a backup made by this tool" only if its manifest says so.
import { createHash } from "node:crypto";
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import { migrationsFolder } from "../utils/paths.server";

export const MANIFEST_FORMAT = "rendez-vous.backup/1";
export const MANIFEST_FILE = "manifest.json";
/** Inside a backup folder: the database copy and the uploads folder, as beside a live database. */
export const DATABASE_FILE = "rendez-vous.sqlite";
export const UPLOADS_FOLDER = "fichiers";

/** The tables whose row counts are compared between the live database and its copy, and printed. */
export const COUNTED_TABLES = [
  "series",
  "sessions",
  "participants",
  "registrations",
  "personal_links",
  "resources",
  "outbox",
  "organisers",
  "audit_log",
] as const;

export type BackupFile = { path: string; size: number; sha256: string };

export type Manifest = {
  format: typeof MANIFEST_FORMAT;
  createdAt: string;
  appVersion: string;
  /** The database the copy was taken from (absolute path). */
  source: string;
  schema: { migrations: number; latest: string | null };
  integrity: "ok";
  counts: Record<string, number>;
  /** Every file of the backup but the manifest: the database first, then the uploads. */
  files: BackupFile[];
};

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

export async function describeFile(folder: string, relative: string): Promise<BackupFile> {
  const file = path.join(folder, relative);
  return { path: relative, size: statSync(file).size, sha256: await sha256File(file) };
}

export function countRows(sqlite: Database.Database): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const table of COUNTED_TABLES) counts[table] = (sqlite.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
  return counts;
}

/** "ok", or the problems SQLite's integrity check reports. */
export function integrity(sqlite: Database.Database): string {
  const rows = sqlite.pragma("integrity_check") as { integrity_check: string }[];
  return rows.map((r) => r.integrity_check).join("; ");
}

/** The migrations this version of the app knows (db/migrations/meta/_journal.json). */
export function knownMigrations(): { when: number; tag: string }[] {
  const journal = path.join(migrationsFolder, "meta", "_journal.json");
  return existsSync(journal) ? (JSON.parse(readFileSync(journal, "utf8")) as { entries: { when: number; tag: string }[] }).entries : [];
}

/** How many migrations the database has applied, and the name of the last one. */
export function migrationLevel(sqlite: Database.Database): Manifest["schema"] {
  const applied = sqlite.prepare("select count(*) as n, max(created_at) as last from __drizzle_migrations").get() as { n: number; last: number | null };
  const latest = knownMigrations().find((e) => applied.last !== null && e.when === Number(applied.last))?.tag ?? null;
  return { migrations: applied.n, latest };
}

/** The manifest of a folder made by this tool, or null (no manifest, unreadable, another format). */
export function readManifest(folder: string): Manifest | null {
  try {
    const manifest = JSON.parse(readFileSync(path.join(folder, MANIFEST_FILE), "utf8")) as Manifest;
    return manifest?.format === MANIFEST_FORMAT && Array.isArray(manifest.files) ? manifest : null;
  } catch {
    return null;
  }
}

/** Each file of the manifest read again under `folder`: the differences, in French (none: all good). */
export async function fileProblems(folder: string, files: BackupFile[]): Promise<string[]> {
  const problems: string[] = [];
  for (const expected of files) {
    const file = path.join(folder, expected.path);
    if (!existsSync(file)) {
      problems.push(`${expected.path} : fichier absent`);
      continue;
    }
    const actual = await describeFile(folder, expected.path);
    if (actual.size !== expected.size) problems.push(`${expected.path} : ${actual.size} octets au lieu de ${expected.size}`);
    else if (actual.sha256 !== expected.sha256) problems.push(`${expected.path} : empreinte SHA-256 différente (fichier altéré)`);
  }
  return problems;
}

/** Counts that differ between what the manifest says and what a database holds, in French. */
export function countProblems(expected: Record<string, number>, actual: Record<string, number>): string[] {
  return Object.keys(expected)
    .filter((table) => expected[table] !== actual[table])
    .map((table) => `${table} : ${actual[table]} lignes au lieu de ${expected[table]}`);
}

export function formatCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([table, n]) => `${table} ${n}`)
    .join(", ");
}
