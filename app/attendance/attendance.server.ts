// Attendance after a session: présent / excusé / absent, by hand or from the participants report a
// videoconference tool exports (Zoom, in French or English). Only confirmed registrations carry an
// attendance; every change is audited in the same transaction. Before a session starts, only
// "excusé" can be noted (attendanceRefusal): nobody has been present or absent yet, no report exists.
import { and, asc, eq, isNull } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase, Tx } from "~/utils/db.server";
import { parseCsv } from "~/utils/csv.server";
import { compareNames } from "~/utils/collation";
import { audit } from "../accounts/audit.server";
import { normaliseEmail } from "../registration/registrations.server";
import { recordAttendanceCertificates } from "../certificates/certificate-emails.server";

export type Attendance = (typeof t.ATTENDANCE)[number];

export function isAttendance(value: unknown): value is Attendance {
  return typeof value === "string" && (t.ATTENDANCE as readonly string[]).includes(value);
}

/** Why this attendance cannot be recorded for this session now (French), or null when it can. */
export function attendanceRefusal(session: { startsAt: string }, what: Attendance | null | "report", nowIso: string): string | null {
  if (session.startsAt <= nowIso || what === "excused" || what === null) return null;
  return what === "report"
    ? "Cette rencontre n’a pas encore commencé : aucun rapport de participants ne peut encore la concerner. Importez-le après la rencontre."
    : "Cette rencontre n’a pas encore commencé : personne ne peut encore y être noté·e présent·e ou absent·e (seulement excusé·e).";
}

/** Thrown when a write breaks attendanceRefusal (the pages check first and say why). */
export class AttendanceRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AttendanceRefused";
  }
}

function assertAllowed(tx: Tx, sessionId: number, what: Attendance | null | "report", nowIso: string) {
  const session = tx.select({ startsAt: t.sessions.startsAt }).from(t.sessions).where(eq(t.sessions.id, sessionId)).get();
  const refusal = session ? attendanceRefusal(session, what, nowIso) : null;
  if (refusal) throw new AttendanceRefused(refusal);
}

/** A session of a series by its number (any status), or null. */
export function sessionByNumber(db: AppDatabase, seriesId: number, number: number) {
  if (!Number.isInteger(number)) return null;
  return (
    db
      .select()
      .from(t.sessions)
      .where(and(eq(t.sessions.seriesId, seriesId), eq(t.sessions.number, number)))
      .get() ?? null
  );
}

export type AttendanceRow = {
  registrationId: number;
  firstName: string;
  lastName: string;
  email: string;
  organisation: string | null;
  attendance: Attendance | null;
  attendedMinutes: number | null;
  /** On site or remote (the sign-in sheet lists those on site). */
  participation: (typeof t.PARTICIPATIONS)[number];
  /** Consent to be named in published minutes (app/minutes/), and erasure (never named). */
  minutesConsentAt: string | null;
  erasedAt: string | null;
};

/** Confirmed registrants of a session with their attendance, by name. */
export function sessionAttendance(db: AppDatabase, sessionId: number): AttendanceRow[] {
  return db
    .select({
      registrationId: t.registrations.id,
      firstName: t.participants.firstName,
      lastName: t.participants.lastName,
      email: t.participants.email,
      organisation: t.participants.organisation,
      attendance: t.registrations.attendance,
      attendedMinutes: t.registrations.attendedMinutes,
      participation: t.registrations.participation,
      minutesConsentAt: t.participants.minutesConsentAt,
      erasedAt: t.participants.erasedAt,
    })
    .from(t.registrations)
    .innerJoin(t.participants, eq(t.participants.id, t.registrations.participantId))
    .where(and(eq(t.registrations.sessionId, sessionId), eq(t.registrations.status, "confirmed")))
    .all()
    .sort((a, b) => compareNames(a, b) || a.registrationId - b.registrationId);
}

/**
 * Records attendance chosen by hand. `changes` lists only what the organiser changed (the form sends
 * the value it showed, so a concurrent import is not overwritten by a stale page). Minutes are kept
 * only for présent. Returns the number of registrations changed.
 */
export function setAttendance(
  db: AppDatabase,
  args: { sessionId: number; changes: { registrationId: number; attendance: Attendance | null }[]; accountId: number; nowIso: string },
): number {
  return db.transaction(
    (tx) => {
      const done: { registration: number; from: Attendance | null; to: Attendance | null }[] = [];
      for (const c of args.changes) assertAllowed(tx, args.sessionId, c.attendance, args.nowIso);
      for (const c of args.changes) {
        const r = tx
          .select()
          .from(t.registrations)
          .where(and(eq(t.registrations.id, c.registrationId), eq(t.registrations.sessionId, args.sessionId), eq(t.registrations.status, "confirmed")))
          .get();
        if (!r || r.attendance === c.attendance) continue;
        tx.update(t.registrations)
          .set({ attendance: c.attendance, attendedMinutes: c.attendance === "present" ? r.attendedMinutes : null, updatedAt: args.nowIso })
          .where(eq(t.registrations.id, r.id))
          .run();
        done.push({ registration: r.id, from: r.attendance, to: c.attendance });
      }
      if (done.length) audit(tx, args.accountId, "attendance", "session", args.sessionId, { source: "hand", changes: done });
      recordAttendanceCertificates(
        tx,
        done.map((d) => d.registration),
        args.nowIso,
      );
      return done.length;
    },
    { behavior: "immediate" },
  );
}

/**
 * Présent·e at the door, or its undo (app/check-in/check-in.server.ts), inside the caller's
 * transaction and audited there. The door's own window (app/check-in/door.server.ts) stands in for
 * attendanceRefusal: people arrive before the session starts. Returns whether anything changed.
 */
export function setDoorAttendanceIn(
  tx: Tx,
  args: { registrationId: number; sessionId: number; attendance: "present" | null; accountId: number; nowIso: string; walkIn?: boolean },
): boolean {
  const r = tx
    .select({ attendance: t.registrations.attendance })
    .from(t.registrations)
    .where(and(eq(t.registrations.id, args.registrationId), eq(t.registrations.sessionId, args.sessionId), eq(t.registrations.status, "confirmed")))
    .get();
  if (!r || r.attendance === args.attendance) return false;
  tx.update(t.registrations)
    .set({ attendance: args.attendance, attendedMinutes: null, updatedAt: args.nowIso })
    .where(eq(t.registrations.id, args.registrationId))
    .run();
  audit(tx, args.accountId, "attendance", "session", args.sessionId, {
    source: args.walkIn ? "door-walk-in" : "door",
    changes: [{ registration: args.registrationId, from: r.attendance, to: args.attendance }],
  });
  // A présence noted at the door earns its certificate like one noted afterwards (app/certificates/).
  recordAttendanceCertificates(tx, [args.registrationId], args.nowIso);
  return true;
}

/** Marks absent every confirmed registrant whose attendance is not recorded (never touches excusé). */
export function markUnknownAbsent(db: AppDatabase, args: { sessionId: number; accountId: number; nowIso: string }): number[] {
  return db.transaction(
    (tx) => {
      assertAllowed(tx, args.sessionId, "absent", args.nowIso);
      const ids = tx
        .select({ id: t.registrations.id })
        .from(t.registrations)
        .where(and(eq(t.registrations.sessionId, args.sessionId), eq(t.registrations.status, "confirmed"), isNull(t.registrations.attendance)))
        .all()
        .map((r) => r.id);
      for (const id of ids)
        tx.update(t.registrations).set({ attendance: "absent", attendedMinutes: null, updatedAt: args.nowIso }).where(eq(t.registrations.id, id)).run();
      if (ids.length) audit(tx, args.accountId, "attendance", "session", args.sessionId, { source: "unknown-absent", registrations: ids });
      return ids;
    },
    { behavior: "immediate" },
  );
}

// ---- the videoconference participants report ----

/** A header as compared: lower-case, no accents, straight apostrophes, single spaces. */
export function normaliseHeader(value: string): string {
  return value
    .replace(/^\uFEFF/, "")
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[’‘`´ʼ]/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

const HEADERS = {
  // "Nom (nom d'origine)", "Name (Original Name)", "Participant", "Nom d'affichage", "Display name"…
  name: /^(name|nom|participant|display name|user name|full name|nom complet|nom d'affichage|nom d'utilisateur|nom de l'utilisateur|prenom nom)\b(?!s)/,
  // "E-mail de l'utilisateur", "Adresse e-mail", "User Email", "Email", "Courriel"…
  email: /(e-?mail|courriel|adresse electronique)/,
  // "Durée (minutes)", "Duration (Minutes)", "Durée totale (minutes)", "Total duration (minutes)"…
  duration: /(^|\s)(duration|duree)\b/,
};

type Columns = { name: number; email: number; duration: number };

function findColumns(cells: string[]): Columns | null {
  const norm = cells.map(normaliseHeader);
  const find = (re: RegExp) => norm.findIndex((h) => re.test(h));
  const email = find(HEADERS.email);
  const duration = find(HEADERS.duration);
  if (email < 0 || duration < 0) return null;
  return { name: find(HEADERS.name), email, duration };
}

/** Minutes from "161", "161,5", "1:05" (h:mm) or "01:05:30" (h:mm:ss); null when unreadable. */
export function parseMinutes(value: string): number | null {
  const v = value.replace(/\s+/g, "");
  if (v === "") return 0;
  if (/^\d+$/.test(v)) return Number(v);
  if (/^\d+[.,]\d+$/.test(v)) return Math.round(Number(v.replace(",", ".")));
  const m = /^(\d+):(\d{1,2})(?::(\d{1,2}))?$/.exec(v);
  if (m) return Number(m[1]) * 60 + Number(m[2]) + (m[3] === undefined ? 0 : Math.round(Number(m[3]) / 60));
  return null;
}

export type ReportAttendee = {
  /** As found in the report (first line of the person). */
  name: string;
  /** Normalised; "" when the line had none (guest, telephone). */
  email: string;
  /** Summed over the person's lines (reconnections). */
  minutes: number;
  lines: number;
};

export type ParsedReport = { ok: true; attendees: ReportAttendee[]; lines: number } | { ok: false; message: string };

export const NOT_A_REPORT =
  "Ce fichier ne ressemble pas au rapport des participants de Zoom : colonnes « E-mail » et « Durée (minutes) » introuvables. Exportez le rapport « Participants » au format CSV.";

/**
 * Reads a participants report: the header line is the first one with an email and a duration column
 * (and a name column when there is one: "Export with meeting data" puts a meeting line first); the
 * lines of one person (same address, or same name without address) are summed.
 */
export function parseParticipantsReport(text: string): ParsedReport {
  const rows = parseCsv(text);
  let headerAt = -1;
  let columns: Columns | null = null;
  for (let i = 0; i < rows.length; i++) {
    const c = findColumns(rows[i]);
    if (c && c.name >= 0) {
      headerAt = i;
      columns = c;
      break;
    }
    if (c && !columns) {
      headerAt = i;
      columns = c;
    }
  }
  if (!columns) return { ok: false, message: NOT_A_REPORT };
  const header = rows[headerAt].map(normaliseHeader).join("\u0000");
  const people = new Map<string, ReportAttendee>();
  let lines = 0;
  for (const row of rows.slice(headerAt + 1)) {
    if (row.every((v) => v.trim() === "")) continue;
    if (row.map(normaliseHeader).join("\u0000") === header) continue; // the header repeated
    const name = (columns.name >= 0 ? (row[columns.name] ?? "") : "").trim();
    const email = normaliseEmail(row[columns.email] ?? "").replace(/^mailto:/, "");
    if (!name && !email) continue;
    const minutes = parseMinutes(row[columns.duration] ?? "") ?? 0;
    lines++;
    const key = email ? `@${email}` : `#${normaliseHeader(name)}`;
    const known = people.get(key);
    if (known) {
      known.minutes += minutes;
      known.lines += 1;
    } else people.set(key, { name, email, minutes, lines: 1 });
  }
  return { ok: true, attendees: [...people.values()], lines };
}

/** An address without accents, for a second-chance match ("helene@…" in the report, "hélène@…" registered). */
function foldEmail(email: string): string {
  return email
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

export type ImportOutcome = {
  /** Confirmed registrants found in the report, now présent with their minutes. */
  matched: { registrationId: number; name: string; email: string; minutes: number; lines: number }[];
  /** Report lines matching no confirmed registrant of the session. */
  unmatched: { name: string; email: string; minutes: number; reason: string }[];
  /** Confirmed registrants absent from the report, with their attendance as it stands. */
  missing: { registrationId: number; name: string; email: string; attendance: Attendance | null }[];
};

/**
 * Applies a parsed report to a session: each confirmed registrant found by address (normalised, then
 * without accents when that is unambiguous) becomes présent with the summed minutes. Nobody is marked
 * absent or excusé automatically.
 */
export function importAttendance(
  db: AppDatabase,
  args: { sessionId: number; attendees: ReportAttendee[]; accountId: number; nowIso: string; fileName?: string },
): ImportOutcome {
  return db.transaction(
    (tx) => {
      assertAllowed(tx, args.sessionId, "report", args.nowIso);
      const regs = tx
        .select({ r: t.registrations, p: t.participants })
        .from(t.registrations)
        .innerJoin(t.participants, eq(t.participants.id, t.registrations.participantId))
        .where(and(eq(t.registrations.sessionId, args.sessionId), isNull(t.participants.erasedAt)))
        .orderBy(asc(t.registrations.id))
        .all();
      const exact = new Map(regs.map((x) => [normaliseEmail(x.p.email), x]));
      const folded = new Map<string, (typeof regs)[number][]>();
      for (const x of regs) folded.set(foldEmail(x.p.email), [...(folded.get(foldEmail(x.p.email)) ?? []), x]);

      const found = new Map<number, { reg: (typeof regs)[number]; minutes: number; lines: number }>();
      const unmatched: ImportOutcome["unmatched"] = [];
      for (const a of args.attendees) {
        if (!a.email) {
          unmatched.push({ name: a.name, email: "", minutes: a.minutes, reason: "Pas d’adresse e-mail dans le rapport (invité·e, téléphone)" });
          continue;
        }
        const candidates = folded.get(foldEmail(a.email)) ?? [];
        const reg = exact.get(a.email) ?? (candidates.length === 1 ? candidates[0] : undefined);
        if (!reg) {
          unmatched.push({ name: a.name, email: a.email, minutes: a.minutes, reason: "Pas inscrit·e à cette rencontre" });
          continue;
        }
        if (reg.r.status !== "confirmed") {
          unmatched.push({
            name: a.name,
            email: a.email,
            minutes: a.minutes,
            reason: reg.r.status === "waiting" ? "Sur liste d’attente" : "Inscription annulée",
          });
          continue;
        }
        const acc = found.get(reg.r.id) ?? { reg, minutes: 0, lines: 0 };
        acc.minutes += a.minutes;
        acc.lines += a.lines;
        found.set(reg.r.id, acc);
      }
      for (const { reg, minutes } of found.values()) {
        tx.update(t.registrations)
          .set({ attendance: "present", attendedMinutes: minutes, updatedAt: args.nowIso })
          .where(eq(t.registrations.id, reg.r.id))
          .run();
      }
      recordAttendanceCertificates(tx, [...found.keys()], args.nowIso);
      const fullName = (p: (typeof regs)[number]["p"]) => `${p.firstName} ${p.lastName}`.trim();
      const outcome: ImportOutcome = {
        matched: [...found.values()].map(({ reg, minutes, lines }) => ({
          registrationId: reg.r.id,
          name: fullName(reg.p),
          email: reg.p.email,
          minutes,
          lines,
        })),
        unmatched,
        missing: regs
          .filter((x) => x.r.status === "confirmed" && !found.has(x.r.id))
          .map((x) => ({ registrationId: x.r.id, name: fullName(x.p), email: x.p.email, attendance: x.r.attendance })),
      };
      audit(tx, args.accountId, "attendance", "session", args.sessionId, {
        source: "report",
        file: args.fileName ?? null,
        present: outcome.matched.length,
        unmatched: outcome.unmatched.length,
        missing: outcome.missing.length,
      });
      return outcome;
    },
    { behavior: "immediate" },
  );
}
