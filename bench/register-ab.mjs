// Paired A/B of the registration POST (docs/benchmarks.md, issue #14): two built trees side by side
// (see bench/render-ab.mjs), rounds of autocannon POSTs (bench/register-load.mjs) alternating between
// them; prints req/s and the CPU time per accepted registration (/proc), then each database's count
// and integrity_check.
//
//   node bench/register-ab.mjs <dirA> <dirB>   AB_ROUNDS=3 AB_DUR=6
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, openSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
const dirs = process.argv.slice(2);
const ROUNDS = Number(process.env.AB_ROUNDS ?? 3),
  DUR = Number(process.env.AB_DUR ?? 6);
const cpuMs = (pid) => {
  const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
};
const servers = [];
for (const [i, dir] of dirs.entries()) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "rdv-abr-"));
  const port = 4950 + i;
  const child = spawn(process.execPath, ["server.mjs"], {
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      APP_URL: `http://127.0.0.1:${port}`,
      DATABASE_PATH: path.join(tmp, "db.sqlite"),
      ENV_FILE: "",
      NODE_ENV: "production",
      SESSION_SECRET: "bench-only-secret-0123456789abcdefghijklmnop",
      RATE_LIMIT_PER_IP: "100000000",
      RATE_LIMIT_PER_EMAIL: "100000000",
      RATE_LIMIT_WINDOW_SECONDS: "3600",
    },
    stdio: ["ignore", openSync(path.join(tmp, "log"), "w"), "inherit"],
  });
  servers.push({ dir, url: `http://127.0.0.1:${port}`, child, tmp });
}
for (const s of servers)
  for (let k = 0; k < 150; k++) {
    try {
      await fetch(s.url + "/healthz");
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
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
for (const s of servers) s.child.kill("SIGTERM");
await Promise.all(servers.map((s) => new Promise((r) => s.child.once("exit", r))));
for (const s of servers) {
  const db = s.tmp + "/db.sqlite";
  console.log(
    path.basename(s.dir),
    execFileSync("sqlite3", [db, "select count(*) from registrations; pragma integrity_check;"]).toString().replace(/\n/g, " "),
  );
}
