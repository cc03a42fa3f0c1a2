// The resource library on the model: full-text search (accents, plurals, no result, highlights that
// stay text), RIS and BibTeX of references stored before their structured fields, read back by small
// parsers (structured references, read by citation-js: references.test.ts), who sees what (public,
// registrants only, unpublished, drafts), the series file with the library's fields (round trip, ids
// and files kept across re-imports), and the "recording available" email sent once through a real
// SMTP server.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { and, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { DEMO_SLUG } from "../../db/seed/demo-series";
import { Highlight } from "~/components/Highlight";
import { getSeriesPage, getSessionPage } from "~/series/catalog.server";
import { MARK_END, MARK_START, ftsQuery, library, readFilters } from "~/resources/library.server";
import { createPersonalLink } from "~/registration/participants.server";
import { cancelRegistrations, register } from "~/registration/registrations.server";
import { deriveKeys, keysToExport } from "~/resources/keys";
import { RECORDING_WITHDRAWN } from "~/resources/recording-emails.server";
import { checkResource, saveResource, setPublished } from "~/resources/resource-saving.server";
import { resourcePage, visibleResources } from "~/resources/resource-views.server";
import { visibleResourceRow } from "~/resources/visibility.server";
import { seedIfEmpty } from "~/server/seed.server";
import { loadDoc, saveDoc } from "~/series/series-editor.server";
import { exportSeries } from "~/series-file/series-export.server";
import { parseSeriesFile } from "~/series-file/series-format.server";
import { importSeries } from "~/series-file/series-import.server";
import { sniff } from "~/resources/uploads.server";
import { toUtcIso } from "~/utils/dates.server";
import { openDatabase, type AppDatabase } from "~/utils/db.server";
import { migrationsFolder } from "~/utils/paths.server";
import { toBibtex, toRis, referenceText } from "~/utils/references";
import { NOW, fixture, memoryDb } from "../helpers/db";
import { participantInput } from "../helpers/people";
import { dispatchTo, smtpForSuite } from "../helpers/smtp";
import { nowIso as clockNow } from "~/utils/now.server";

const nowIso = toUtcIso(NOW);
const APP = "https://rdv.example.org";
const ARCHIVED = "rdv-sante-qpv-seine-maritime-2022";

function seeded() {
  const db = memoryDb();
  seedIfEmpty(db, NOW);
  return db;
}

const search = (db: AppDatabase, query: Record<string, string>) => library(db, readFilters(new URL(`http://x/ressources?${new URLSearchParams(query)}`)));
const titles = (lib: ReturnType<typeof library>) => lib.results.map((r) => r.title);
const byKey = (db: AppDatabase, key: string) => db.select().from(t.resources).where(eq(t.resources.key, key)).get()!;

function admin(db: AppDatabase) {
  db.insert(t.accounts).values({ email: "orga@example.org", role: "admin" }).run();
  return db.select().from(t.accounts).where(eq(t.accounts.email, "orga@example.org")).get()!;
}

describe("searching the library (SQLite FTS5, French)", () => {
  it("finds « déterminants » when typed without accents, and highlights the word as written", () => {
    const db = seeded();
    const lib = search(db, { q: "determinants" });
    expect(titles(lib)).toContain("Bibliographie sélective : Agir sur les déterminants de la santé");
    const hit = lib.results.find((r) => r.title.startsWith("Bibliographie sélective : Agir"))!;
    expect(hit.match!.title).toBe(`Bibliographie sélective : Agir sur les ${MARK_START}déterminants${MARK_END} de la santé`);
    // The best match (in the title) comes first.
    expect(lib.results[0].id).toBe(hit.id);
  });

  it("finds the plural from the singular and the singular from the plural", () => {
    const db = seeded();
    expect(titles(search(db, { q: "déterminant" }))).toContain("Bibliographie sélective : Agir sur les déterminants de la santé");
    // "bibliographies" finds the titles that say "Bibliographie".
    const plural = titles(search(db, { q: "Bibliographies" }));
    expect(plural).toEqual(
      expect.arrayContaining([
        "Bibliographie sélective : Agir sur les déterminants de la santé",
        "Bibliographie sélective : repérer la souffrance psychique des jeunes",
      ]),
    );
    // "notes statistiques" finds the three "Note statistique …" of 2021.
    const notes = search(db, { q: "notes statistiques" });
    expect(notes.results.filter((r) => r.type === "statistical-note")).toHaveLength(3);
    expect(notes.results.every((r) => r.type === "statistical-note")).toBe(true);
  });

  it("requires every word, searches authors, references and transcripts, and says when nothing matches", () => {
    const db = seeded();
    expect(titles(search(db, { q: "ORS-CREAI statistique Dieppoise" }))).toEqual(["Note statistique — Communauté d’agglomération Région Dieppoise"]);
    // A reference's author inside a bibliography, and a word of a transcript.
    expect(titles(search(db, { q: "Whitehead" }))).toEqual(["Bibliographie sélective : repérer la souffrance psychique des jeunes"]);
    const excerpt = search(db, { q: "Whitehead" }).results[0].match!.excerpt!;
    expect(excerpt).toContain(`${MARK_START}Whitehead${MARK_END}`);
    expect(titles(search(db, { q: "décrochage scolaire" }))).toEqual(["Enregistrement du RDV #1 — Repérer la souffrance psychique des jeunes"]);
    const none = search(db, { q: "ornithorynque" });
    expect(none.results).toEqual([]);
    expect(none.searched).toBe(true);
    // Only stop words: nothing to search for, everything is shown.
    const common = search(db, { q: "de la" });
    expect(common.emptyQuery).toBe(true);
    expect(common.results.length).toBe(common.total);
  });

  it("turns any query into a safe FTS5 expression (quotes, operators, punctuation)", () => {
    expect(ftsQuery('santé "mentale" OR NEAR(x) jeux')).toBe('"sante"* "mentale"* "or"* "near"* "jeu"*');
    expect(ftsQuery("l’alimentation")).toBe('"alimentation"*');
    expect(ftsQuery("   ")).toBeNull();
    const db = seeded();
    for (const q of ['"', "*", "AND", "(", "NOT déterminants", "col:val", "^santé"]) expect(() => search(db, { q })).not.toThrow();
  });

  it("filters by type, series, session, theme and year, and combines filters with the search", () => {
    const db = seeded();
    expect(search(db, { type: "bibliography" }).results.every((r) => r.type === "bibliography")).toBe(true);
    expect(search(db, { type: "bibliography" }).results).toHaveLength(4);
    expect(search(db, { serie: DEMO_SLUG }).results.map((r) => r.series.slug)).toEqual([DEMO_SLUG, DEMO_SLUG]);
    const rdv1 = db.select().from(t.sessions).where(eq(t.sessions.slug, "rdv-1-politiques-regionales")).get()!;
    expect(search(db, { session: String(rdv1.id) }).results).toHaveLength(6);
    expect(titles(search(db, { theme: "Santé mentale" }))).toHaveLength(2);
    expect(search(db, { annee: "2021" }).results.map((r) => r.type)).toEqual(["statistical-note", "statistical-note", "statistical-note"]);
    expect(titles(search(db, { q: "santé", type: "video" })).every((x) => x.startsWith("Vidéo"))).toBe(true);
    const lib = search(db, {});
    expect(lib.options.years).toEqual(expect.arrayContaining([2026, 2022, 2021]));
    expect(lib.options.themes).toEqual(expect.arrayContaining(["santé mentale", "jeunes"]));
  });

  it("shows matches as text: markup in a title is never HTML", () => {
    const db = memoryDb();
    const f = fixture();
    f.resources[0].title = "<img src=x onerror=alert(1)> Les déterminants <b>gras</b>";
    expect(importSeries(db, f, { nowIso: clockNow() }).ok).toBe(true);
    const hit = search(db, { q: "determinants" }).results.find((r) => r.title.startsWith("<img"))!;
    const html = renderToStaticMarkup(createElement(Highlight, { text: hit.match!.title }));
    expect(html).toBe("<span>&lt;img src=x onerror=alert(1)&gt; Les </span><mark>déterminants</mark><span> &lt;b&gt;gras&lt;/b&gt;</span>");
  });
});

// ---- RIS and BibTeX, read back ----

type RisRecord = Record<string, string[]>;
function parseRis(text: string): RisRecord[] {
  const records: RisRecord[] = [];
  let current: RisRecord | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const m = /^([A-Z][A-Z0-9]) {2}- ?(.*)$/.exec(line);
    if (!m) throw new Error(`ligne RIS invalide : ${JSON.stringify(line)}`);
    const [, tag, value] = m;
    if (tag === "TY") current = { TY: [value] };
    else if (!current) throw new Error("champ hors d’une notice");
    else if (tag === "ER") {
      records.push(current);
      current = null;
    } else (current[tag] ??= []).push(value);
  }
  if (current) throw new Error("notice non terminée (ER manquant)");
  return records;
}

type BibEntry = { type: string; key: string; fields: Record<string, string> };
function parseBibtex(text: string): BibEntry[] {
  const entries: BibEntry[] = [];
  let i = 0;
  const braced = (): string => {
    if (text[i] !== "{") throw new Error(`accolade attendue à ${i}`);
    let depth = 0;
    const start = i + 1;
    for (; i < text.length; i++) {
      if (text[i] === "\\") {
        i++;
        continue;
      }
      if (text[i] === "{") depth++;
      else if (text[i] === "}" && --depth === 0) return text.slice(start, i++);
    }
    throw new Error("accolade non fermée");
  };
  while ((i = text.indexOf("@", i)) >= 0) {
    const head = /^@(\w+)\{([^,\s]+),/.exec(text.slice(i))!;
    i += head[0].length;
    const fields: Record<string, string> = {};
    for (;;) {
      const m = /^\s*(\w+)\s*=\s*/.exec(text.slice(i));
      if (!m) break;
      i += m[0].length;
      fields[m[1]] = braced();
      const sep = /^\s*,?/.exec(text.slice(i))!;
      i += sep[0].length;
    }
    if (!/^\s*\}/.test(text.slice(i))) throw new Error(`fin de notice attendue à ${i}`);
    i = text.indexOf("}", i) + 1;
    entries.push({ type: head[1], key: head[2], fields });
  }
  return entries;
}
/** Undoes the TeX escapes and the protective braces. */
const untex = (v: string) =>
  v
    .replace(/\\textbackslash\{\}/g, "\\")
    .replace(/\\textasciitilde\{\}/g, "~")
    .replace(/\\textasciicircum\{\}/g, "^")
    .replace(/\\([{}&%$#_])/g, "$1")
    .replace(/^\{(.*)\}$/s, "$1");
const bibAuthors = (v: string) => v.split(" and ").map((a) => untex(a.trim()));

describe("bibliographies: one style, RIS and BibTeX exports", () => {
  // References as stored before their structured fields (volume, pages, book title…) existed: they
  // keep their display and exports. The structured fields: tests/integration/references.test.ts.
  const refs: t.Reference[] = [
    {
      kind: "article",
      authors: ["Whitehead, M.", "Dahlgren, G."],
      year: 1991,
      title: "What can be done about inequalities in health?",
      container: "The Lancet, 338(8774), 1059-1063",
    },
    {
      authors: ["Breton, É."],
      year: 2015,
      title: "Une idée reçue",
      container: "V. Ridde & F. Ouattara (dir.), chap. 29",
      publisher: "Presses de l’Université de Montréal",
    },
    {
      kind: "report",
      authors: ["ORS-CREAI Normandie"],
      year: 2021,
      title: "Taux de 50 % {brut} & indicateurs_locaux #2 ~ ^",
      publisher: "ORS",
      url: "https://orscreainormandie.org/a_b?x=1&y=2",
      note: "Coût : 10 $\\an",
    },
    { title: "Sans auteur ni année" },
  ];

  it("formats every reference the same way (authors (year). title. container. publisher.)", () => {
    expect(refs.map(referenceText)).toEqual([
      "Whitehead, M. et Dahlgren, G. (1991). What can be done about inequalities in health? The Lancet, 338(8774), 1059-1063.",
      "Breton, É. (2015). Une idée reçue. Dans V. Ridde & F. Ouattara (dir.), chap. 29. Presses de l’Université de Montréal.",
      "ORS-CREAI Normandie (2021). Taux de 50 % {brut} & indicateurs_locaux #2 ~ ^. ORS. https://orscreainormandie.org/a_b?x=1&y=2 (Coût : 10 $\\an.)",
      "(s. d.). Sans auteur ni année.",
    ]);
  });

  it("exports RIS that parses back to the same references", () => {
    const records = parseRis(toRis(refs, { title: "Bibliographie de test", url: "https://rdv.example.org/ressources/1" }));
    expect(records.map((r) => r.TY[0])).toEqual(["JOUR", "CHAP", "RPRT", "GEN"]);
    records.forEach((r, i) => {
      expect(r.AU ?? []).toEqual(refs[i].authors ?? []);
      expect(r.PY?.[0]).toBe(refs[i].year ? String(refs[i].year) : undefined);
      expect(r.TI).toEqual([refs[i].title]);
      expect(r.PB?.[0]).toBe(refs[i].publisher);
      expect(r.UR?.[0]).toBe(refs[i].url);
      expect((r.JO ?? r.T2)?.[0]).toBe(refs[i].container);
      if (refs[i].note) expect(r.N1).toContain(refs[i].note);
    });
  });

  it("exports BibTeX that parses back to the same references, special characters escaped", () => {
    const text = toBibtex(refs, { title: "Bibliographie de test" });
    const entries = parseBibtex(text);
    expect(entries.map((e) => e.type)).toEqual(["article", "incollection", "techreport", "misc"]);
    expect(new Set(entries.map((e) => e.key)).size).toBe(4);
    expect(entries[0].key).toBe("whitehead1991what");
    entries.forEach((e, i) => {
      const r = refs[i];
      expect(untex(e.fields.title)).toBe(r.title);
      expect(e.fields.author ? bibAuthors(e.fields.author) : []).toEqual(r.authors ?? []);
      expect(e.fields.year).toBe(r.year ? String(r.year) : undefined);
      const container = e.fields.journal ?? e.fields.booktitle;
      expect(container ? untex(container) : undefined).toBe(r.container);
      const publisher = e.fields.publisher ?? e.fields.institution;
      expect(publisher ? untex(publisher) : undefined).toBe(r.publisher);
      expect(e.fields.note ? untex(e.fields.note) : undefined).toBe(r.note);
    });
    // An organisation is one name (in braces), not a family name and initials.
    expect(entries[2].fields.author).toBe("{ORS-CREAI Normandie}");
    // No unescaped TeX special character is left in a value.
    expect(entries[2].fields.title).not.toMatch(/(^|[^\\])[%&#_$]/);
  });

  it("serves the exports of a bibliography only, under the same visibility rules", () => {
    const db = seeded();
    const bib = byKey(db, "references-citees-lors-du-rdv-1");
    const row = visibleResourceRow(db, bib.id, { kind: "public" })!;
    expect(parseRis(toRis(row.references, { title: row.title }))).toHaveLength(2);
    expect(resourcePage(db, bib.id, { kind: "public" })!.exports).toEqual({ ris: `/ressources/${bib.id}.ris`, bib: `/ressources/${bib.id}.bib` });
    expect(resourcePage(db, byKey(db, "rdv-1-enregistrement").id, { kind: "public" })!.exports).toBeNull();
  });
});

// ---- Visibility ----

const person = (email: string) => participantInput(email, "Aïcha", "Martin");
const before = (days: number) => toUtcIso(NOW.minus({ days }));

function registerTo(db: AppDatabase, slug: string, numbers: number[], email: string, at = before(20)) {
  const series = db.select().from(t.series).where(eq(t.series.slug, slug)).get()!;
  const sessions = db.select().from(t.sessions).where(eq(t.sessions.seriesId, series.id)).all();
  const r = register(db, {
    seriesId: series.id,
    sessionIds: sessions.filter((s) => numbers.includes(s.number)).map((s) => s.id),
    participant: person(email),
    nowIso: at,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r;
}

describe("who sees what", () => {
  it("never shows a registrants-only resource to anonymous visitors: library, search, pages, series and session pages", () => {
    const db = seeded();
    const slides = byKey(db, "rdv-1-diaporama-signes");
    expect(slides.visibility).toBe("registrants");
    expect(visibleResources(db, { kind: "public" }).map((r) => r.id)).not.toContain(slides.id);
    expect(titles(search(db, { q: "diaporama signes alerter" }))).not.toContain(slides.title);
    expect(resourcePage(db, slides.id, { kind: "public" })).toBeNull();
    expect(visibleResourceRow(db, slides.id, { kind: "public" })).toBeNull();
    const page = getSeriesPage(db, DEMO_SLUG, nowIso)!;
    expect(JSON.stringify(page)).not.toContain(slides.title);
    expect(page.registrantsOnlyResources).toBe(true);
    expect(page.resources.map((r) => r.title)).toEqual([
      "Enregistrement du RDV #1 — Repérer la souffrance psychique des jeunes",
      "Bibliographie sélective : repérer la souffrance psychique des jeunes",
    ]);
    expect(JSON.stringify(getSessionPage(db, DEMO_SLUG, "rdv-1-reperer", nowIso))).not.toContain(slides.title);
  });

  it("shows it through the personal link of someone registered in that series, and to no one else", () => {
    const db = seeded();
    const slides = byKey(db, "rdv-1-diaporama-signes");
    const inSeries = registerTo(db, DEMO_SLUG, [2], "inscrite@example.org", nowIso);
    // Someone registered in another series only.
    const other = importSeries(
      db,
      {
        format: "rendez-vous.series/1",
        slug: "autre-serie",
        title: "Une autre série",
        timezone: "Europe/Paris",
        status: "published",
        sessions: [{ number: 1, slug: "rdv-1", title: "Rencontre", start: "2026-12-15T09:30", end: "2026-12-15T12:00" }],
      },
      { nowIso: clockNow() },
    );
    expect(other.ok).toBe(true);
    const elsewhere = registerTo(db, "autre-serie", [1], "ailleurs@example.org", nowIso);
    const cancelled = registerTo(db, DEMO_SLUG, [2], "annulee@example.org", nowIso);
    cancelRegistrations(db, { participantId: cancelled.participantId, nowIso });

    const seen = (participantId: number) => resourcePage(db, slides.id, { kind: "participant", participantId });
    const page = seen(inSeries.participantId)!;
    expect(page.title).toBe(slides.title);
    expect(page.visibility).toBe("registrants");
    expect(page.item).toEqual({ path: "2", title: "Les signes qui doivent alerter" });
    expect(seen(elsewhere.participantId)).toBeNull();
    expect(seen(cancelled.participantId)).toBeNull();
    // The personal space lists it, with links under the person's own link.
    const token = createPersonalLink(db, inSeries.participantId, nowIso);
    const mine = visibleResources(db, { kind: "participant", participantId: inSeries.participantId }, { registrantsOnly: true }, `/moi/${token}/ressources`);
    expect(mine.map((r) => [r.title, r.href])).toEqual([[slides.title, `/moi/${token}/ressources/${slides.id}`]]);
    expect(visibleResources(db, { kind: "participant", participantId: elsewhere.participantId }, { registrantsOnly: true })).toEqual([]);
  });

  it("hides unpublished resources, those of draft series and those of draft sessions from everyone", () => {
    const db = seeded();
    const me = admin(db);
    const rec = byKey(db, "rdv-1-enregistrement");
    setPublished(db, me, rec.seriesId, rec.id, false, nowIso);
    expect(resourcePage(db, rec.id, { kind: "public" })).toBeNull();
    const inSeries = registerTo(db, DEMO_SLUG, [2], "inscrite@example.org", nowIso);
    expect(resourcePage(db, rec.id, { kind: "participant", participantId: inSeries.participantId })).toBeNull();
    expect(titles(search(db, { q: "décrochage" }))).toEqual([]);

    const f = fixture();
    f.sessions[1].status = "draft";
    f.resources.push({ type: "document", title: "Document de la session brouillon", session: 2, url: "https://example.org/d", visibility: "public" });
    expect(importSeries(db, f, { nowIso: clockNow() }).ok).toBe(true);
    expect(titles(search(db, { q: "brouillon" }))).toEqual([]);
    f.status = "draft";
    f.sessions[1].status = "published";
    expect(importSeries(db, f, { nowIso: clockNow() }).ok).toBe(true);
    expect(search(db, { serie: ARCHIVED }).results).toEqual([]);
  });
});

// ---- The series file ----

describe("resources in the series file", () => {
  function libraryFile() {
    const f = fixture();
    f.slug = "bibliotheque";
    f.sessions = f.sessions.slice(0, 2);
    f.resources = [
      {
        key: "enregistrement-rdv-1",
        type: "recording",
        title: "Enregistrement",
        session: 1,
        authors: ["ARS Normandie"],
        year: 2022,
        themes: ["santé", "QPV"],
        territory: "Seine-Maritime",
        url: "https://vimeo.com/123456789",
        visibility: "registrants",
        published: false,
        duration: "02:30:00",
        summary: "Résumé.",
        transcript: "Transcription.\n\nDeuxième paragraphe.",
        chapters: [
          { at: "00:00:00", title: "Accueil", item: "1" },
          { at: "00:20:00", title: "Table ronde 1", item: "5.1" },
          { at: "01:10:00", title: "Questions" },
        ],
      },
      { type: "slides", title: "Diaporama", session: 1, item: "2", url: "https://example.org/d.pdf", visibility: "public" },
      { type: "slides", title: "Diaporama", session: 2, url: "https://example.org/e.pdf", visibility: "public" },
      {
        type: "bibliography",
        title: "Bibliographie",
        visibility: "public",
        references: [{ kind: "book", authors: ["Sen, A."], year: 2009, title: "The Idea of Justice", publisher: "Harvard University Press" }],
      },
    ];
    return f;
  }

  it("round-trips the library’s fields, and writes none of them for a file that has none", () => {
    const f = libraryFile();
    const db = memoryDb();
    const r = importSeries(db, f, { nowIso: clockNow() });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect(exportSeries(db, "bibliotheque")).toEqual(f);
    // The fixture (no key, no item…) comes back exactly as it was.
    importSeries(db, fixture(), { nowIso: clockNow() });
    expect(exportSeries(db, ARCHIVED)).toEqual(fixture());
    // Two resources titled alike get "-2"; the first needs no key in the file, nor the second.
    expect(
      db
        .select({ key: t.resources.key })
        .from(t.resources)
        .where(eq(t.resources.title, "Diaporama"))
        .all()
        .map((x) => x.key),
    ).toEqual(["diaporama", "diaporama-2"]);
    const rec = byKey(db, "enregistrement-rdv-1");
    expect(rec.programmeItemId).toBeNull();
    const slides = byKey(db, "diaporama");
    const item = db.select().from(t.programmeItems).where(eq(t.programmeItems.id, slides.programmeItemId!)).get()!;
    expect(item.title).toBe("Les politiques régionales favorables à la santé");
  });

  it("refuses unknown programme points, chapters out of order or past the end, duplicate keys, non-web addresses", () => {
    const problems = (change: (f: any) => void) => {
      const f = libraryFile();
      change(f);
      const r = parseSeriesFile(f);
      return r.ok ? [] : r.problems.map((p) => `${p.path} ${p.message}`);
    };
    expect(problems((f) => (f.resources[1].item = "9"))).toEqual(["resources[1].item aucun élément « 9 » dans le programme de la session n° 1"]);
    expect(problems((f) => (f.resources[3].item = "1"))).toEqual([
      "resources[3].item demande une session (session) : un élément du programme appartient à une session",
    ]);
    expect(problems((f) => (f.resources[0].chapters[2].at = "00:10:00"))).toEqual(["resources[0].chapters[2].at doit venir après le chapitre précédent"]);
    expect(problems((f) => (f.resources[0].chapters[2].at = "03:00:00"))).toEqual([
      "resources[0].chapters[2].at doit être avant la fin de l’enregistrement (02:30:00)",
    ]);
    expect(problems((f) => (f.resources[0].chapters[1].item = "5.9"))).toEqual([
      "resources[0].chapters[1].item aucun élément « 5.9 » dans le programme de la session n° 1",
    ]);
    expect(problems((f) => (f.resources[1].key = "enregistrement-rdv-1"))).toEqual([
      "resources[1].key la clé « enregistrement-rdv-1 » est déjà utilisée par une autre ressource",
    ]);
    expect(problems((f) => (f.resources[1].url = "javascript:alert(1)"))).toEqual(["resources[1].url doit commencer par http:// ou https://"]);
    expect(problems((f) => (f.resources[0].duration = "2h30"))).toEqual(["resources[0].duration doit être une durée au format HH:mm:ss"]);
  });

  it("keeps ids and uploaded files across re-imports, follows renamed and reordered resources, removes the ones gone", () => {
    const db = memoryDb();
    const f = libraryFile();
    importSeries(db, f, { nowIso: clockNow() });
    const ids = Object.fromEntries(
      db
        .select()
        .from(t.resources)
        .all()
        .map((r) => [r.key, r.id]),
    );
    // An organiser uploaded a file for the bibliography.
    db.update(t.resources)
      .set({ fileStoredName: `${"a".repeat(32)}.pdf`, fileName: "biblio.pdf", fileType: "application/pdf", fileSize: 1234 })
      .where(eq(t.resources.id, ids.bibliographie))
      .run();

    // Re-import: reordered, the recording renamed (its key says who it is), one "Diaporama" removed.
    const g = libraryFile();
    g.resources = [g.resources[3], { ...g.resources[0], title: "Enregistrement intégral" }, g.resources[1]];
    const r = importSeries(db, g, { nowIso: clockNow() });
    expect(r.ok).toBe(true);
    const after = db.select().from(t.resources).all();
    expect(after.map((x) => [x.key, x.id, x.position])).toEqual(
      expect.arrayContaining([
        ["bibliographie", ids.bibliographie, 0],
        ["enregistrement-rdv-1", ids["enregistrement-rdv-1"], 1],
        ["diaporama", ids.diaporama, 2],
      ]),
    );
    expect(after).toHaveLength(3);
    expect(byKey(db, "bibliographie")).toMatchObject({ fileName: "biblio.pdf", fileSize: 1234 });
    expect(byKey(db, "enregistrement-rdv-1").title).toBe("Enregistrement intégral");
    // The export names the renamed resource's key (the title no longer gives it); the others need none.
    const out = exportSeries(db, "bibliotheque")!;
    expect(out.resources!.map((x) => x.key)).toEqual([undefined, "enregistrement-rdv-1", undefined]);
    // And importing the export into a fresh database gives the same keys.
    const other = memoryDb();
    importSeries(other, out, { nowIso: clockNow() });
    expect(
      other
        .select({ key: t.resources.key })
        .from(t.resources)
        .orderBy(t.resources.position)
        .all()
        .map((x) => x.key),
    ).toEqual(["bibliographie", "enregistrement-rdv-1", "diaporama"]);
  });

  it("migrates a database from before the library: resources keep their ids, get their keys at the next import, and are searchable", () => {
    // A database migrated up to 0003 (before the library), with resources written the old way.
    const dir = mkdtempSync(path.join(tmpdir(), "rdv-migration-"));
    try {
      const old = path.join(dir, "migrations");
      cpSync(migrationsFolder, old, { recursive: true });
      const journal = JSON.parse(readFileSync(path.join(old, "meta/_journal.json"), "utf8"));
      journal.entries = journal.entries.filter((e: { idx: number }) => e.idx <= 3);
      writeFileSync(path.join(old, "meta/_journal.json"), JSON.stringify(journal));
      const file = path.join(dir, "old.sqlite");
      const sqlite = new Database(file);
      migrate(drizzle(sqlite), { migrationsFolder: old });
      sqlite.prepare("insert into series (id, slug, title, status) values (1, ?, 'Ancienne', 'archived')").run(ARCHIVED);
      const insert = sqlite.prepare("insert into resources (id, series_id, position, type, title, authors, visibility) values (?, 1, ?, ?, ?, '[]', 'public')");
      insert.run(41, 0, "bibliography", "Bibliographie sélective : Agir sur les déterminants de la santé");
      insert.run(42, 1, "link", "Une ressource qui n'est plus dans le fichier");
      sqlite.close();

      const db = openDatabase(file);
      const migrated = db.select().from(t.resources).orderBy(t.resources.id).all();
      expect(migrated.map((r) => [r.id, r.key, r.published, r.themes])).toEqual([
        [41, null, true, []],
        [42, null, true, []],
      ]);
      expect(db.$client.prepare("select rowid from resources_fts where resources_fts match ?").all('"determinant"*')).toEqual([{ rowid: 41 }]);
      expect(importSeries(db, fixture(), { nowIso: clockNow() }).ok).toBe(true);
      const bib = db.select().from(t.resources).where(eq(t.resources.title, "Bibliographie sélective : Agir sur les déterminants de la santé")).get()!;
      expect(bib).toMatchObject({ id: 41, key: "bibliographie-selective-agir-sur-les-determinants-de-la-sante" });
      expect(db.select().from(t.resources).where(eq(t.resources.id, 42)).get()).toBeUndefined();
      expect(search(db, { q: "déterminants" }).results.map((r) => r.id)).toEqual([41]);
      db.$client.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("derives keys the same way on import and export", () => {
    const rows = [
      { key: "diaporama", title: "Diaporama" },
      { key: "diaporama-2", title: "Diaporama" },
      { key: "x", title: "Tout autre titre" },
    ];
    expect(keysToExport(rows)).toEqual([undefined, undefined, "x"]);
    // With the first one gone, the second keeps its key: the export must write it.
    expect(keysToExport(rows.slice(1))).toEqual(["diaporama-2", "x"]);
    expect(deriveKeys([{ title: "Diaporama" }, { key: "diaporama", title: "Autre" }])).toEqual(["diaporama-2", "diaporama"]);
  });

  it("keeps attachments and chapters on their programme point when the editor moves or removes items", () => {
    const db = seeded();
    const me = admin(db);
    const slides = () =>
      resourcePage(db, byKey(db, "rdv-1-diaporama-signes").id, {
        kind: "participant",
        participantId: registerTo(db, DEMO_SLUG, [2], `p${Math.random()}@example.org`, nowIso).participantId,
      })!;
    expect(slides().item).toEqual({ path: "2", title: "Les signes qui doivent alerter" });
    // Move "Les signes qui doivent alerter" down below the break, as the session editor does.
    const doc = loadDoc(db, DEMO_SLUG)!;
    const programme = [...doc.sessions[0].programme!];
    [programme[1], programme[2]] = [programme[2], programme[1]];
    expect(saveDoc(db, me, { ...doc, sessions: doc.sessions.map((s, i) => (i === 0 ? { ...s, programme } : s)) }, nowIso, "update").ok).toBe(true);
    expect(slides().item).toEqual({ path: "3", title: "Les signes qui doivent alerter" });
    const rec = resourcePage(db, byKey(db, "rdv-1-enregistrement").id, { kind: "public" })!;
    expect(rec.chapters.map((c) => c.item?.title ?? null)).toEqual([
      "Accueil, introduction",
      "Les signes qui doivent alerter",
      "Table ronde – Qui fait quoi dans le quartier ?",
      "Clôture",
    ]);
    expect(rec.chapters[1].item!.href).toBe(`/series/${DEMO_SLUG}/sessions/rdv-1-reperer#programme-3`);
    // Remove it: the slides stay with the session, the chapter loses its point.
    const doc2 = loadDoc(db, DEMO_SLUG)!;
    const without = doc2.sessions[0].programme!.filter((i) => i.title !== "Les signes qui doivent alerter");
    expect(saveDoc(db, me, { ...doc2, sessions: doc2.sessions.map((s, i) => (i === 0 ? { ...s, programme: without } : s)) }, nowIso, "update").ok).toBe(true);
    expect(slides().item).toBeNull();
    expect(slides().session?.number).toBe(1);
    expect(resourcePage(db, byKey(db, "rdv-1-enregistrement").id, { kind: "public" })!.chapters.map((c) => c.item?.path ?? null)).toEqual([
      "1",
      null,
      "3",
      "4",
    ]);
  });
});

describe("recordings", () => {
  it("has the demo’s recording with its duration, chapters linked to times and programme points, a summary and a transcript", () => {
    const db = seeded();
    const rec = resourcePage(db, byKey(db, "rdv-1-enregistrement").id, { kind: "public" })!;
    expect(rec.session).toMatchObject({ number: 1, slug: "rdv-1-reperer" });
    expect(rec.durationSeconds).toBe(2 * 3600 + 14 * 60 + 30);
    expect(rec.duration).toBe("2\u00a0h 14\u00a0min");
    expect(rec.durationIso).toBe("PT2H14M30S");
    expect(rec.video).toMatchObject({ provider: "youtube", embedUrl: "https://www.youtube-nocookie.com/embed/RdvDemo2026?rel=0" });
    expect(rec.chapters.map((c) => [c.clock, c.href, c.item?.path])).toEqual([
      ["0:00", "https://www.youtube.com/watch?v=RdvDemo2026", "1"],
      ["14:30", "https://www.youtube.com/watch?v=RdvDemo2026&t=870s", "2"],
      ["58:20", "https://www.youtube.com/watch?v=RdvDemo2026&t=3500s", "4"],
      ["2:05:40", "https://www.youtube.com/watch?v=RdvDemo2026&t=7540s", "5"],
    ]);
    expect(rec.summary).toMatch(/signes qui doivent alerter/);
    expect(rec.transcript).toBeTruthy();
    // The session page offers "revoir ce passage" next to each point a chapter covers.
    const session = getSessionPage(db, DEMO_SLUG, "rdv-1-reperer", nowIso)!;
    expect(Object.keys(session.recordings)).toEqual(["1", "2", "4", "5"]);
    expect(session.recordings["2"][0]).toMatchObject({ href: `/ressources/${rec.id}#chapitre-2`, clock: "14:30" });
  });

  it("gives a chapter linked to a programme point that point’s title when none is typed (the back-office form)", () => {
    const db = seeded();
    const series = db.select().from(t.series).where(eq(t.series.slug, DEMO_SLUG)).get()!;
    const input = {
      type: "recording",
      title: "Enregistrement",
      session: 1,
      url: "https://www.youtube.com/watch?v=RdvDemo2026",
      duration: "02:00:00",
      chapters: [
        { at: "00:00:00", title: "", item: "1" },
        { at: "00:10:00", title: "Mon titre", item: "2" },
        { at: "00:20:00", title: "  ", item: "3" },
      ],
    };
    const checked = checkResource(db, series.id, input, false);
    const programme = loadDoc(db, DEMO_SLUG)!.sessions[0].programme!;
    expect(checked.ok && checked.value.chapters.map((c) => c.title)).toEqual([programme[0].title, "Mon titre", programme[2].title]);
    // Without a point, a title is still required.
    const untitled = checkResource(db, series.id, { ...input, chapters: [{ at: "00:00:00", title: "" }] }, false);
    expect(!untitled.ok && untitled.problems).toEqual([{ path: "chapters[0].title", message: "ne doit pas être vide" }]);
  });

  it("links chapters of an uploaded recording to #t= times in the file", () => {
    const db = seeded();
    const rec = byKey(db, "rdv-1-enregistrement");
    db.update(t.resources)
      .set({ url: null, fileStoredName: `${"b".repeat(32)}.mp4`, fileName: "rdv1.mp4", fileType: "video/mp4", fileSize: 5_000_000 })
      .where(eq(t.resources.id, rec.id))
      .run();
    const page = resourcePage(db, rec.id, { kind: "public" })!;
    expect(page.file).toMatchObject({ media: "video", sizeLabel: "4,8\u00a0Mo", href: `/ressources/${rec.id}/fichier` });
    expect(page.chapters[1].href).toBe(`/ressources/${rec.id}/fichier?lecture=1#t=870`);
  });
});

describe("uploaded files: the type is read from the content", () => {
  it("recognises PDF, images, audio, video and Office files, and refuses HTML or text whatever their name", () => {
    expect(sniff(Buffer.from("%PDF-1.7\n%âãÏÓ\n"))?.mime).toBe("application/pdf");
    expect(sniff(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))?.mime).toBe("image/png");
    expect(sniff(Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from("ftypisom")]))?.mime).toBe("video/mp4");
    expect(sniff(Buffer.from("ID3\x04\x00"))?.mime).toBe("audio/mpeg");
    expect(sniff(Buffer.from("PK\x03\x04" + "\0".repeat(26) + "[Content_Types].xml word/document.xml", "latin1"))?.ext).toBe("docx");
    expect(sniff(Buffer.from("PK\x03\x04" + "\0".repeat(26) + "mimetypeapplication/vnd.oasis.opendocument.spreadsheet", "latin1"))?.ext).toBe("ods");
    expect(sniff(Buffer.from("<!doctype html><html><script>alert(1)</script>"))).toBeNull();
    expect(sniff(Buffer.from("  %PDF-1.7 (not at the start)"))).toBeNull();
    expect(sniff(Buffer.from("PK\x03\x04 a plain zip", "latin1"))).toBeNull();
    expect(sniff(Buffer.from("just some text"))).toBeNull();
  });
});

// ---- "Recording available" ----

describe("the recording-available email", () => {
  const smtp = smtpForSuite();

  async function dispatch(db: AppDatabase, at = nowIso) {
    return (await dispatchTo(smtp, db, at, APP)).summary;
  }
  const recordingMails = (to?: string) =>
    smtp.messages.filter((m) => /^Enregistrement disponible/.test(m.parsed.subject ?? "") && (!to || m.envelopeTo.includes(to)));

  /** Demo data with the recording unpublished, three people registered to session 1 before it took place (one cancels), one to session 2. */
  async function setup(tag: string) {
    const db = seeded();
    const me = admin(db);
    const rec = byKey(db, "rdv-1-enregistrement");
    setPublished(db, me, rec.seriesId, rec.id, false, nowIso);
    const a = registerTo(db, DEMO_SLUG, [1, 2], `a-${tag}@example.org`);
    registerTo(db, DEMO_SLUG, [1], `b-${tag}@example.org`);
    const c = registerTo(db, DEMO_SLUG, [1], `c-${tag}@example.org`);
    cancelRegistrations(db, { participantId: c.participantId, registrationIds: c.created.map((x) => x.registrationId), nowIso: before(19) });
    registerTo(db, DEMO_SLUG, [2], `d-${tag}@example.org`, nowIso);
    await dispatch(db); // confirmations and the rest, out of the way
    return { db, me, rec, a };
  }

  it("goes once to each confirmed registrant of the session when its recording is published, through the outbox", async () => {
    const { db, me, rec } = await setup("un");
    expect(setPublished(db, me, rec.seriesId, rec.id, true, nowIso)).toEqual({ ok: true, emails: 2, waitsForEnd: false });
    const rows = db.select().from(t.outbox).where(eq(t.outbox.kind, "recording-available")).all();
    expect(rows.map((r) => r.toAddress).sort()).toEqual(["a-un@example.org", "b-un@example.org"]);
    // Queued in the same transaction as the publication, with the audit entry.
    expect(
      db
        .select()
        .from(t.auditLog)
        .where(and(eq(t.auditLog.entity, "resource"), eq(t.auditLog.action, "publish")))
        .all(),
    ).toHaveLength(1);

    expect((await dispatch(db)).sent).toBe(2);
    const [mail] = recordingMails("a-un@example.org");
    expect(mail.parsed.subject).toBe("Enregistrement disponible : RDV #1 — Repérer la souffrance psychique des jeunes");
    expect(mail.parsed.text).toContain("Bonjour Aïcha,");
    expect(mail.parsed.text).toContain(`${APP}/ressources/${rec.id}`);
    expect(mail.parsed.text).toContain("14:30 — Les signes qui doivent alerter — Karim Benali");
    expect(mail.parsed.text).toMatch(/Une transcription est disponible/);
    expect(mail.parsed.text).toMatch(new RegExp(`${APP}/moi/[\\w-]{20,}`));
    expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    expect(mail.raw.replace(/\r?\n[ \t]+/g, " ")).toMatch(/^List-Unsubscribe: +<https:\/\/rdv\.example\.org\/desinscription\/[\w-]+\?serie=/m);
    expect(recordingMails("c-un@example.org")).toEqual([]);
    expect(recordingMails("d-un@example.org")).toEqual([]);

    // Unpublished and published again, or re-imported: nothing new.
    setPublished(db, me, rec.seriesId, rec.id, false, nowIso);
    expect(setPublished(db, me, rec.seriesId, rec.id, true, nowIso).emails).toBe(0);
    expect(importSeries(db, exportSeries(db, DEMO_SLUG), { nowIso: clockNow() }).ok).toBe(true);
    expect((await dispatch(db)).sent).toBe(0);
    expect(recordingMails("a-un@example.org")).toHaveLength(1);
    expect(recordingMails("b-un@example.org")).toHaveLength(1);
  });

  it("is held back when the recording is withdrawn before it leaves, and leaves once when published again", async () => {
    const { db, me, rec } = await setup("deux");
    setPublished(db, me, rec.seriesId, rec.id, true, nowIso);
    setPublished(db, me, rec.seriesId, rec.id, false, nowIso);
    expect(await dispatch(db)).toMatchObject({ sent: 0, skipped: 2 });
    expect(
      db
        .select()
        .from(t.outbox)
        .where(eq(t.outbox.kind, "recording-available"))
        .all()
        .map((r) => [r.status, r.lastError]),
    ).toEqual([
      ["cancelled", RECORDING_WITHDRAWN],
      ["cancelled", RECORDING_WITHDRAWN],
    ]);
    expect(setPublished(db, me, rec.seriesId, rec.id, true, nowIso).emails).toBe(2);
    expect((await dispatch(db)).sent).toBe(2);
    setPublished(db, me, rec.seriesId, rec.id, false, nowIso);
    setPublished(db, me, rec.seriesId, rec.id, true, nowIso);
    expect((await dispatch(db)).sent).toBe(0);
    expect(recordingMails("a-deux@example.org")).toHaveLength(1);
  });

  it("is also queued when an import publishes the recording, and points a registrants-only recording to the personal link", async () => {
    const { db } = await setup("trois");
    const file = exportSeries(db, DEMO_SLUG)!;
    const recFile = file.resources!.find((r) => r.key === "rdv-1-enregistrement")!;
    expect(recFile.published).toBe(false);
    recFile.published = true;
    recFile.visibility = "registrants";
    const r = importSeries(db, file, { nowIso });
    expect(r.ok && r.recordingEmails).toBe(2);
    expect((await dispatch(db)).sent).toBe(2);
    const [mail] = recordingMails("b-trois@example.org");
    expect(mail.parsed.text).toMatch(new RegExp(`${APP}/moi/[\\w-]{20,}/ressources/${byKey(db, "rdv-1-enregistrement").id}`));
    expect(mail.parsed.text).toContain("réservé aux personnes inscrites");
    expect(mail.parsed.text).not.toContain(`${APP}/ressources/`);
  });

  it("waits for a session still to come: nothing at publication, then once to each confirmed registrant when it has ended, late registrants included", async () => {
    const { db, me, rec } = await setup("quatre"); // a-quatre and d-quatre are registered to session 2, still to come
    const two = db
      .select()
      .from(t.sessions)
      .where(and(eq(t.sessions.seriesId, rec.seriesId), eq(t.sessions.number, 2)))
      .get()!;
    expect(two.startsAt > nowIso).toBe(true);
    const value = parseSeriesFile({
      ...exportSeries(db, DEMO_SLUG),
      resources: [{ type: "recording", title: "Enregistrement du RDV #2", session: 2, url: "https://www.youtube.com/watch?v=abcdefghijk", published: true }],
    });
    if (!value.ok) throw new Error(JSON.stringify(value.problems));
    const saved = saveResource(db, me, { seriesId: rec.seriesId, id: null, value: value.file.resources![0], nowIso });
    expect(saved).toMatchObject({ ok: true, emails: 0, waitsForEnd: true });
    const rows = () =>
      db
        .select()
        .from(t.outbox)
        .where(and(eq(t.outbox.kind, "recording-available"), eq(t.outbox.sessionId, two.id)))
        .all();
    expect(rows()).toEqual([]);
    // Unpublished and published again before the session: still nothing.
    if (!saved.ok) throw new Error("not saved");
    setPublished(db, me, rec.seriesId, saved.id, false, nowIso);
    expect(setPublished(db, me, rec.seriesId, saved.id, true, nowIso)).toEqual({ ok: true, emails: 0, waitsForEnd: true });
    registerTo(db, DEMO_SLUG, [2], "e-quatre@example.org", nowIso); // after the publication
    const mails = () => recordingMails().filter((m) => /-quatre@/.test(m.envelopeTo[0]) && /RDV #2/.test(m.parsed.subject ?? ""));
    await dispatch(db);
    await dispatch(db, two.startsAt); // under way
    expect(rows()).toEqual([]);
    expect(mails()).toEqual([]);
    expect((await dispatch(db, two.endsAt)).sent).toBe(3);
    await dispatch(db, toUtcIso(DateTime.fromISO(two.endsAt).plus({ days: 1 })));
    expect(
      mails()
        .map((m) => m.envelopeTo[0])
        .sort(),
    ).toEqual(["a-quatre@example.org", "d-quatre@example.org", "e-quatre@example.org"]);
    expect(mails()[0].parsed.text).toContain(`${APP}/ressources/${saved.id}`);
  });
});
