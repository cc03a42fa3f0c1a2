import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { DEMO_SLUG } from "../../db/seed/demo-series";
import { getSeriesPage, getSessionPage, listPublicSeries } from "~/series/catalog.server";
import { memoKeys } from "~/page-cache/page-memo.server";
import { getDirectory } from "~/series/directory.server";
import { importSeries } from "~/series-file/series-import.server";
import { seedIfEmpty } from "~/server/seed.server";
import { toUtcIso } from "~/utils/dates.server";
import { NOW, fixture, importOrThrow, memoryDb } from "../helpers/db";
import { fileSession, seriesFile } from "../helpers/series-file";
import { nowIso as clockNow } from "~/utils/now.server";

const nowIso = toUtcIso(NOW);
const plain = (s: string) => s.replace(/\u00a0/g, " ");

function seeded() {
  const db = memoryDb();
  seedIfEmpty(db, NOW);
  return db;
}

describe("home", () => {
  it("lists upcoming series first, then the archives, and hides drafts", () => {
    const db = seeded();
    const draft = fixture();
    draft.slug = "brouillon";
    draft.status = "draft";
    importSeries(db, draft, { nowIso: clockNow() });
    const { upcoming, archived } = listPublicSeries(db, nowIso)!;
    expect(upcoming.map((c) => c.slug)).toEqual([DEMO_SLUG]);
    expect(upcoming[0].next?.number).toBe(2);
    expect(archived.map((c) => c.slug)).toEqual(["rdv-sante-qpv-seine-maritime-2022"]);
    expect(archived[0]).toMatchObject({ period: "mars – juin 2022", sessionCount: 5 });
  });
});

describe("home's archives", () => {
  it("shows the archived series a page of 12 at a time, most recent first; a page past the end shows the last one", () => {
    const db = memoryDb();
    for (let i = 1; i <= 30; i++) {
      const day = `2024-${String(1 + (i % 12)).padStart(2, "0")}-${String(i).padStart(2, "0")}`;
      importOrThrow(
        db,
        seriesFile({
          slug: `archive-${i}`,
          title: `Archive ${i}`,
          status: "archived",
          sessions: [fileSession(1, "Rencontre", `${day}T09:30`, `${day}T11:00`)],
        }),
        { nowIso },
      );
    }
    const all = Array.from({ length: 30 }, (_, k) => k + 1)
      .map((i) => ({ slug: `archive-${i}`, day: `2024-${String(1 + (i % 12)).padStart(2, "0")}-${String(i).padStart(2, "0")}` }))
      .sort((a, b) => b.day.localeCompare(a.day))
      .map((a) => a.slug);
    const first = listPublicSeries(db, nowIso)!;
    expect(first.archivedWindow).toMatchObject({ page: 1, pages: 3, total: 30 });
    expect(first.archived.map((c) => c.slug)).toEqual(all.slice(0, 12));
    const third = listPublicSeries(db, nowIso, 3)!;
    expect(third.archived.map((c) => c.slug)).toEqual(all.slice(24));
    expect(listPublicSeries(db, nowIso, 99)!.archivedWindow.page).toBe(3);
  });
});

describe("home's territory filter", () => {
  it("lists the territories of the public series, and shows one territory's series only; an unknown territory is null (404)", () => {
    const db = seeded();
    for (const [slug, territory, status] of [
      ["brest-2024", "Finistère (29)", "archived"],
      ["quimper-2024", "Finistère (29)", "archived"],
      ["brouillon-finistere", "Morbihan (56)", "draft"],
    ] as const) {
      const day = slug === "quimper-2024" ? "2024-05-02" : "2024-03-14";
      importOrThrow(db, seriesFile({ slug, title: slug, status, territory, sessions: [fileSession(1, "Rencontre", `${day}T09:30`, `${day}T11:00`)] }), {
        nowIso,
      });
    }
    const all = listPublicSeries(db, nowIso)!;
    // A draft's territory is not offered; French order.
    expect(all.territories).toEqual(["Eure (27)", "Finistère (29)", "Seine-Maritime (76)"]);
    expect(all.territory).toBeNull();
    expect(all.archived.map((c) => c.slug)).toEqual(["quimper-2024", "brest-2024", "rdv-sante-qpv-seine-maritime-2022"]);
    const finistere = listPublicSeries(db, nowIso, 1, "Finistère (29)")!;
    expect(finistere).toMatchObject({ territory: "Finistère (29)", upcoming: [], archivedWindow: { total: 2 } });
    expect(finistere.archived.map((c) => c.slug)).toEqual(["quimper-2024", "brest-2024"]);
    expect(listPublicSeries(db, nowIso, 1, "Eure (27)")!.upcoming.map((c) => c.slug)).toEqual([DEMO_SLUG]);
    expect(listPublicSeries(db, nowIso, 1, "Morbihan (56)")).toBeNull();
    expect(listPublicSeries(db, nowIso, 1, "Nulle part")).toBeNull();
  });

  it("keeps one memo per real territory and real page, whatever pages and territories are asked for", () => {
    const db = seeded();
    for (const page of [1, 2, 3, 99, 1_000_000, Number.MAX_SAFE_INTEGER])
      for (const territory of [null, "Eure (27)", "Nulle part", `Nulle part ${page}`]) listPublicSeries(db, nowIso, page, territory);
    // Each territory has one page of archives (page 1): every other page asked for is that one.
    expect(memoKeys(db).sort()).toEqual(["home:", "home::1", "home:Eure (27)", "home:Eure (27):1", "home:territories"]);
  });
});

describe("series page", () => {
  it("shows each session’s date and time in French in the series' zone", () => {
    const page = getSeriesPage(seeded(), "rdv-sante-qpv-seine-maritime-2022", nowIso)!;
    expect(page.sessions.map((s) => plain(s.when))).toEqual([
      "mardi 29 mars 2022, 9 h 30 – 12 h",
      "mardi 10 mai 2022, 14 h – 15 h 30",
      "jeudi 2 juin 2022, 9 h 30 – 12 h",
      "mardi 14 juin 2022, 9 h 30 – 11 h",
      "mardi 21 juin 2022, 14 h – 16 h 30",
    ]);
    expect(page.sessions[0].startIso).toBe("2022-03-29T09:30:00+02:00");
    expect(page.series.registrationOpen).toBe(false);
    expect(page.keyFigures[0]).toEqual({ value: "28", label: "QPV en Seine-Maritime" });
    expect(page.organisations.filter((o) => o.role === "organiser").map((o) => o.shortName)).toEqual(["ARS Normandie", "DDETS 76"]);
  });

  it("opens registration only for a published series with sessions to come, inside its window", () => {
    const db = seeded();
    expect(getSeriesPage(db, DEMO_SLUG, nowIso)!.series.registrationOpen).toBe(true);
    db.update(t.series).set({ registrationClosesAt: "2026-11-01T00:00:00Z" }).where(eq(t.series.slug, DEMO_SLUG)).run();
    expect(getSeriesPage(db, DEMO_SLUG, nowIso)!.series.registrationOpen).toBe(false);
  });

  it("hides draft series and draft sessions", () => {
    const db = seeded();
    db.update(t.sessions).set({ status: "draft" }).where(eq(t.sessions.slug, "rdv-4-familles")).run();
    expect(getSeriesPage(db, DEMO_SLUG, nowIso)!.sessions.map((s) => s.slug)).not.toContain("rdv-4-familles");
    expect(getSessionPage(db, DEMO_SLUG, "rdv-4-familles", nowIso)).toBeNull();
    db.update(t.series).set({ status: "draft" }).where(eq(t.series.slug, DEMO_SLUG)).run();
    expect(getSeriesPage(db, DEMO_SLUG, nowIso)).toBeNull();
  });
});

describe("session page", () => {
  it("has the timed programme with parts, speakers' roles and organisations, and round tables", () => {
    const page = getSessionPage(seeded(), "rdv-sante-qpv-seine-maritime-2022", "rdv-1-politiques-regionales", nowIso)!;
    expect(page.programme.map((i) => [plain(i.time!), i.kind])).toEqual([
      ["9 h 30 – 9 h 45", "welcome"],
      ["9 h 45 – 10 h 15", "talks"],
      ["10 h 15 – 10 h 25", "questions"],
      ["10 h 25 – 10 h 35", "break"],
      ["10 h 35 – 11 h 55", "round-tables"],
      ["11 h 55 – 12 h", "closing"],
    ]);
    const talk = page.programme[1].parts[0];
    expect(talk.speakers[0]).toMatchObject({ name: "Christelle Gougeon", role: "Direction de la santé publique", organisation: "ARS Normandie" });
    const rt2 = page.programme[4].parts[1];
    expect(rt2.kind).toBe("round-table");
    expect(rt2.speakers.map((s) => [s.name, s.speakerRole])).toEqual([
      ["François-Xavier Cousineau", "panellist"],
      ["Charlène Delhomenie", "panellist"],
      ["Laurent Marie", "panellist"],
    ]);
    expect(page.programme[0].parts[0].speakers.map((s) => s.kind)).toEqual(["organisation", "organisation"]);
    expect(page.next?.number).toBe(2);
    expect(page.previous).toBeNull();
  });

  it("names the moderator of a round table", () => {
    const page = getSessionPage(seeded(), DEMO_SLUG, "rdv-2-ecouter-orienter", nowIso)!;
    const rt = page.programme.find((i) => i.kind === "round-table")!;
    expect(rt.speakers.filter((s) => s.speakerRole === "moderator").map((s) => s.name)).toEqual(["Claire Martin"]);
    expect(rt.speakers.filter((s) => s.speakerRole === "panellist")).toHaveLength(3);
  });
});

describe("directory", () => {
  it("lists people and organisations with the sessions they spoke in", () => {
    const { people, organisations } = getDirectory(seeded());
    const gougeon = people.find((p) => p.name === "Christelle Gougeon")!;
    expect(gougeon.appearances.map((a) => a.sessionNumber)).toEqual([1]);
    const karim = people.find((p) => p.name === "Karim Benali")!;
    expect(karim.appearances.map((a) => a.sessionSlug)).toEqual(["rdv-1-reperer", "rdv-2-ecouter-orienter", "rdv-2-ecouter-orienter"]);
    const psn = organisations.find((o) => o.key === "promotion-sante-normandie")!;
    // Directly (welcome of RDV #1, 2022) and through its people (Tiphaine Alonzo, Laurent Marie, Sophie Leroy).
    expect(psn.appearances.some((a) => a.via === null)).toBe(true);
    expect(new Set(psn.appearances.map((a) => a.via).filter(Boolean))).toEqual(new Set(["Tiphaine Alonzo", "Laurent Marie", "Sophie Leroy"]));
    expect(psn.series.map((s) => s.role)).toEqual(["support", "support"]);
  });
});
