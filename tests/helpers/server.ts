// Starts the production server (node server.mjs on the built app) on a free loopback port with its own
// temporary database, and stops it. Readiness is the server's own "listening" log line.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export type TestServer = {
  url: string;
  port: number;
  dir: string;
  databasePath: string;
  proc: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves once the server's stdout or stderr contains `text` (already, or later). */
  waitForLog: (text: string) => Promise<void>;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  stop: () => Promise<number | null>;
};

export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dir = mkdtempSync(path.join(tmpdir(), "rdv-server-"));
  const port = await freePort();
  const databasePath = path.join(dir, "db.sqlite");
  let out = "";
  let err = "";
  const logWaiters: { text: string; resolve: () => void }[] = [];
  const proc = spawn(process.execPath, ["server.mjs"], {
    env: {
      PATH: process.env.PATH,
      ENV_FILE: "",
      PORT: String(port),
      APP_URL: `http://127.0.0.1:${port}`,
      DATABASE_PATH: databasePath,
      ...env,
    } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const wake = () => {
      for (const w of logWaiters.filter((w) => out.includes(w.text) || err.includes(w.text))) {
        logWaiters.splice(logWaiters.indexOf(w), 1);
        w.resolve();
      }
    };
    proc.stdout!.on("data", (chunk) => {
      out += chunk;
      wake();
      if (out.includes('"msg":"listening"')) resolve();
    });
    proc.stderr!.on("data", (chunk) => {
      err += chunk;
      wake();
    });
    exited.then((code) => reject(new Error(`server exited (${code}) before listening:\n${err}\n${out}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dir,
    databasePath,
    proc,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitForLog: (text) => (out.includes(text) || err.includes(text) ? Promise.resolve() : new Promise((resolve) => logWaiters.push({ text, resolve }))),
    stop: async () => {
      if (proc.exitCode === null) proc.kill("SIGTERM");
      const code = await exited;
      rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}

/** Stops what a test file started, in the order given (a browser or context, then the server, then SMTP); those never started are passed over. */
export async function stopAll(...running: ({ stop: () => Promise<unknown> } | { close: () => Promise<unknown> } | undefined)[]): Promise<void> {
  for (const r of running) if (r) await ("stop" in r ? r.stop() : r.close());
}
