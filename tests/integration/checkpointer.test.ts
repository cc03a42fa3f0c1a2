// WAL checkpoints off the request thread (app/server/checkpointer.server.ts): the server's connection
// stops checkpointing in its COMMITs, the thread's runs bring the whole log back into the database
// file; when the thread falls behind, the connection's own commits bring the log back past
// CATCH_UP_PAGES; when the thread fails or stops, SQLite's default comes back.
import { once } from "node:events";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  AUTO_CHECKPOINT_PAGES,
  CATCH_UP_PAGES,
  JOURNAL_SIZE_LIMIT_BYTES,
  startCheckpointer,
  type Checkpointer,
  type CheckpointStats,
} from "~/server/checkpointer.server";
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

/** A run of the thread now, and what it found. */
async function runNow(c: Checkpointer): Promise<CheckpointStats> {
  const run = c.nextRun();
  c.worker.postMessage("run");
  return run;
}

describe("checkpoints in a thread of their own", () => {
  it("leaves the checkpoints to the thread: the connection's commits no longer checkpoint at 1,000 pages", async () => {
    expect(autoCheckpoint()).toBe(AUTO_CHECKPOINT_PAGES);
    checkpointer = startCheckpointer(db, file, { intervalMs: 60_000 }); // no run of its own pace here
    expect(autoCheckpoint()).toBe(CATCH_UP_PAGES);

    burst(2500);
    // SQLite's default would have brought the log back at 1,000 pages: here it holds every commit's
    // pages, and the thread's run checkpoints all of them.
    const stats = await runNow(checkpointer);
    expect(stats.lastLogFrames).toBeGreaterThan(2 * AUTO_CHECKPOINT_PAGES);
    expect(stats.lastLogFrames).toBeLessThan(CATCH_UP_PAGES);
    expect(stats.lastCheckpointed).toBe(stats.lastLogFrames);
    // The next commit starts the log again from its beginning.
    burst(1);
    expect((await runNow(checkpointer)).lastLogFrames).toBeLessThan(10);

    // Everything is in the database file: a reader that ignores the log finds every row.
    const copy = new Database(file, { readonly: true });
    expect(copy.prepare("select count(*) as n from burst").get()).toEqual({ n: 2501 });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    copy.close();
  });

  it("keeps its idle pace while nothing is written, and comes back by itself at its busy pace after a run that found writes", async () => {
    // Idle pace: a minute, longer than the test's timeout; busy pace: at once.
    checkpointer = startCheckpointer(db, file, { intervalMs: 60_000, busyIntervalMs: 1 });
    const worker = checkpointer.worker;
    const seen: CheckpointStats[] = [];
    let ready = false;
    worker.on("message", (m: { type: string; stats?: CheckpointStats }) => {
      if (m.type === "ready") ready = true;
      if (m.type === "run") seen.push(m.stats!);
    });
    while (!ready) await once(worker, "message");
    // Nothing written since the thread started: the run says so, and the thread keeps its idle pace.
    worker.postMessage("run");
    while (seen.length < 1) await once(worker, "message");
    expect(seen[0].writes).toBe(false);
    // Written: the next run (asked for) finds the writes, and the one after comes by itself.
    burst(100);
    worker.postMessage("run");
    while (seen.length < 3) await once(worker, "message");
    expect(seen.map((s) => [s.runs, s.writes])).toEqual([
      [1, false],
      [2, true],
      [3, false],
    ]);
    expect(seen[1].lastCheckpointed).toBe(seen[1].lastLogFrames);
  });

  it("lets the connection catch up when the thread falls behind: the log stays near CATCH_UP_PAGES and is cut back", async () => {
    checkpointer = startCheckpointer(db, file, { intervalMs: 60_000 }); // the thread never runs here: as far behind as can be
    burst(12_000);
    // Without the catch-up mark the log would hold 12,000 commits' pages (~50 MB): it never passed
    // CATCH_UP_PAGES frames (of a page and a 24-byte header each) by more than one commit.
    expect(walBytes()).toBeLessThanOrEqual(32 + (CATCH_UP_PAGES + 8) * (4096 + 24));
    expect((await runNow(checkpointer)).lastLogFrames).toBeLessThanOrEqual(CATCH_UP_PAGES + 8);
  });

  it("gives the connection its automatic checkpoints back when the thread dies, and says so", async () => {
    const failures: unknown[] = [];
    checkpointer = startCheckpointer(db, file, { intervalMs: 50, onFailure: (e) => failures.push(e) });
    await checkpointer.nextRun();
    expect(autoCheckpoint()).toBe(CATCH_UP_PAGES);

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
