// What the server process starts and stops around Remix: configuration, the database (migrated and
// seeded), and later the email scheduler. server.mjs reaches this through the server build's entry
// module (app/entry.server.tsx exports `runtime`).
import { DateTime } from "luxon";
import { startScheduler, type Scheduler } from "~/jobs/scheduler.server";
import { ensureAdmin } from "~/models/organisers.server";
import { seedIfEmpty } from "~/models/seed.server";
import { closeDatabase, getDb, openDatabase, setDb } from "./db.server";
import { EnvError, getEnv, type Env } from "./env.server";
import { log, redactPath } from "./log.server";
import { createMailer } from "./mail.server";

export type Runtime = {
  env: Env;
  stop: () => Promise<void>;
};

let scheduler: Scheduler | undefined;

/** Asks the scheduler for a dispatch run now (after a change that queued emails). */
export function kickScheduler(): void {
  scheduler?.kick();
}

export function loadEnv(): Env {
  return getEnv();
}

export async function start(): Promise<Runtime> {
  const env = getEnv();
  const db = openDatabase(env.DATABASE_PATH);
  setDb(db);
  const seeded = seedIfEmpty(db, DateTime.now());
  if (env.ADMIN_EMAIL) ensureAdmin(db, env.ADMIN_EMAIL);
  if (seeded.length) log("info", "demo data loaded", { series: seeded });
  log("info", "database ready", { file: env.DATABASE_PATH });
  const mailer = createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, db, dkim: env.DKIM });
  scheduler = startScheduler({ db, mailer, appUrl: env.APP_URL });
  log("info", "email scheduler started", { transport: mailer.kind });
  return {
    env,
    stop: async () => {
      await scheduler?.stop();
      scheduler = undefined;
      mailer.close();
      log("info", "email scheduler stopped");
      versionStatement = undefined;
      setDb(undefined);
      closeDatabase(db);
      log("info", "database closed");
    },
  };
}

/**
 * Changes whenever the database does: `data_version` moves on commits by other connections (the CLI,
 * a second process), `total_changes()` on this connection's own writes. Keys the public page cache.
 */
export function dataVersion(): string {
  const sqlite = getDb().$client;
  versionStatement ??= sqlite.prepare("select total_changes() as c, (select data_version from pragma_data_version) as v");
  const row = versionStatement.get() as { c: number; v: number };
  return `${row.v}:${row.c}`;
}
let versionStatement: import("better-sqlite3").Statement | undefined;

export function ping(): boolean {
  return getDb().$client.prepare("select 1 as ok").get() !== undefined;
}

export { EnvError, log, redactPath };
