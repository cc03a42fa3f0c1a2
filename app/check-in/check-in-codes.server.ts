// Check-in codes (codes d’accueil): one per registration, made when the registration is made (and by
// ensureSessionCodes for older ones), never changed afterwards. 8 characters of an alphabet without
// look-alikes (no 0/O, 1/I/L), unique across all sessions so that a code of another session can be
// recognised and refused by name. A code is personal data: shown only to its holder (email, personal
// space) and to organisers; never on a public page, feed, JSON or log.
import { randomInt } from "node:crypto";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase, Tx } from "~/utils/db.server";
import { placeholders, prepared } from "~/utils/prepared.server";

export const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const CODE_LENGTH = 8;

function randomCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** "K7PM-Q3XD": the code as people read and type it. */
export function formatCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What an organiser typed or scanned, as stored: upper-case, without spaces or dashes. */
export function normaliseCode(input: string): string {
  return input.toUpperCase().replace(/[\s\-_.]/g, "");
}

/** Whether a typed text looks like a code at all (then it is looked up; otherwise it is a name search). */
export function looksLikeCode(input: string): boolean {
  return new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`).test(normaliseCode(input));
}

// issueCheckInCode's statements, prepared once per connection (it runs in every registration).
const codeOfRegistration = (db: AppDatabase | Tx) =>
  prepared(db, "checkIn.codeOf", (d) =>
    d
      .select({ code: t.checkIns.code })
      .from(t.checkIns)
      .where(eq(t.checkIns.registrationId, sql.placeholder("registrationId")))
      .prepare(),
  );
const insertCode = (db: AppDatabase | Tx) =>
  prepared(db, "checkIn.insert", (d) =>
    d.insert(t.checkIns).values(placeholders("registrationId", "code")).onConflictDoNothing().returning({ code: t.checkIns.code }).prepare(),
  );

/** Gives a registration its code, once (inside the caller's transaction). Returns the code. */
export function issueCheckInCode(tx: AppDatabase | Tx, registrationId: number): string {
  const known = codeOfRegistration(tx).get({ registrationId });
  if (known) return known.code;
  for (;;) {
    const inserted = insertCode(tx).get({ registrationId, code: randomCode() });
    if (inserted) return inserted.code;
    // A collision of codes (or a concurrent issue for the same registration): read again, retry.
    const again = codeOfRegistration(tx).get({ registrationId });
    if (again) return again.code;
  }
}

/** Codes for the registrations of a session that have none (made before check-in existed). */
export function ensureSessionCodes(db: AppDatabase, sessionId: number): number {
  const missing = db
    .select({ id: t.registrations.id })
    .from(t.registrations)
    .leftJoin(t.checkIns, eq(t.checkIns.registrationId, t.registrations.id))
    .where(and(eq(t.registrations.sessionId, sessionId), isNull(t.checkIns.registrationId)))
    .all();
  if (!missing.length) return 0;
  db.transaction((tx) => missing.forEach((m) => issueCheckInCode(tx, m.id)), { behavior: "immediate" });
  return missing.length;
}

/** The codes of some registrations (read only: emails and pages never write). */
export function codesOf(db: AppDatabase, registrationIds: number[]): Map<number, string> {
  if (!registrationIds.length) return new Map();
  return new Map(
    db
      .select({ id: t.checkIns.registrationId, code: t.checkIns.code })
      .from(t.checkIns)
      .where(inArray(t.checkIns.registrationId, registrationIds))
      .all()
      .map((r) => [r.id, r.code]),
  );
}

/** A registration's code and when it was checked in at the door (null: not yet), or undefined. */
export function checkInOf(db: AppDatabase, registrationId: number) {
  return db.select({ code: t.checkIns.code, checkedInAt: t.checkIns.checkedInAt }).from(t.checkIns).where(eq(t.checkIns.registrationId, registrationId)).get();
}

/** The registration a code belongs to, with its session and series (any status), or null. */
export function registrationByCode(db: AppDatabase | Tx, code: string) {
  return (
    db
      .select({ registrationId: t.checkIns.registrationId, sessionId: t.registrations.sessionId, seriesId: t.sessions.seriesId })
      .from(t.checkIns)
      .innerJoin(t.registrations, eq(t.registrations.id, t.checkIns.registrationId))
      .innerJoin(t.sessions, eq(t.sessions.id, t.registrations.sessionId))
      .where(eq(t.checkIns.code, sql`${normaliseCode(code)}`))
      .get() ?? null
  );
}
