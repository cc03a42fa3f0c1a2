// A real SMTP server on loopback (smtp-server) that parses what it receives (mailparser).
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
  close: () => Promise<void>;
};

export async function startSmtp(options: { delayMs?: number } = {}): Promise<TestSmtp> {
  const messages: Received[] = [];
  const waiters: { n: number; resolve: (m: Received[]) => void }[] = [];
  const matchers: { test: (m: Received) => boolean; resolve: (m: Received) => void }[] = [];
  let failure: { code: number; message: string; times: number } | null = null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
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
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    waitFor: (n) =>
      messages.length >= n ? Promise.resolve(messages.slice()) : new Promise((resolve) => waiters.push({ n, resolve })),
    waitForMatch: (test) => {
      const found = messages.find(test);
      return found ? Promise.resolve(found) : new Promise((resolve) => matchers.push({ test, resolve }));
    },
    failNext: (code, message, times = 1) => {
      failure = { code, message, times };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
