// WAL checkpoints off the request thread (app/server/checkpointer.server.ts): the server's connection
// stops checkpointing in its COMMITs, the thread's runs bring the whole log back into the database
// file and the log is cut back after a burst; when the thread fails or stops, the connection's
// automatic checkpoints come back, so the log can never grow without bound.
import { once } from "node:events";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AUTO_CHECKPOINT_PAGES, JOURNAL_SIZE_LIMIT_BYTES, startCheckpointer, type Checkpointer, type CheckpointStats } from "~/server/checkpointer.server";
import { closeDatabase, openDatabase, type AppDatabase } from "~/utils/db.server";

let work: string;
let file: string;
let db: AppDatabase;
let checkpointer: Checkpointer | undefined;

beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), "rdv-checkpoint-"));
  file = path.join(work, "rendez-vous.sqlite");
  db = openDatabase(file);
  db.$client.exec("create table burst (id integer primary key, body text not null)");
});
afterEach(async () => {
  await checkpointer?.stop();
  checkpointer = undefined;
  closeDatabase(db);
  rmSync(work, { recursive: true, force: true });
});

const autoCheckpoint = () => db.$client.pragma("wal_autocheckpoint", { simple: true });
const walBytes = () => statSync(`${file}-wal`).size;

/** Many small commits, as registrations are: each writes at least one page to the log. */
function burst(commits: number) {
  const insert = db.$client.prepare("insert into burst (body) values (?)");
  for (let i = 0; i < commits; i++) insert.run(`ligne ${i} `.repeat(30));
}

/** Waits for a run (of the thread's own pace) that found a log and checkpointed all of it. */
async function completeRun(c: Checkpointer): Promise<CheckpointStats> {
  for (;;) {
    const stats = await c.nextRun();
    if (stats.lastLogFrames > 0 && stats.lastCheckpointed === stats.lastLogFrames) return stats;
  }
}

describe("checkpoints in a thread of their own", () => {
  it("turns the connection's automatic checkpoints off, checkpoints the whole log, and cuts a big log back", async () => {
    expect(autoCheckpoint()).toBe(AUTO_CHECKPOINT_PAGES);
    checkpointer = startCheckpointer(db, file, { intervalMs: 50 });
    expect(autoCheckpoint()).toBe(0);

    burst(6000);
    // Without automatic checkpoints the log holds every commit's pages: far past 1,000 pages.
    const grown = walBytes();
    expect(grown).toBeGreaterThan(JOURNAL_SIZE_LIMIT_BYTES);
    const stats = await completeRun(checkpointer);
    expect(stats.lastBusy).toBe(0);

    // The next commit starts the log again from its beginning and leaves at most the limit on disk.
    burst(1);
    await completeRun(checkpointer);
    expect(walBytes()).toBeLessThanOrEqual(JOURNAL_SIZE_LIMIT_BYTES);

    // Everything is in the database file: a reader that ignores the log finds every row.
    const copy = new Database(file, { readonly: true });
    expect(copy.prepare("select count(*) as n from burst").get()).toEqual({ n: 6001 });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    copy.close();
  });

  it("gives the connection its automatic checkpoints back when the thread dies, and says so", async () => {
    const failures: unknown[] = [];
    checkpointer = startCheckpointer(db, file, { intervalMs: 50, onFailure: (e) => failures.push(e) });
    await checkpointer.nextRun();
    expect(autoCheckpoint()).toBe(0);

    const exited = once(checkpointer.worker, "exit");
    await checkpointer.worker.terminate();
    await exited;
    expect(checkpointer.running()).toBe(false);
    expect(autoCheckpoint()).toBe(AUTO_CHECKPOINT_PAGES);
    expect(failures).toHaveLength(1);

    // SQLite checkpoints in the connection's commits again: a burst leaves a small log.
    burst(3000);
    expect(walBytes()).toBeLessThan(JOURNAL_SIZE_LIMIT_BYTES);
  });

  it("stops with a last checkpoint of the whole log and automatic checkpoints back", async () => {
    checkpointer = startCheckpointer(db, file, { intervalMs: 60_000 }); // no run of its own pace here
    const last = checkpointer.nextRun();
    burst(500);
    await checkpointer.stop();
    const stats = await last;
    expect(stats.runs).toBe(1);
    expect(stats.lastLogFrames).toBeGreaterThan(0);
    expect(stats.lastCheckpointed).toBe(stats.lastLogFrames);
    expect(checkpointer.running()).toBe(false);
    expect(autoCheckpoint()).toBe(AUTO_CHECKPOINT_PAGES);
  });
});
