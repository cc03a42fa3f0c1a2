// What the server process starts and stops around Remix: configuration, logging, the data directory
// and the database (migrated and seeded), the email scheduler, and the health check's view of them.
// server.mjs reaches this through the server build's entry module (app/entry.server.tsx exports
// `runtime`), together with the HTTP policy it applies (app/http/http-policy.server.ts).
import { DateTime } from "luxon";
import { startScheduler, type Scheduler, type SchedulerState } from "~/notifications/scheduler.server";
import { ensureAdmin } from "~/accounts/accounts.server";
import { oldestDue } from "~/notifications/outbox.server";
import { seedIfEmpty } from "~/server/seed.server";
import { DataDirError, checkDataDir, databaseFileProblem, fileIdentity, markerPath, writeMarker, type FileIdentity } from "../utils/data-dir.server";
import { closeDatabase, getDb, openDatabase, setDb } from "../utils/db.server";
import { EnvError, getEnv, type Env } from "../utils/env.server";
import { bodyLimit, errorPage, isCrossSite, newNonce, securityHeaders } from "../http/http-policy.server";
import { installConsoleRedirect, log, logDevMailbox, redact, redactPath } from "../utils/log.server";
import { createMailer } from "../notifications/mail.server";
import { nowIso } from "../utils/now.server";
import { existsSync } from "node:fs";
import { startCheckpointer, type Checkpointer } from "./checkpointer.server";

export type Runtime = {
  env: Env;
  stop: () => Promise<void>;
};

let scheduler: Scheduler | undefined;
let checkpointer: Checkpointer | undefined;
let opened: FileIdentity = null;
let databasePath = "";

/** Asks the scheduler for a dispatch run now (after a change that queued emails). */
export function kickScheduler(): void {
  scheduler?.kick();
}

export function loadEnv(): Env {
  return getEnv();
}

export async function start(): Promise<Runtime> {
  installConsoleRedirect();
  const env = getEnv();
  const { isNew } = checkDataDir(env.DATABASE_PATH, { allowNew: env.ALLOW_NEW_DATABASE });
  const db = openDatabase(env.DATABASE_PATH);
  if (isNew || !existsSync(markerPath(env.DATABASE_PATH))) writeMarker(env.DATABASE_PATH, nowIso());
  databasePath = env.DATABASE_PATH;
  opened = fileIdentity(env.DATABASE_PATH);
  setDb(db);
  const seeded = seedIfEmpty(db, DateTime.now());
  if (env.ADMIN_EMAIL) ensureAdmin(db, env.ADMIN_EMAIL);
  if (seeded.length) log("info", "demo data loaded", { series: seeded });
  log("info", "database ready", { file: env.DATABASE_PATH, created: isNew });
  checkpointer = startCheckpointer(db, env.DATABASE_PATH, {
    onFailure: (error) => log("error", "checkpoint thread failed: SQLite checkpoints in the server's thread again", { error: String(error) }),
  });
  const mailer = createMailer({
    smtpUrl: env.SMTP_URL,
    from: env.MAIL_FROM,
    db,
    dkim: env.DKIM,
    timeoutSeconds: env.SMTP_TIMEOUT_SECONDS,
    // No mail server: each email is printed too, so that the first organiser can sign in from the console.
    onDevMessage: (m) => logDevMailbox({ to: m.to, subject: m.subject, links: [...new Set(m.text.match(/https?:\/\/[^\s<>")]+/g) ?? [])] }),
  });
  scheduler = startScheduler({
    db,
    mailer,
    appUrl: env.APP_URL,
    pollSeconds: env.MAIL_POLL_SECONDS,
    retryBaseSeconds: env.MAIL_RETRY_SECONDS,
    // A send gives up after 3 × SMTP_TIMEOUT_SECONDS: a run silent for longer than that is stuck.
    stallSeconds: 3 * env.SMTP_TIMEOUT_SECONDS + 10,
    canRun: () => databaseProblem() === null,
  });
  log("info", "email scheduler started", { transport: mailer.kind });
  if (mailer.kind === "dev-mailbox") {
    log("warn", "no SMTP_URL: emails are not sent; they are kept in the development mailbox (/admin/emails, for signed-in organisers) and printed here");
  }
  return {
    env,
    stop: async () => {
      await scheduler?.stop();
      scheduler = undefined;
      mailer.close();
      log("info", "email scheduler stopped");
      await checkpointer?.stop();
      checkpointer = undefined;
      setDb(undefined);
      closeDatabase(db);
      log("info", "database closed");
    },
  };
}

/** Null while the database file the server opened is still in place; otherwise what is wrong. */
export function databaseProblem(): string | null {
  return databaseFileProblem(databasePath, opened);
}

export type Health = {
  status: "ok" | "degraded" | "error";
  database: "ok" | "unreachable" | "missing" | "replaced";
  databaseProblem?: string;
  dispatcher: (SchedulerState & { oldestDueSeconds: number | null }) | null;
};

/** Emails waiting for longer than this make the service "degraded" (still 200: pages work). */
export const DISPATCH_LAG_ALERT_SECONDS = 15 * 60;

/**
 * The health check: 503 when the database cannot be read or its file is gone or replaced (data
 * written now would be lost); "degraded" (200) when emails wait for longer than 15 minutes or the
 * last dispatch run failed.
 */
export function health(): { httpStatus: number; body: Health } {
  const problem = databaseProblem();
  let readable = false;
  try {
    readable = getDb().$client.prepare("select 1 as ok").get() !== undefined;
  } catch {
    readable = false;
  }
  const database: Health["database"] = problem ? (problem.includes("remplacé") ? "replaced" : "missing") : readable ? "ok" : "unreachable";
  let dispatcher: Health["dispatcher"] = null;
  if (scheduler && readable) {
    const now = nowIso();
    const oldest = oldestDue(getDb(), now);
    dispatcher = {
      ...scheduler.state(),
      oldestDueSeconds: oldest ? Math.max(0, Math.round(DateTime.fromISO(now).diff(DateTime.fromISO(oldest), "seconds").seconds)) : null,
    };
  }
  const lagging = dispatcher !== null && ((dispatcher.oldestDueSeconds ?? 0) > DISPATCH_LAG_ALERT_SECONDS || dispatcher.lastError !== null);
  const status: Health["status"] = database !== "ok" ? "error" : lagging ? "degraded" : "ok";
  return { httpStatus: status === "error" ? 503 : 200, body: { status, database, ...(problem ? { databaseProblem: problem } : {}), dispatcher } };
}

export function ping(): boolean {
  return health().body.database === "ok";
}

export { pageVersion } from "~/page-cache/page-versions.server";
export { createPageCache, sharedMaxAge } from "~/page-cache/page-cache.server";
export { DataDirError, EnvError, bodyLimit, errorPage, isCrossSite, log, newNonce, redact, redactPath, securityHeaders };
