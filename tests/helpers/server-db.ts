// Reads and writes a running test server's database file directly: each call opens a short connection
// of its own that waits for the server's writes (busy_timeout), and closes it.
import Database from "better-sqlite3";

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
