// The email scheduler inside the server process: every POLL_SECONDS (and at once when kicked after a
// change), one dispatch run over the outbox. Runs never overlap; stop() waits for the current one.
import { DateTime } from "luxon";
import type { AppDatabase } from "~/utils/db.server";
import { toUtcIso } from "~/utils/dates.server";
import { log } from "~/utils/log.server";
import type { Mailer } from "~/utils/mail.server";
import { dispatchDue } from "./dispatch.server";

export const POLL_SECONDS = 15;
/** A kick (after a registration…) runs the dispatcher this soon, so that a burst is sent in batches. */
export const KICK_DELAY_MS = 250;

export type Scheduler = { kick: () => void; stop: () => Promise<void> };

export function startScheduler(opts: { db: AppDatabase; mailer: Mailer; appUrl: string; pollSeconds?: number }): Scheduler {
  let current: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const run = () => {
    if (stopped) return;
    if (current) {
      again = true;
      return;
    }
    current = (async () => {
      try {
        const summary = await dispatchDue(opts.db, opts.mailer, { appUrl: opts.appUrl, now: () => toUtcIso(DateTime.now()) });
        if (summary.sent || summary.failed || summary.retried) log("info", "emails dispatched", summary);
      } catch (error) {
        log("error", "dispatch failed", { error: String((error as Error)?.stack ?? error) });
      } finally {
        current = null;
        if (again && !stopped) {
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
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      if (kicked) clearTimeout(kicked);
      await current;
    },
  };
}
