// The funders' report at model level: every figure of a known data set, the CSV parsed back, and the
// SVG charts (named, described, one bar per session, heights in proportion).
import { and, eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { DEMO_SLUG } from "../../db/seed/demo-series";
import { GroupedBarChart, HorizontalBarChart, niceScale } from "~/components/charts";
import { bilanCsv, csvCell, formatRate, seriesBilan, toCsv, type Bilan } from "~/report/bilan.server";
import { cancelRegistrations, register, type ParticipantInput } from "~/registration/registrations.server";
import { seedIfEmpty } from "~/server/seed.server";
import { toUtcIso } from "~/utils/dates.server";
import type { AppDatabase } from "~/utils/db.server";
import { BILAN_CSV_SESSION_HEADERS } from "../helpers/bilan-csv";
import { NOW, memoryDb } from "../helpers/db";

// Registrations are made three weeks before NOW, when all four demo sessions were still ahead.
const before = toUtcIso(NOW.minus({ days: 21 }));

type Person = { key: string; first: string; last: string; type: ParticipantInput["structureType"]; territory: string; sessions: number[] };

// P1–P4 and P5 by hand; P6–P17 fill RDV #3 (12 seats: P17 waits); P18–P20 on RDV #4.
const PEOPLE: Person[] = [
  { key: "p1", first: "Alice", last: "Martin", type: "collectivite", territory: "Rouen", sessions: [1, 2, 3] },
  { key: "p2", first: "Bruno", last: "Petit", type: "association", territory: "  rouen  ", sessions: [1, 2] },
  { key: "p3", first: "Chloé", last: "Durand", type: "sante", territory: "Rouen", sessions: [1, 2] },
  { key: "p4", first: "David", last: "Roux", type: "sante", territory: "", sessions: [1] },
  { key: "p5", first: "Emma", last: "Leroy", type: null, territory: "Évreux", sessions: [2] },
  ...Array.from({ length: 12 }, (_, i): Person => ({
    key: `p${i + 6}`,
    first: `Personne${i + 6}`,
    last: `Test`,
    type: "education",
    territory: `Commune ${String(i + 1).padStart(2, "0")}`,
    sessions: [3],
  })),
  { key: "p18", first: "Farid", last: "Benali", type: "bailleur", territory: "Évreux", sessions: [4] },
  { key: "p19", first: "Gaëlle", last: "Morel", type: "habitant", territory: "Commune 13", sessions: [4] },
  { key: "p20", first: "Hugo", last: "Blanc", type: null, territory: "Commune 14", sessions: [4] },
];

let db: AppDatabase;
let bilan: Bilan;
const ids = new Map<string, number>();

function attend(db: AppDatabase, key: string, number: number, attendance: "present" | "excused" | "absent") {
  const seriesId = db.select().from(t.series).where(eq(t.series.slug, DEMO_SLUG)).get()!.id;
  const session = db
    .select()
    .from(t.sessions)
    .where(and(eq(t.sessions.seriesId, seriesId), eq(t.sessions.number, number)))
    .get()!;
  const changed = db
    .update(t.registrations)
    .set({ attendance })
    .where(and(eq(t.registrations.participantId, ids.get(key)!), eq(t.registrations.sessionId, session.id)))
    .run().changes;
  expect(changed).toBe(1);
}

beforeAll(() => {
  db = memoryDb();
  seedIfEmpty(db, NOW);
  const series = db.select().from(t.series).where(eq(t.series.slug, DEMO_SLUG)).get()!;
  const sessions = db.select().from(t.sessions).where(eq(t.sessions.seriesId, series.id)).all();
  const byNumber = (n: number) => sessions.find((s) => s.number === n)!.id;
  PEOPLE.forEach((p, i) => {
    const r = register(db, {
      seriesId: series.id,
      sessionIds: p.sessions.map(byNumber),
      // The hybrid RDV #4: everyone on site, so that its 40 seats count them all.
      participation: Object.fromEntries(sessions.filter((s) => s.mode === "hybrid").map((s) => [s.id, "onsite"])),
      participant: {
        firstName: p.first,
        lastName: p.last,
        email: `${p.key}@example.org`,
        organisation: null,
        jobTitle: null,
        structureType: p.type,
        territory: p.territory,
        newsConsent: false,
      },
      // One second apart: the waiting list follows arrival order.
      nowIso: toUtcIso(NOW.minus({ days: 21 }).plus({ seconds: i })),
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    ids.set(p.key, r.participantId);
  });
  cancelRegistrations(db, { participantId: ids.get("p5")!, nowIso: before });

  attend(db, "p1", 1, "present");
  attend(db, "p2", 1, "present");
  attend(db, "p3", 1, "present");
  attend(db, "p4", 1, "excused");
  attend(db, "p1", 2, "present");
  attend(db, "p2", 2, "present");
  attend(db, "p3", 2, "absent");
  attend(db, "p1", 3, "present");
  attend(db, "p6", 3, "present");
  attend(db, "p7", 3, "absent");
  bilan = seriesBilan(db, DEMO_SLUG)!;
});

describe("the figures", () => {
  it("is null for an unknown series", () => {
    expect(seriesBilan(db, "pas-de-serie")).toBeNull();
  });

  it("names the series and its period", () => {
    expect(bilan.series).toMatchObject({ slug: DEMO_SLUG, territory: "Eure (27)" });
    expect(bilan.series.period).toMatch(/\d{4}$/);
  });

  it("counts non-cancelled registrations and distinct participants", () => {
    // 4 + 3 (P5 cancelled) + 13 (12 confirmed, 1 waiting) + 3
    expect(bilan.totals.registrations).toBe(23);
    // P1–P4 and P6–P20: P5 only had a cancelled registration.
    expect(bilan.totals.participants).toBe(19);
  });

  it("gives each session its registered, waiting, present, excused, absent and rate", () => {
    const rows = bilan.sessions.map(({ number, registered, waiting, present, excused, absent, recorded, rate }) => ({
      number,
      registered,
      waiting,
      present,
      excused,
      absent,
      recorded,
      rate,
    }));
    expect(rows).toEqual([
      { number: 1, registered: 4, waiting: 0, present: 3, excused: 1, absent: 0, recorded: true, rate: 3 / 4 },
      { number: 2, registered: 3, waiting: 0, present: 2, excused: 0, absent: 1, recorded: true, rate: 2 / 3 },
      { number: 3, registered: 12, waiting: 1, present: 2, excused: 0, absent: 1, recorded: true, rate: 2 / 12 },
      { number: 4, registered: 3, waiting: 0, present: 0, excused: 0, absent: 0, recorded: false, rate: null },
    ]);
    expect(bilan.sessions.map((s) => formatRate(s.rate))).toEqual(["75\u202f%", "67\u202f%", "17\u202f%", "—"]);
    expect(bilan.sessions[0].when).toMatch(/9\u00a0h\u00a030 – 12\u00a0h$/);
  });

  it("adds the totals, the overall rate counting only sessions with attendance recorded", () => {
    expect(bilan.totals).toMatchObject({ registered: 22, waiting: 1, present: 7, excused: 1, absent: 2, attendees: 4 });
    expect(bilan.totals.rate).toBeCloseTo(7 / 19, 10);
    expect(formatRate(bilan.totals.rate)).toBe("37\u202f%");
  });

  it("breaks participants down by structure type, French labels, most frequent first, unknown last", () => {
    expect(bilan.structureTypes.map((l) => [l.label, l.count])).toEqual([
      ["Éducation", 12],
      ["Établissement ou professionnel de santé", 2],
      ["Collectivité", 1],
      ["Association", 1],
      ["Bailleur", 1],
      ["Habitant·e ou collectif d’habitants", 1],
      ["État / ARS", 0],
      ["Autre", 0],
      ["Non renseigné", 1],
    ]);
    expect(bilan.structureTypes.reduce((n, l) => n + l.count, 0)).toBe(bilan.totals.participants);
  });

  it("breaks participants down by territory: spellings merged, top 15, then the others, then unknown", () => {
    expect(bilan.territories.map((l) => [l.label, l.count])).toEqual([
      ["Rouen", 3],
      ...Array.from({ length: 14 }, (_, i) => [`Commune ${String(i + 1).padStart(2, "0")}`, 1]),
      ["Autres territoires (1)", 1],
      ["Non renseigné", 1],
    ]);
    expect(bilan.territories.reduce((n, l) => n + l.count, 0)).toBe(bilan.totals.participants);
  });

  it("lists only the people present at two sessions or more, by number of sessions", () => {
    expect(bilan.repeaters).toEqual({
      count: 2,
      groups: [
        { sessions: 3, size: 1, people: ["Alice Martin"] },
        { sessions: 2, size: 1, people: ["Bruno Petit"] },
      ],
    });
  });

  it("gives a rate of — when attendance is recorded but nobody was confirmed, and ignores draft sessions", () => {
    const other = memoryDb();
    seedIfEmpty(other, NOW);
    const series = other.select().from(t.series).where(eq(t.series.slug, DEMO_SLUG)).get()!;
    other
      .update(t.sessions)
      .set({ status: "draft" })
      .where(and(eq(t.sessions.seriesId, series.id), eq(t.sessions.number, 4)))
      .run();
    const b = seriesBilan(other, DEMO_SLUG)!;
    expect(b.sessions.map((s) => s.number)).toEqual([1, 2, 3]);
    expect(b.totals).toMatchObject({ registrations: 0, participants: 0, rate: null, attendees: 0 });
    expect(b.repeaters).toEqual({ count: 0, groups: [] });
    expect(b.territories).toEqual([]);
  });
});

/** A strict reader of the CSV we write: ";" separators, CRLF rows, "" inside quoted cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else cell += c;
      i++;
      continue;
    }
    if (c === '"' && cell === "") quoted = true;
    else if (c === ";") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else if (c === "\n" || c === "\r") throw new Error(`bare line break at ${i}`);
    else cell += c;
    i++;
  }
  if (cell !== "" || row.length) throw new Error("last row without CRLF");
  return rows;
}

describe("the CSV", () => {
  it("escapes cells: quotes doubled, separators and line breaks quoted, formulas neutralised", () => {
    expect(csvCell('Dit "bonjour"; au revoir')).toBe('"Dit ""bonjour""; au revoir"');
    expect(csvCell("deux\r\nlignes")).toBe('"deux\r\nlignes"');
    for (const f of ["=1+1", "+33 1 00", "-2", "@SUM(A1)"]) expect(csvCell(f)).toBe(`'${f}`);
    expect(csvCell(-2)).toBe("-2");
    expect(csvCell(null)).toBe("");
    expect(toCsv([["a", 1], []])).toBe("\uFEFFa;1\r\n\r\n");
  });

  it("has a BOM, CRLF rows and the report’s figures under French headers", () => {
    const csv = bilanCsv(bilan, "22/11/2026 10:00");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const rows = parseCsv(csv.slice(1));
    const value = (label: string) => rows.find((r) => r[0] === label)?.[1];
    expect(rows[0]).toEqual(["Bilan", bilan.series.title]);
    expect(value("Établi le")).toBe("22/11/2026 10:00");
    expect(value("Inscriptions (hors annulations)")).toBe("23");
    expect(value("Personnes distinctes inscrites")).toBe("19");
    expect(value("Personnes venues au moins une fois")).toBe("4");
    expect(value("Personnes venues à plusieurs rencontres")).toBe("2");
    expect(value("Taux de présence (%)")).toBe("36,8");

    const header = rows.findIndex((r) => r[0] === "Rencontre");
    expect(rows[header]).toEqual(BILAN_CSV_SESSION_HEADERS);
    const sessions = rows.slice(header + 1, header + 6);
    expect(sessions.map((r) => [r[0], ...r.slice(4)])).toEqual([
      ["RDV #1", "4", "0", "3", "1", "0", "75,0"],
      ["RDV #2", "3", "0", "2", "0", "1", "66,7"],
      ["RDV #3", "12", "1", "2", "0", "1", "16,7"],
      ["RDV #4", "3", "0", "0", "0", "0", "—"],
      ["Total", "22", "1", "7", "1", "2", "36,8"],
    ]);
    expect(sessions[0][2]).toBe(bilan.sessions[0].when.replace(/[\u00a0\u202f]/g, " "));

    const types = rows.findIndex((r) => r[0] === "Type de structure");
    expect(rows.slice(types + 1, types + 10)).toEqual(bilan.structureTypes.map((l) => [l.label, String(l.count)]));
    const territories = rows.findIndex((r) => r[0] === "Territoire" && r[1] === "Personnes");
    expect(rows.slice(territories + 1, territories + 18)).toEqual(bilan.territories.map((l) => [l.label, String(l.count)]));
    const repeat = rows.findIndex((r) => r[0] === "Rencontres suivies");
    expect(rows.slice(repeat + 1)).toEqual([
      ["3", "1"],
      ["2", "1"],
    ]);
    // Figures only: nobody's name is in the file.
    expect(csv).not.toMatch(/Alice|Martin|Bruno/);
  });

  it("neutralises a formula typed into a session title and quotes it", () => {
    const title = '=HYPERLINK("http://example.org";"clic")';
    const copy: Bilan = { ...bilan, sessions: bilan.sessions.map((s, i) => (i === 0 ? { ...s, title } : s)) };
    const rows = parseCsv(bilanCsv(copy, "x").slice(1));
    expect(rows.find((r) => r[0] === "RDV #1")![1]).toBe(`'${title}`);
  });
});

describe("the charts", () => {
  const chart = () =>
    renderToStaticMarkup(
      createElement(GroupedBarChart, {
        id: "rencontres",
        title: "Inscrits confirmés et présents par rencontre",
        description: "Une barre des inscrits puis une des présents.",
        categories: bilan.sessions.map((s) => `RDV #${s.number}`),
        categoryHeader: "Rencontre",
        series: [
          { key: "inscrits", label: "Inscrits confirmés", colour: "#1d4f91", values: bilan.sessions.map((s) => s.registered) },
          { key: "presents", label: "Présents", colour: "#a4500a", values: bilan.sessions.map((s) => s.present) },
        ],
      }),
    );

  it("is an image named by its title and described by its desc", () => {
    const html = chart();
    const svg = html.match(/<svg[^>]*>/)![0];
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-labelledby="rencontres-titre rencontres-desc"');
    expect(html).toContain('<title id="rencontres-titre">Inscrits confirmés et présents par rencontre</title>');
    expect(html).toContain('<desc id="rencontres-desc">Une barre des inscrits puis une des présents.</desc>');
  });

  it("draws one bar per session and series, heights in proportion to the figures", () => {
    const html = chart();
    const heights = (serie: string) =>
      [...html.matchAll(new RegExp(`<rect class="chart-bar" data-serie="${serie}"[^>]*height="([\\d.]+)"`, "g"))].map((m) => Number(m[1]));
    const registered = heights("inscrits");
    expect(registered).toHaveLength(bilan.sessions.length);
    expect(heights("presents")).toHaveLength(bilan.sessions.length);
    // 4, 3, 12, 3 registered
    const unit = registered[2] / 12;
    expect(unit).toBeGreaterThan(0);
    for (const [i, s] of bilan.sessions.entries()) expect(registered[i]).toBeCloseTo(s.registered * unit, 6);
    expect(heights("presents")[3]).toBe(0);
  });

  it("comes with the same figures as a table", () => {
    const html = chart();
    const table = html.slice(html.indexOf("<table"));
    const rows = [...table.matchAll(/<tr><th scope="row">([^<]+)<\/th><td class="num">(\d+)<\/td><td class="num">(\d+)<\/td><\/tr>/g)].map((m) => [
      m[1],
      Number(m[2]),
      Number(m[3]),
    ]);
    expect(rows).toEqual(bilan.sessions.map((s) => [`RDV #${s.number}`, s.registered, s.present]));
  });

  it("draws a horizontal bar per structure type, labelled, with its table", () => {
    const html = renderToStaticMarkup(
      createElement(HorizontalBarChart, {
        id: "structures",
        title: "Par type de structure",
        description: "Répartition",
        items: bilan.structureTypes.map((l) => ({ label: l.label, value: l.count })),
        labelHeader: "Type de structure",
        valueHeader: "Personnes",
      }),
    );
    expect(html).toMatch(/<svg role="img" aria-labelledby="structures-titre structures-desc"/);
    expect(html).toContain('<title id="structures-titre">Par type de structure</title>');
    expect(html.match(/<rect class="chart-bar"/g)).toHaveLength(bilan.structureTypes.length);
    expect(html).toContain("Habitant·e ou collectif d’habitants");
    expect(html.match(/<th scope="row">/g)).toHaveLength(bilan.structureTypes.length);
  });

  it("picks round axis bounds", () => {
    expect(niceScale(0)).toEqual({ max: 5, step: 1 });
    expect(niceScale(12)).toEqual({ max: 15, step: 5 });
    expect(niceScale(3)).toEqual({ max: 3, step: 1 });
    expect(niceScale(230)).toEqual({ max: 250, step: 50 });
  });
});
