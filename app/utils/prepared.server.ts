// Prepared drizzle queries, built once per connection. Building a query (drizzle's SQL generation)
// costs more than running it on SQLite: hot paths (registration, dispatch) prepare theirs once.
import type { AppDatabase } from "./db.server";

const byConnection = new WeakMap<object, Map<string, unknown>>();

export function prepared<T>(db: AppDatabase, key: string, build: (db: AppDatabase) => T): T {
  let statements = byConnection.get(db.$client);
  if (!statements) byConnection.set(db.$client, (statements = new Map()));
  let statement = statements.get(key) as T | undefined;
  if (statement === undefined) {
    statement = build(db);
    statements.set(key, statement);
  }
  return statement;
}
