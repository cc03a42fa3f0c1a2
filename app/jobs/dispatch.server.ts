// One dispatch run: claim due outbox rows in batches, render, send, record. Used by the in-process
// scheduler and by `npm run mail:dispatch -- --now <instant>`.
import type { AppDatabase } from "~/utils/db.server";
import { isPermanent, type Mailer } from "~/utils/mail.server";
import { renderMessage } from "~/models/messages.server";
import { planAccessCodes } from "~/models/access-codes.server";
import { claimDue, markCancelled, markFailure, markMissed, markSent, type OutboxRow } from "~/models/outbox.server";

export type DispatchSummary = { sent: number; retried: number; failed: number; skipped: number; missed: number };

export async function dispatchDue(
  db: AppDatabase,
  mailer: Mailer,
  opts: { appUrl: string; now: () => string; batchSize?: number; concurrency?: number },
): Promise<DispatchSummary> {
  const summary: DispatchSummary = { sent: 0, retried: 0, failed: 0, skipped: 0, missed: 0 };
  // Access codes whose time has come become outbox rows first (app/models/access-codes.server.ts).
  planAccessCodes(db, opts.now());
  const batchSize = opts.batchSize ?? 50;
  const concurrency = opts.concurrency ?? 4;
  // Workers pull from one queue, refilled by a claim whenever it runs dry: no worker waits for the
  // others at the end of a batch, so the pool's connections stay busy.
  const queue: OutboxRow[] = [];
  let exhausted = false;
  const next = (): OutboxRow | undefined => {
    if (!queue.length && !exhausted) {
      const rows = claimDue(db, opts.now(), batchSize);
      if (rows.length) queue.push(...rows);
      else exhausted = true;
    }
    return queue.shift();
  };
  const worker = async () => {
    for (let row = next(); row; row = next()) {
      const nowIso = opts.now();
      let message;
      try {
        message = renderMessage(db, row, { appUrl: opts.appUrl, nowIso });
      } catch (error) {
        markFailure(db, row, nowIso, `rendu impossible : ${(error as Error).message}`, true);
        summary.failed++;
        continue;
      }
      if ("skip" in message) {
        if (message.skip === "missed") {
          markMissed(db, row.id, message.reason);
          summary.missed++;
        } else {
          markCancelled(db, row.id, message.reason);
          summary.skipped++;
        }
        continue;
      }
      try {
        await mailer.send(message);
        markSent(db, row.id, opts.now(), { messageId: message.messageId, subject: message.subject });
        summary.sent++;
      } catch (error) {
        const outcome = markFailure(db, row, opts.now(), String((error as Error)?.message ?? error).slice(0, 500), isPermanent(error));
        if (outcome === "failed") summary.failed++;
        else summary.retried++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return summary;
}
