import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { exportSeries } from "~/series-file/series-export.server";
import { parseSeriesFile } from "~/series-file/series-format.server";
import { importSeries } from "~/series-file/series-import.server";
import type { AppDatabase } from "~/utils/db.server";
import { fixture, memoryDb } from "../helpers/db";
import { nowIso as clockNow } from "~/utils/now.server";

const SLUG = "rdv-sante-qpv-seine-maritime-2022";

function counts(db: AppDatabase) {
  const n = (table: any) => db.select({ n: count() }).from(table).get()!.n;
  return {
    series: n(t.series),
    sessions: n(t.sessions),
    items: n(t.programmeItems),
    speakers: n(t.programmeSpeakers),
    organisations: n(t.organisations),
    people: n(t.people),
    resources: n(t.resources),
    rules: n(t.seriesRules),
    figures: n(t.keyFigures),
    access: n(t.sessionAccess),
  };
}

function problemsOf(input: unknown) {
  const r = parseSeriesFile(input);
  if (r.ok) throw new Error("expected problems");
  return r.problems;
}

describe("importing the real 2022 series", () => {
  it("imports the fixture unchanged", () => {
    const db = memoryDb();
    const r = importSeries(db, fixture(), { nowIso: clockNow() });
    expect(r).toMatchObject({ ok: true, slug: SLUG, created: true, sessions: 5 });
    expect(counts(db)).toMatchObject({ series: 1, sessions: 5, organisations: 8, people: 7, resources: 15, rules: 5, figures: 4 });
    const rdv1 = db.select().from(t.sessions).where(eq(t.sessions.number, 1)).get()!;
    // 29 March 2022 is summer time in Paris: 09:30 local is 07:30 UTC.
    expect(rdv1).toMatchObject({ startsAt: "2022-03-29T07:30:00Z", endsAt: "2022-03-29T10:00:00Z", status: "published" });
    const roundTables = db.select().from(t.programmeItems).where(eq(t.programmeItems.kind, "round-table")).all();
    expect(roundTables.map((i) => i.title)).toEqual([
      "Table ronde #1 – Chacun acteur de la santé (l’exemple de la santé mentale)",
      "Table ronde #2 – Être appuyé et accompagné dans son projet de promotion de la santé",
    ]);
    expect(roundTables.every((i) => i.parentId !== null && i.startsAt === null)).toBe(true);
  });

  it("exports exactly the file it imported", () => {
    const db = memoryDb();
    importSeries(db, fixture(), { nowIso: clockNow() });
    expect(exportSeries(db, SLUG)).toEqual(fixture());
  });

  it("round-trips export → import → export, access codes included", () => {
    const source = fixture();
    source.sessions[1].access = {
      provider: "Zoom",
      joinUrl: "https://zoom.us/j/111222333?pwd=abc",
      meetingId: "111 222 333",
      passcode: "secret-1",
      dialIn: [{ label: "France", number: "+33 1 70 37 97 29" }],
      instructions: "Composez l’ID puis #",
    };
    source.sessions[1].capacity = 80;
    source.registration.opensAt = "2022-02-01T09:00";
    source.registration.closesAt = "2022-06-20T18:00";
    const a = memoryDb();
    expect(importSeries(a, source, { nowIso: clockNow() }).ok).toBe(true);
    const first = exportSeries(a, SLUG)!;
    expect(first).toEqual(source);
    const b = memoryDb();
    expect(importSeries(b, JSON.stringify(first), { nowIso: clockNow() }).ok).toBe(true);
    expect(exportSeries(b, SLUG)).toEqual(first);
  });

  it("is idempotent by slug: a second import updates in place and duplicates nothing", () => {
    const db = memoryDb();
    importSeries(db, fixture(), { nowIso: clockNow() });
    const before = counts(db);
    const r = importSeries(db, fixture(), { nowIso: clockNow() });
    expect(r).toMatchObject({ ok: true, created: false, changes: [] });
    expect(counts(db)).toEqual(before);
  });

  it("reports what changed and grows the calendar version on a time change, and on a code change with the access revision", () => {
    const db = memoryDb();
    const file = fixture();
    file.sessions[2].access = { provider: "Zoom", meetingId: "1", passcode: "a", dialIn: [] };
    importSeries(db, file, { nowIso: clockNow() });
    file.sessions[1].start = "2022-05-10T14:30";
    file.sessions[2].access.passcode = "b";
    const r = importSeries(db, file, { nowIso: clockNow() });
    expect(r.ok && r.changes).toEqual([
      // What each session was before, for the rectificatif's « ancien → nouveau ».
      {
        number: 2,
        sessionId: expect.any(Number),
        kinds: ["time"],
        before: { when: expect.stringMatching(/^mardi 10 mai 2022, 14\sh – 15\sh\s30$/), place: "En visio-conférence" },
      },
      {
        number: 3,
        sessionId: expect.any(Number),
        kinds: ["access"],
        before: { when: expect.stringMatching(/^jeudi 2 juin 2022, 9\sh\s30 – 12\sh$/), place: "En visio-conférence" },
      },
    ]);
    const s2 = db.select().from(t.sessions).where(eq(t.sessions.number, 2)).get()!;
    expect(s2).toMatchObject({ sequence: 1, startsAt: "2022-05-10T12:30:00Z" });
    const s3 = db.select().from(t.sessions).where(eq(t.sessions.number, 3)).get()!;
    expect(s3.sequence).toBe(1); // the calendar version also grows with the codes (calendarSequence)
    expect(db.select().from(t.sessionAccess).where(eq(t.sessionAccess.sessionId, s3.id)).get()).toMatchObject({ passcode: "b", revision: 2 });
  });

  it("keeps session ids across imports (registrations will hang on them)", () => {
    const db = memoryDb();
    importSeries(db, fixture(), { nowIso: clockNow() });
    const ids = db.select({ id: t.sessions.id, n: t.sessions.number }).from(t.sessions).all();
    const file = fixture();
    [file.sessions[0].slug, file.sessions[1].slug] = [file.sessions[1].slug, file.sessions[0].slug];
    expect(importSeries(db, file, { nowIso: clockNow() }).ok).toBe(true);
    expect(db.select({ id: t.sessions.id, n: t.sessions.number }).from(t.sessions).all()).toEqual(ids);
  });
});

describe("refusing a file with errors", () => {
  it("changes nothing, even when only the last session is wrong", () => {
    const db = memoryDb();
    importSeries(db, fixture(), { nowIso: clockNow() });
    const before = counts(db);
    const file = fixture();
    file.title = "Titre modifié";
    file.sessions[4].end = "2022-06-21T13:00"; // before its start
    const r = importSeries(db, file, { nowIso: clockNow() });
    expect(r).toEqual({ ok: false, problems: [{ path: "sessions[4].end", message: "doit être après le début de la session (start)" }] });
    expect(counts(db)).toEqual(before);
    expect(db.select({ title: t.series.title }).from(t.series).get()!.title).toBe(fixture().title);
  });

  it.each<[string, (f: any) => void, string, RegExp]>([
    ["a missing title", (f) => delete f.title, "title", /obligatoire/],
    ["a wrong format marker", (f) => (f.format = "autre/2"), "format", /rendez-vous\.series\/1/],
    ["an unknown zone", (f) => (f.timezone = "Europe/Atlantis"), "timezone", /fuseau/],
    ["a malformed start", (f) => (f.sessions[2].start = "02/06/2022 09:30"), "sessions[2].start", /AAAA-MM-JJTHH:mm/],
    ["an impossible date", (f) => (f.sessions[0].start = "2022-02-30T09:30"), "sessions[0].start", /date valide/],
    ["a time skipped by summer time", (f) => (f.sessions[0].start = "2022-03-27T02:30"), "sessions[0].start", /heure d’été/],
    ["an unknown kind", (f) => (f.sessions[0].programme[0].kind = "dance"), "sessions[0].programme[0].kind", /valeurs possibles/],
    [
      "an unknown speaker",
      (f) => (f.sessions[0].programme[4].parts[0].speakers[0].person = "inconnu"),
      "sessions[0].programme[4].parts[0].speakers[0].person",
      /n’est pas déclarée/,
    ],
    ["a duplicate session number", (f) => (f.sessions[1].number = 1), "sessions[1].number", /déjà utilisé/],
    ["a duplicate organisation key", (f) => (f.organisations[1].key = "ars-normandie"), "organisations[1].key", /déjà utilisée/],
    ["a resource on a missing session", (f) => (f.resources[0].session = 9), "resources[0].session", /aucune session/],
    ["a negative capacity", (f) => (f.sessions[0].capacity = -3), "sessions[0].capacity", /supérieur ou égal à 1/],
    ["a non-integer daysBefore", (f) => (f.accessCodes.daysBefore = 1.5), "accessCodes.daysBefore", /entier/],
    ["a bad sendAt", (f) => (f.accessCodes.sendAt = "9h"), "accessCodes.sendAt", /HH:mm/],
    ["an in-person session without venue", (f) => (f.sessions[0].mode = "in-person"), "sessions[0].venue", /obligatoire/],
    ["a slug with capitals", (f) => (f.slug = "RDV 2022"), "slug", /minuscules/],
    [
      "a speaker naming both a person and an organisation",
      (f) => (f.sessions[0].programme[1].parts[0].speakers[0].organisation = "ars-normandie"),
      "sessions[0].programme[1].parts[0].speakers[0]",
      /soit une personne/,
    ],
    [
      "registration closing before it opens",
      (f) => ((f.registration.opensAt = "2022-03-01T09:00"), (f.registration.closesAt = "2022-02-01T09:00")),
      "registration.closesAt",
      /après l’ouverture/,
    ],
    ["a text where a list is expected", (f) => (f.objectives = "tout"), "objectives", /une liste/],
  ])("names the JSON path of %s", (_label, mutate, path, message) => {
    const file = fixture();
    mutate(file);
    const problems = problemsOf(file);
    const p = problems.find((x) => x.path === path);
    expect(p, JSON.stringify(problems)).toBeDefined();
    expect(p!.message).toMatch(message);
  });

  it("refuses text that is not JSON, and JSON that is not an object", () => {
    expect(problemsOf("{ pas du json")[0]).toMatchObject({ path: "(fichier)", message: expect.stringMatching(/JSON valide/) });
    expect(problemsOf("[1,2]")[0]).toMatchObject({ path: "(fichier)", message: expect.stringMatching(/objet JSON/) });
  });

  it("lists every problem at once", () => {
    const file = fixture();
    delete file.title;
    file.sessions[0].number = "un";
    file.sessions[3].status = "maybe";
    expect(problemsOf(file).map((p) => p.path)).toEqual(["title", "sessions[0].number", "sessions[3].status"]);
  });
});
