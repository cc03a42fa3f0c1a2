// Paired A/B of the uncached render (docs/benchmarks.md, issue #14): two (or more) built trees, each
// a directory with server.mjs and build/ (e.g. a copy of an older build placed under this repository
// so that node_modules resolves), started side by side on fresh demo databases; rounds of sequential
// requests with a cookie (the page cache bypassed) alternate between them, so that a loaded
// machine's noise falls on all alike. Prints per round the server-logged p50 and the CPU time per
// request (/proc), then the median of the rounds.
//
//   node bench/render-ab.mjs <dirA> <dirB>    AB_ROUNDS=5 AB_N=250 AB_PAGES=/a,/b AB_PROF=1 (--cpu-prof)
import http from "node:http";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import os from "node:os";
import { procCpuMs as cpuMs, startAppServer } from "./lib.mjs";
const dirs = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const PAGES = (
  process.env.AB_PAGES ?? "/series/rdv-sante-qpv-seine-maritime-2022,/series/rdv-sante-qpv-seine-maritime-2022/sessions/rdv-1-politiques-regionales"
).split(",");
const N = Number(process.env.AB_N ?? 200),
  ROUNDS = Number(process.env.AB_ROUNDS ?? 3);
const COOKIE = process.env.AB_COOKIE ?? "bench=1";
const servers = [];
for (const dir of dirs) {
  const profiles = process.env.AB_PROF ? mkdtempSync(path.join(os.tmpdir(), "rdv-ab-prof-")) : null;
  const nodeArgs = profiles ? ["--cpu-prof", `--cpu-prof-dir=${profiles}`] : [];
  const env = { ENV_FILE: "", RATE_LIMIT_PER_IP: "100000000", RATE_LIMIT_PER_EMAIL: "100000000" };
  servers.push({ dir, profiles, ...(await startAppServer({ cwd: dir, nodeArgs, env })) });
}
const get = (agent, url, headers) =>
  new Promise((res, rej) =>
    http
      .get(url, { agent, headers }, (r) => {
        r.resume();
        r.on("end", () => res(r.statusCode));
      })
      .on("error", rej),
  );
if (process.env.AB_SETUP) {
  const setup = await import(process.env.AB_SETUP);
  for (const s of servers) s.pages = await setup.default(s.url, s);
}
const results = {};
for (let round = 0; round < ROUNDS; round++)
  for (const s of servers)
    for (const page of s.pages ?? PAGES) {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      for (let i = 0; i < 30; i++) await get(agent, s.url + page, { cookie: COOKIE });
      const from = statSync(s.logFile).size;
      const cpu0 = cpuMs(s.child.pid);
      for (let i = 0; i < N; i++) {
        const st = await get(agent, s.url + page, { cookie: COOKIE });
        if (st !== 200) throw new Error(`${page} ${st}`);
      }
      const cpu = (cpuMs(s.child.pid) - cpu0) / N;
      agent.destroy();
      await new Promise((r) => setTimeout(r, 50));
      (results[`cpu ${page.slice(-30)} | ${path.basename(s.dir)}`] ??= []).push(Math.round(cpu * 100) / 100);
      const ms = readFileSync(s.logFile)
        .subarray(from)
        .toString()
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l))
        .filter((e) => e.msg === "request" && e.status === 200)
        .map((e) => e.ms);
      ms.sort((a, b) => a - b);
      const key = `${(s.pages ? "page" + s.pages.indexOf(page) : page).slice(-40)} | ${path.basename(s.dir)}`;
      (results[key] ??= []).push(ms[Math.floor(ms.length / 2)]);
    }
for (const [k, v] of Object.entries(results)) console.log(k.padEnd(60), v.join(" "), " median", v.sort((a, b) => a - b)[Math.floor(v.length / 2)]);
for (const s of servers) await s.stop();
if (process.env.AB_PROF) for (const s of servers) console.log("profile dir", s.profiles);
