// The client side of the loopback SMTP sink (bench/smtp-sink.mjs, forked with an IPC channel), shared
// by bench/dispatch.mjs and bench/messages.mjs: start it, reset it, read its counts, wait for a count.
import { fork } from "node:child_process";
import path from "node:path";
import { HOST, ROOT, withTimeout } from "./lib.mjs";

/**
 * Forks the SMTP sink and returns its client. `track` registers the child for the caller's clean-up;
 * `timeoutMs` bounds the wait for a count of messages.
 */
export async function startSink({ track = (c) => c, timeoutMs = 600_000 } = {}) {
  const child = track(fork(path.join(ROOT, "bench/smtp-sink.mjs"), [], { stdio: ["ignore", "inherit", "inherit", "ipc"] }));
  const ready = await withTimeout(
    new Promise((resolve, reject) => {
      child.once("message", resolve);
      child.once("exit", (code) => reject(new Error(`SMTP sink exited (${code})`)));
    }),
    10_000,
    "SMTP sink did not start",
  );
  const request = (msg, type, timeoutMs = 30_000) =>
    withTimeout(
      new Promise((resolve) => {
        const handler = (m) => {
          if (m.type === type) {
            child.off("message", handler);
            resolve(m);
          }
        };
        child.on("message", handler);
        child.send(msg);
      }),
      timeoutMs,
      `SMTP sink: no ${type} reply`,
    );
  return {
    child,
    port: ready.port,
    url: `smtp://${HOST}:${ready.port}`,
    greetingPause: ready.greetingPause,
    reset: () => request({ type: "reset" }, "reset"),
    stats: (ids = false) => request({ type: "stats", ids }, "stats"),
    sample: () => request({ type: "sample" }, "sample"),
    /** Resolves when `n` messages have been received (since the last reset). */
    reached: (n) => request({ type: "notifyAt", n }, "reached", timeoutMs),
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await withTimeout(new Promise((r) => child.once("exit", r)), 5_000).catch(() => child.kill("SIGKILL"));
    },
  };
}
