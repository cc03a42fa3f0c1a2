// The dispatcher as operators run it: `npm run mail:dispatch -- --now <instant>` in separate
// processes, two at once, and one killed with SIGKILL in the middle of a run.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { massDb, outboxStatuses as statuses } from "../helpers/mass";
import { startSmtp, type TestSmtp } from "../helpers/smtp";

const DUE = "2027-03-28T07:00:00Z";
let dir: string;
let smtp: TestSmtp | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** A database with `n` confirmed registrants of one session whose codes are due at DUE (confirmations already sent). */
function prepare(n: number): string {
  const mass = massDb(n, { start: "2027-03-30T09:30", registeredAt: "2027-03-02T00:00:00Z" });
  dir = mass.dir;
  if (mass.dueAt !== DUE) throw new Error(`codes due at ${mass.dueAt}, not ${DUE}`);
  return mass.file;
}

function dispatch(databasePath: string, now: string) {
  const proc = spawn("npm", ["run", "--silent", "mail:dispatch", "--", "--now", now], {
    env: {
      PATH: process.env.PATH,
      ENV_FILE: "",
      DATABASE_PATH: databasePath,
      SMTP_URL: smtp!.url,
      APP_URL: "https://rdv.example.org",
    } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group: SIGKILL reaches npm, tsx and node at once
  });
  let out = "";
  proc.stdout!.on("data", (c) => (out += c));
  proc.stderr!.on("data", (c) => (out += c));
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  return { proc, exited, output: () => out };
}

const idsOf = (s: TestSmtp) => s.messages.map((m) => m.parsed.messageId);

describe("mail:dispatch", () => {
  it("sends everything due at --now, prints a summary, and two runs at once send nothing twice", async () => {
    const db = prepare(300);
    smtp = await startSmtp();
    const a = dispatch(db, DUE);
    const b = dispatch(db, DUE);
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);
    expect(a.output() + b.output()).toMatch(/Envoi au 2027-03-28T07:00:00Z\s: \d+ envoyé\(s\)/);
    const ids = idsOf(smtp);
    expect(ids).toHaveLength(300);
    expect(new Set(ids).size).toBe(300);
    expect(new Set(smtp.messages.map((m) => m.envelopeTo[0])).size).toBe(300);
    expect(statuses(db)).toEqual({ sent: 300 });
  }, 120_000);

  it("sends nothing before the due instant", async () => {
    const db = prepare(5);
    smtp = await startSmtp();
    const run = dispatch(db, "2027-03-28T06:59:00Z");
    expect(await run.exited).toBe(0);
    expect(run.output()).toMatch(/0 envoyé\(s\)/);
    expect(smtp.messages).toHaveLength(0);
  }, 60_000);

  it("killed with SIGKILL mid-run then restarted: every due email delivered, duplicates only among those in flight", async () => {
    const db = prepare(400);
    smtp = await startSmtp({ delayMs: 5 });
    const first = dispatch(db, DUE);
    await smtp.waitFor(120);
    process.kill(-first.proc.pid!, "SIGKILL");
    await first.exited;
    const atKill = smtp.messages.length;
    expect(atKill).toBeLessThan(400);
    expect(statuses(db).sending).toBeGreaterThan(0); // leases left behind by the dead process
    // Restarted after the leases expired (120 s later, by the clock it is given).
    const second = dispatch(db, "2027-03-28T07:02:01Z");
    expect(await second.exited).toBe(0);
    const ids = idsOf(smtp);
    const unique = new Set(ids);
    expect(unique.size).toBe(400); // missing = 0
    const duplicates = ids.length - unique.size;
    // At most the messages that were being sent at the kill (4 concurrent sends).
    expect(duplicates).toBeLessThanOrEqual(4);
    expect(statuses(db)).toEqual({ sent: 400 });
  }, 180_000);
});
