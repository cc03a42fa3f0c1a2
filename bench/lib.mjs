// Shared helpers for the benchmarks in bench/: start/stop the production server, a raw node:http
// server serving fixed bytes (run in its own process, like the app, so the comparison is fair),
// sequential latency measurement, percentiles, formatting.
//
// Run directly (`node bench/lib.mjs --raw-server`) it becomes that raw server: it receives the
// bytes to serve over IPC, listens on 127.0.0.1 and replies with its port.
import { fork, spawn } from "node:child_process";
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SELF = fileURLToPath(import.meta.url);
export const HOST = "127.0.0.1";

// ---------------------------------------------------------------------------------------------
// small utilities

/** Time (ms) a process has spent on the CPU, from /proc/<pid>/stat (utime + stime), or null once it is gone. */
export function procCpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/** Writes a benchmark's results as bench/results/<name>.json and says so. */
export function writeResults(name, results) {
  const out = path.join(ROOT, `bench/results/${name}.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(results, null, 2) + "\n");
  console.log(`\nresults written to ${path.relative(ROOT, out)}`);
}

/** A free TCP port on the loopback interface (asks the OS for one, then releases it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves after `ms`, or rejects with `message` — to bound any await. */
export function withTimeout(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(message ?? `timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Nearest-rank percentile of an array of numbers (sorted copy). */
export function percentile(values, p) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export const round = (n, digits = 1) => (Number.isFinite(n) ? Math.round(n * 10 ** digits) / 10 ** digits : n);

/** Markdown-style table from an array of row arrays (first row = header). */
export function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (r) => "| " + r.map((c, i) => String(c).padEnd(widths[i])).join(" | ") + " |";
  return [line(rows[0]), "| " + widths.map((w) => "-".repeat(w)).join(" | ") + " |", ...rows.slice(1).map(line)].join("\n");
}

// ---------------------------------------------------------------------------------------------
// the production server (node server.mjs) as a child process

/**
 * Starts `node server.mjs` with a fresh SQLite database in a temporary directory (migrated and
 * seeded with the demo data at start-up), NODE_ENV=production, on a free loopback port, and waits
 * for GET /healthz to answer 200. stdout (one JSON line per request) goes to a file in the
 * temporary directory — written as usual, but not through the terminal nor through this process;
 * stderr (warnings and errors) is kept in memory so the bench can report it. `nodeArgs` go before
 * server.mjs (e.g. ["--cpu-prof", "--cpu-prof-dir=<dir>"] to profile it).
 */
export async function startAppServer({ healthAttempts = 150, pollMs = 100, env = {}, nodeArgs = [], cwd = ROOT } = {}) {
  const port = await freePort();
  const tmp = mkdtempSync(path.join(os.tmpdir(), "rdv-bench-"));
  const logFile = path.join(tmp, "server.log");
  const logFd = openSync(logFile, "w");
  // BENCH_SERVER_NODE_ARGS: more flags for every server a bench starts (e.g. "--cpu-prof --cpu-prof-dir=/tmp/p").
  const extraArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, ...extraArgs, "server.mjs"], {
    cwd,
    env: {
      ...process.env,
      PORT: String(port),
      APP_URL: `http://${HOST}:${port}`,
      DATABASE_PATH: path.join(tmp, "bench.sqlite"),
      NODE_ENV: "production",
      SESSION_SECRET: process.env.BENCH_SESSION_SECRET ?? "bench-only-secret-0123456789abcdefghijklmnop",
      SMTP_URL: "",
      ...env,
    },
    stdio: ["ignore", logFd, "pipe"],
  });
  closeSync(logFd);
  const stderr = [];
  let stderrBytes = 0;
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => {
    if (stderrBytes > 1_000_000) return; // bounded
    stderrBytes += chunk.length;
    stderr.push(chunk);
  });
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  let exitInfo = null;
  exited.then((info) => (exitInfo = info));

  const url = `http://${HOST}:${port}`;
  const server = {
    url,
    port,
    tmp,
    logFile,
    databasePath: path.join(tmp, "bench.sqlite"),
    child,
    exited,
    stderrText: () => stderr.join(""),
    async stop({ timeoutMs = 15_000 } = {}) {
      if (!exitInfo) {
        child.kill("SIGTERM");
        try {
          await withTimeout(exited, timeoutMs, "server did not stop");
        } catch {
          child.kill("SIGKILL");
          await withTimeout(exited, 5_000, "server did not die").catch(() => {});
        }
      }
      return exitInfo;
    },
    cleanup() {
      rmSync(tmp, { recursive: true, force: true });
    },
  };

  for (let attempt = 1; attempt <= healthAttempts; attempt++) {
    if (exitInfo) {
      throw new Error(`server exited during start-up (${JSON.stringify(exitInfo)}):\n${server.stderrText()}`);
    }
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return server;
    } catch {
      // not listening yet
    }
    await sleep(pollMs);
  }
  await server.stop();
  server.cleanup();
  throw new Error(`server not healthy after ${healthAttempts} attempts:\n${server.stderrText()}`);
}

// ---------------------------------------------------------------------------------------------
// raw server: returns fixed bytes, nothing else — the ceiling for "serve this HTML over node:http"

/** Forks a raw node:http server process that answers every request with `body`. */
export async function startRawServer(body, contentType = "text/html; charset=utf-8") {
  const child = fork(SELF, ["--raw-server"], {
    stdio: ["ignore", "ignore", "inherit", "ipc"],
    serialization: "advanced",
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const port = await withTimeout(
    new Promise((resolve, reject) => {
      child.once("message", (m) => resolve(m.port));
      child.once("error", reject);
      child.once("exit", (code) => reject(new Error(`raw server exited (${code})`)));
      child.send({ body: Buffer.from(body), contentType });
    }),
    10_000,
    "raw server did not start",
  );
  return {
    url: `http://${HOST}:${port}`,
    port,
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await withTimeout(exited, 5_000).catch(() => {
        child.kill("SIGKILL");
      });
    },
  };
}

function runRawServer() {
  process.once("message", ({ body, contentType }) => {
    const bytes = Buffer.from(body);
    const headers = { "content-type": contentType, "content-length": bytes.length };
    const srv = http.createServer((req, res) => {
      res.writeHead(200, headers);
      res.end(req.method === "HEAD" ? undefined : bytes);
    });
    srv.keepAliveTimeout = 5_000;
    srv.listen(0, HOST, () => process.send({ port: srv.address().port }));
    const stop = () => {
      srv.close(() => process.exit(0));
      srv.closeAllConnections();
    };
    process.on("SIGTERM", stop);
    process.on("disconnect", stop);
  });
}

// ---------------------------------------------------------------------------------------------
// HTTP helpers

/** GET with a bounded time; no Accept-Encoding unless given, so the body is uncompressed. */
export function get(url, { headers = {}, timeoutMs = 10_000, agent } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, agent, timeout: timeoutMs }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on("error", reject);
  });
}

/**
 * `count` sequential GETs over one keep-alive connection (after `warmup` unmeasured ones); returns
 * each request's wall time in ms (request written → last body byte received), and the non-2xx count.
 */
export async function sequentialLatency(url, { count = 500, warmup = 50, headers = {} } = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times = [];
  let non2xx = 0;
  try {
    for (let i = 0; i < warmup + count; i++) {
      const t0 = performance.now();
      const res = await get(url, { agent, headers });
      const dt = performance.now() - t0;
      if (res.status < 200 || res.status >= 300) non2xx++;
      if (i >= warmup) times.push(dt);
    }
  } finally {
    agent.destroy();
  }
  return { times, non2xx };
}

if (process.argv[1] && path.resolve(process.argv[1]) === SELF && process.argv.includes("--raw-server")) {
  runRawServer();
}

// ---------------------------------------------------------------------------------------------
// the registration form of a series, posted as a browser without JavaScript would (bench/register,
// bench/scale)

/** The open sessions of a series' form (ids) and which of them are hybrid (they ask on site or remote). */
export async function registrationForm(url, slug) {
  const form = await (await fetch(`${url}/series/${slug}/inscription`)).text();
  const ids = [...form.matchAll(/<input type="checkbox" name="sessions"([^>]*)>/g)]
    .filter((m) => !m[1].includes("disabled"))
    .map((m) => m[1].match(/value="(\d+)"/)[1]);
  const hybrid = new Set([...form.matchAll(/name="participation-(\d+)"/g)].map((m) => m[1]));
  return { ids, hybrid };
}

/** The form's body registering `lastName` / `email` for `sessions` (« à distance » where hybrid). */
function registrationBody(lastName, email, sessions, hybrid) {
  const body = new URLSearchParams({
    firstName: "Camille",
    lastName,
    email,
    organisation: "Association du quartier",
    structureType: "association",
    territory: "Évreux",
    consent: "oui",
  });
  for (const session of sessions) {
    body.append("sessions", session);
    if (hybrid.has(session)) body.append(`participation-${session}`, "remote");
  }
  return body.toString();
}

/** An autocannon request posting registration number `n` (one session, « à distance » when hybrid) with `email`. */
export function registrationPost(req, { ids, hybrid }, n, email) {
  const body = registrationBody(`Banc-${n}`, email, [ids[n % ids.length]], hybrid);
  return { ...req, headers: { "content-type": "application/x-www-form-urlencoded" }, body };
}

/**
 * A personal link (`/moi/<token>`), reached as a real registrant reaches it: registers `email` for
 * every open session of the series through its form (« à distance » when hybrid), then reads the link
 * from the confirmation email the server printed in its development mailbox (stdout, no SMTP_URL).
 */
export async function personalLinkByRegistering(server, slug, email, { timeoutMs = 30_000 } = {}) {
  const { ids, hybrid } = await registrationForm(server.url, slug);
  if (!ids.length) throw new Error(`no open session to register for in ${slug}`);
  const res = await fetch(`${server.url}/series/${slug}/inscription`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: registrationBody("Banc", email, ids, hybrid),
    redirect: "manual",
  });
  await res.arrayBuffer();
  if (res.status !== 303) throw new Error(`registration of ${email} → ${res.status}`);
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    for (const line of readFileSync(server.logFile, "utf8").split("\n")) {
      if (!line.includes("development mailbox") || !line.includes(email)) continue;
      const entry = JSON.parse(line);
      const link = entry.to === email && entry.links?.find((l) => /\/moi\/[\w-]{20,}$/.test(l));
      if (link) return { path: new URL(link).pathname, sessions: ids.length };
    }
    await sleep(100);
  }
  throw new Error(`no confirmation email with a personal link for ${email} within ${timeoutMs} ms`);
}
