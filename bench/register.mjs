// Benchmark of registration (see docs/benchmarks.md). Not a test: prints figures and PASS/FAIL.
//
//   npm run bench:register                      (build, then this script)
//   BENCH_DURATION=20 node bench/register.mjs   (seconds of load, default 10)
//
// autocannon POSTs the registration form of the demo series (no-JS form post: the answer is a 303
// redirect to the "merci" page) with a distinct address per request, 20 connections, against the
// production server; rate limits are raised for the run. The in-process scheduler sends the
// confirmations (development mailbox) meanwhile. Then the database is checked: PRAGMA
// integrity_check, and every accepted registration is there with its queued confirmation.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { ROOT, registrationForm, registrationPost, startAppServer, table } from "./lib.mjs";

const DURATION = Math.max(1, Number(process.env.BENCH_DURATION ?? 10) || 10);
const CONNECTIONS = 20;
const TARGET_RPS = 1000; // issue #14, item 5 (was 300 until then)
const SLUG = "rdv-sante-mentale-jeunes-eure-demo";

const app = await startAppServer({
  env: { RATE_LIMIT_PER_IP: "100000000", RATE_LIMIT_PER_EMAIL: "100000000", RATE_LIMIT_WINDOW_SECONDS: "3600" },
});
try {
  const form = await registrationForm(app.url, SLUG);
  if (form.ids.length < 2) throw new Error("the demo series has fewer than two open sessions");
  let n = 0;
  const run = await new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `${app.url}/series/${SLUG}/inscription`,
        connections: CONNECTIONS,
        duration: DURATION,
        requests: [
          {
            method: "POST",
            setupRequest: (req) => {
              n++;
              return registrationPost(req, form, n, `bench-${n}-${Date.now()}@example.org`);
            },
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false });
  });

  // Let the in-process scheduler settle, then stop the server before reading the file.
  await app.stop();
  const db = new Database(app.databasePath, { readonly: true });
  const integrity = db.pragma("integrity_check", { simple: true });
  const registrations = db.prepare("select count(*) as n from registrations where status != 'cancelled'").get().n;
  const participants = db.prepare("select count(*) as n from participants where email like 'bench-%'").get().n;
  const confirmations = db.prepare("select count(*) as n from outbox where kind = 'confirmation'").get().n;
  const sent = db.prepare("select count(*) as n from outbox where kind = 'confirmation' and status = 'sent'").get().n;
  db.close();

  // A registration is answered 303 (POST → redirect → GET "merci" page); anything else is a failure.
  const accepted = run["3xx"];
  const failed = run["1xx"] + run["2xx"] + run["4xx"] + run["5xx"];
  const result = {
    date: new Date().toISOString(),
    durationSeconds: DURATION,
    connections: CONNECTIONS,
    reqPerSec: Math.round(run.requests.average),
    latency: { p50: run.latency.p50, p99: run.latency.p99 },
    accepted,
    failed,
    errors: run.errors,
    timeouts: run.timeouts,
    integrity,
    registrations,
    participants,
    confirmationsQueued: confirmations,
    confirmationsSent: sent,
  };
  console.log("\nRegistration under load (autocannon, POST, distinct addresses)\n");
  console.log(
    table([
      [
        "req/s",
        "p50 ms",
        "p99 ms",
        "accepted (303)",
        "other statuses",
        "errors",
        "registrations in DB",
        "confirmations queued",
        "sent during the run",
        "integrity_check",
      ],
      [result.reqPerSec, result.latency.p50, result.latency.p99, accepted, failed, run.errors, registrations, confirmations, sent, integrity],
    ]),
  );
  const checks = [
    [`req/s ≥ ${TARGET_RPS}`, result.reqPerSec >= TARGET_RPS],
    ["integrity_check = ok", integrity === "ok"],
    // autocannon stops counting at the deadline: up to one request per connection may have been
    // recorded by the server without its response being counted.
    [
      `every accepted registration is in the database (${registrations} for ${accepted} answered, ≤ ${CONNECTIONS} in flight at the end)`,
      registrations >= accepted && registrations <= accepted + CONNECTIONS && participants === registrations,
    ],
    ["one confirmation queued per registration", confirmations === registrations],
    ["no other status, no errors", failed === 0 && run.errors === 0],
  ];
  console.log("\nTargets\n");
  for (const [label, pass] of checks) console.log(`  ${pass ? "PASS" : "FAIL"}  ${label}`);
  mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
  writeFileSync(path.join(ROOT, "bench/results/register.json"), JSON.stringify(result, null, 2));
} finally {
  await app.stop();
  app.cleanup();
}
