// The funders' report ("bilan") of a series: registrations, attendance per session, who the
// participants are (structure type, territory), who came back; and the same figures as CSV.
//
// Definitions (also shown on the page):
// - registrations: non-cancelled ones (confirmed or on the waiting list); participants: distinct people
//   behind them;
// - per session, "inscrits" are confirmed registrations; présents / excusés / absents count the
//   attendance recorded on that session's registrations; the attendance rate is présents ÷ inscrits,
//   and has no value (—) while no attendance is recorded for the session; the overall rate only counts
//   sessions whose attendance is recorded;
// - structure types and territories describe the distinct participants;
// - "venu·es plusieurs fois": people marked present at two sessions of the series or more.
import { and, asc, eq, ne } from "drizzle-orm";
import * as t from "../../db/schema";
import { STRUCTURE_TYPES } from "../../db/schema/registrations";
import type { AppDatabase } from "~/utils/db.server";
import { formatPeriod, formatSessionWhen } from "~/utils/dates.server";
import { STRUCTURE_TYPE_LABELS } from "../registration/registration-form.server";
import { registrationsWithSessionAndPerson } from "../registration/registration-joins.server";
import { findSeries } from "../series/series-lookup.server";
import { SESSION_FIGURES, type SessionFigure } from "./bilan-figures";

export const TOP_TERRITORIES = 15;
export const NOT_GIVEN = "Non renseigné";
export const OTHER_TERRITORIES = "Autres territoires";
export const SESSION_STATUS_NOTES: Record<string, string> = { cancelled: "annulée", postponed: "reportée", draft: "brouillon" };

export type BilanSession = {
  id: number;
  number: number;
  title: string;
  when: string;
  status: string;
  /** Confirmed registrations. */
  registered: number;
  waiting: number;
  present: number;
  excused: number;
  absent: number;
  /** Whether any attendance is recorded for the session. */
  recorded: boolean;
  /** présents ÷ inscrits, null when nothing is recorded (or nobody was confirmed). */
  rate: number | null;
};

export type CountLine = { key: string; label: string; count: number };

export type Bilan = {
  series: { id: number; slug: string; title: string; territory: string | null; period: string | null };
  totals: {
    registrations: number;
    participants: number;
    registered: number;
    waiting: number;
    present: number;
    excused: number;
    absent: number;
    /** Distinct people marked present at least once. */
    attendees: number;
    rate: number | null;
  };
  sessions: BilanSession[];
  structureTypes: CountLine[];
  territories: CountLine[];
  /** People present at two sessions or more, grouped by how many (most first). */
  repeaters: { count: number; groups: { sessions: number; size: number; people: string[] }[] };
};

const collator = new Intl.Collator("fr", { sensitivity: "base", numeric: true });

const ratio = (present: number, registered: number): number | null => (registered > 0 ? present / registered : null);

/** The report of a series, or null when there is no such series. */
export function seriesBilan(db: AppDatabase, slug: string): Bilan | null {
  const series = findSeries(db, slug, "organiser");
  if (!series) return null;
  const sessions = db
    .select()
    .from(t.sessions)
    .where(and(eq(t.sessions.seriesId, series.id), ne(t.sessions.status, "draft")))
    .orderBy(asc(t.sessions.startsAt), asc(t.sessions.number))
    .all();
  const regs = registrationsWithSessionAndPerson(db, {
    sessionId: t.registrations.sessionId,
    participantId: t.registrations.participantId,
    status: t.registrations.status,
    attendance: t.registrations.attendance,
    firstName: t.participants.firstName,
    lastName: t.participants.lastName,
    erasedAt: t.participants.erasedAt,
    structureType: t.participants.structureType,
    territory: t.participants.territory,
  })
    .where(and(eq(t.sessions.seriesId, series.id), ne(t.sessions.status, "draft")))
    .all();

  const perSession: BilanSession[] = sessions.map((s) => {
    const mine = regs.filter((r) => r.sessionId === s.id);
    const registered = mine.filter((r) => r.status === "confirmed").length;
    const present = mine.filter((r) => r.attendance === "present").length;
    const excused = mine.filter((r) => r.attendance === "excused").length;
    const absent = mine.filter((r) => r.attendance === "absent").length;
    const recorded = present + excused + absent > 0;
    return {
      id: s.id,
      number: s.number,
      title: s.title,
      when: formatSessionWhen(s.startsAt, s.endsAt, series.timezone),
      status: s.status,
      registered,
      waiting: mine.filter((r) => r.status === "waiting").length,
      present,
      excused,
      absent,
      recorded,
      rate: recorded ? ratio(present, registered) : null,
    };
  });

  const live = regs.filter((r) => r.status !== "cancelled");
  // One line per distinct participant (their current structure type and territory).
  const people = new Map<number, (typeof live)[number]>();
  for (const r of live) if (!people.has(r.participantId)) people.set(r.participantId, r);

  const byType = new Map<string, number>();
  for (const p of people.values()) byType.set(p.structureType ?? "", (byType.get(p.structureType ?? "") ?? 0) + 1);
  const structureTypes: CountLine[] = STRUCTURE_TYPES.map((key, i) => ({ key, label: STRUCTURE_TYPE_LABELS[key], count: byType.get(key) ?? 0, i }))
    .sort((a, b) => b.count - a.count || a.i - b.i)
    .map(({ key, label, count }) => ({ key, label, count }));
  if (byType.get("")) structureTypes.push({ key: "", label: NOT_GIVEN, count: byType.get("")! });

  // Territories as typed, grouped regardless of case and spacing, shown in their most frequent spelling.
  const byTerritory = new Map<string, { count: number; spellings: Map<string, number> }>();
  let noTerritory = 0;
  for (const p of people.values()) {
    const spelling = (p.territory ?? "").normalize("NFC").replace(/\s+/g, " ").trim();
    if (!spelling) {
      noTerritory++;
      continue;
    }
    const key = spelling.toLocaleLowerCase("fr");
    const entry = byTerritory.get(key) ?? { count: 0, spellings: new Map() };
    entry.count++;
    entry.spellings.set(spelling, (entry.spellings.get(spelling) ?? 0) + 1);
    byTerritory.set(key, entry);
  }
  const ranked = [...byTerritory.entries()]
    .map(([key, e]) => ({ key, count: e.count, label: [...e.spellings.entries()].sort((a, b) => b[1] - a[1] || collator.compare(a[0], b[0]))[0][0] }))
    .sort((a, b) => b.count - a.count || collator.compare(a.label, b.label));
  const territories: CountLine[] = ranked.slice(0, TOP_TERRITORIES);
  const rest = ranked.slice(TOP_TERRITORIES);
  if (rest.length) territories.push({ key: "autres", label: `${OTHER_TERRITORIES} (${rest.length})`, count: rest.reduce((n, r) => n + r.count, 0) });
  if (noTerritory) territories.push({ key: "", label: NOT_GIVEN, count: noTerritory });

  // Who came to several sessions.
  const attended = new Map<number, { name: string; sessions: Set<number> }>();
  for (const r of regs) {
    if (r.attendance !== "present") continue;
    const entry = attended.get(r.participantId) ?? {
      name: r.erasedAt ? "(données effacées à la demande de la personne)" : `${r.firstName} ${r.lastName}`.trim(),
      sessions: new Set<number>(),
    };
    entry.sessions.add(r.sessionId);
    attended.set(r.participantId, entry);
  }
  const several = [...attended.values()].filter((a) => a.sessions.size >= 2);
  const groups = [...new Set(several.map((a) => a.sessions.size))]
    .sort((a, b) => b - a)
    .map((n) => ({
      sessions: n,
      size: several.filter((a) => a.sessions.size === n).length,
      people: several
        .filter((a) => a.sessions.size === n)
        .map((a) => a.name)
        .sort(collator.compare),
    }));

  const recorded = perSession.filter((s) => s.recorded);
  const sum = (list: BilanSession[], k: SessionFigure) => list.reduce((n, s) => n + s[k], 0);
  return {
    series: {
      id: series.id,
      slug: series.slug,
      title: series.title,
      territory: series.territory,
      period: sessions.length ? formatPeriod(sessions[0].startsAt, sessions[sessions.length - 1].startsAt, series.timezone) : null,
    },
    totals: {
      registrations: live.length,
      participants: people.size,
      registered: sum(perSession, "registered"),
      waiting: sum(perSession, "waiting"),
      present: sum(perSession, "present"),
      excused: sum(perSession, "excused"),
      absent: sum(perSession, "absent"),
      attendees: attended.size,
      rate: recorded.length ? ratio(sum(recorded, "present"), sum(recorded, "registered")) : null,
    },
    sessions: perSession,
    structureTypes,
    territories,
    repeaters: { count: several.length, groups },
  };
}

/** "67 %" (French spacing), or "—". */
export function formatRate(rate: number | null): string {
  return rate === null ? "—" : `${Math.round(rate * 100)}\u202f%`;
}

/** "66,7" for the CSV (a number a spreadsheet reads in French), or "—". */
export function csvRate(rate: number | null): string {
  return rate === null
    ? "—"
    : (Math.round(rate * 1000) / 10).toLocaleString("fr-FR", { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false });
}

// ---------------------------------------------------------------------------------------------
// CSV: UTF-8 with BOM (Excel), ";" separators (French locale), CRLF, quotes doubled; a text cell
// starting with = + - @ (or tab / CR) gets a leading "'" so that no spreadsheet runs it as a formula.

export type CsvValue = string | number | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let s = typeof value === "number" ? String(value) : value.replace(/[\u00a0\u202f]/g, " ");
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: CsvValue[][]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(";")).join("\r\n")}\r\n`;
}

/** The CSV's table of sessions, column by column: its heading, a session's value, the total line's. */
const SESSION_COLUMNS: { header: string; session: (s: BilanSession) => CsvValue; total: (b: Bilan) => CsvValue }[] = [
  { header: "Rencontre", session: (s) => `RDV #${s.number}`, total: () => "Total" },
  { header: "Titre", session: (s) => s.title, total: () => "" },
  { header: "Date", session: (s) => s.when, total: () => "" },
  { header: "Statut", session: (s) => SESSION_STATUS_NOTES[s.status] ?? "", total: () => "" },
  ...SESSION_FIGURES.map(({ key, label }) => ({ header: label, session: (s: BilanSession) => s[key], total: (b: Bilan) => b.totals[key] })),
  { header: "Taux de présence (%)", session: (s) => csvRate(s.rate), total: (b) => csvRate(b.totals.rate) },
];

/** The report's figures as one CSV file, section after section (no names: figures only). */
/** `extra`: sections appended at the end (the satisfaction surveys, app/report/survey-results.server.ts). */
export function bilanCsv(b: Bilan, generatedAt: string, extra: CsvValue[][] = []): string {
  const rows: CsvValue[][] = [
    ["Bilan", b.series.title],
    ["Période", b.series.period ?? ""],
    ["Territoire", b.series.territory ?? ""],
    ["Établi le", generatedAt],
    [],
    ["Indicateur", "Valeur"],
    ["Inscriptions (hors annulations)", b.totals.registrations],
    ["Personnes distinctes inscrites", b.totals.participants],
    ["Inscriptions confirmées", b.totals.registered],
    ["Liste d’attente", b.totals.waiting],
    ["Présences", b.totals.present],
    ["Personnes venues au moins une fois", b.totals.attendees],
    ["Personnes venues à plusieurs rencontres", b.repeaters.count],
    ["Taux de présence (%)", csvRate(b.totals.rate)],
    [],
    SESSION_COLUMNS.map((c) => c.header),
    ...b.sessions.map((s) => SESSION_COLUMNS.map((c) => c.session(s))),
    SESSION_COLUMNS.map((c) => c.total(b)),
    [],
    ["Type de structure", "Personnes"],
    ...b.structureTypes.map((l) => [l.label, l.count]),
    [],
    ["Territoire", "Personnes"],
    ...b.territories.map((l) => [l.label, l.count]),
    [],
    ["Rencontres suivies", "Personnes"],
    ...b.repeaters.groups.map((g) => [g.sessions, g.size]),
    ...extra,
  ];
  return toCsv(rows);
}
