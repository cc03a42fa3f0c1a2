// A real SMTP server on loopback (smtp-server) that parses what it receives (mailparser). For fault
// tests it can go down and come back on the same port: stop() shuts down as a real mail server does
// (open connections get "421 shutting down"), hang() puts a server there that accepts connections and
// never says a word, resume() brings the real one back. Messages received across restarts add up.
import { dispatchDue, type DispatchSummary } from "~/notifications/dispatch.server";
import type { AppDatabase } from "~/utils/db.server";
import { createMailer } from "~/notifications/mail.server";
import net from "node:net";
import { afterAll, beforeAll } from "vitest";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type Received = { envelopeTo: string[]; raw: string; parsed: ParsedMail };

export type TestSmtp = {
  url: string;
  port: number;
  messages: Received[];
  /** Resolves once `n` messages have arrived. */
  waitFor: (n: number) => Promise<Received[]>;
  /** Resolves with the first message (received so far or later) matching `test`. */
  waitForMatch: (test: (m: Received) => boolean) => Promise<Received>;
  /** Reply with this SMTP error to the next `times` messages (e.g. 451 or 550). */
  failNext: (code: number, message: string, times?: number) => void;
  /** Shuts down: no new connection is accepted, open ones get a 421 at their next command. */
  stop: () => Promise<void>;
  /** While stopped: a server on the same port that accepts connections and never answers. */
  hang: () => Promise<void>;
  /** Back in service on the same port (after stop() or hang()). */
  resume: () => Promise<void>;
  /** How many connections the hanging server accepted. */
  hungConnections: () => number;
  close: () => Promise<void>;
};

/** A test SMTP server started before the file's (or describe block's) tests and closed after them; the object returned stands for it. */
export function smtpForSuite(): TestSmtp {
  let started: TestSmtp | undefined;
  beforeAll(async () => {
    started = await startSmtp();
  });
  afterAll(async () => started?.close());
  return new Proxy({} as TestSmtp, {
    get(_target, key) {
      if (key === "then") return undefined;
      if (!started) throw new Error("the test SMTP server is not started yet");
      return started[key as keyof TestSmtp];
    },
  });
}

export async function startSmtp(options: { delayMs?: number } = {}): Promise<TestSmtp> {
  const messages: Received[] = [];
  const waiters: { n: number; resolve: (m: Received[]) => void }[] = [];
  const matchers: { test: (m: Received) => boolean; resolve: (m: Received) => void }[] = [];
  let failure: { code: number; message: string; times: number } | null = null;

  const create = () => {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      closeTimeout: 200,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", async () => {
          // A slow mail server, when asked: the reply to DATA comes after this delay.
          if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
          if (failure && failure.times > 0) {
            failure.times--;
            const err = Object.assign(new Error(failure.message), { responseCode: failure.code });
            return callback(err);
          }
          const raw = Buffer.concat(chunks).toString("utf8");
          messages.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), raw, parsed: await simpleParser(raw) });
          for (const w of waiters.filter((w) => messages.length >= w.n)) w.resolve(messages.slice());
          const received = messages[messages.length - 1];
          for (const m of matchers.filter((m) => m.test(received))) {
            matchers.splice(matchers.indexOf(m), 1);
            m.resolve(received);
          }
          callback();
        });
      },
    });
    // A client killed mid-session (the SIGKILL test) resets its connection: that is the client's doing,
    // not a failure of this server; without a listener it would surface as an unhandled error.
    server.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "ECONNRESET" && error.code !== "EPIPE") throw error;
    });
    return server;
  };

  let smtp: SMTPServer | null = create();
  await new Promise<void>((resolve) => smtp!.listen(0, "127.0.0.1", resolve));
  const port = (smtp.server.address() as { port: number }).port;

  let hanging: net.Server | null = null;
  const hungSockets = new Set<net.Socket>();
  let hungCount = 0;

  const stopSmtp = async () => {
    const s = smtp;
    smtp = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  const stopHang = async () => {
    const h = hanging;
    hanging = null;
    for (const socket of hungSockets) socket.destroy();
    hungSockets.clear();
    if (h) await new Promise<void>((resolve) => h.close(() => resolve()));
  };

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    waitFor: (n) => (messages.length >= n ? Promise.resolve(messages.slice()) : new Promise((resolve) => waiters.push({ n, resolve }))),
    waitForMatch: (test) => {
      const found = messages.find(test);
      return found ? Promise.resolve(found) : new Promise((resolve) => matchers.push({ test, resolve }));
    },
    failNext: (code, message, times = 1) => {
      failure = { code, message, times };
    },
    stop: stopSmtp,
    hang: async () => {
      await stopSmtp();
      hanging = net.createServer((socket) => {
        hungCount++;
        hungSockets.add(socket);
        socket.on("error", () => {});
        socket.on("close", () => hungSockets.delete(socket));
      });
      await new Promise<void>((resolve) => hanging!.listen(port, "127.0.0.1", resolve));
    },
    resume: async () => {
      await stopHang();
      if (smtp) return;
      smtp = create();
      await new Promise<void>((resolve) => smtp!.listen(port, "127.0.0.1", resolve));
    },
    hungConnections: () => hungCount,
    close: async () => {
      await stopHang();
      await stopSmtp();
    },
  };
}

/**
 * One dispatch run at `at` to the test SMTP server (no pool): the run's summary and the messages it
 * delivered, once they have all arrived.
 */
export async function dispatchTo(smtp: TestSmtp, db: AppDatabase, at: string, appUrl: string): Promise<{ summary: DispatchSummary; received: Received[] }> {
  const before = smtp.messages.length;
  const mailer = createMailer({ smtpUrl: smtp.url, from: "Rendez-vous <rdv@example.org>", db, pool: false });
  const summary = await dispatchDue(db, mailer, { appUrl, now: () => at });
  mailer.close();
  return { summary, received: summary.sent ? (await smtp.waitFor(before + summary.sent)).slice(before) : [] };
}
