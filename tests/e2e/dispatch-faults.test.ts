// Every email exactly once under the faults that broke it before (issue #9): the server's own
// scheduler and two `mail:dispatch` runs with different --now at once over thousands of emails, and a
// mail server that goes down, then accepts connections without answering, then comes back.
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { massDb, dueNowOptions, outboxStatuses, type MassDb } from "../helpers/mass";
import { startServer, type TestServer } from "../helpers/server";
import { startSmtp, type TestSmtp } from "../helpers/smtp";

let smtp: TestSmtp | undefined;
let server: TestServer | undefined;
let mass: MassDb | undefined;
afterEach(async () => {
  await server?.stop();
  await smtp?.close();
  if (mass) rmSync(mass.dir, { recursive: true, force: true });
  server = smtp = mass = undefined;
});

function dispatch(databasePath: string, smtpUrl: string, now: string) {
  const proc = spawn("npm", ["run", "--silent", "mail:dispatch", "--", "--now", now], {
    env: {
      PATH: process.env.PATH,
      ENV_FILE: "",
      DATABASE_PATH: databasePath,
      SMTP_URL: smtpUrl,
      APP_URL: "https://rdv.example.org",
    } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout!.on("data", (c) => (out += c));
  proc.stderr!.on("data", (c) => (out += c));
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  return { exited, output: () => out };
}

const hoursAhead = (h: number) => new Date(Date.now() + h * 3600_000).toISOString().replace(/\.\d{3}Z$/, "Z");

/** Resolves when `check` holds, polling the condition (never a fixed wait). */
async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function expectExactlyOnce(s: TestSmtp, n: number) {
  const ids = s.messages.map((m) => m.parsed.messageId);
  const recipients = s.messages.map((m) => m.envelopeTo[0]);
  expect(new Set(ids).size, "missing").toBe(n);
  expect(ids.length - new Set(ids).size, "duplicates (Message-ID)").toBe(0);
  expect(recipients.length - new Set(recipients).size, "duplicates (recipient)").toBe(0);
}

describe("exactly once between dispatchers", () => {
  it("the server’s scheduler and two mail:dispatch runs with --now 1 h and 2 h ahead: 5,000 emails, none twice, none missing", async () => {
    const N = 5000;
    mass = massDb(N, dueNowOptions());
    smtp = await startSmtp({ delayMs: 2 });
    // The server starts dispatching these due emails at once, with leases by the real clock.
    server = await startServer({ DATABASE_PATH: mass.file, SMTP_URL: smtp.url, MAIL_POLL_SECONDS: "1" });
    await smtp.waitFor(200);
    const a = dispatch(mass.file, smtp.url, hoursAhead(1));
    await smtp.waitFor(Math.min(N - 500, smtp.messages.length + 300));
    const b = dispatch(mass.file, smtp.url, hoursAhead(2));
    expect(await a.exited, a.output()).toBe(0);
    expect(await b.exited, b.output()).toBe(0);
    await until(() => outboxStatuses(mass!.file).sent === N, "every row sent");
    await smtp.waitFor(N);
    expectExactlyOnce(smtp, N);
    expect(outboxStatuses(mass.file)).toEqual({ sent: N });
    // All three took part (each printed or logged sends). The server logs its run once the run ends,
    // which may be just after the last row was marked sent: wait for the line.
    expect(a.output() + b.output()).toMatch(/\d+ envoyé\(s\)/);
    await until(() => server!.stdout().includes('"msg":"emails dispatched"'), "the server’s dispatch log line", 30_000);
  }, 240_000);
});

describe("the scheduler survives a mail server outage", () => {
  it("mail server stopped mid-run, then accepting without answering, then back: every email delivered once, health reported, SIGTERM stops cleanly", async () => {
    const N = 400;
    mass = massDb(N, dueNowOptions());
    smtp = await startSmtp({ delayMs: 10 });
    server = await startServer({ DATABASE_PATH: mass.file, SMTP_URL: smtp.url, MAIL_POLL_SECONDS: "1", MAIL_RETRY_SECONDS: "1", SMTP_TIMEOUT_SECONDS: "1" });
    const health = async () =>
      (await (await fetch(`${server!.url}/healthz`)).json()) as {
        status: string;
        dispatcher: { lastError: string | null; lastSuccessAt: string | null; oldestDueSeconds: number | null };
      };

    await smtp.waitFor(100);
    // Down, with the pooled connections open: they get "421 shutting down".
    await smtp.stop();
    // Then a server that accepts connections and never says a word.
    await smtp.hang();
    await until(() => smtp!.hungConnections() >= 2, "the dispatcher to try the silent server");
    await server.waitForLog("dispatch failed: mail server unreachable");
    await until(async () => (await health()).dispatcher.lastError !== null, "the health check to report the failure");
    const during = await health();
    expect(during.status).toBe("degraded");
    expect(during.dispatcher.oldestDueSeconds).toBeGreaterThan(0);
    const received = smtp.messages.length;
    expect(received).toBeLessThan(N);
    expect(outboxStatuses(mass.file).failed ?? 0).toBe(0); // an unreachable server never fails an email for good

    // Back: everything goes, in a bounded time, nothing twice.
    await smtp.resume();
    await until(() => smtp!.messages.length >= N, `${N} emails (had ${received} before the outage)`, 90_000);
    await until(() => outboxStatuses(mass!.file).sent === N, "every row sent");
    expectExactlyOnce(smtp, N);
    await until(async () => (await health()).dispatcher.lastError === null, "the health check to recover");
    const after = await health();
    expect(after.status).toBe("ok");
    expect(after.dispatcher.lastSuccessAt).not.toBeNull();
    expect(after.dispatcher.oldestDueSeconds).toBeNull();

    // A new registration after the outage is confirmed by email too.
    const before = smtp.messages.length;
    const form = await (await fetch(`${server.url}/series/masse/inscription`)).text();
    const id = form.match(/name="sessions"[^>]*value="(\d+)"/)![1];
    const posted = await fetch(`${server.url}/series/masse/inscription`, {
      method: "POST",
      body: new URLSearchParams({ firstName: "Après", lastName: "Panne", email: "apres@example.org", consent: "oui", sessions: id }),
      redirect: "manual",
    });
    expect(posted.status).toBe(303);
    await smtp.waitForMatch((m) => smtp!.messages.indexOf(m) >= before && m.envelopeTo.includes("apres@example.org"));

    // And SIGTERM still stops the server cleanly.
    server.proc.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(server.stdout()).toContain('"msg":"stopped"');
  }, 180_000);

  it("stops cleanly on SIGTERM while a send hangs on a silent mail server", async () => {
    mass = massDb(50, dueNowOptions());
    smtp = await startSmtp();
    await smtp.hang();
    server = await startServer({ DATABASE_PATH: mass.file, SMTP_URL: smtp.url, MAIL_POLL_SECONDS: "1", SMTP_TIMEOUT_SECONDS: "30" });
    await until(() => smtp!.hungConnections() >= 1, "a connection to the silent server");
    server.proc.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(server.stdout()).toContain('"msg":"stopped"');
    // What it held is taken over at once by the next dispatcher (its process is gone), not after the lease.
    await smtp.resume();
    const run = dispatch(mass.file, smtp.url, hoursAhead(0));
    expect(await run.exited, run.output()).toBe(0);
    expectExactlyOnce(smtp, 50);
    expect(outboxStatuses(mass.file)).toEqual({ sent: 50 });
  }, 120_000);
});
