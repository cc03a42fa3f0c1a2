// Benchmark of messages to registrants (see docs/benchmarks.md, #12 item 6). Not a test: prints
// figures and PASS/FAIL, writes bench/results/messages.json, exits 0 once it ran (1 if it could not).
//
//   npm run bench:messages                      (node bench/messages.mjs)
//   BENCH_COUNT=2000 node bench/messages.mjs    (registrants, default 10000)
//   BENCH_ROUNDS=5 node bench/messages.mjs      (rounds of the two runs, default 3; median of the rounds)
//
// 1. Builds the database of bench/dispatch (BENCH_COUNT confirmed registrants of one session, access
//    codes due at 2027-03-28T07:00:00Z; bench/dispatch-prepare.ts) and keeps it as a template.
// 2. Queue: on a fresh copy, bench/messages-queue.ts writes a message to every confirmed registrant
//    and times "send now" (count + one INSERT … SELECT): target < 2 s for 10,000.
// 3. Dispatch, side by side on the same SMTP sink (bench/smtp-sink.mjs), alternating in each round:
//    - codes: `scripts/mail-dispatch.ts --now 2027-03-28T07:00:00Z` on a fresh copy (the access codes,
//      as bench/dispatch measures them);
//    - message: `scripts/mail-dispatch.ts --now 2027-03-27T07:00:00Z` on the copy where the message
//      was queued at that instant (the codes are not due yet: only the message goes).
//    Emails per second = unique messages at the sink ÷ wall time from spawn to exit. Target: the
//    message's rate within 10 % of the codes' rate: the median of the rounds' ratios (each round's two
//    runs are back to back, so a ratio compares runs under the same load).
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT, procCpuMs, round, table, withTimeout, writeResults } from "./lib.mjs";
import { startSink } from "./sink-client.mjs";

const COUNT = Math.max(10, Math.floor(Number(process.env.BENCH_COUNT ?? 10_000) || 10_000));
const ROUNDS = Math.max(1, Math.floor(Number(process.env.BENCH_ROUNDS ?? 3) || 3));
const CODES_AT = "2027-03-28T07:00:00Z";
const MESSAGE_AT = "2027-03-27T07:00:00Z";
const TARGETS = { queueMs: 2000, ratio: 0.9 };
const RUN_TIMEOUT_MS = 20 * 60_000;
const tmp = mkdtempSync(path.join(os.tmpdir(), "rdv-bench-messages-"));
const live = new Set();
const track = (child) => {
  live.add(child);
  child.once("exit", () => live.delete(child));
  return child;
};
process.on("exit", () => {
  for (const child of live) child.kill("SIGKILL");
  rmSync(tmp, { recursive: true, force: true });
});
const log = (...a) => console.log(...a);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** Runs a node script to completion: exit code, output, wall time from spawn to exit, CPU time (sampled every 25 ms). */
function runNode(args, env = {}) {
  const t0 = performance.now();
  const child = track(spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ENV_FILE: "", ...env }, stdio: ["ignore", "pipe", "pipe"] }));
  let out = "";
  let cpuMs = 0;
  const timer = setInterval(() => (cpuMs = procCpuMs(child.pid) ?? cpuMs), 25);
  child.stdout.setEncoding("utf8").on("data", (c) => (out += c));
  child.stderr.setEncoding("utf8").on("data", (c) => (out.length < 200_000 ? (out += c) : null));
  const exited = new Promise((resolve) =>
    child.once("exit", (code) => {
      clearInterval(timer);
      resolve({ code, out, wallMs: performance.now() - t0, cpuMs });
    }),
  );
  return withTimeout(exited, RUN_TIMEOUT_MS, `${args.join(" ")} did not finish`);
}

const lastJson = (out) => JSON.parse(out.trim().split("\n").pop());

async function main() {
  log(`bench/messages: ${COUNT} registrants, ${ROUNDS} round(s); node ${process.version}, ${os.cpus().length} CPUs`);
  const template = path.join(tmp, "template.sqlite");
  const prep = await runNode(["--import", "tsx", "bench/dispatch-prepare.ts", template, String(COUNT)]);
  if (prep.code !== 0) throw new Error(`preparing the database failed:\n${prep.out}`);
  log(`prepared: ${lastJson(prep.out).confirmed} confirmed registrants`);
  const sink = await startSink({ track, timeoutMs: RUN_TIMEOUT_MS });
  const results = { date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, count: COUNT, targets: TARGETS, rounds: [] };

  const dispatch = async (file, now, label) => {
    await sink.reset();
    const run = await runNode(["--import", "tsx", "scripts/mail-dispatch.ts", "--now", now], {
      DATABASE_PATH: file,
      SMTP_URL: sink.url,
      APP_URL: "https://rdv.example.org",
    });
    if (run.code !== 0) throw new Error(`${label}: dispatch exited ${run.code}:\n${run.out.slice(-2000)}`);
    const stats = await sink.stats();
    const r = {
      unique: stats.unique,
      duplicates: stats.duplicates,
      wallMs: Math.round(run.wallMs),
      emailsPerSec: round((stats.unique * 1000) / run.wallMs, 1),
      steadyEmailsPerSec: round(((stats.received - 1) * 1000) / Math.max(1, stats.firstToLastMs), 1),
      avgMessageBytes: Math.round(stats.bytes / Math.max(1, stats.received)),
      cpuMsPerEmail: round(run.cpuMs / Math.max(1, stats.unique), 2),
    };
    log(
      `  [${label}] ${r.unique} unique in ${round(r.wallMs / 1000, 1)} s → ${r.emailsPerSec} emails/s (steady ${r.steadyEmailsPerSec}/s), ${r.cpuMsPerEmail} ms CPU and ${r.avgMessageBytes} bytes each`,
    );
    if (r.unique !== COUNT || r.duplicates) throw new Error(`${label}: ${r.unique} unique, ${r.duplicates} duplicates for ${COUNT}`);
    return r;
  };

  for (let i = 0; i < ROUNDS; i++) {
    log(`\nround ${i + 1}`);
    const messageDb = path.join(tmp, `message-${i}.sqlite`);
    const codesDb = path.join(tmp, `codes-${i}.sqlite`);
    copyFileSync(template, messageDb);
    copyFileSync(template, codesDb);
    const queued = await runNode(["--import", "tsx", "bench/messages-queue.ts", messageDb, MESSAGE_AT]);
    if (queued.code !== 0) throw new Error(`queuing failed:\n${queued.out}`);
    const queue = lastJson(queued.out);
    log(`  [queue] ${queue.queued} outbox rows in ${queue.queueMs} ms`);
    // Alternate which goes first, so that neither always runs on a warmer machine.
    const order = i % 2 === 0 ? ["codes", "message"] : ["message", "codes"];
    const runs = {};
    for (const which of order) runs[which] = which === "codes" ? await dispatch(codesDb, CODES_AT, "codes") : await dispatch(messageDb, MESSAGE_AT, "message");
    results.rounds.push({ queue, codes: runs.codes, message: runs.message, ratio: round(runs.message.emailsPerSec / runs.codes.emailsPerSec, 3) });
  }
  await sink.close();

  const queueMs = median(results.rounds.map((r) => r.queue.queueMs));
  const codesRate = median(results.rounds.map((r) => r.codes.emailsPerSec));
  const messageRate = median(results.rounds.map((r) => r.message.emailsPerSec));
  results.queueMs = queueMs;
  results.codesEmailsPerSec = codesRate;
  results.messageEmailsPerSec = messageRate;
  results.ratio = median(results.rounds.map((r) => r.ratio));
  log(
    "\n" +
      table([
        ["round", "queue ms", "codes emails/s", "message emails/s", "ratio", "codes CPU ms/email", "message CPU ms/email"],
        ...results.rounds.map((r, i) => [
          i + 1,
          r.queue.queueMs,
          r.codes.emailsPerSec,
          r.message.emailsPerSec,
          r.ratio,
          r.codes.cpuMsPerEmail,
          r.message.cpuMsPerEmail,
        ]),
        ["median", queueMs, codesRate, messageRate, results.ratio, "", ""],
      ]),
  );
  results.checks = [
    { name: `message to ${COUNT} registrants queued in < ${TARGETS.queueMs} ms`, value: queueMs, pass: queueMs < TARGETS.queueMs },
    { name: `message dispatch rate ÷ access-codes dispatch rate ≥ ${TARGETS.ratio}`, value: results.ratio, pass: results.ratio >= TARGETS.ratio },
  ];
  for (const c of results.checks) log(`${c.pass ? "PASS" : "FAIL"}  ${c.name}: ${c.value}`);
  writeResults("messages", results);
}

try {
  await main();
  process.exit(0);
} catch (error) {
  console.error(`bench/messages could not run: ${error?.stack ?? error}`);
  process.exit(1);
}
