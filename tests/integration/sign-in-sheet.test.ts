// The sign-in sheet (« feuille d’émargement »): built from a series file and real registrations, then
// read back with pdfjs-dist. Names with accents, œ and ’ come back as typed; lines are sorted the
// French way; 300 registrants break over pages that each repeat the heading and the column
// headers and carry "Page n / N"; every name appears once; blank lines follow; the file stays small.
// Online sessions, sessions nobody comes to on site and unknown sessions get a French sentence.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { NO_SHEET_EMPTY, NO_SHEET_ONLINE, renderSignInSheet, signInSheetFor } from "~/documents/sign-in-sheet.server";
import { register, type ParticipantInput } from "~/registration/registrations.server";
import { toUtcIso } from "~/utils/dates.server";
import type { AppDatabase } from "~/utils/db.server";
import { NOW, importOrThrow, memoryDb } from "../helpers/db";
import { participantInput } from "../helpers/people";
import { pdfItemPages as pdfPages } from "../helpers/pdf";
import { fileSession, seriesFile } from "../helpers/series-file";

const nowIso = toUtcIso(NOW);
const venue = { name: "Maison des associations", address: "12 rue de l’Hôpital, 76000 Rouen" };

function setup() {
  const db = memoryDb();
  importOrThrow(
    db,
    seriesFile({
      slug: "journees-prevention",
      title: "Journées « prévention » du Pays d’Auge",
      organisations: [
        { key: "ireps", name: "Promotion Santé Normandie", role: "organiser" },
        { key: "ars-normandie", name: "ARS Normandie", role: "funder" },
        { key: "ville-lisieux", name: "Ville de Lisieux", role: "funder" },
      ],
      sessions: [
        fileSession(1, "Journée départementale", "2026-12-10T09:30", "2026-12-10T16:30", { mode: "in-person", venue }),
        fileSession(2, "Atelier hybride", "2026-12-11T14:00", "2026-12-11T17:00", { mode: "hybrid", venue }),
        fileSession(3, "Webinaire", "2026-12-12T14:00", "2026-12-12T15:00"),
        fileSession(4, "Séance sans inscrits", "2026-12-13T14:00", "2026-12-13T15:00", { mode: "in-person", venue }),
      ],
    }),
    { nowIso },
  );
  const series = db.select().from(t.series).where(eq(t.series.slug, "journees-prevention")).get()!;
  const sessions = db.select().from(t.sessions).where(eq(t.sessions.seriesId, series.id)).orderBy(t.sessions.number).all();
  return { db, series, sessions };
}

function person(email: string, firstName: string, lastName: string, organisation: string | null = null): ParticipantInput {
  return { ...participantInput(email, firstName, lastName), organisation };
}

function registerOrThrow(db: AppDatabase, seriesId: number, sessionId: number, p: ParticipantInput, participation?: string) {
  const r = register(db, {
    seriesId,
    sessionIds: [sessionId],
    participant: p,
    nowIso,
    participation: participation ? { [sessionId]: participation } : undefined,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
}

async function sheetPages(db: AppDatabase, number: number) {
  const outcome = signInSheetFor(db, "journees-prevention", number);
  if (!outcome.ok) throw new Error(outcome.message);
  const bytes = await renderSignInSheet(outcome.sheet);
  return { bytes, pages: await pdfPages(bytes), sheet: outcome.sheet };
}

describe("the sign-in sheet", () => {
  it("lists confirmed on-site registrants by name, French collation, accents and ’ read back as typed", async () => {
    const { db, series, sessions } = setup();
    const s1 = sessions[0];
    registerOrThrow(db, series.id, s1.id, person("zoe@example.org", "Zoé", "Œuvray", "CCAS de Lisieux"));
    registerOrThrow(db, series.id, s1.id, person("helene@example.org", "Hélène", "Lefèvre", "Atelier santé ville « Hauts-de-Rouen »"));
    registerOrThrow(db, series.id, s1.id, person("jeanne@example.org", "Jeanne", "d’Arc", "Mairie de Domrémy"));
    registerOrThrow(db, series.id, s1.id, person("eloise@example.org", "Éloïse", "Durand"));
    registerOrThrow(db, series.id, s1.id, person("adele@example.org", "Adèle", "Durand", "Conseil départemental"));
    registerOrThrow(db, series.id, s1.id, person("cancelled@example.org", "Annulée", "Aaron"));
    db.update(t.registrations).set({ status: "cancelled" }).where(eq(t.registrations.participantId, 6)).run();

    const { pages, sheet } = await sheetPages(db, 1);
    expect(pages).toHaveLength(1);
    const [page] = pages;
    expect(page).toContain("Feuille d’émargement");
    expect(page).toContain("Journées « prévention » du Pays d’Auge");
    expect(page).toContain("RDV #1 — Journée départementale");
    expect(page).toContain("Jeudi 10 décembre 2026, 9 h 30 – 16 h 30");
    expect(page).toContain("Lieu : Maison des associations, 12 rue de l’Hôpital, 76000 Rouen");
    expect(page).toContain("Organisé par : Promotion Santé Normandie");
    expect(page).toContain("Avec le soutien financier de : ARS Normandie, Ville de Lisieux");
    expect(page).toMatch(/N° Nom et prénom Structure Signature/);
    expect(page).toContain("Page 1 / 1");
    // d’Arc sorts under A, Adèle before Éloïse Durand, Œuvray under O (œ as "oe").
    const order = ["d’Arc Jeanne", "Durand Adèle", "Durand Éloïse", "Lefèvre Hélène", "Œuvray Zoé"];
    const at = order.map((name) => page.indexOf(name));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // A structure's name may wrap over the row's two lines (spaces aside, it is all there).
    expect(page.replace(/\s+/g, "")).toContain("Ateliersantéville«Hauts-de-Rouen»");
    expect(page).not.toContain("Aaron");
    // Five names, then the blank lines numbered on: at least ten of them.
    expect(sheet.lines).toHaveLength(5);
    expect(page).toMatch(/5 Œuvray Zoé CCAS de Lisieux 6 7 8 9 10 11 12 13 14 15/);
  });

  it("breaks 300 registrants over pages that repeat the heading and number themselves, each name once", async () => {
    const { db, series, sessions } = setup();
    const s1 = sessions[0];
    const names = Array.from({ length: 300 }, (_, i) => ({ first: `Prénom${String(i).padStart(3, "0")}`, last: `Nom${String(299 - i).padStart(3, "0")}` }));
    names.forEach((n, i) => registerOrThrow(db, series.id, s1.id, person(`p${i}@example.org`, n.first, n.last, `Structure ${i}`)));

    const { bytes, pages } = await sheetPages(db, 1);
    expect(pages.length).toBeGreaterThan(10);
    pages.forEach((page, i) => {
      expect(page).toContain("Feuille d’émargement");
      expect(page).toContain("RDV #1 — Journée départementale");
      expect(page).toMatch(/N° Nom et prénom Structure Signature/);
      expect(page).toContain(`Page ${i + 1} / ${pages.length}`);
    });
    const all = pages.join("\n");
    for (const n of names) expect(all.split(`${n.last} ${n.first}`).length - 1).toBe(1);
    // Sorted by last name: Nom000 (the last registered) first, Nom299 last.
    expect(all.indexOf("Nom000 Prénom299")).toBeLessThan(all.indexOf("Nom001 Prénom298"));
    expect(all.indexOf("Nom298 Prénom001")).toBeLessThan(all.indexOf("Nom299 Prénom000"));
    // At least 30 blank lines after the 300 names (10 % of them), numbered on.
    expect(pages.at(-1)).toMatch(/ 330 /);
    expect(bytes.length).toBeLessThan(200 * 1024);
  });

  it("of a hybrid session, lists only those who come on site", async () => {
    const { db, series, sessions } = setup();
    const s2 = sessions[1];
    registerOrThrow(db, series.id, s2.id, person("sur-place@example.org", "Sacha", "Présent"), "onsite");
    registerOrThrow(db, series.id, s2.id, person("distance@example.org", "Dominique", "Lointain"), "remote");
    const { pages } = await sheetPages(db, 2);
    expect(pages[0]).toContain("Présent Sacha");
    expect(pages[0]).not.toContain("Lointain");
  });

  it("is refused with a French sentence for an online session, an empty session or an unknown one, and changes nothing", () => {
    const { db, series, sessions } = setup();
    registerOrThrow(db, series.id, sessions[2].id, person("web@example.org", "Wendy", "Web"));
    const before = JSON.stringify([db.select().from(t.registrations).all(), db.select().from(t.outbox).all(), db.select().from(t.auditLog).all()]);
    expect(signInSheetFor(db, "journees-prevention", 3)).toEqual({ ok: false, status: 409, message: NO_SHEET_ONLINE });
    expect(signInSheetFor(db, "journees-prevention", 4)).toEqual({ ok: false, status: 409, message: NO_SHEET_EMPTY });
    const unknown = signInSheetFor(db, "journees-prevention", 9);
    expect(unknown).toMatchObject({ ok: false, status: 404 });
    expect(signInSheetFor(db, "pas-de-serie", 1)).toMatchObject({ ok: false, status: 404 });
    expect(JSON.stringify([db.select().from(t.registrations).all(), db.select().from(t.outbox).all(), db.select().from(t.auditLog).all()])).toBe(before);
  });
});
