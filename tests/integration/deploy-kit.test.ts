// The deployment kit (deploy/, docs/deployment.md; issue #14 item 7) checked as far as tools allow:
// the systemd units by `systemd-analyze verify` when the binary exists, and always by reading them
// here (required keys, non-root user, hardening); the example environment file by the app's own
// configuration parser; the Caddyfile by `caddy adapt` only where caddy is installed — otherwise this
// test says so in its name and checks what it can itself (site address = APP_URL's host, proxy target =
// PORT, no access log).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { configurationSource, EnvError, parseEnv } from "~/utils/env.server";

const DEPLOY = path.resolve("deploy");
const UNITS = ["rendez-vous.service", "rendez-vous-backup.service", "rendez-vous-backup.timer"];

function installed(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;
}
const hasSystemdAnalyze = installed("systemd-analyze");
const hasCaddy = installed("caddy");

type Unit = Record<string, Record<string, string[]>>;
/** A systemd unit file read as sections of keys, each with all its values (a key may repeat). */
function readUnit(name: string): Unit {
  const unit: Unit = {};
  let section = "";
  for (const raw of readFileSync(path.join(DEPLOY, name), "utf8").split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = header[1];
      unit[section] ??= {};
      continue;
    }
    const eq = line.indexOf("=");
    expect(eq, `${name}: « ${line} » n’est pas de la forme Clé=valeur`).toBeGreaterThan(0);
    expect(section, `${name}: « ${line} » hors de toute section`).not.toBe("");
    (unit[section][line.slice(0, eq)] ??= []).push(line.slice(eq + 1));
  }
  return unit;
}

/** The example environment file as the server would read it (ENV_FILE), with a secret supplied. */
function exampleEnv(extra: Record<string, string> = {}) {
  return parseEnv(configurationSource({ ENV_FILE: path.join(DEPLOY, "rendez-vous.env"), ...extra }));
}
const env = exampleEnv({ SESSION_SECRET: "a".repeat(64) });
const dataDir = path.dirname(env.DATABASE_PATH);

const HARDENING = {
  NoNewPrivileges: "true",
  ProtectSystem: "strict",
  ProtectHome: "true",
  PrivateTmp: "true",
  PrivateDevices: "true",
  ProtectKernelTunables: "true",
  ProtectKernelModules: "true",
  ProtectControlGroups: "true",
  RestrictSUIDSGID: "true",
};

describe("the systemd units", () => {
  it(
    hasSystemdAnalyze
      ? "pass `systemd-analyze verify` without a warning (and are read by this test too)"
      : "are checked by this test's own reading only: systemd-analyze is not installed here",
    () => {
      for (const name of UNITS) expect(Object.keys(readUnit(name)).length).toBeGreaterThan(0);
      if (!hasSystemdAnalyze) return;
      const result = spawnSync("systemd-analyze", ["verify", "--man=no", ...UNITS.map((u) => `./${u}`)], { cwd: DEPLOY, encoding: "utf8" });
      expect(result.stderr.split("\n").filter((l) => UNITS.some((u) => l.includes(u)))).toEqual([]);
      expect(result.status).toBe(0);
    },
  );

  it("the server runs node server.mjs as the non-root user rendez-vous, in production, from the environment file, restarted on failure, hardened", () => {
    const { Unit, Service, Install } = readUnit("rendez-vous.service");
    expect(Unit.After).toContain("network-online.target");
    expect(Service.User).toEqual(["rendez-vous"]);
    expect(Service.Group).toEqual(["rendez-vous"]);
    expect(Service.WorkingDirectory).toEqual(["/opt/rendez-vous"]);
    expect(Service.ExecStart).toEqual(["/usr/bin/node server.mjs"]);
    expect(Service.EnvironmentFile).toEqual(["/etc/rendez-vous.env"]);
    expect(Service.Environment).toContain("NODE_ENV=production");
    expect(Service.Restart).toEqual(["on-failure"]);
    expect(Service.KillSignal).toEqual(["SIGTERM"]);
    for (const [key, value] of Object.entries(HARDENING)) expect(Service[key], key).toEqual([value]);
    // The only writable place is the data directory of the example configuration.
    expect(Service.ReadWritePaths).toEqual([dataDir]);
    expect(Service.StateDirectory).toEqual([path.basename(dataDir)]);
    expect(Service.CapabilityBoundingSet).toEqual([""]);
    expect(Service.MemoryDenyWriteExecute).toBeUndefined(); // V8's JIT needs it off
    expect(Install.WantedBy).toEqual(["multi-user.target"]);
  });

  it("the nightly backup runs db:backup with --keep as the same user, with the same configuration, writing only data and backups", () => {
    const { Service } = readUnit("rendez-vous-backup.service");
    const { Timer, Install } = readUnit("rendez-vous-backup.timer");
    expect(Service.Type).toEqual(["oneshot"]);
    expect(Service.User).toEqual(["rendez-vous"]);
    expect(Service.EnvironmentFile).toEqual(["/etc/rendez-vous.env"]);
    const [exec] = Service.ExecStart;
    const script = JSON.parse(readFileSync("package.json", "utf8")).scripts["db:backup"].replace(/^tsx /, "");
    const match = new RegExp(`^/usr/bin/node node_modules/tsx/dist/cli\\.mjs ${script} (/\\S+) --keep [1-9]\\d*$`).exec(exec);
    expect(match, exec).not.toBeNull();
    expect(existsSync(path.resolve("node_modules/tsx/dist/cli.mjs"))).toBe(true);
    const backups = match![1];
    expect(Service.ReadWritePaths[0].split(" ").sort()).toEqual([dataDir, backups].sort());
    for (const [key, value] of Object.entries(HARDENING)) expect(Service[key], key).toEqual([value]);
    expect(Timer.OnCalendar).toEqual(["*-*-* 03:15:00"]);
    expect(Timer.Persistent).toEqual(["true"]);
    expect(Install.WantedBy).toEqual(["timers.target"]);
  });
});

describe("the example environment file", () => {
  it("is a valid production configuration behind a proxy, once SESSION_SECRET is set — and refused without it", () => {
    expect(env.isProduction).toBe(true);
    expect(env.TRUST_PROXY).toBe(true);
    expect(env.APP_URL).toMatch(/^https:\/\//);
    expect(path.isAbsolute(env.DATABASE_PATH)).toBe(true);
    expect(env.SMTP_URL).toMatch(/^smtp:\/\//);
    expect(() => exampleEnv()).toThrow(EnvError);
    expect(() => exampleEnv()).toThrow(/SESSION_SECRET est obligatoire en production/);
  });
});

describe("the Caddyfile", () => {
  const text = readFileSync(path.join(DEPLOY, "Caddyfile"), "utf8");
  const lines = text.split("\n").filter((l) => l.trim() && !l.trim().startsWith("#"));

  it(
    hasCaddy
      ? "passes `caddy adapt`, and its site and proxy target match APP_URL and PORT"
      : "is NOT checked by `caddy adapt` (caddy is not installed here): this test reads it itself — site address = APP_URL's host, reverse_proxy = localhost:PORT, no access log",
    () => {
      const sites = lines.filter((l) => /^\S.*\{$/.test(l)).map((l) => l.replace(/\s*\{$/, ""));
      expect(sites).toEqual([new URL(env.APP_URL).host]);
      const proxies = lines.map((l) => /^\s+reverse_proxy\s+(\S+)\s*$/.exec(l)?.[1]).filter(Boolean);
      expect(proxies).toEqual([`localhost:${env.PORT}`]);
      // Braces balance, and no access log (it would record personal links).
      expect(text.split("{").length).toBe(text.split("}").length);
      expect(lines.some((l) => /^\s*log\b/.test(l))).toBe(false);
      if (!hasCaddy) return;
      const adapted = JSON.parse(execFileSync("caddy", ["adapt", "--config", path.join(DEPLOY, "Caddyfile"), "--adapter", "caddyfile"], { encoding: "utf8" }));
      expect(JSON.stringify(adapted)).toContain(`localhost:${env.PORT}`);
    },
  );
});

describe("docs/deployment.md", () => {
  it("names every file of deploy/, the upgrade and rollback steps, and links the deliverability guide", () => {
    const doc = readFileSync("docs/deployment.md", "utf8");
    for (const file of [...UNITS, "rendez-vous.env", "Caddyfile"]) expect(doc, file).toContain(`deploy/${file}`);
    expect(doc).toContain("(deliverability.md)");
    for (const step of ["npm run db:backup", "npm ci", "npm run build", "npm run db:restore", "TRUST_PROXY=1", "journalctl -u rendez-vous"])
      expect(doc, step).toContain(step);
  });
});
