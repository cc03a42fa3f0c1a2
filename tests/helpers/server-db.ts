// Reads and writes a running test server's database file directly: each call opens a short connection
// of its own that waits for the server's writes (busy_timeout), and closes it. withServerDb lends the
// application's own database handle (drizzle), for the domain functions a test calls to set data up;
// importIntoServer imports a series file of the test's own there, at the clock's time.
import Database from "better-sqlite3";
import type { ImportResult } from "~/series-file/series-import.server";
import { closeDatabase, openDatabase, type AppDatabase } from "~/utils/db.server";
import { nowIso as clockNow } from "~/utils/now.server";
import { importOrThrow } from "./db";

export function queryFile<T = any>(databasePath: string, query: string, ...args: unknown[]): T[] {
  const db = new Database(databasePath, { readonly: true });
  db.pragma("busy_timeout = 5000");
  try {
    return db.prepare(query).all(...args) as T[];
  } finally {
    db.close();
  }
}

export function runFile(databasePath: string, query: string, ...args: unknown[]): void {
  const db = new Database(databasePath);
  db.pragma("busy_timeout = 5000");
  try {
    db.prepare(query).run(...args);
  } finally {
    db.close();
  }
}

/** Runs `use` with the application's database handle on the server's file, closed afterwards. */
export function withServerDb<T>(databasePath: string, use: (db: AppDatabase) => T): T {
  const db = openDatabase(databasePath);
  try {
    return use(db);
  } finally {
    closeDatabase(db);
  }
}

/** Imports a series file into the server's database through the ordinary import, failing the test if it is refused. */
export function importIntoServer(databasePath: string, file: unknown): Extract<ImportResult, { ok: true }> {
  return withServerDb(databasePath, (db) => importOrThrow(db, file, { nowIso: clockNow() }));
}
