// One organiser's phone at the door, as a separate process for the check-in race of
// tests/integration/check-in.test.ts: opens its own connection to the database file, waits for
// "go" on stdin, checks the code in, prints the outcome as JSON and exits.
import { eq } from "drizzle-orm";
import * as t from "../../db/schema";
import { checkInByCode } from "~/check-in/check-in.server";
import { closeDatabase, openDatabase } from "~/utils/db.server";

const [file, sessionId, code, accountId, nowIso] = process.argv.slice(2);
const db = openDatabase(file);
const session = db
  .select()
  .from(t.sessions)
  .where(eq(t.sessions.id, Number(sessionId)))
  .get()!;
process.stdout.write("ready\n");
process.stdin.once("data", () => {
  const outcome = checkInByCode(db, { session, zone: "Europe/Paris", accountId: Number(accountId), nowIso }, code);
  closeDatabase(db);
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
  process.exit(0);
});
