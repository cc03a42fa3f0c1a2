// Paired A/B of the registration POST (docs/benchmarks.md, issue #14): two built trees side by side
// (see bench/render-ab.mjs), rounds of autocannon POSTs (bench/register-load.mjs) alternating between
// them; prints req/s and the CPU time per accepted registration (/proc), then each database's count
// and integrity_check.
//
//   node bench/register-ab.mjs <dirA> <dirB>   AB_ROUNDS=3 AB_DUR=6
import { execFileSync } from "node:child_process";
import path from "node:path";
import { procCpuMs as cpuMs, startAppServer } from "./lib.mjs";
const dirs = process.argv.slice(2);
const ROUNDS = Number(process.env.AB_ROUNDS ?? 3),
  DUR = Number(process.env.AB_DUR ?? 6);
const RAISED_LIMITS = { RATE_LIMIT_PER_IP: "100000000", RATE_LIMIT_PER_EMAIL: "100000000", RATE_LIMIT_WINDOW_SECONDS: "3600" };
const servers = [];
for (const dir of dirs) servers.push({ dir, ...(await startAppServer({ cwd: dir, env: { ENV_FILE: "", ...RAISED_LIMITS } })) });
const res = {};
for (let r = 0; r < ROUNDS; r++)
  for (const s of servers) {
    const c0 = cpuMs(s.child.pid);
    const out = execFileSync(process.execPath, [path.join(import.meta.dirname, "register-load.mjs"), s.url, String(DUR)]).toString();
    const m = out.match(/req\/s ([\d.]+) 3xx (\d+) other (\d+)/);
    const cpu = (cpuMs(s.child.pid) - c0) / Number(m[2]);
    (res[path.basename(s.dir)] ??= []).push(`${Math.round(Number(m[1]))} req/s (${cpu.toFixed(2)} ms CPU/req, other ${m[3]})`);
  }
for (const [k, v] of Object.entries(res)) console.log(k.padEnd(12), v.join(" | "));
for (const s of servers) await s.stop();
for (const s of servers) {
  const db = s.databasePath;
  console.log(
    path.basename(s.dir),
    execFileSync("sqlite3", [db, "select count(*) from registrations; pragma integrity_check;"]).toString().replace(/\n/g, " "),
  );
}
