// WAL checkpoints off the request thread. SQLite copies the write-ahead log back into the database
// file (a checkpoint) inside whichever COMMIT crosses 1,000 pages of log: with synchronous=NORMAL
// that checkpoint also syncs both files, and better-sqlite3 being synchronous, the server's one
// thread waited for it — 10 % of a registration's time under bench:register. Instead a worker
// thread with a connection of its own runs a PASSIVE checkpoint (it never blocks readers or
// writers) every CHECKPOINT_INTERVAL_MS, or every BUSY_CHECKPOINT_INTERVAL_MS while writes go on
// (at 500 ms under a registration load the log passed CATCH_UP_PAGES between two runs, and the
// catch-up below, in the server's thread, did most of the work), and the server's connection
// checkpoints itself only past CATCH_UP_PAGES: when the thread falls behind a burst of writes, the
// commits slow down and the log is brought back, as SQLite does by default at 1,000 pages (without
// that mark, a thread that fell behind never caught up on a big database: the log reached 255 MB
// in 6 s of registrations and every request slowed down). If the thread fails or exits, the
// connection's default is back at once. See docs/decisions/025-checkpoints-off-thread.md.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { BUSY_TIMEOUT_MS, type AppDatabase } from "~/utils/db.server";

/** The thread's pace when the log did not move since its last run… */
export const CHECKPOINT_INTERVAL_MS = 500;
/** …and after a run that found writes since the one before: the thread keeps the log checkpointed as it grows. */
export const BUSY_CHECKPOINT_INTERVAL_MS = 25;
/** SQLite's default, restored when the checkpoint thread is gone. */
export const AUTO_CHECKPOINT_PAGES = 1000;
/** While the thread runs, the server's connection checkpoints itself only past this many pages (16 MB). */
export const CATCH_UP_PAGES = 4096;

export const JOURNAL_SIZE_LIMIT_BYTES = 16 * 1024 * 1024;

export type CheckpointStats = {
  runs: number;
  lastLogFrames: number;
  lastCheckpointed: number;
  lastBusy: number;
  /** Whether other connections committed since the thread's previous run (its pace: busy or idle). */
  writes: boolean;
};

export type Checkpointer = {
  /** Resolves with the stats of the first checkpoint run after the call (tests and the health view). */
  nextRun(): Promise<CheckpointStats>;
  /** Whether the thread runs (false once it failed and automatic checkpoints are back). */
  running(): boolean;
  /** A last checkpoint, then the thread's connection closes. Automatic checkpoints are restored. */
  stop(): Promise<void>;
  /** The thread, for a test that makes it fail. */
  readonly worker: Worker;
};

// The thread's code (CommonJS, evaluated): its own connection, the app's pragmas that matter here.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma("busy_timeout = " + workerData.busyTimeoutMs);
db.pragma("synchronous = NORMAL");
db.pragma("journal_size_limit = " + workerData.journalSizeLimit);
let runs = 0;
// data_version changes when another connection commits: writes since the thread's previous run
// (the log's length cannot say it: the log starts again from its beginning after a checkpoint).
let lastVersion = db.pragma("data_version", { simple: true });
let timer;
function run() {
  const [r] = db.pragma("wal_checkpoint(PASSIVE)");
  const version = db.pragma("data_version", { simple: true });
  const writes = version !== lastVersion;
  lastVersion = version;
  runs++;
  parentPort.postMessage({ type: "run", stats: { runs, lastLogFrames: r.log, lastCheckpointed: r.checkpointed, lastBusy: r.busy, writes } });
  return writes; // writes going on: come back soon
}
function pace() {
  clearTimeout(timer);
  timer = setTimeout(pace, run() ? workerData.busyIntervalMs : workerData.intervalMs);
}
timer = setTimeout(pace, workerData.intervalMs);
parentPort.on("message", (m) => {
  if (m === "run") pace(); // at once, then at the pace it calls for (tests)
  if (m === "stop") {
    clearTimeout(timer);
    try { run(); } finally { db.close(); }
    parentPort.postMessage({ type: "stopped" });
    parentPort.close();
  }
});
parentPort.postMessage({ type: "ready" });
`;

/**
 * Starts the checkpoint thread for the database file `file` opened by `db` (the server's connection).
 * `onFailure` is told when the thread fails (automatic checkpoints are then already back on).
 */
export function startCheckpointer(
  db: AppDatabase,
  file: string,
  {
    intervalMs = CHECKPOINT_INTERVAL_MS,
    busyIntervalMs = BUSY_CHECKPOINT_INTERVAL_MS,
    onFailure,
  }: { intervalMs?: number; busyIntervalMs?: number; onFailure?: (error: unknown) => void } = {},
): Checkpointer {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver, file, intervalMs, busyIntervalMs, busyTimeoutMs: BUSY_TIMEOUT_MS, journalSizeLimit: JOURNAL_SIZE_LIMIT_BYTES },
  });
  worker.unref();
  db.$client.pragma(`wal_autocheckpoint = ${CATCH_UP_PAGES}`);
  // The log restarts from its beginning after a complete checkpoint; past this size it is also cut
  // back (a burst of writes between two runs must not leave a big file behind).
  db.$client.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`);
  let alive = true;
  let stopping = false;
  let waiting: ((s: CheckpointStats) => void)[] = [];
  const restore = () => {
    if (!alive) return;
    alive = false;
    if (db.$client.open) db.$client.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
  };
  const stopped = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  worker.on("message", (m: { type: string; stats?: CheckpointStats }) => {
    if (m.type !== "run" || !m.stats) return;
    const done = waiting;
    waiting = [];
    done.forEach((resolve) => resolve(m.stats!));
  });
  worker.on("error", (error) => {
    restore();
    onFailure?.(error);
  });
  worker.on("exit", (code) => {
    if (alive && !stopping) {
      restore();
      onFailure?.(new Error(`checkpoint thread exited (code ${code})`));
    }
    restore();
  });
  return {
    worker,
    running: () => alive,
    nextRun: () => new Promise((resolve) => waiting.push(resolve)),
    async stop() {
      if (!alive) return;
      stopping = true;
      worker.ref(); // the answer must keep the process alive until it comes
      worker.postMessage("stop");
      const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 5000).unref());
      if ((await Promise.race([stopped, timeout])) === "timeout") await worker.terminate();
      restore();
    },
  };
}
