// Reminders in the series file (`reminders`, rendez-vous.series/1): export → import → export round
// trip, validation by JSON path in French, identity by key across re-imports (a reminder already sent
// is not sent again), and removal of the reminders a file no longer lists.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { register } from "~/registration/registrations.server";
import { exportSeries } from "~/series-file/series-export.server";
import { parseSeriesFile } from "~/series-file/series-format.server";
import { importSeries } from "~/series-file/series-import.server";
import type { AppDatabase } from "~/utils/db.server";
import { memoryDb } from "../helpers/db";
import { fileSession, seriesFile } from "../helpers/series-file";
import { participantInput } from "../helpers/people";
import { dispatchTo, smtpForSuite } from "../helpers/smtp";

const APP = "https://rdv.example.org";
const smtp = smtpForSuite();

const REMINDERS = [
  { key: "veille", enabled: true, timing: "days-before", days: 1, at: "18:00", message: "À demain !\n\nLe support : https://example.org/support" },
  { key: "une-heure", enabled: true, timing: "minutes-before", minutes: 60 },
  { key: "semaine", enabled: false, timing: "days-before", days: 7, at: "09:30", message: "Dans une semaine." },
];

// Sunday 31 October 2027 (the autumn switch day) at 10:00 CET = 09:00 UTC.
function file(change: (f: any) => void = () => {}) {
  const access = { provider: "Zoom", joinUrl: "https://zoom.us/j/5550001111", passcode: "135790" };
  const sessions = [fileSession(1, "En ligne", "2027-10-31T10:00", "2027-10-31T12:00", { mode: "online", access })];
  return seriesFile({ slug: "rappels-fichier", title: "Rappels dans le fichier", sessions, reminders: structuredClone(REMINDERS) }, change);
}

const BEFORE = "2027-10-01T10:00:00Z";
/** The day before (30 October, summer time) at 18:00 CEST = 16:00 UTC; an hour before: 08:00 UTC. */
const EVE = "2027-10-30T16:00:00Z";
const HOUR = "2027-10-31T08:00:00Z";

function imported(change?: (f: any) => void): AppDatabase {
  const db = memoryDb();
  const r = importSeries(db, file(change), { nowIso: BEFORE });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return db;
}

function problemsOf(input: unknown) {
  const r = parseSeriesFile(input);
  if (r.ok) throw new Error("expected problems");
  // Messages keep French typography (no-break spaces, checked by tests/e2e/typography.test.ts); compared here with plain spaces.
  return r.problems.map((p) => `${p.path} : ${p.message.replace(/\u00a0/g, " ")}`);
}

const reminders = async (db: AppDatabase, at: string) =>
  (await dispatchTo(smtp, db, at, APP)).received.filter((m) => m.parsed.subject?.startsWith("Rappel")).map((m) => m.envelopeTo[0]);

describe("reminders in the series file", () => {
  it("are stored in order and exported exactly as imported, export → import → export identical", () => {
    const db = imported();
    const rows = db.select().from(t.seriesReminders).orderBy(t.seriesReminders.position).all();
    expect(rows.map((r) => [r.key, r.enabled, r.timing, r.days, r.at, r.minutes])).toEqual([
      ["veille", true, "days-before", 1, "18:00", null],
      ["une-heure", true, "minutes-before", null, null, 60],
      ["semaine", false, "days-before", 7, "09:30", null],
    ]);
    expect(rows[0].message).toBe("À demain\u00a0!\n\nLe support\u00a0: https://example.org/support");
    const first = exportSeries(db, "rappels-fichier")!;
    expect(first.reminders).toEqual([
      { ...REMINDERS[0], message: "À demain\u00a0!\n\nLe support\u00a0: https://example.org/support" },
      REMINDERS[1],
      REMINDERS[2],
    ]);
    const other = memoryDb();
    expect(importSeries(other, first, { nowIso: BEFORE }).ok).toBe(true);
    expect(exportSeries(other, "rappels-fichier")).toEqual(first);
  });

  it("is optional: a file without reminders imports, and exports without the field", () => {
    const db = imported((f) => delete f.reminders);
    expect(db.select().from(t.seriesReminders).all()).toEqual([]);
    expect(exportSeries(db, "rappels-fichier")).not.toHaveProperty("reminders");
    expect(parseSeriesFile(file((f) => (f.reminders[0] = { key: "veille", timing: "days-before", days: 1, at: "18:00" }))).ok).toBe(true);
  });

  it("names every problem by its JSON path, in French", () => {
    expect(
      problemsOf(
        file((f) => {
          f.reminders = [
            { key: "Veille !", timing: "days-before", days: 1, at: "18:00" },
            { key: "a", timing: "days-before", days: -1, at: "25:00", minutes: 30 },
            { key: "b", timing: "minutes-before", days: 1 },
            { key: "c", timing: "le-matin" },
            { key: "d", timing: "minutes-before", minutes: 0, enabled: "oui" },
            { key: "d", timing: "days-before", at: "08:00", message: "x".repeat(5001) },
          ];
        }),
      ),
    ).toEqual([
      "reminders[0].key : doit ne contenir que des lettres minuscules sans accent, des chiffres et des tirets",
      "reminders[1].days : doit être supérieur ou égal à 0",
      "reminders[1].at : doit être une heure au format HH:mm (00:00 à 23:59)",
      "reminders[1].minutes : ne vaut pas pour un rappel « jours avant, à une heure » (days-before) ; retirez ce champ",
      "reminders[2].minutes : est obligatoire pour un rappel « minutes avant le début » (minutes-before)",
      "reminders[2].days : ne vaut pas pour un rappel « minutes avant le début » (minutes-before) ; retirez ce champ",
      "reminders[3].timing : valeur inconnue « le-matin » ; valeurs possibles : days-before, minutes-before",
      "reminders[4].enabled : doit être vrai ou faux (true/false)",
      "reminders[4].minutes : doit être supérieur ou égal à 1",
      "reminders[5].message : ne doit pas dépasser 5000 caractères",
    ]);
    // What goes together, and unique keys, with the rest at once.
    expect(
      problemsOf(
        file((f) => {
          f.reminders = [
            { key: "a", timing: "days-before", days: 1, at: "18:00", minutes: 30 },
            { key: "b", timing: "days-before", at: "08:00" },
            { key: "a", timing: "minutes-before", minutes: 15, at: "08:00" },
          ];
        }),
      ),
    ).toEqual([
      "reminders[0].minutes : ne vaut pas pour un rappel « jours avant, à une heure » (days-before) ; retirez ce champ",
      "reminders[1].days : est obligatoire pour un rappel « jours avant, à une heure » (days-before)",
      "reminders[2].at : ne vaut pas pour un rappel « minutes avant le début » (minutes-before) ; retirez ce champ",
      "reminders[2].key : la clé « a » est déjà utilisée par un autre rappel",
    ]);
    expect(
      problemsOf(
        file((f) => {
          f.reminders = [
            { key: "a", timing: "minutes-before", minutes: 30 },
            { key: "a", timing: "minutes-before", minutes: 15 },
          ];
        }),
      ),
    ).toEqual(["reminders[1].key : la clé « a » est déjà utilisée par un autre rappel"]);
    // An import refused changes nothing.
    const db = imported();
    const r = importSeries(
      db,
      file((f) => (f.reminders[1].minutes = "soixante")),
      { nowIso: BEFORE },
    );
    expect(r.ok).toBe(false);
    expect(db.select().from(t.seriesReminders).all()).toHaveLength(3);
  });

  it("keep their identity by key across re-imports: a reminder sent is never sent again", async () => {
    const db = imported();
    const series = db.select().from(t.series).get()!;
    const [s1] = db.select().from(t.sessions).all();
    register(db, { seriesId: series.id, sessionIds: [s1.id], participant: participantInput("k@example.org", "Kim", "Clé"), nowIso: BEFORE });
    const ids = db.select({ id: t.seriesReminders.id, key: t.seriesReminders.key }).from(t.seriesReminders).all();
    expect(await reminders(db, EVE)).toEqual(["k@example.org"]);
    // Re-imported unchanged, then with the hour-before one's text changed and the order reversed: same rows, and the eve's is not sent again.
    expect(importSeries(db, file(), { nowIso: "2027-10-30T17:00:00Z" }).ok).toBe(true);
    expect(await reminders(db, "2027-10-30T17:00:00Z")).toEqual([]);
    const reordered = file((f) => {
      f.reminders.reverse();
      f.reminders[1].message = "Dans une heure.";
    });
    expect(importSeries(db, reordered, { nowIso: "2027-10-30T18:00:00Z" }).ok).toBe(true);
    expect(db.select({ id: t.seriesReminders.id, key: t.seriesReminders.key }).from(t.seriesReminders).all()).toEqual(ids);
    expect(await reminders(db, "2027-10-30T18:00:00Z")).toEqual([]);
    const [hour] = (await dispatchTo(smtp, db, HOUR, APP)).received.filter((m) => m.parsed.subject?.startsWith("Rappel"));
    expect(hour.parsed.text).toContain("Dans une heure.");
    expect(hour.parsed.text).toContain("135790");
    const sent = db.select().from(t.outbox).where(eq(t.outbox.kind, "reminder")).all();
    expect(sent.map((r) => r.status)).toEqual(["sent", "sent"]);
  });

  it("are removed when the file no longer lists them; what they still had to send is not sent", async () => {
    const db = imported();
    const series = db.select().from(t.series).get()!;
    const [s1] = db.select().from(t.sessions).all();
    register(db, { seriesId: series.id, sessionIds: [s1.id], participant: participantInput("r@example.org", "Rémi", "Retiré"), nowIso: BEFORE });
    expect(await reminders(db, EVE)).toEqual(["r@example.org"]);
    expect(
      importSeries(
        db,
        file((f) => (f.reminders = [f.reminders[0]])),
        { nowIso: "2027-10-30T20:00:00Z" },
      ).ok,
    ).toBe(true);
    expect(db.select({ key: t.seriesReminders.key }).from(t.seriesReminders).all()).toEqual([{ key: "veille" }]);
    expect(await reminders(db, HOUR)).toEqual([]);
    expect(
      importSeries(
        db,
        file((f) => delete f.reminders),
        { nowIso: "2027-10-30T20:00:00Z" },
      ).ok,
    ).toBe(true);
    expect(db.select().from(t.seriesReminders).all()).toEqual([]);
  });
});
