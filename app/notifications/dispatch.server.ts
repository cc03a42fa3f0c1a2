// One dispatch run: plan what has become due, claim due outbox rows in batches, render (a pure read),
// make the message's personal link or sign-in token (the prepare step), send, record.
// Used by the in-process scheduler and by `npm run mail:dispatch -- --now <instant>`.
//
// Exactly once, as far as SMTP allows: a row is sent only by the dispatcher holding its lease, and
// the lease is checked and renewed right before the send (judged by the real clock, never `--now`).
// A mail server that cannot be reached ends the run at the first such failure: the rows claimed and
// not yet tried are given back, the failed one is retried later, nothing is marked failed for it.
import { planAccessCodes } from "~/access-codes/access-codes.server";
import { issueLink, renderMessage, type Draft, type Skip } from "~/notifications/messages.server";
import { planRecordingEmails } from "~/resources/recording-emails.server";
import { planReminders } from "~/reminders/reminders.server";
import { planSurveys } from "~/surveys/survey-planner.server";
import { planMessages } from "~/messages/messages.server";
import { claimDue, markCancelled, markFailure, markMissed, markSent, releaseClaims, renewLease, type OutboxRow } from "~/notifications/outbox.server";
import type { AppDatabase } from "~/utils/db.server";
import { isDispatcherGone, newDispatcherId } from "~/utils/dispatcher-id.server";
import { failureKind, type Mailer } from "~/notifications/mail.server";
import { nowIso } from "~/utils/now.server";

export type DispatchSummary = {
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
  missed: number;
  /** Claimed rows given back untried (run stopped or mail server unreachable). */
  released: number;
  /** Set when the run stopped because the mail server could not be reached. */
  transportError: string | null;
};

export type DispatchOptions = {
  appUrl: string;
  /** What is due: the real time for the scheduler, the `--now` instant for the command line. */
  now: () => string;
  /** The real clock, for leases (default: the system clock). Never the `--now` instant. */
  clock?: () => string;
  /** Lease owner of this run (default: a new id for this process). */
  owner?: string;
  batchSize?: number;
  concurrency?: number;
  /** Retry backoff base in seconds (MAIL_RETRY_SECONDS). */
  retryBaseSeconds?: number;
  /** Aborting stops the run: sends in flight finish, the rest is given back. */
  signal?: AbortSignal;
  /** Called whenever an email has been dealt with (the scheduler's stall watchdog). */
  onProgress?: () => void;
};

export async function dispatchDue(db: AppDatabase, mailer: Mailer, opts: DispatchOptions): Promise<DispatchSummary> {
  const summary: DispatchSummary = { sent: 0, retried: 0, failed: 0, skipped: 0, missed: 0, released: 0, transportError: null };
  const clock = opts.clock ?? nowIso;
  const owner = opts.owner ?? newDispatcherId();
  // Access codes whose time has come (app/access-codes/access-codes.server.ts) and recordings of sessions
  // that have just ended (app/resources/recording-emails.server.ts) and reminders (app/reminders/reminders.server.ts)
  // become outbox rows first.
  planAccessCodes(db, opts.now());
  planRecordingEmails(db, opts.now());
  planReminders(db, opts.now());
  planSurveys(db, opts.now());
  // Messages to registrants scheduled for now (app/messages/messages.server.ts).
  planMessages(db, opts.now());
  const batchSize = opts.batchSize ?? 50;
  const concurrency = opts.concurrency ?? 4;
  const stopped = () => opts.signal?.aborted === true || summary.transportError !== null;
  // Workers pull from one queue, refilled by a claim whenever it runs dry: no worker waits for the
  // others at the end of a batch, so the pool's connections stay busy.
  const queue: OutboxRow[] = [];
  let exhausted = false;
  const next = (): OutboxRow | undefined => {
    if (stopped()) return undefined;
    if (!queue.length && !exhausted) {
      const rows = claimDue(db, { owner, dueIso: opts.now(), clockIso: clock(), isOwnerDead: isDispatcherGone }, batchSize);
      if (rows.length) queue.push(...rows);
      else exhausted = true;
    }
    return queue.shift();
  };
  const worker = async () => {
    for (let row = next(); row; row = next()) {
      // Still ours? (A run that stalled past its lease lost the row to another dispatcher.)
      if (!renewLease(db, row.id, owner, clock())) continue;
      const dueNow = opts.now();
      let draft: Draft | Skip;
      try {
        draft = renderMessage(db, row, { appUrl: opts.appUrl, nowIso: dueNow });
      } catch (error) {
        markFailure(db, row, dueNow, `rendu impossible : ${(error as Error).message}`, "permanent");
        summary.failed++;
        continue;
      }
      if ("skip" in draft) {
        if (draft.skip === "missed") {
          markMissed(db, row.id, draft.reason);
          summary.missed++;
        } else {
          markCancelled(db, row.id, draft.reason);
          summary.skipped++;
        }
        opts.onProgress?.();
        continue;
      }
      let message;
      try {
        // The prepare step: the link exists before the email that carries it leaves.
        message = draft.complete(issueLink(db, draft.link, dueNow));
      } catch (error) {
        markFailure(db, row, dueNow, `rendu impossible : ${(error as Error).message}`, "permanent");
        summary.failed++;
        continue;
      }
      try {
        await mailer.send(message);
        markSent(db, row.id, opts.now(), { messageId: message.messageId, subject: message.subject });
        summary.sent++;
      } catch (error) {
        const text = String((error as Error)?.message ?? error).slice(0, 500);
        const kind = failureKind(error);
        if (kind === "transport") summary.transportError ??= text;
        const outcome = markFailure(db, row, opts.now(), text, kind, { retryBaseSeconds: opts.retryBaseSeconds });
        if (outcome === "failed") summary.failed++;
        else summary.retried++;
      }
      opts.onProgress?.();
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    summary.released = releaseClaims(
      db,
      owner,
      queue.splice(0).map((r) => r.id),
    );
  }
  return summary;
}
