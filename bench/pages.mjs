// Benchmark of the public pages (see docs/benchmarks.md). A benchmark, not a test: it always exits 0
// once it has run, printing PASS/FAIL against the targets; it exits 1 only if it could not run.
//
//   npm run bench:pages                       (build, then this script)
//   BENCH_DURATION=30 node bench/pages.mjs    (seconds per autocannon run, default 10)
//   BENCH_SEQUENTIAL=1000 node bench/pages.mjs (sequential requests per page, default 500)
//
// For each page: the production server (node server.mjs, NODE_ENV=production, demo data) is
// loaded by autocannon with 20 connections, then a raw node:http server returning the same HTML
// bytes is loaded the same way; the ratio app/raw says how much of the ceiling the app reaches.
// Sequential single-connection requests give a latency close to the render time. The personal page
// of a demo registrant (registered through the form, link read from the confirmation email) is
// measured the same way, uncached only (it is private: never in the page cache). Finally the JS
// a public page loads is collected from the HTML, fetched, gzipped (level 9) and summed.
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { runUnderWriteLoad } from "./pages-write-load.mjs";
import {
  HOST,
  ROOT,
  get,
  percentile,
  personalLinkByRegistering,
  round,
  sequentialLatency,
  startAppServer,
  startRawServer,
  table,
  withTimeout,
} from "./lib.mjs";

const PAGES = [
  { name: "series", path: "/series/rdv-sante-qpv-seine-maritime-2022" },
  { name: "session", path: "/series/rdv-sante-qpv-seine-maritime-2022/sessions/rdv-1-politiques-regionales" },
];
// The personal page: a registrant of every open session of the Eure demo series, as in bench:scale.
const PERSONAL = { name: "personal", series: "rdv-sante-mentale-jeunes-eure-demo", email: "bench-personal@example.org", logPath: "/moi/…" };
const CONNECTIONS = 20;
const DURATION = positiveInt(process.env.BENCH_DURATION, 10);
const SEQUENTIAL = positiveInt(process.env.BENCH_SEQUENTIAL, 500);
const TARGETS = { ratio: 0.4, appP99Ms: 50, jsGzipKB: 120, seqServerP50Ms: 3, writeLoadRatio: 0.8 };
const WRITE_LOAD = process.env.BENCH_WRITE_LOAD !== "0";
// BENCH_WRITE_LOAD_ONLY=1: only the run under write load (no per-page runs, no JS sizes).
const PAGES_RUN = process.env.BENCH_WRITE_LOAD_ONLY === "1" ? [] : PAGES;
const RESULTS_FILE = path.join(ROOT, "bench/results/pages.json");

function positiveInt(value, fallback) {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? Math.round(n) : fallback;
}

const log = (...args) => console.log(...args);

// Everything is bounded: 4 autocannon runs + sequential runs + start/stop, with a generous margin.
const budgetMs = ((PAGES.length + (WRITE_LOAD ? 2 : 0)) * 2 * (DURATION + 15) + 240) * 1000;
let app = null;
const raws = [];
const watchdog = setTimeout(async () => {
  console.error(`bench/pages: still running after ${budgetMs / 1000} s, giving up`);
  await cleanup();
  process.exit(1);
}, budgetMs);
watchdog.unref();

async function cleanup() {
  await Promise.allSettled(raws.map((r) => r.close()));
  if (app) {
    await app.stop();
    app.cleanup();
  }
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    await cleanup();
    process.exit(130);
  });
}

/** autocannon, programmatic API: `connections` keep-alive connections for `duration` seconds. */
async function load(url) {
  const r = await withTimeout(
    autocannon({ url, connections: CONNECTIONS, duration: DURATION, timeout: 10 }),
    (DURATION + 30) * 1000,
    `autocannon on ${url} did not finish`,
  );
  return {
    reqPerSec: round(r.requests.average, 1),
    requests: r.requests.total,
    bytesPerReq: r.requests.total ? Math.round(r.throughput.total / r.requests.total) : 0,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

/** Request lines the server wrote to its stdout log between two byte offsets, for `pagePath`. */
function serverTimes(logFile, from, to, pagePath) {
  const text = readFileSync(logFile).subarray(from, to).toString("utf8");
  const times = [];
  for (const line of text.split("\n")) {
    if (!line) continue;
    try {
      const entry = JSON.parse(line);
      if (entry.msg === "request" && entry.path === pagePath && entry.status === 200) times.push(entry.ms);
    } catch {
      // not JSON: ignore
    }
  }
  return times;
}

const ASSET_JS = /\/assets\/[\w.-]+\.js/g;
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["'](\.\/[\w.-]+\.js)["']/g;

/** Every /assets/*.js URL in the HTML, plus what those modules import statically (transitively). */
async function pageScripts(html, fetchAsset) {
  const fromHtml = new Set(html.match(ASSET_JS) ?? []);
  const all = new Set(fromHtml);
  const queue = [...fromHtml];
  while (queue.length) {
    const url = queue.shift();
    const source = (await fetchAsset(url)).toString("utf8");
    for (const [, rel] of source.matchAll(STATIC_IMPORT)) {
      const dep = new URL(rel, `http://x${url}`).pathname;
      if (!all.has(dep)) {
        all.add(dep);
        queue.push(dep);
      }
    }
  }
  return { fromHtml: [...fromHtml].sort(), all: [...all].sort() };
}

async function main() {
  if (!statSyncSafe(path.join(ROOT, "build/server/index.js"))) {
    console.error("bench/pages: build/server/index.js is missing — run `npm run build` first (or npm run bench:pages).");
    process.exit(1);
  }
  log(`bench/pages — ${os.cpus().length} CPU(s), Node ${process.version}, ${CONNECTIONS} connections, ${DURATION} s per run`);
  log("starting the production server…");
  app = await startAppServer();
  log(`server ready on ${app.url}`);

  const assetCache = new Map();
  async function fetchAsset(url) {
    if (!assetCache.has(url)) {
      const res = await get(app.url + url);
      if (res.status !== 200) throw new Error(`GET ${url} → ${res.status}`);
      assetCache.set(url, res.body);
    }
    return assetCache.get(url);
  }

  const pages = [];
  for (const page of PAGES_RUN) {
    const url = app.url + page.path;
    const first = await get(url);
    if (first.status !== 200 || !String(first.headers["content-type"]).startsWith("text/html")) {
      throw new Error(`GET ${page.path} → ${first.status} ${first.headers["content-type"]}`);
    }
    if (first.headers["content-encoding"]) throw new Error(`GET ${page.path} came back compressed`);
    const html = first.body;
    const raw = await startRawServer(html);
    raws.push(raw);
    log(`\n[${page.name}] ${page.path} — ${html.length} bytes of HTML`);

    log(`  sequential: ${SEQUENTIAL} requests, one connection (app, then raw)…`);
    const errAtStart = app.stderrText().length;
    const before = statSync(app.logFile).size;
    const seqApp = await sequentialLatency(url, { count: SEQUENTIAL });
    const after = statSync(app.logFile).size;
    const seqRaw = await sequentialLatency(raw.url + "/", { count: SEQUENTIAL });
    // the last 'finish' lines may be written just after the client got the last byte: give them 1 tick
    await new Promise((r) => setTimeout(r, 50));
    const srvTimes = serverTimes(app.logFile, before, Math.max(after, statSync(app.logFile).size), page.path).slice(-SEQUENTIAL);
    // The same with a cookie: the server's shared page cache is bypassed, every request is rendered.
    log(`  sequential, uncached (cookie): ${SEQUENTIAL} requests…`);
    const beforeCold = statSync(app.logFile).size;
    const seqCold = await sequentialLatency(url, { count: SEQUENTIAL, headers: { cookie: "bench=uncached" } });
    await new Promise((r) => setTimeout(r, 50));
    const coldTimes = serverTimes(app.logFile, beforeCold, statSync(app.logFile).size, page.path).slice(-SEQUENTIAL);

    const errBeforeLoad = app.stderrText().length;
    log(`  autocannon -c ${CONNECTIONS} -d ${DURATION}: app…`);
    const loadApp = await load(url);
    await new Promise((r) => setTimeout(r, 200)); // let the server finish what autocannon cut off
    const errAfterLoad = app.stderrText().length;
    log(`  autocannon -c ${CONNECTIONS} -d ${DURATION}: raw…`);
    const loadRaw = await load(raw.url + "/");
    await raw.close();

    const scripts = await pageScripts(html.toString("utf8"), fetchAsset);
    pages.push({
      name: page.name,
      path: page.path,
      htmlBytes: html.length,
      app: loadApp,
      raw: loadRaw,
      ratio: round(loadApp.reqPerSec / loadRaw.reqPerSec, 3),
      serverStderr: {
        beforeLoad: countMessages(app.stderrText().slice(errAtStart, errBeforeLoad)),
        duringLoad: countMessages(app.stderrText().slice(errBeforeLoad, errAfterLoad)),
      },
      sequential: {
        count: SEQUENTIAL,
        clientApp: { p50: round(percentile(seqApp.times, 50), 2), p99: round(percentile(seqApp.times, 99), 2) },
        clientRaw: { p50: round(percentile(seqRaw.times, 50), 2), p99: round(percentile(seqRaw.times, 99), 2) },
        uncached: {
          clientApp: { p50: round(percentile(seqCold.times, 50), 2), p99: round(percentile(seqCold.times, 99), 2) },
          serverLogged: { count: coldTimes.length, p50: round(percentile(coldTimes, 50), 2), p99: round(percentile(coldTimes, 99), 2) },
        },
        serverLogged: {
          count: srvTimes.length,
          p50: round(percentile(srvTimes, 50), 2),
          p99: round(percentile(srvTimes, 99), 2),
        },
        non2xx: seqApp.non2xx + seqRaw.non2xx,
      },
      scripts,
    });
  }

  const personal = PAGES_RUN.length ? await measurePersonal() : null;

  const underWrites = WRITE_LOAD ? await runUnderWriteLoad({ connections: CONNECTIONS, duration: DURATION, log }) : [];

  // ---- JS a public page loads, gzipped (level 9) ----
  const gz = new Map();
  for (const url of new Set(pages.flatMap((p) => p.scripts.all))) {
    const body = await fetchAsset(url);
    gz.set(url, { raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
  }
  const sum = (urls, key) => urls.reduce((n, u) => n + gz.get(u)[key], 0);
  const union = [...gz.keys()].sort();
  const js = {
    files: Object.fromEntries(union.map((u) => [u, gz.get(u)])),
    perPage: Object.fromEntries(
      pages.map((p) => [
        p.name,
        {
          files: p.scripts.all.length,
          notInHtml: p.scripts.all.filter((u) => !p.scripts.fromHtml.includes(u)),
          rawBytes: sum(p.scripts.all, "raw"),
          gzipBytes: sum(p.scripts.all, "gzip"),
        },
      ]),
    ),
    union: { files: union.length, rawBytes: sum(union, "raw"), gzipBytes: sum(union, "gzip") },
  };
  const kb = (bytes) => round(bytes / 1024, 1);

  // ---- report ----
  log("\nThroughput and latency (autocannon, -c " + CONNECTIONS + ", " + DURATION + " s each; latency in ms)\n");
  log(
    table([
      ["page", "app req/s", "raw req/s", "ratio app/raw", "app p50", "app p99", "raw p50", "raw p99", "non-2xx", "errors"],
      ...pages.map((p) => [
        p.name,
        p.app.reqPerSec,
        p.raw.reqPerSec,
        p.ratio.toFixed(3),
        p.app.p50,
        p.app.p99,
        p.raw.p50,
        p.raw.p99,
        p.app.non2xx + p.raw.non2xx + p.sequential.non2xx,
        p.app.errors + p.app.timeouts + p.raw.errors + p.raw.timeouts,
      ]),
    ]),
  );
  log(`\nSequential latency (${SEQUENTIAL} requests, one keep-alive connection; ms)\n`);
  log(
    table([
      ["page", "HTML bytes", "app p50", "app p99", "raw p50", "raw p99", "server-logged p50", "server-logged p99"],
      ...pages.map((p) => [
        p.name,
        p.htmlBytes,
        p.sequential.clientApp.p50,
        p.sequential.clientApp.p99,
        p.sequential.clientRaw.p50,
        p.sequential.clientRaw.p99,
        p.sequential.serverLogged.p50,
        p.sequential.serverLogged.p99,
      ]),
    ]),
  );
  log(`\nUncached render (${SEQUENTIAL} sequential requests with a cookie: the page cache bypassed; ms)\n`);
  log(
    table([
      ["page", "HTML bytes", "app p50", "app p99", "server-logged p50", "server-logged p99"],
      ...[...pages, ...(personal ? [personal] : [])].map((p) => [
        p.name === "personal" ? `personal (${personal.registrations} registrations)` : p.name,
        p.htmlBytes,
        p.sequential.uncached.clientApp.p50,
        p.sequential.uncached.clientApp.p99,
        p.sequential.uncached.serverLogged.p50,
        p.sequential.uncached.serverLogged.p99,
      ]),
    ]),
  );
  if (underWrites.length) {
    log(`\nUnder write load (registrations at ${underWrites[0].rate}/s + their emails dispatched; autocannon -c ${CONNECTIONS}, ${DURATION} s)\n`);
    log(
      table([
        ["registrations to", "page", "app req/s", "raw req/s", "ratio app/raw", "hit rate", "misses", "app p99", "registrations/s", "emails sent"],
        ...underWrites.map((w) => [
          w.name,
          w.path,
          w.app.reqPerSec,
          w.raw.reqPerSec,
          w.ratio.toFixed(3),
          w.hitRate,
          w.misses,
          w.app.p99,
          w.writesApp.perSecond,
          w.emailsDuringAppRun,
        ]),
      ]),
    );
  }
  log("\nJS loaded by a public page (every /assets/*.js in the HTML + static imports; gzip -9; 1 KB = 1024 bytes)\n");
  log(
    table([
      ["file", "raw bytes", "gzip bytes"],
      ...union.map((u) => [u, gz.get(u).raw, gz.get(u).gzip]),
      ["total (both pages)", js.union.rawBytes, js.union.gzipBytes],
    ]),
  );
  for (const p of pages) {
    const j = js.perPage[p.name];
    log(`  ${p.name}: ${j.files} files, ${kb(j.rawBytes)} KB raw, ${kb(j.gzipBytes)} KB gzipped`);
  }
  log(`  both pages together: ${js.union.files} files, ${kb(js.union.rawBytes)} KB raw, ${kb(js.union.gzipBytes)} KB gzipped`);

  const checks = [];
  for (const p of pages) {
    checks.push({ target: `${p.name}: ratio app/raw ≥ ${TARGETS.ratio}`, value: p.ratio.toFixed(3), pass: p.ratio >= TARGETS.ratio });
    checks.push({ target: `${p.name}: app p99 ≤ ${TARGETS.appP99Ms} ms`, value: `${p.app.p99} ms`, pass: p.app.p99 <= TARGETS.appP99Ms });
    const bad = p.app.non2xx + p.raw.non2xx + p.sequential.non2xx + p.app.errors + p.app.timeouts;
    checks.push({ target: `${p.name}: no non-2xx / errors`, value: String(bad), pass: bad === 0 });
  }
  for (const w of underWrites) {
    checks.push({
      target: `under write load (${w.name}): ratio app/raw ≥ ${TARGETS.writeLoadRatio}`,
      value: `${w.ratio.toFixed(3)} (hit rate ${w.hitRate})`,
      pass: w.ratio >= TARGETS.writeLoadRatio,
    });
  }
  checks.push({
    target: `JS gzipped ≤ ${TARGETS.jsGzipKB} KB (both pages together)`,
    value: `${kb(js.union.gzipBytes)} KB`,
    pass: js.union.gzipBytes <= TARGETS.jsGzipKB * 1024,
  });
  const uncachedCheck = (p) => ({
    target: `${p.name}: uncached render p50 ≤ ${TARGETS.seqServerP50Ms} ms (server-logged, sequential, cookie)`,
    value: `${p.sequential.uncached.serverLogged.p50} ms (p99 ${p.sequential.uncached.serverLogged.p99} ms)`,
    pass: p.sequential.uncached.serverLogged.p50 <= TARGETS.seqServerP50Ms,
  });
  const info = pages.flatMap((p) => [
    {
      target: `${p.name}: cached p50 ≤ ${TARGETS.seqServerP50Ms} ms (server-logged, sequential)`,
      value: `${p.sequential.serverLogged.p50} ms`,
      pass: p.sequential.serverLogged.p50 <= TARGETS.seqServerP50Ms,
    },
    uncachedCheck(p),
  ]);
  if (personal) info.push(uncachedCheck(personal));
  log("\nTargets\n");
  for (const c of checks) log(`  ${c.pass ? "PASS" : "FAIL"}  ${c.target}: ${c.value}`);
  for (const c of info) log(`  ${c.pass ? "pass" : "fail"}  (indicative) ${c.target}: ${c.value}`);

  // ---- stop the server, look at what it said on stderr ----
  const exit = await app.stop();
  const stderr = app.stderrText();
  const problems = summariseStderr(stderr);
  const count = problems.reduce((n, p) => n + p.count, 0);
  log(`\nserver stopped (${JSON.stringify(exit)}); ${count} warning/error message(s) on its stderr`);
  for (const p of pages) {
    log(`  ${p.name}: ${p.serverStderr.beforeLoad} before the autocannon run, ${p.serverStderr.duringLoad} during/at the end of it`);
  }
  for (const p of problems.slice(0, 10)) log(`  ${p.count} × ${p.level}: ${p.message}${p.at ? ` (${p.at})` : ""}`);
  app.cleanup();
  app = null;

  const results = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version, platform: process.platform },
    settings: { host: HOST, connections: CONNECTIONS, durationSeconds: DURATION, sequential: SEQUENTIAL },
    targets: TARGETS,
    pages: pages.map(({ scripts, ...p }) => ({ ...p, scripts: scripts.all })),
    personal,
    underWriteLoad: underWrites,
    js,
    checks: [...checks, ...info.map((c) => ({ ...c, indicative: true }))],
    server: { exit, stderr: problems.slice(0, 50) },
  };
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, JSON.stringify(results, null, 2) + "\n");
  log(`\nresults written to ${path.relative(ROOT, RESULTS_FILE)}`);
}

/**
 * The personal page's uncached render: a demo registrant's `/moi/<token>` (the link of their
 * confirmation email), `SEQUENTIAL` sequential requests with a cookie, server-logged times (the
 * server logs the path with the token replaced by "…").
 */
async function measurePersonal() {
  const link = await personalLinkByRegistering(app, PERSONAL.series, PERSONAL.email);
  const url = app.url + link.path;
  const headers = { cookie: "bench=uncached" };
  const first = await get(url, { headers });
  if (first.status !== 200) throw new Error(`GET /moi/<token> → ${first.status}`);
  log(`\n[personal] /moi/<token> (${link.sessions} registrations in ${PERSONAL.series}) — ${first.body.length} bytes of HTML`);
  log(`  sequential, uncached (cookie): ${SEQUENTIAL} requests…`);
  const before = statSync(app.logFile).size;
  const seq = await sequentialLatency(url, { count: SEQUENTIAL, headers });
  await new Promise((r) => setTimeout(r, 50));
  const times = serverTimes(app.logFile, before, statSync(app.logFile).size, PERSONAL.logPath).slice(-SEQUENTIAL);
  if (seq.non2xx) throw new Error(`personal page: ${seq.non2xx} non-2xx responses`);
  return {
    name: PERSONAL.name,
    path: "/moi/<token>",
    registrations: link.sessions,
    htmlBytes: first.body.length,
    sequential: {
      count: SEQUENTIAL,
      uncached: {
        clientApp: { p50: round(percentile(seq.times, 50), 2), p99: round(percentile(seq.times, 99), 2) },
        serverLogged: { count: times.length, p50: round(percentile(times, 50), 2), p99: round(percentile(times, 99), 2) },
      },
    },
  };
}

/**
 * The server's stderr, grouped: structured lines ({"level":"warn"|"error",…}) by level + message,
 * anything else (e.g. a console.error'd stack trace) by its first line, with the first "at" frame.
 */
function summariseStderr(text) {
  const groups = new Map();
  let last = null;
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    if (/^\s+at /.test(line) && last) {
      last.at ??= line.trim().slice(3);
      continue;
    }
    let level = "stderr";
    let message = line;
    try {
      const entry = JSON.parse(line);
      level = entry.level ?? "?";
      message = entry.msg + (entry.error ? " — " + String(entry.error).split("\n")[0] : "");
    } catch {
      // plain text
    }
    const key = `${level}|${message}`;
    if (!groups.has(key)) groups.set(key, { level, message, count: 0, at: null });
    last = groups.get(key);
    last.count++;
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

const countMessages = (text) => summariseStderr(text).reduce((n, p) => n + p.count, 0);

function statSyncSafe(file) {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}

try {
  await main();
  clearTimeout(watchdog);
} catch (error) {
  console.error("bench/pages failed:", error?.stack ?? error);
  await cleanup();
  process.exit(1);
}
