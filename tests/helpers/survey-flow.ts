// The steps the HTTP and the browser survey tests share on a test server's demo series: the next
// session to come, the registration form's fields, the survey settings that send it as soon as the
// session ends, the questions they both add, the session moved into the past, and the survey's
// personal link read from its email.
import { DEMO_SLUG } from "../../db/seed/demo-series";
import { queryFile, runFile } from "./server-db";
import type { TestSmtp } from "./smtp";

/** The next demo session to come (id and number) in the server's database. */
export function nextDemoSession(databasePath: string): { id: number; number: number } {
  return queryFile<{ id: number; number: number }>(
    databasePath,
    "select s.id, s.number from sessions s join series x on x.id = s.series_id where x.slug = ? and s.starts_at > strftime('%Y-%m-%dT%H:%M:%SZ','now') order by s.starts_at limit 1",
    DEMO_SLUG,
  )[0];
}

/** The public registration form's fields: Zoé `lastName` (and `extra` fields) registering to one session, consent given. */
export function registrationFields(sessionId: number, lastName: string, email: string, extra: [string, string][] = []): [string, string][] {
  return [["sessions", String(sessionId)], ["firstName", "Zoé"], ["lastName", lastName], ["email", email], ...extra, ["consent", "oui"]];
}

/** The survey settings form: sent right after the end (0 hours), open until the end of 2099. */
export const SEND_AT_ONCE: [string, string][] = [
  ["intent", "settings"],
  ["delay", "0"],
  ["delayUnit", "hours"],
  ["closes", "2099-12-31"],
];

/** The new-question fields of a required rating and of an optional free text. */
export const RATING_QUESTION: [string, string][] = [
  ["nouvelle-label", "Satisfaction générale"],
  ["nouvelle-type", "rating"],
  ["nouvelle-required", "oui"],
];
export const COMMENT_QUESTION: [string, string][] = [
  ["nouvelle-label", "Un commentaire"],
  ["nouvelle-type", "text"],
];

/** Moves a session into the past (5 January 2026), so that the scheduler sends its survey. */
export function moveIntoPast(databasePath: string, sessionId: number): void {
  runFile(databasePath, "update sessions set starts_at = '2026-01-05T09:00:00Z', ends_at = '2026-01-05T11:00:00Z' where id = ?", sessionId);
}

/** Waits for the survey email to `email` and returns the personal link to the survey it holds. */
export async function surveyLink(smtp: TestSmtp, email: string): Promise<string> {
  const mail = await smtp.waitForMatch((m) => m.envelopeTo.includes(email) && /^Votre avis/.test(m.parsed.subject ?? ""));
  return mail.parsed.text!.match(/\/moi\/[\w-]+\/questionnaires\/\d+/)![0];
}
