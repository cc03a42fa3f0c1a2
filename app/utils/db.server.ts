// Opening SQLite: the same pragmas on every connection, migrations applied at start-up; the typed
// start of a select for helpers that own a join (selectFrom).
// See docs/decisions/002-sqlite-settings-and-migrations.md.
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import type { SelectedFields, SQLiteSelectBase, SQLiteTable } from "drizzle-orm/sqlite-core";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { migrationsFolder } from "./paths.server";
import { fold } from "./fold";

/**
 * Without drizzle's relational queries (`db.query.*`, never used): given the schema, drizzle would
 * build a query builder per table for every transaction handle — 2 % of a registration's time.
 */
export type AppDatabase = BetterSQLite3Database & { $client: Database.Database };
/** A transaction handle, as given to the callback of `db.transaction()`. */
export type Tx = Parameters<Parameters<AppDatabase["transaction"]>[0]>[0];

/**
 * `select fields from table`, for helpers that start a join and let their callers choose the columns:
 * the cast states what drizzle infers for any concrete `fields` (a partial select) but cannot for a
 * generic one.
 */
export function selectFrom<F extends SelectedFields, T extends SQLiteTable>(db: AppDatabase | Tx, fields: F, table: T) {
  return db.select(fields).from(table) as unknown as SQLiteSelectBase<T["_"]["name"], "sync", Database.RunResult, F, "partial">;
}

export const BUSY_TIMEOUT_MS = 5000;

/** Applied to every connection the app opens, the CLI's and the tests' included. */
export function applyPragmas(sqlite: Database.Database): void {
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
}

/** SQL functions the app's queries use: `fold(text)`, the search folding of app/utils/fold.ts. */
export function registerFunctions(sqlite: Database.Database): void {
  sqlite.function("fold", { deterministic: true }, (value: unknown) => (typeof value === "string" ? fold(value) : value));
}

/** `verbose` receives every statement run, values inlined (the query-plan guard: tests/helpers/query-plan.ts). */
export function openDatabase(file: string, options: { migrate?: boolean; verbose?: (sql: unknown) => void } = {}): AppDatabase {
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file, options.verbose ? { verbose: options.verbose } : {});
  applyPragmas(sqlite);
  registerFunctions(sqlite);
  const db = drizzle(sqlite) as AppDatabase;
  if (options.migrate !== false) migrate(db, { migrationsFolder });
  return db;
}

export function closeDatabase(db: AppDatabase): void {
  if (db.$client.open) db.$client.close();
}

let current: AppDatabase | undefined;

/** The server's connection, opened once by the server's start-up (see app/server/runtime.server.ts). */
export function getDb(): AppDatabase {
  if (!current) throw new Error("La base de données n’est pas ouverte (appelez startRuntime()).");
  return current;
}

export function setDb(db: AppDatabase | undefined): void {
  current = db;
}
