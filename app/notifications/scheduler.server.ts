// The email scheduler inside the server process: every `pollSeconds` (and soon after a kick from a
// change that queued emails), one dispatch run over the outbox. Runs never overlap. Whatever a run
// meets — an unreachable mail server, an exception, a send that never returns — the scheduler logs
// it and keeps polling: a run that makes no progress for `stallSeconds` is abandoned (told to stop;
// its leases expire or are taken over) and the next one starts. stop() waits for the current run at
// most `stopSeconds`. state() feeds the health check.
import type { AppDatabase } from "~/utils/db.server";
import { newDispatcherId } from "~/utils/dispatcher-id.server";
import { log } from "~/utils/log.server";
import type { Mailer } from "~/notifications/mail.server";
import { nowIso } from "~/utils/now.server";
import { dispatchDue, type DispatchSummary } from "./dispatch.server";

export const POLL_SECONDS = 15;
/** A kick (after a registration…) runs the dispatcher this soon, so that a burst is sent in batches. */
export const KICK_DELAY_MS = 250;

export type SchedulerState = {
  running: boolean;
  /** UTC instants of the last run that ended, and of the last one that reached the mail server without a transport failure. */
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  abandonedRuns: number;
};

export type Scheduler = { kick: () => void; stop: () => Promise<void>; state: () => SchedulerState };

export type SchedulerOptions = {
  db: AppDatabase;
  mailer: Mailer;
  appUrl: string;
  pollSeconds?: number;
  retryBaseSeconds?: number;
  /** No email dealt with for this long while a run is on: the run is abandoned. */
  stallSeconds: number;
  stopSeconds?: number;
  /** Checked before each run: false (database file gone) skips the run. */
  canRun?: () => boolean;
};

export function startScheduler(opts: SchedulerOptions): Scheduler {
  let current: { done: Promise<void>; controller: AbortController; lastProgress: number } | null = null;
  let again = false;
  let stopped = false;
  // One lease owner for the scheduler's life: an abandoned run's rows are not "of a dead process".
  const owner = newDispatcherId();
  const state: SchedulerState = { running: false, lastRunAt: null, lastSuccessAt: null, lastError: null, abandonedRuns: 0 };

  const watchdog = () => {
    if (!current || Date.now() - current.lastProgress < opts.stallSeconds * 1000) return;
    // A run that stopped moving: tell it to stop and let the next one start. Its in-flight send, if
    // it ever returns, is recorded; its other rows were never tried and are given back by it.
    current.controller.abort();
    current = null;
    state.running = false;
    state.abandonedRuns++;
    state.lastError = `envoi bloqué depuis ${opts.stallSeconds} s : passage abandonné`;
    log("error", "dispatch run abandoned", { stalledSeconds: opts.stallSeconds });
  };

  const run = () => {
    if (stopped) return;
    watchdog();
    if (current) {
      again = true;
      return;
    }
    if (opts.canRun && !opts.canRun()) return;
    const controller = new AbortController();
    const entry = { controller, lastProgress: Date.now(), done: Promise.resolve() };
    current = entry;
    state.running = true;
    entry.done = (async () => {
      let summary: DispatchSummary | undefined;
      try {
        summary = await dispatchDue(opts.db, opts.mailer, {
          appUrl: opts.appUrl,
          now: nowIso,
          owner,
          retryBaseSeconds: opts.retryBaseSeconds,
          signal: controller.signal,
          onProgress: () => (entry.lastProgress = Date.now()),
        });
        if (summary.sent || summary.failed || summary.retried) {
          const { transportError: _transportError, ...counts } = summary;
          log("info", "emails dispatched", counts);
        }
        if (summary.transportError) {
          state.lastError = summary.transportError;
          log("error", "dispatch failed: mail server unreachable", { error: summary.transportError, retried: summary.retried, released: summary.released });
        }
      } catch (error) {
        state.lastError = String((error as Error)?.message ?? error);
        log("error", "dispatch failed", { error: String((error as Error)?.stack ?? error) });
      } finally {
        const at = nowIso();
        if (current === entry) {
          current = null;
          state.running = false;
        }
        state.lastRunAt = at;
        if (summary && !summary.transportError && !controller.signal.aborted) {
          state.lastSuccessAt = at;
          state.lastError = null;
        }
        if (again && !stopped && current === null) {
          again = false;
          setImmediate(run);
        }
      }
    })();
  };
  const timer = setInterval(run, (opts.pollSeconds ?? POLL_SECONDS) * 1000);
  timer.unref();
  setImmediate(run);
  let kicked: ReturnType<typeof setTimeout> | null = null;
  return {
    kick: () => {
      kicked ??= setTimeout(() => {
        kicked = null;
        run();
      }, KICK_DELAY_MS);
    },
    state: () => ({ ...state }),
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      if (kicked) clearTimeout(kicked);
      const running = current;
      if (!running) return;
      running.controller.abort();
      // The send in flight finishes or times out; beyond stopSeconds its lease is left to expire (or
      // to be taken over at once by the next process, this one being gone).
      let waited: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([running.done, new Promise<void>((resolve) => (waited = setTimeout(resolve, (opts.stopSeconds ?? 5) * 1000)))]);
      clearTimeout(waited);
    },
  };
}
