// Helper of bench/messages.mjs (run as `node --import tsx bench/messages-queue.ts <file> <now>`): in a
// database prepared by bench/dispatch-prepare.ts (n confirmed registrants of one session), writes a
// message to every confirmed registrant of the series with the app's code, then sends it now and
// times that call: the audience count and the one INSERT … SELECT that queues one outbox row per
// person (app/messages/messages.server.ts). Prints one JSON line on stdout.
import * as t from "../db/schema";
import { saveMessage, sendMessage } from "../app/messages/messages.server";
import { closeDatabase, openDatabase } from "../app/utils/db.server";

const [file, now] = process.argv.slice(2);
if (!file || !now) {
  console.error("usage: node --import tsx bench/messages-queue.ts <file.sqlite> <now ISO>");
  process.exit(2);
}
const db = openDatabase(file);
const series = db.select().from(t.series).get()!;
const account = db.insert(t.accounts).values({ email: "bench@example.org", name: "Bench", role: "admin" }).returning().get();
const by = { id: account.id, email: account.email };
const body = "Bonjour,\n\nLa salle a changé : le plan est ici https://example.org/plan.\n\nÀ bientôt.";
const id = saveMessage(db, by, series.id, null, { sessionId: null, kind: "service", audience: ["confirmed"], subject: "Changement de salle", body }, now)!;
const t0 = performance.now();
const result = sendMessage(db, by, series.id, id, null, now);
const queueMs = performance.now() - t0;
if (!result.ok) throw new Error(result.problem);
closeDatabase(db);
console.log(JSON.stringify({ queued: result.queued, queueMs: Math.round(queueMs * 10) / 10 }));
