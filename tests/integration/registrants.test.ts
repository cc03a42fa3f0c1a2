// Back-office registrants and attendance at the model level: the CSV writer read back by the CSV
// reader, the list's filters and search, the organisers' changes (audited), and the import of Zoom
// participants reports in French and English.
import { readFileSync } from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { DEMO_SLUG } from "../../db/seed/demo-series";
import {
  AttendanceRefused,
  attendanceRefusal,
  importAttendance,
  markUnknownAbsent,
  parseParticipantsReport,
  parseMinutes,
  sessionAttendance,
  setAttendance,
} from "~/attendance/attendance.server";
import { NO_SEAT_MESSAGE, addRegistrant, cancelRegistration, promoteRegistration } from "~/registration/registrant-changes.server";
import { registrantsCsv } from "~/registration/registrants-csv.server";
import { fold, listRegistrants, readRegistrantFilter, seriesSessions, statusText } from "~/registration/registrants.server";
import type { RegistrationValues } from "~/registration/registration-form.server";
import { seedIfEmpty } from "~/server/seed.server";
import { decodeCsvBytes, detectSeparator, parseCsv, toCsv } from "~/utils/csv.server";
import { toUtcIso } from "~/utils/dates.server";
import type { AppDatabase } from "~/utils/db.server";
import { NOW, memoryDb } from "../helpers/db";
import { MARIE_HELENE } from "../helpers/people";

const nowIso = toUtcIso(NOW);
const fixture = (name: string) => readFileSync(path.resolve("tests/fixtures", name));

function setup() {
  const db = memoryDb();
  seedIfEmpty(db, NOW);
  const series = db.select().from(t.series).where(eq(t.series.slug, DEMO_SLUG)).get()!;
  const sessions = db.select().from(t.sessions).where(eq(t.sessions.seriesId, series.id)).orderBy(t.sessions.number).all();
  const accountId = db.insert(t.accounts).values({ email: "orga@example.org", role: "editor" }).returning({ id: t.accounts.id }).get().id;
  return { db, series, sessions, accountId };
}

function form(extra: Partial<RegistrationValues> = {}): RegistrationValues {
  return { sessions: [], participation: {}, ...MARIE_HELENE, consent: true, news: false, minutes: false, ...extra };
}

/** A registration written directly (past sessions cannot be registered for through the rules). */
function seat(
  db: AppDatabase,
  sessionId: number,
  p: { email: string; firstName: string; lastName: string },
  status: "confirmed" | "waiting" | "cancelled" = "confirmed",
) {
  const participantId = db
    .insert(t.participants)
    .values({
      ...p,
      email: p.email.normalize("NFC").toLowerCase(),
      organisation: "Structure test",
      dataConsentAt: "2026-01-05T10:00:00Z",
      createdAt: "2026-01-05T10:00:00Z",
      updatedAt: "2026-01-05T10:00:00Z",
    })
    .returning({ id: t.participants.id })
    .get().id;
  return db
    .insert(t.registrations)
    .values({
      participantId,
      sessionId,
      status,
      confirmedAt: status === "confirmed" ? "2026-01-05T10:00:00Z" : null,
      waitingSince: status === "waiting" ? "2026-01-05T10:00:00Z" : null,
      createdAt: "2026-01-05T10:00:00Z",
      updatedAt: "2026-01-05T10:00:00Z",
    })
    .returning({ id: t.registrations.id })
    .get().id;
}

function auditRows(db: AppDatabase, action: string) {
  return db.select().from(t.auditLog).where(eq(t.auditLog.action, action)).all();
}

describe("CSV writer and reader", () => {
  const tricky = [
    ["Nom", "Structure", "Note", "Nombre"],
    ["N'Diaye", '=HYPERLINK("https://evil.example";"clic")', "+33 6 12 34 56 78", 42],
    ["Éloïse", "-2+3", "@SUM(A1)", 0],
    ["Tab", "\tcmd", "\r=1+1", null],
    ["Guillemets", 'Il a dit "bonjour"', "a;b", -5],
    ["Multi", "ligne 1\nligne 2", "ligne A\r\nligne B", 7],
    ["Espaces", "  =1+1", " après ", 1.5],
  ];

  it("writes what French Excel expects: BOM, ';', CRLF, quotes doubled, formulas neutralised", () => {
    const csv = toCsv(tricky);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.slice(1).split("\r\n")[0]).toBe("Nom;Structure;Note;Nombre");
    expect(csv.endsWith("\r\n")).toBe(true);
    // Outside quoted cells, every line break is CRLF.
    expect(
      csv
        .replace(/"(?:[^"]|"")*"/g, "")
        .match(/\r?\n/g)!
        .every((b) => b === "\r\n"),
    ).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.example"";""clic"")"`);
    expect(csv).toContain(`"Il a dit ""bonjour"""`);
    expect(csv).toContain(";-5\r\n"); // numbers stay numbers
  });

  it("reads its own output back, cell for cell", () => {
    const back = parseCsv(toCsv(tricky));
    expect(back).toEqual([
      ["Nom", "Structure", "Note", "Nombre"],
      ["N'Diaye", '\'=HYPERLINK("https://evil.example";"clic")', "'+33 6 12 34 56 78", "42"],
      ["Éloïse", "'-2+3", "'@SUM(A1)", "0"],
      ["Tab", "'\tcmd", "'\r=1+1", ""],
      ["Guillemets", 'Il a dit "bonjour"', "a;b", "-5"],
      ["Multi", "ligne 1\nligne 2", "ligne A\r\nligne B", "7"],
      ["Espaces", "'  =1+1", " après ", "1.5"],
    ]);
  });

  it("tolerates other files: ',' or tab, no BOM, LF or CR, quotes inside unquoted cells, trailing blank lines", () => {
    expect(detectSeparator("a,b,c\n1,2,3")).toBe(",");
    expect(detectSeparator('"x;y",b,c\n1,2,3')).toBe(",");
    expect(detectSeparator("a;b;c\r\n1;2;3")).toBe(";");
    expect(detectSeparator("a\tb\tc")).toBe("\t");
    expect(parseCsv('nom,email\r"Dupont, Jean",jd@example.org\rO"Brien,ob@example.org\n\n\n')).toEqual([
      ["nom", "email"],
      ["Dupont, Jean", "jd@example.org"],
      ['O"Brien', "ob@example.org"],
    ]);
    expect(parseCsv("a;b\n\n1;2\n", { separator: ";" })).toEqual([["a", "b"], [""], ["1", "2"]]);
  });

  it("decodes UTF-8 with or without BOM, UTF-16 and Windows-1252 (a file re-saved by Excel)", () => {
    expect(decodeCsvBytes(Buffer.from("\uFEFFNom;Durée\n", "utf8"))).toBe("Nom;Durée\n");
    expect(decodeCsvBytes(Buffer.from("Nom;Durée\n", "utf8"))).toBe("Nom;Durée\n");
    expect(decodeCsvBytes(Buffer.from("Nom;Durée\n", "latin1"))).toBe("Nom;Durée\n");
    expect(decodeCsvBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Nom;Durée\n", "utf16le")]))).toBe("Nom;Durée\n");
  });
});

describe("registrants list and export", () => {
  function populated() {
    const s = setup();
    const [, two, three] = s.sessions;
    s.db.update(t.sessions).set({ capacity: 2 }).where(eq(t.sessions.id, two.id)).run();
    const add = (values: Partial<RegistrationValues>) => {
      const r = addRegistrant(s.db, { seriesId: s.series.id, accountId: s.accountId, values: form(values), nowIso });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      return r;
    };
    add({ sessions: [String(two.id), String(three.id)] });
    add({
      sessions: [String(two.id)],
      firstName: "Hélène",
      lastName: "Dubois",
      email: "Helene.Dubois@MDA27.example.org",
      organisation: "Maison des adolescents",
    });
    add({ sessions: [String(two.id)], firstName: "Œnone", lastName: "Lefèvre", email: "o.lefevre@example.org", organisation: "=cmd|' /C calc'!A0" });
    add({ sessions: [String(two.id)], firstName: "Paul", lastName: "Girard", email: "paul.girard@example.org", organisation: "Centre social" });
    return { ...s, two, three };
  }

  it("a cancelled session’s registrations read « Rencontre annulée », in the list and the CSV, never « Confirmée »", () => {
    const { db, series, two } = populated();
    db.update(t.sessions).set({ status: "cancelled" }).where(eq(t.sessions.id, two.id)).run();
    const numbers = [1, 2, 3, 4];
    const inTwo = listRegistrants(db, series.id, readRegistrantFilter(new URLSearchParams({ session: String(two.number) }), numbers));
    expect(inTwo.length).toBeGreaterThan(0);
    expect(inTwo.map(statusText)).toEqual(inTwo.map(() => "Rencontre annulée"));
    const csv = registrantsCsv(series, inTwo);
    expect(csv).toContain(";Rencontre annulée;");
    expect(csv).not.toMatch(/;Confirmée;|;Liste d’attente;/);
    expect(seriesSessions(db, series, nowIso).find((x) => x.id === two.id)).toMatchObject({ status: "cancelled" });
  });

  it("filters by session and status, shows waiting positions, searches without accents nor case", () => {
    const { db, series, two, three } = populated();
    const numbers = [1, 2, 3, 4];
    const all = listRegistrants(db, series.id, readRegistrantFilter(new URLSearchParams(), numbers));
    expect(all).toHaveLength(5);
    const inTwo = listRegistrants(db, series.id, readRegistrantFilter(new URLSearchParams({ session: String(two.number) }), numbers));
    expect(inTwo.map((r) => [r.lastName, r.status, r.waitingPosition])).toEqual([
      ["Dubois", "confirmed", null],
      ["N'Diaye", "confirmed", null],
      ["Lefèvre", "waiting", 1],
      ["Girard", "waiting", 2],
    ]);
    const waiting = listRegistrants(db, series.id, readRegistrantFilter(new URLSearchParams({ status: "waiting" }), numbers));
    expect(waiting.map((r) => r.lastName)).toEqual(["Lefèvre", "Girard"]);
    const search = (q: string) =>
      listRegistrants(db, series.id, readRegistrantFilter(new URLSearchParams({ q }), numbers)).map((r) => `${r.lastName}#${r.sessionNumber}`);
    expect(search("HELENE")).toEqual(["Dubois#2", "N'Diaye#2", "N'Diaye#3"]); // both are Hélène
    expect(search("hélène dubois")).toEqual(["Dubois#2"]);
    expect(search("ndiaye")).toEqual(["N'Diaye#2", "N'Diaye#3"]);
    expect(search("asv evreux")).toEqual(["N'Diaye#2", "N'Diaye#3"]);
    expect(search("OENONE")).toEqual(["Lefèvre#2"]);
    expect(search("mda27.example")).toEqual(["Dubois#2"]);
    expect(search("personne")).toEqual([]);
    // Unknown filter values are ignored rather than refused.
    expect(readRegistrantFilter(new URLSearchParams({ session: "99", status: "bogus", presence: "x" }), numbers)).toEqual({
      session: null,
      status: null,
      participation: null,
      attendance: null,
      q: "",
    });
    expect(three.number).toBe(3);
    expect(fold("N'Diaye-Ødegård, Œuvre")).toBe("ndiaye odegard oeuvre");
    // Plain ASCII takes a shorter path to the same result.
    expect(fold("O'Neil, J.-P. <JP.ONeil@Example.fr>")).toBe("oneil j p jp oneil@example fr");
  });

  it("filters by participation and attendance and reads one page at a time, in SQL, in the same order as the whole list", () => {
    const { db, series } = populated();
    const numbers = [1, 2, 3, 4];
    const list = (params: Record<string, string>, window?: { limit: number; offset: number }) =>
      listRegistrants(db, series.id, readRegistrantFilter(new URLSearchParams(params), numbers), window).map((r) => `${r.lastName}#${r.sessionNumber}`);
    const all = list({});
    expect(list({}, { limit: 2, offset: 2 })).toEqual(all.slice(2, 4));
    expect(list({}, { limit: 50, offset: 4 })).toEqual(all.slice(4));
    // The SQL filter agrees with each row's participation as the session's format gives it (RDV #2 online, #3 in person).
    const rows = listRegistrants(db, series.id, readRegistrantFilter(new URLSearchParams(), numbers));
    const names = (pick: (r: (typeof rows)[number]) => boolean) => rows.filter(pick).map((r) => `${r.lastName}#${r.sessionNumber}`);
    expect(list({ participation: "onsite" })).toEqual(["N'Diaye#3"]);
    expect(list({ participation: "remote" })).toEqual(names((r) => r.participation === "remote"));
    // Nobody's attendance is recorded yet: « non renseignée » is every confirmed registration.
    expect(list({ presence: "unknown" })).toEqual(names((r) => r.status === "confirmed"));
    expect(list({ presence: "present" })).toEqual([]);
  });

  it("exports a CSV that reads back with French dates in the series' zone and neutralised cells", () => {
    const { db, series, two } = populated();
    const rows = listRegistrants(db, series.id, readRegistrantFilter(new URLSearchParams({ session: "2" }), [1, 2, 3, 4]));
    const parsed = parseCsv(registrantsCsv(series, rows));
    expect(parsed[0]).toEqual([
      "Nom",
      "Prénom",
      "E-mail",
      "Structure",
      "Fonction",
      "Type de structure",
      "Territoire",
      "Rencontre",
      "Titre de la rencontre",
      "Date de la rencontre",
      "Statut",
      "Position en liste d’attente",
      "Date d’inscription",
      "Présence",
      "Minutes de connexion",
      "Participation",
    ]);
    expect(parsed).toHaveLength(5);
    // RDV #2 is online: everyone joins remotely.
    expect(parsed.slice(1).map((r) => r[15])).toEqual(["À distance", "À distance", "À distance", "À distance"]);
    const byName = new Map(parsed.slice(1).map((r) => [r[0], r]));
    // NOW is 22/11/2026 10:00 in Paris (09:00 UTC): the registration date is shown in Paris time.
    expect(byName.get("N'Diaye")!.slice(0, 4)).toEqual(["N'Diaye", "Marie-Hélène", "mh.ndiaye@example.org", "ASV Évreux"]);
    expect(byName.get("N'Diaye")![12]).toBe("22/11/2026 10:00");
    expect(byName.get("N'Diaye")![5]).toBe("Collectivité");
    expect(byName.get("N'Diaye")![9]).toMatch(/^01\/12\/2026 14:00$/); // day +9, 14:00 local
    expect(byName.get("Dubois")![2]).toBe("helene.dubois@mda27.example.org");
    expect(byName.get("Lefèvre")![3]).toBe("'=cmd|' /C calc'!A0");
    expect(byName.get("Lefèvre")!.slice(10, 12)).toEqual(["Liste d’attente", "1"]);
    expect(byName.get("Girard")![11]).toBe("2");
    expect(two.number).toBe(2);
  });
});

describe("organisers' changes", () => {
  it("adding by hand uses the public form’s validation and rules, with French messages per field", () => {
    const { db, series, sessions, accountId } = setup();
    const bad = addRegistrant(db, {
      seriesId: series.id,
      accountId,
      values: form({ sessions: [String(sessions[1].id)], email: "marie.example.org", firstName: " " }),
      nowIso,
    });
    expect(bad).toEqual({ ok: false, errors: { email: expect.stringMatching(/pas valide/), firstName: "Indiquez votre prénom." } });
    const past = addRegistrant(db, { seriesId: series.id, accountId, values: form({ sessions: [String(sessions[0].id)] }), nowIso });
    expect(past).toEqual({ ok: false, errors: { sessions: expect.stringMatching(/déjà commencé ou est passée/) } });
    const noConsent = addRegistrant(db, { seriesId: series.id, accountId, values: form({ sessions: [String(sessions[1].id)], consent: false }), nowIso });
    expect(noConsent.ok === false && noConsent.errors.consent).toMatch(/acceptez le traitement/);
    expect(db.select().from(t.registrations).all()).toHaveLength(0);
    expect(auditRows(db, "create")).toHaveLength(0);

    const ok = addRegistrant(db, {
      seriesId: series.id,
      accountId,
      values: form({ sessions: [String(sessions[1].id)], email: " MH.NDiaye@Example.org " }),
      nowIso,
    });
    expect(ok).toMatchObject({ ok: true, email: "mh.ndiaye@example.org", emailQueued: true, created: [{ number: 2, status: "confirmed" }] });
    expect(db.select().from(t.outbox).where(eq(t.outbox.kind, "confirmation")).all()).toHaveLength(1);
    expect(auditRows(db, "create")).toMatchObject([{ accountId, entity: "registration", detail: { session: 2, status: "confirmed", byHand: true } }]);
    const again = addRegistrant(db, { seriesId: series.id, accountId, values: form({ sessions: [String(sessions[1].id)] }), nowIso });
    expect(again).toMatchObject({ ok: true, created: [], already: [{ number: 2 }], emailQueued: false });
  });

  it("cancelling frees the seat for the first on the waiting list (email queued), all audited", () => {
    const { db, series, sessions, accountId } = setup();
    const two = sessions[1];
    db.update(t.sessions).set({ capacity: 1 }).where(eq(t.sessions.id, two.id)).run();
    const a = addRegistrant(db, {
      seriesId: series.id,
      accountId,
      values: form({ sessions: [String(two.id)], email: "a@example.org", firstName: "Anne" }),
      nowIso,
    });
    const b = addRegistrant(db, {
      seriesId: series.id,
      accountId,
      values: form({ sessions: [String(two.id)], email: "b@example.org", firstName: "Bruno" }),
      nowIso,
    });
    if (!a.ok || !b.ok) throw new Error("setup");
    expect(b.created[0].status).toBe("waiting");
    const r = cancelRegistration(db, { seriesId: series.id, registrationId: a.created[0].registrationId, accountId, nowIso });
    expect(r).toEqual({
      ok: true,
      name: "Anne N'Diaye",
      session: 2,
      promoted: [{ registrationId: b.created[0].registrationId, name: "Bruno N'Diaye" }],
      emailQueued: true,
    });
    expect(db.select().from(t.registrations).where(eq(t.registrations.id, b.created[0].registrationId)).get()!.status).toBe("confirmed");
    expect(
      db
        .select()
        .from(t.outbox)
        .where(and(eq(t.outbox.kind, "promotion"), eq(t.outbox.toAddress, "b@example.org")))
        .all(),
    ).toHaveLength(1);
    expect(auditRows(db, "cancel")).toMatchObject([
      { entityId: String(a.created[0].registrationId), detail: { was: "confirmed", promoted: [b.created[0].registrationId] } },
    ]);
    expect(auditRows(db, "promote")).toMatchObject([{ entityId: String(b.created[0].registrationId), detail: { automatic: true } }]);
    expect(cancelRegistration(db, { seriesId: series.id, registrationId: a.created[0].registrationId, accountId, nowIso })).toEqual({
      ok: false,
      message: "Cette inscription est déjà annulée.",
    });
    // A registration of another series is not reachable from this one.
    const other = db.select().from(t.series).where(eq(t.series.slug, "rdv-sante-qpv-seine-maritime-2022")).get()!;
    expect(cancelRegistration(db, { seriesId: other.id, registrationId: b.created[0].registrationId, accountId, nowIso })).toMatchObject({ ok: false });
  });

  it("promoting by hand needs a free seat, then confirms and tells the person", () => {
    const { db, series, sessions, accountId } = setup();
    const two = sessions[1];
    db.update(t.sessions).set({ capacity: 1 }).where(eq(t.sessions.id, two.id)).run();
    addRegistrant(db, { seriesId: series.id, accountId, values: form({ sessions: [String(two.id)], email: "a@example.org" }), nowIso });
    addRegistrant(db, { seriesId: series.id, accountId, values: form({ sessions: [String(two.id)], email: "b@example.org" }), nowIso });
    const c = addRegistrant(db, {
      seriesId: series.id,
      accountId,
      values: form({ sessions: [String(two.id)], email: "c@example.org", firstName: "Chloé" }),
      nowIso,
    });
    if (!c.ok) throw new Error("setup");
    const third = c.created[0].registrationId;
    expect(promoteRegistration(db, { seriesId: series.id, registrationId: third, accountId, nowIso })).toEqual({ ok: false, message: NO_SEAT_MESSAGE });
    expect(NO_SEAT_MESSAGE).toMatch(/aucune place libre\s: augmentez la jauge ou annulez une inscription/i);
    expect(auditRows(db, "promote")).toHaveLength(0);
    // The organiser raises the capacity: the third (not the first waiting) can be chosen.
    db.update(t.sessions).set({ capacity: 2 }).where(eq(t.sessions.id, two.id)).run();
    expect(promoteRegistration(db, { seriesId: series.id, registrationId: third, accountId, nowIso })).toMatchObject({
      ok: true,
      name: "Chloé N'Diaye",
      emailQueued: true,
    });
    expect(db.select().from(t.registrations).where(eq(t.registrations.id, third)).get()).toMatchObject({ status: "confirmed", revision: 2 });
    expect(
      db
        .select()
        .from(t.outbox)
        .where(and(eq(t.outbox.kind, "promotion"), eq(t.outbox.toAddress, "c@example.org")))
        .get(),
    ).toMatchObject({ dedupeKey: `promotion:${third}:2` });
    expect(auditRows(db, "promote")).toMatchObject([{ accountId, entityId: String(third), detail: { automatic: false } }]);
    expect(promoteRegistration(db, { seriesId: series.id, registrationId: third, accountId, nowIso })).toEqual({
      ok: false,
      message: "Cette personne n’est pas sur la liste d’attente.",
    });
  });
});

describe("attendance from a Zoom participants report", () => {
  function pastSession() {
    const s = setup();
    const one = s.sessions[0]; // 14 days before NOW
    const ids = {
      claire: seat(s.db, one.id, { email: "claire.martin@asv-evreux.example.org", firstName: "Claire", lastName: "Martin" }),
      helene: seat(s.db, one.id, { email: "helene.dubois@mda27.example.org", firstName: "Hélène", lastName: "Dubois" }),
      elodie: seat(s.db, one.id, { email: "Élodie.Petit@Example.org", firstName: "Élodie", lastName: "Petit" }),
      karim: seat(s.db, one.id, { email: "karim.benali@mda27.example.org", firstName: "Karim", lastName: "Benali" }),
      sophie: seat(s.db, one.id, { email: "sophie.leroy@promotion-sante.example.org", firstName: "Sophie", lastName: "Leroy" }),
      yanis: seat(s.db, one.id, { email: "yanis.diallo@example.org", firstName: "Yanis", lastName: "Diallo" }),
      paul: seat(s.db, one.id, { email: "paul.girard@example.org", firstName: "Paul", lastName: "Girard" }, "waiting"),
    };
    setAttendance(s.db, { sessionId: one.id, changes: [{ registrationId: ids.yanis, attendance: "excused" }], accountId: s.accountId, nowIso });
    return { ...s, one, ids };
  }
  const attendanceOf = (db: AppDatabase, id: number) =>
    db.select({ a: t.registrations.attendance, m: t.registrations.attendedMinutes }).from(t.registrations).where(eq(t.registrations.id, id)).get();

  it("reads the French export (BOM, ';', meeting block first, quotes) and sums reconnections", () => {
    const report = parseParticipantsReport(decodeCsvBytes(fixture("zoom-participants-fr.csv")));
    if (!report.ok) throw new Error(report.message);
    expect(report.lines).toBe(9);
    expect(report.attendees).toEqual([
      { name: "Promotion Santé Normandie (Animation)", email: "animation@promotion-sante.example.org", minutes: 177, lines: 1 },
      { name: "Claire Martin", email: "claire.martin@asv-evreux.example.org", minutes: 145, lines: 2 },
      { name: 'Hélène "Lena" Dubois', email: "hélène.dubois@mda27.example.org", minutes: 152, lines: 1 },
      { name: "ÉLODIE PETIT", email: "élodie.petit@example.org", minutes: 89, lines: 1 },
      { name: "iPhone de Nadia", email: "", minutes: 35, lines: 1 },
      { name: "Jean Moreau", email: "jean.moreau@ville-evreux.example.org", minutes: 50, lines: 2 },
      { name: "Paul Girard", email: "paul.girard@example.org", minutes: 145, lines: 1 },
    ]);
  });

  it("imports the French report: matches by address (case, accents), lists the unmatched, marks nobody absent", () => {
    const { db, one, ids, accountId, series } = pastSession();
    const report = parseParticipantsReport(decodeCsvBytes(fixture("zoom-participants-fr.csv")));
    if (!report.ok) throw new Error(report.message);
    const outcome = importAttendance(db, { sessionId: one.id, attendees: report.attendees, accountId, nowIso, fileName: "zoom-participants-fr.csv" });
    expect(outcome.matched.map((m) => [m.name, m.minutes, m.lines]).sort()).toEqual([
      ["Claire Martin", 145, 2],
      ["Hélène Dubois", 152, 1], // "Hélène.Dubois@" in the report, "helene.dubois@" registered
      ["Élodie Petit", 89, 1], // "ÉLODIE.PETIT@EXAMPLE.ORG" in the report
    ]);
    expect(outcome.unmatched).toEqual([
      {
        name: "Promotion Santé Normandie (Animation)",
        email: "animation@promotion-sante.example.org",
        minutes: 177,
        reason: "Pas inscrit·e à cette rencontre",
      },
      { name: "iPhone de Nadia", email: "", minutes: 35, reason: expect.stringMatching(/Pas d’adresse e-mail/) },
      { name: "Jean Moreau", email: "jean.moreau@ville-evreux.example.org", minutes: 50, reason: "Pas inscrit·e à cette rencontre" },
      { name: "Paul Girard", email: "paul.girard@example.org", minutes: 145, reason: "Sur liste d’attente" },
    ]);
    expect(outcome.missing.map((m) => [m.name, m.attendance])).toEqual([
      ["Karim Benali", null],
      ["Sophie Leroy", null],
      ["Yanis Diallo", "excused"],
    ]);
    expect(attendanceOf(db, ids.claire)).toEqual({ a: "present", m: 145 });
    expect(attendanceOf(db, ids.elodie)).toEqual({ a: "present", m: 89 });
    expect(attendanceOf(db, ids.karim)).toEqual({ a: null, m: null });
    expect(attendanceOf(db, ids.paul)).toEqual({ a: null, m: null }); // waiting: never marked
    expect(auditRows(db, "attendance").at(-1)).toMatchObject({
      accountId,
      entity: "session",
      entityId: String(one.id),
      detail: { source: "report", present: 3, unmatched: 4, missing: 3 },
    });

    // One action marks the rest absent; the excused person stays excused.
    expect(markUnknownAbsent(db, { sessionId: one.id, accountId, nowIso }).sort()).toEqual([ids.karim, ids.sophie].sort());
    expect(attendanceOf(db, ids.yanis)).toEqual({ a: "excused", m: null });
    const stats = seriesSessions(db, series, nowIso).find((s) => s.id === one.id)!;
    expect(stats).toMatchObject({ confirmed: 6, waiting: 1, present: 3, excused: 1, absent: 2, unknown: 0, rate: 0.5 });

    // Importing the same file again changes nothing.
    importAttendance(db, { sessionId: one.id, attendees: report.attendees, accountId, nowIso });
    expect(attendanceOf(db, ids.claire)).toEqual({ a: "present", m: 145 });
  });

  it("imports the English report (',', no BOM, quoted names with commas, trailing spaces)", () => {
    const { db, one, ids, accountId } = pastSession();
    const report = parseParticipantsReport(fixture("zoom-participants-en.csv").toString("utf8"));
    if (!report.ok) throw new Error(report.message);
    const outcome = importAttendance(db, { sessionId: one.id, attendees: report.attendees, accountId, nowIso });
    expect(outcome.matched.map((m) => [m.email, m.minutes]).sort()).toEqual([
      ["claire.martin@asv-evreux.example.org", 156],
      ["helene.dubois@mda27.example.org", 152],
      ["karim.benali@mda27.example.org", 105], // 30 + 75, two spellings of the address
    ]);
    expect(outcome.unmatched.map((u) => [u.name, u.email, u.minutes])).toEqual([
      ["Promotion Santé Normandie (Animation)", "animation@promotion-sante.example.org", 177],
      ["+33 6 12 34 56 78", "", 45],
      ["Jean Moreau", "jean.moreau@ville-evreux.example.org", 20],
    ]);
    expect(outcome.missing.map((m) => m.name)).toEqual(["Élodie Petit", "Sophie Leroy", "Yanis Diallo"]);
    expect(attendanceOf(db, ids.karim)).toEqual({ a: "present", m: 105 });
  });

  it("accepts other header spellings and refuses a file that is not a participants report", () => {
    const variant = "\uFEFFNom;Adresse e-mail;Durée totale (minutes);Invité\r\nA. Test;ANNE@EXAMPLE.ORG;1:05;Oui\r\nA. Test;anne@example.org;10;Oui\r\n";
    expect(parseParticipantsReport(variant)).toEqual({
      ok: true,
      lines: 2,
      attendees: [{ name: "A. Test", email: "anne@example.org", minutes: 75, lines: 2 }],
    });
    expect(parseParticipantsReport("Prénom;Nom;Ville\r\nAnne;Test;Rouen\r\n")).toEqual({
      ok: false,
      message: expect.stringMatching(/ne ressemble pas au rapport des participants/),
    });
    expect(parseParticipantsReport("")).toMatchObject({ ok: false });
    expect([parseMinutes("161"), parseMinutes("12,6"), parseMinutes("01:05:40"), parseMinutes(""), parseMinutes("n/a")]).toEqual([161, 13, 66, 0, null]);
  });

  it("records attendance by hand: only real changes, minutes kept only for présent, audited", () => {
    const { db, one, ids, accountId } = pastSession();
    const n = setAttendance(db, {
      sessionId: one.id,
      changes: [
        { registrationId: ids.claire, attendance: "present" },
        { registrationId: ids.yanis, attendance: "excused" }, // already so
        { registrationId: ids.paul, attendance: "present" }, // waiting: ignored
        { registrationId: 999999, attendance: "absent" }, // not of this session
      ],
      accountId,
      nowIso,
    });
    expect(n).toBe(1);
    expect(auditRows(db, "attendance").at(-1)).toMatchObject({
      detail: { source: "hand", changes: [{ registration: ids.claire, from: null, to: "present" }] },
    });
    expect(sessionAttendance(db, one.id).map((r) => `${r.lastName}:${r.attendance ?? "-"}`)).toEqual([
      "Benali:-",
      "Diallo:excused",
      "Dubois:-",
      "Leroy:-",
      "Martin:present",
      "Petit:-",
    ]);
    db.update(t.registrations).set({ attendedMinutes: 80 }).where(eq(t.registrations.id, ids.claire)).run();
    setAttendance(db, { sessionId: one.id, changes: [{ registrationId: ids.claire, attendance: "absent" }], accountId, nowIso });
    expect(attendanceOf(db, ids.claire)).toEqual({ a: "absent", m: null });
  });

  it("refuses a report, présent and absent for a session that has not started; only excusé can be noted before", () => {
    const s = setup();
    const future = s.sessions[1];
    expect(future.startsAt > nowIso).toBe(true);
    const id = seat(s.db, future.id, { email: "claire.martin@asv-evreux.example.org", firstName: "Claire", lastName: "Martin" });
    const report = parseParticipantsReport(decodeCsvBytes(fixture("zoom-participants-fr.csv")));
    if (!report.ok) throw new Error(report.message);
    const args = { sessionId: future.id, accountId: s.accountId, nowIso };
    expect(attendanceRefusal(future, "report", nowIso)).toMatch(/n’a pas encore commencé/);
    expect(() => importAttendance(s.db, { ...args, attendees: report.attendees })).toThrow(AttendanceRefused);
    expect(() => markUnknownAbsent(s.db, args)).toThrow(AttendanceRefused);
    for (const attendance of ["present", "absent"] as const) {
      expect(() => setAttendance(s.db, { ...args, changes: [{ registrationId: id, attendance }] })).toThrow(/pas encore commencé/);
    }
    expect(attendanceOf(s.db, id)).toEqual({ a: null, m: null });
    expect(auditRows(s.db, "attendance")).toEqual([]);
    expect(setAttendance(s.db, { ...args, changes: [{ registrationId: id, attendance: "excused" }] })).toBe(1);
    expect(attendanceOf(s.db, id)).toEqual({ a: "excused", m: null });
    // From its start on, everything is allowed.
    const started = future.startsAt;
    expect(importAttendance(s.db, { ...args, nowIso: started, attendees: report.attendees }).matched.map((m) => m.registrationId)).toEqual([id]);
  });
});
