// The programme item editor: speakers picked or typed in place (new people and organisations made
// with the item, in one transaction), reused when already known, any number of them, round-table
// roles; a refused item creates nothing and every problem comes back under its form field.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { DEMO_SLUG } from "../../db/seed/demo-series";
import { ensureAdmin } from "~/accounts/accounts.server";
import { readItemForm, saveProgrammeItem, sameName } from "~/series/programme-editor.server";
import { loadDoc } from "~/series/series-editor.server";
import { seedIfEmpty } from "~/server/seed.server";
import { toUtcIso } from "~/utils/dates.server";
import { addRow, blankRow, itemForm, type ItemForm, type SpeakerRow } from "~/utils/programme-form";
import { NOW, memoryDb } from "../helpers/db";

function setup() {
  const db = memoryDb();
  seedIfEmpty(db, NOW);
  ensureAdmin(db, "admin@example.org");
  const admin = db.select().from(t.accounts).get()!;
  const counts = () => ({ people: db.select().from(t.people).all().length, organisations: db.select().from(t.organisations).all().length });
  /** Saves a new item at the end of the demo series' session `number`. */
  const save = (number: number, item: ItemForm) => saveProgrammeItem(db, admin, { slug: DEMO_SLUG, number, index: "new" }, item, toUtcIso(NOW));
  return { db, counts, save };
}

const picked = (who: string, part: SpeakerRow["speakerRole"]): SpeakerRow => ({ ...blankRow(part), who });
const typed = (firstName: string, lastName: string, role: string, organisation: string, part: SpeakerRow["speakerRole"]): SpeakerRow => ({
  ...blankRow(part),
  firstName,
  lastName,
  role,
  organisation,
});
const form = (over: Partial<ItemForm>): ItemForm => ({
  ...itemForm(undefined, "round-table"),
  start: "11:00",
  end: "12:00",
  title: "Table ronde – Qui accompagne les jeunes ?",
  ...over,
});

describe("programme item editor", () => {
  it("saves a round table whose speakers are picked or typed in place: new people and organisation created, known ones reused", () => {
    const { db, counts, save } = setup();
    const before = counts();
    const r = save(
      3,
      form({
        speakers: [
          picked("p:demo-claire-martin", "moderator"),
          picked("p:demo-karim-benali", "panellist"),
          // New person, new organisation.
          typed("Léa", "Fontaine", "Sage-femme", "Centre hospitalier d’Évreux", "panellist"),
          // Already in the series: same name and organisation once accents and case are set aside.
          typed("sophie", "LEROY", "", "promotion sante normandie", "panellist"),
          // In another series' directory (ARS Normandie, typed by its short name): reused, joins this series.
          typed("Christelle", "Gougeon", "", "ARS Normandie", "panellist"),
          blankRow("panellist"),
        ],
      }),
    );
    expect(r).toEqual({ ok: true, index: 3 });
    expect(counts()).toEqual({ people: before.people + 1, organisations: before.organisations + 1 });

    const doc = loadDoc(db, DEMO_SLUG)!;
    const item = doc.sessions.find((s) => s.number === 3)!.programme![3];
    expect(item).toMatchObject({ kind: "round-table", title: "Table ronde – Qui accompagne les jeunes ?", start: "11:00", end: "12:00" });
    expect(item.speakers).toEqual([
      { person: "demo-claire-martin", part: "moderator" },
      { person: "demo-karim-benali", part: "panellist" },
      { person: "lea-fontaine", part: "panellist" },
      { person: "demo-sophie-leroy", part: "panellist" },
      { person: "christelle-gougeon", part: "panellist" },
    ]);
    expect(doc.people.find((p) => p.key === "lea-fontaine")).toEqual({
      key: "lea-fontaine",
      name: "Léa Fontaine",
      role: "Sage-femme",
      organisation: "centre-hospitalier-d-evreux",
    });
    expect(doc.organisations.find((o) => o.key === "centre-hospitalier-d-evreux")).toMatchObject({ name: "Centre hospitalier d’Évreux", role: "contributor" });
    // The reused person keeps their entry (their job title and organisation), now in this series too.
    expect(doc.people.find((p) => p.key === "christelle-gougeon")).toMatchObject({ role: "Direction de la santé publique", organisation: "ars-normandie" });
    expect(loadDoc(db, "rdv-sante-qpv-seine-maritime-2022")!.people.find((p) => p.key === "christelle-gougeon")).toMatchObject({
      role: "Direction de la santé publique",
    });

    // Typed again for another item, Léa Fontaine is found, not made twice.
    const again = save(
      4,
      form({ kind: "talk", title: "Le suivi des jeunes mères", speakers: [typed("Lea", "Fontaine", "", "Centre hospitalier d’Evreux", "speaker")] }),
    );
    expect(again.ok).toBe(true);
    expect(counts()).toEqual({ people: before.people + 1, organisations: before.organisations + 1 });
  });

  it("takes any number of speakers (six new people here), each once even when typed twice", () => {
    const { db, counts, save } = setup();
    const before = counts();
    const names = ["Ana Costa", "Bruno Petit", "Chloé Roux", "David Mercier", "Emma Girard", "Farid Haddad"];
    const rows = names.map((n) => typed(n.split(" ")[0], n.split(" ")[1], "Médiatrice santé", "", "speaker"));
    const r = save(1, form({ kind: "talks", title: "Six regards de terrain", speakers: [...rows, typed("ana", "costa", "", "", "speaker")] }));
    expect(r.ok).toBe(true);
    const item = loadDoc(db, DEMO_SLUG)!.sessions[0].programme!.at(-1)!;
    expect(item.speakers).toHaveLength(7);
    expect(new Set(item.speakers!.map((s) => s.person)).size).toBe(6);
    expect(counts().people).toBe(before.people + 6);
  });

  it("refuses a wrong item whole: nothing created, each problem under its field (the file’s rules included)", () => {
    const { db, counts, save } = setup();
    const before = counts();
    const programmeBefore = loadDoc(db, DEMO_SLUG)!.sessions[2].programme;
    const r = save(
      3,
      form({
        title: "",
        end: "10:00",
        speakers: [
          typed("Léa", "Fontaine", "Sage-femme", "Centre hospitalier d’Évreux", "moderator"),
          { ...typed("Jean", "", "Médecin", "", "panellist") },
          { ...picked("p:demo-karim-benali", "panellist"), lastName: "Benali" },
          typed("Zoé", "Marchand", "", "x".repeat(301), "panellist"),
          picked("p:personne-inconnue", "panellist"),
        ],
        parts: [{ title: "", kind: "", description: "", speakers: [typed("Paul", "Durand", "", "", "speaker")] }],
      }),
    );
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toEqual({
      title: "ne doit pas être vide",
      "speaker.1.lastName": "indiquez le nom de la nouvelle personne (ou choisissez-la dans la liste)",
      "speaker.2.who": "choisissez une personne dans la liste ou saisissez une nouvelle personne, pas les deux",
      "speaker.3.organisation": "ne doit pas dépasser 300 caractères",
      "part.0.title": "donnez un titre à la partie, ou videz ses champs",
    });
    expect(!r.ok && r.others).toEqual([]);
    expect(counts()).toEqual(before);
    expect(loadDoc(db, DEMO_SLUG)!.sessions[2].programme).toEqual(programmeBefore);
    expect(db.select().from(t.auditLog).where(eq(t.auditLog.action, "update")).all()).toHaveLength(0);
  });

  it("once the shape is right, the file’s meaning is checked too: times in order, people that exist", () => {
    const { counts, save } = setup();
    const before = counts();
    const r = save(
      3,
      form({
        end: "10:00",
        speakers: [
          typed("Léa", "Fontaine", "", "Centre hospitalier d’Évreux", "moderator"),
          typed("Jean", "", "Médecin", "", "panellist"),
          picked("p:personne-inconnue", "panellist"),
        ],
      }),
    );
    expect(!r.ok && r.errors).toEqual({
      end: "doit être après le début de l’élément (start)",
      "speaker.1.lastName": "indiquez le nom de la nouvelle personne (ou choisissez-la dans la liste)",
      "speaker.2.who": "la personne « personne-inconnue » n’est pas déclarée dans people",
    });
    expect(counts()).toEqual(before);
  });

  it("a file problem of a new person comes back next to that row (a name too long)", () => {
    const { counts, save } = setup();
    const before = counts();
    const r = save(3, form({ speakers: [picked("p:demo-claire-martin", "moderator"), typed("Léa", "F".repeat(200), "", "", "panellist")] }));
    expect(!r.ok && r.errors).toEqual({ "speaker.1.lastName": "ne doit pas dépasser 200 caractères" });
    expect(counts()).toEqual(before);
  });

  it("reads the posted form (rows ticked « Retirer » left out) and adds rows with the round table’s roles", () => {
    const f = new FormData();
    for (const [k, v] of Object.entries({ kind: "round-table", title: "T", start: "", end: "", description: "" })) f.set(k, v);
    const rows = [
      { who: "p:a", part: "moderator" },
      { who: "p:b", part: "panellist", remove: "oui" },
      { who: "", part: "panellist", firstName: "Léa", lastName: "Fontaine", role: "", organisation: "CH" },
    ];
    rows.forEach((row, i) => Object.entries(row).forEach(([k, v]) => f.set(`speaker.${i}.${k}`, v)));
    f.set("part.0.title", "");
    f.set("part.0.speaker.0.who", "");
    const read = readItemForm(f);
    expect(read.speakers.map((s) => [s.who, s.speakerRole, s.lastName])).toEqual([
      ["p:a", "moderator", ""],
      ["", "panellist", "Fontaine"],
    ]);
    expect(read.parts).toHaveLength(1);
    expect(addRow(read, "speaker.").speakers.at(-1)).toEqual(blankRow("panellist"));
    expect(itemForm(undefined, "round-table").speakers.map((s) => s.speakerRole)).toEqual(["moderator", "panellist"]);
    expect(addRow(read, "part.0.speaker.").parts[0].speakers).toHaveLength(2);
    expect(sameName("  Centre hospitalier d’Évreux ")).toBe(sameName("centre HOSPITALIER d’evreux"));
  });
});
