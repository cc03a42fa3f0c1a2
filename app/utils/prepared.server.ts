// Prepared drizzle queries, built once per connection. Building a query (drizzle's SQL generation)
// costs more than running it on SQLite: hot paths (registration, dispatch) prepare theirs once.
// A transaction handle shares its connection's session, so a statement prepared once serves both.
import type { Statement } from "better-sqlite3";
import { sql } from "drizzle-orm";
import type { AppDatabase, Tx } from "./db.server";

const byConnection = new WeakMap<object, Map<string, unknown>>();

/** The SQLite connection behind a database or a transaction handle (drizzle's session client). */
function connectionOf(db: AppDatabase | Tx): object {
  return "$client" in db ? db.$client : (db as unknown as { session: { client: object } }).session.client;
}

export function prepared<T, D extends AppDatabase | Tx>(db: D, key: string, build: (db: D) => T): T {
  const connection = connectionOf(db);
  let statements = byConnection.get(connection);
  if (!statements) byConnection.set(connection, (statements = new Map()));
  let statement = statements.get(key) as T | undefined;
  if (statement === undefined) {
    statement = build(db);
    statements.set(key, statement);
  }
  return statement;
}

/** A raw SQLite statement prepared once per connection, for what the query builder cannot say (json_each). */
export function preparedRaw(db: AppDatabase | Tx, key: string, sql: string): Statement<unknown[]> {
  return prepared(db, `raw:${key}`, () => (connectionOf(db) as AppDatabase["$client"]).prepare(sql));
}

/** Placeholders named after the columns they fill (a prepared insert's values). */
export const placeholders = <K extends string>(...columns: K[]) =>
  Object.fromEntries(columns.map((c) => [c, sql.placeholder(c)])) as unknown as Record<K, ReturnType<typeof sql.placeholder>>;
