// Citation-grade bibliographies, checked with citation-js (a parser this project does not write):
// every demo reference, and hand-made ones with every field of their kind and awkward characters
// (accents, braces, ampersand, %, a line break trying to start a new RIS record), exported as RIS and
// as BibTeX, parsed back and compared field by field. Also: the demo references hold volume, issue,
// pages, DOI, a chapter's book and its editors in their own fields; the library's search reads
// editors and book titles; the French citation shown on the page; old stored references still shown
// and exported; the series file carries every field both ways, and a wrong field gets a French
// message at its own path (file and back-office checks).
import { Cite, type CslItem, type CslName } from "@citation-js/core";
import "@citation-js/plugin-ris";
import "@citation-js/plugin-bibtex";
import { eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { ReferenceCitation } from "~/components/ResourceDetail";
import { library, readFilters } from "~/resources/library.server";
import { checkResource } from "~/resources/resource-saving.server";
import { seedIfEmpty } from "~/server/seed.server";
import { exportSeries } from "~/series-file/series-export.server";
import { parseSeriesFile, type SeriesFileInput } from "~/series-file/series-format.server";
import { importSeries } from "~/series-file/series-import.server";
import { formatReference, oneLine, referenceKind, referenceText, toBibtex, toRis, type ReferenceKind } from "~/utils/references";
import { NOW, memoryDb } from "../helpers/db";
import { nowIso as clockNow } from "~/utils/now.server";

type Reference = t.Reference;
const SOURCE = { title: "Bibliographie de test", url: "https://rdv.example.org/ressources/1" };

function seeded() {
  const db = memoryDb();
  seedIfEmpty(db, NOW);
  return db;
}

/** Every reference of the demo data (the archived 2022 series and the demo series). */
function demoReferences(): Reference[] {
  return seeded()
    .select()
    .from(t.resources)
    .all()
    .flatMap((r) => r.references);
}

/** Hand-made references, one per kind, with every field that kind takes, in awkward characters. */
const HAND_MADE: Reference[] = [
  {
    kind: "chapter",
    authors: ["Dupré-Lefèvre, Anaïs", "Collectif {Santé} & Quartiers"],
    editors: ["Ridde, Valéry", "Ouattara, Fatoumata"],
    year: 2015,
    title: "Taux de 50 % {brut} & indicateurs_locaux #2 ~ ^ $ \\ : « l’été »\r\nER  - \r\nTY  - JOUR",
    bookTitle: "Des idées reçues en santé mondiale {2e éd.} & 100 %",
    container: "Santé & société",
    volume: "3",
    pages: "12-34",
    publisher: "Presses de l’Université de Montréal & Cie",
    place: "Montréal",
    isbn: "978-3-16-148410-0",
    doi: "10.4000/books.pum.3679_(a);b",
    url: "https://example.org/a_b?x=1&y=%C3%A9#frag",
    note: "Note sur\ndeux lignes",
  },
  {
    kind: "article",
    authors: ["Æsop, Ñ.", "O’Brien, Zoë"],
    year: 1991,
    title: "What can be done about {inequalities} in health? 100 % & more",
    container: "Revue d’épidémiologie & de santé publique",
    volume: "338",
    issue: "8774",
    pages: "1059-1063",
    doi: "10.1016/0140-6736(91)91911-D",
    url: "https://example.org/article?id=1&lang=fr",
  },
  {
    kind: "book",
    editors: ["Ridde, V.", "Ouattara, F."],
    year: 2015,
    title: "Des idées reçues en santé mondiale",
    container: "Santé mondiale {collection}",
    volume: "2",
    pages: "350",
    publisher: "Presses de l’Université de Montréal",
    place: "Montréal",
    isbn: "2-7606-3525-2",
    doi: "10.4000/books.pum.3574",
    url: "https://books.openedition.org/pum/3574",
  },
  {
    kind: "report",
    authors: ["Haut Conseil de la santé publique"],
    year: 2016,
    title: "Pour une politique globale et intégrée de promotion de la santé des jeunes",
    container: "Avis & rapports",
    issue: "12",
    pages: "1-84",
    publisher: "HCSP",
    place: "Paris",
    doi: "10.1000/hcsp.2016.12",
    url: "https://www.hcsp.fr/rapport?id=559&x=%20",
  },
  {
    kind: "web",
    authors: ["ORS-CREAI Normandie"],
    year: 2021,
    title: "Indicateurs {locaux} : 50 % & plus",
    container: "Site de l’ORS-CREAI & 100 %",
    doi: "10.1000/ors.2021",
    url: "https://orscreainormandie.org/a_b?x=1&y=2",
  },
  {
    kind: "other",
    authors: ["Promotion Santé Normandie"],
    year: 2020,
    title: "Fiche « repères » n° 4 : l’écoute & l’orientation",
    container: "Fiches {repères}",
    volume: "4",
    pages: "8",
    publisher: "Promotion Santé Normandie",
    place: "Caen",
    doi: "10.1000/psn.2020.4",
    url: "https://promotion-sante-normandie.org/fiche?n=4",
  },
];

// ---- What a reader finds, and what it should find ----

/** The reference's fields a reader gives back, with the CSL type it reads. */
type Fields = Omit<Reference, "kind" | "title" | "authors" | "editors" | "note"> & { type: string; title?: string; authors: string[]; editors: string[] };

/** The CSL type citation-js gives each kind's RIS type (JOUR, CHAP…) and BibTeX type (@article…). */
const CSL_TYPES: Record<ReferenceKind, { ris: string; bib: string }> = {
  article: { ris: "article-journal", bib: "article-journal" },
  chapter: { ris: "chapter", bib: "chapter" },
  book: { ris: "book", bib: "book" },
  report: { ris: "report", bib: "report" },
  web: { ris: "webpage", bib: "document" },
  other: { ris: "document", bib: "document" },
};

/** The reference as a reader should find it: each value on one line, a legacy chapter's container as its book. */
function expected(r: Reference, format: "ris" | "bib"): Fields {
  const kind = referenceKind(r);
  const one = (v?: string) => (v === undefined ? undefined : oneLine(v));
  const legacyBook = kind === "chapter" && !r.bookTitle;
  return {
    type: CSL_TYPES[kind][format],
    title: one(r.title),
    authors: (r.authors ?? []).map(oneLine),
    editors: (r.editors ?? []).map(oneLine),
    year: r.year,
    container: legacyBook ? undefined : one(r.container),
    bookTitle: one(r.bookTitle ?? (legacyBook ? r.container : undefined)),
    volume: r.volume,
    issue: r.issue,
    pages: r.pages,
    publisher: one(r.publisher),
    place: one(r.place),
    isbn: r.isbn,
    doi: r.doi,
    url: r.url,
  };
}

/** A CSL name as written in the reference: "Family, Given", or whole ("Haut Conseil de la santé publique"). */
function nameForms(n: CslName): string[] {
  const family = [n["non-dropping-particle"], n.family].filter(Boolean).join(" ");
  const given = [n.given, n["dropping-particle"]].filter(Boolean).join(" ");
  return [n.literal, given ? `${family}, ${given}` : family, [given, family].filter(Boolean).join(" ")].filter((x): x is string => Boolean(x));
}
const names = (list: CslName[] | undefined, wanted: string[]) => (list ?? []).map((n, i) => (nameForms(n).includes(wanted[i]) ? wanted[i] : nameForms(n)[0]));

function read(item: CslItem, kind: ReferenceKind, want: Fields): Fields {
  const s = (k: string) => (item[k] === undefined || item[k] === null ? undefined : String(item[k]));
  const year = item.issued?.["date-parts"]?.[0]?.[0];
  return {
    type: item.type,
    title: s("title"),
    authors: names(item.author, want.authors),
    editors: names(item.editor, want.editors),
    year: year === undefined ? undefined : Number(year),
    // A chapter's book is its container; a chapter's, book's or report's collection, its collection-title;
    // a web page's site (BibTeX `howpublished`) is read as its publisher.
    container:
      kind === "article"
        ? s("container-title")
        : kind === "chapter"
          ? s("collection-title")
          : (s("collection-title") ?? s("container-title") ?? (kind === "web" ? s("publisher") : undefined)),
    bookTitle: kind === "chapter" ? s("container-title") : undefined,
    volume: s("volume"),
    issue: s("issue") ?? s("number"),
    pages: kind === "book" ? s("number-of-pages") : s("page"),
    publisher: kind === "web" ? undefined : s("publisher"),
    place: s("publisher-place"),
    isbn: s("ISBN"),
    doi: s("DOI"),
    url: s("URL"),
  };
}

const clean = (f: Fields) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && !(Array.isArray(v) && !v.length)));

function roundTrip(refs: Reference[], format: "ris" | "bib") {
  const text = format === "ris" ? toRis(refs, SOURCE) : toBibtex(refs, SOURCE);
  const items = new Cite(text).data;
  expect(items).toHaveLength(refs.length);
  refs.forEach((r, i) => {
    const want = expected(r, format);
    expect(clean(read(items[i], referenceKind(r), want)), `${format} ${i} « ${r.title} »`).toEqual(clean(want));
  });
  return text;
}

describe("exports read back by citation-js", () => {
  it("RIS: every demo reference comes back field by field", () => {
    const refs = demoReferences();
    expect(refs.length).toBeGreaterThanOrEqual(6);
    roundTrip(refs, "ris");
  });

  it("BibTeX: every demo reference comes back field by field", () => {
    roundTrip(demoReferences(), "bib");
  });

  it("RIS: hand-made references with every field and awkward characters, one record each (a line break starts no record)", () => {
    const text = roundTrip(HAND_MADE, "ris");
    expect(text.match(/^TY {2}- /gm)).toHaveLength(HAND_MADE.length);
    expect(text.match(/^ER {2}- /gm)).toHaveLength(HAND_MADE.length);
    // Every line is a tag and one value.
    for (const line of text.split("\r\n").filter(Boolean)) expect(line).toMatch(/^[A-Z][A-Z0-9] {2}- \S?/);
    // Editors of a chapter are A2, of a book A3 (A2 is a book's series editor in the RIS specification).
    expect(text).toContain("A2  - Ridde, Valéry");
    expect(text).toContain("A3  - Ridde, V.");
  });

  it("BibTeX: hand-made references with every field and awkward characters, TeX specials escaped", () => {
    const text = roundTrip(HAND_MADE, "bib");
    expect(text.match(/^@\w+\{/gm)).toHaveLength(HAND_MADE.length);
    expect(text).toContain("@incollection{");
    expect(text).toContain("@techreport{");
    expect(text).toContain("pages = {12--34}");
    // No TeX special left unescaped in the text fields (URL and DOI are verbatim fields).
    for (const m of text.matchAll(/^ {2}(title|booktitle|journal|series|publisher|institution|author|editor|note) = \{(.*)\},?$/gm)) {
      expect(m[2], m[1]).not.toMatch(/(^|[^\\])[%&#_$]/);
    }
    expect(text).not.toMatch(/deux lignes\n/);
  });
});

describe("the demo references, each field in its place", () => {
  const byTitle = (start: string) => demoReferences().find((r) => r.title.startsWith(start))!;

  it("articles: the journal alone in `container`, then volume, issue, pages and DOI", () => {
    expect(byTitle("Lifetime prevalence")).toMatchObject({
      kind: "article",
      container: "Archives of General Psychiatry",
      volume: "62",
      issue: "6",
      pages: "593-602",
      doi: "10.1001/archpsyc.62.6.593",
    });
    expect(byTitle("What can be done")).toMatchObject({
      container: "The Lancet",
      volume: "338",
      issue: "8774",
      pages: "1059-1063",
      doi: "10.1016/0140-6736(91)91911-D",
    });
    expect(byTitle("Why health equity")).toMatchObject({
      kind: "article",
      container: "Health Economics",
      volume: "11",
      issue: "8",
      pages: "659-666",
      doi: "10.1002/hec.762",
    });
    for (const r of demoReferences()) expect(r.container ?? "").not.toMatch(/\d+\s*\(\d+\)|\(dir\.\)|chap\./);
  });

  it("the book chapter: its real book and editors, publisher and place", () => {
    expect(byTitle("La réduction des inégalités")).toMatchObject({
      kind: "chapter",
      authors: ["Breton, É."],
      editors: ["Ridde, V.", "Ouattara, F."],
      bookTitle: "Des idées reçues en santé mondiale",
      publisher: "Presses de l’Université de Montréal",
      place: "Montréal",
      doi: "10.4000/books.pum.3679",
    });
    expect(byTitle("La réduction des inégalités").container).toBeUndefined();
  });
});

describe("searching the library", () => {
  it("finds a bibliography by a chapter’s editors and book title, as before they had their own fields", () => {
    const db = seeded();
    const titles = (q: string) => library(db, readFilters(new URL(`http://x/ressources?q=${encodeURIComponent(q)}`))).results.map((r) => r.title);
    expect(titles("Ouattara")).toEqual(["Références citées lors du RDV #1"]);
    expect(titles("idées reçues santé mondiale")).toEqual(["Références citées lors du RDV #1"]);
    expect(titles("Health Economics")).toEqual(["Références citées lors du RDV #1"]);
  });
});

describe("the citation on the page (French, every field, escaped)", () => {
  const html = (r: Reference) => renderToStaticMarkup(createElement(ReferenceCitation, { segments: formatReference(r) }));

  it("an article: journal in italics, volume(issue), pages, DOI as a link", () => {
    const r = HAND_MADE[1];
    expect(referenceText(r)).toBe(
      "Æsop, Ñ. et O’Brien, Zoë (1991). What can be done about {inequalities} in health? 100 % & more. Revue d’épidémiologie & de santé publique, 338(8774), 1059-1063. https://doi.org/10.1016/0140-6736(91)91911-D https://example.org/article?id=1&lang=fr",
    );
    const out = html(r);
    expect(out).toContain("<cite>Revue d’épidémiologie &amp; de santé publique</cite>, 338(8774), 1059-1063.");
    expect(out).toContain('<a href="https://doi.org/10.1016/0140-6736(91)91911-D">https://doi.org/10.1016/0140-6736(91)91911-D</a>');
  });

  it("a chapter: « Dans » its editors (dir.), the book in italics, volume and pages, place : publisher, ISBN", () => {
    expect(referenceText(HAND_MADE[0])).toBe(
      "Dupré-Lefèvre, Anaïs et Collectif {Santé} & Quartiers (2015). Taux de 50 % {brut} & indicateurs_locaux #2 ~ ^ $ \\ : « l’été » ER - TY - JOUR. Dans Valéry Ridde et Fatoumata Ouattara (dir.), Des idées reçues en santé mondiale {2e éd.} & 100 % (vol. 3, p. 12-34). Montréal : Presses de l’Université de Montréal & Cie, coll. Santé & société. ISBN 978-3-16-148410-0. https://doi.org/10.4000/books.pum.3679_(a);b https://example.org/a_b?x=1&y=%C3%A9#frag (Note sur deux lignes.)",
    );
    expect(html(HAND_MADE[0])).toContain("<cite>Des idées reçues en santé mondiale {2e éd.} &amp; 100 %</cite>");
  });

  it("a book by its editors, a report with its number, a web page", () => {
    expect(referenceText(HAND_MADE[2])).toBe(
      "Ridde, V. et Ouattara, F. (dir.) (2015). Des idées reçues en santé mondiale (vol. 2). Montréal : Presses de l’Université de Montréal, coll. Santé mondiale {collection}, 350 p. ISBN 2-7606-3525-2. https://doi.org/10.4000/books.pum.3574 https://books.openedition.org/pum/3574",
    );
    expect(referenceText(HAND_MADE[3])).toBe(
      "Haut Conseil de la santé publique (2016). Pour une politique globale et intégrée de promotion de la santé des jeunes (n° 12). Paris : HCSP, coll. Avis & rapports, p. 1-84. https://doi.org/10.1000/hcsp.2016.12 https://www.hcsp.fr/rapport?id=559&x=%20",
    );
    expect(referenceText(HAND_MADE[4])).toBe(
      "ORS-CREAI Normandie (2021). Indicateurs {locaux} : 50 % & plus. Site de l’ORS-CREAI & 100 %. https://doi.org/10.1000/ors.2021 https://orscreainormandie.org/a_b?x=1&y=2",
    );
  });

  it("never builds HTML from the text, and links only web addresses", () => {
    const out = html({ kind: "web", title: '<script>alert("x")</script>', container: "<b>site</b>", url: "javascript:alert(1)", doi: '10.1000/"><img src=x>' });
    expect(out).not.toContain("<script>");
    expect(out).not.toContain("<b>");
    expect(out).not.toContain("<img");
    expect(out).not.toContain('href="javascript:');
    expect(out).toContain("&lt;script&gt;");
    expect(out).toContain('href="https://doi.org/10.1000/%22%3E%3Cimg%20src=x%3E"');
  });

  it("old stored references (no new field) are still shown and exported as before", () => {
    const old: Reference = {
      authors: ["Breton, É."],
      year: 2015,
      title: "Une idée reçue",
      container: "V. Ridde & F. Ouattara (dir.), chap. 29",
      publisher: "Presses de l’Université de Montréal",
    };
    expect(referenceText(old)).toBe("Breton, É. (2015). Une idée reçue. Dans V. Ridde & F. Ouattara (dir.), chap. 29. Presses de l’Université de Montréal.");
    roundTrip([old], "ris");
    roundTrip([old], "bib");
  });
});

// ---- The series file ----

function fileWith(references: unknown[]): SeriesFileInput {
  return {
    format: "rendez-vous.series/1",
    slug: "serie-biblio",
    title: "Série de test des bibliographies",
    timezone: "Europe/Paris",
    status: "published",
    sessions: [],
    resources: [{ type: "bibliography", title: "Bibliographie complète", references }],
  } as unknown as SeriesFileInput;
}

describe("the series file", () => {
  it("carries every field through import and export, unchanged (line breaks folded to one space)", () => {
    const db = memoryDb();
    const parsed = parseSeriesFile(JSON.parse(JSON.stringify(fileWith(HAND_MADE))));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const imported = importSeries(db, parsed.file, { nowIso: clockNow() });
    expect(imported.ok).toBe(true);
    const out = exportSeries(db, "serie-biblio")!;
    const refs = out.resources![0].references!;
    expect(refs).toEqual(
      HAND_MADE.map((r) =>
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "string" ? oneLine(v) : Array.isArray(v) ? v.map(oneLine) : v])),
      ),
    );
    // Export → import → export is identical.
    const again = memoryDb();
    expect(importSeries(again, out, { nowIso: clockNow() }).ok).toBe(true);
    expect(exportSeries(again, "serie-biblio")).toEqual(out);
  });

  it("round-trips the demo series and the archived series with their structured references", () => {
    const db = seeded();
    for (const slug of db
      .select({ slug: t.series.slug })
      .from(t.series)
      .all()
      .map((s) => s.slug)) {
      const out = exportSeries(db, slug)!;
      const again = memoryDb();
      expect(importSeries(again, out, { nowIso: clockNow() }).ok, slug).toBe(true);
      expect(exportSeries(again, slug)).toEqual(out);
    }
    const archived = exportSeries(db, "rdv-sante-qpv-seine-maritime-2022")!;
    expect(JSON.stringify(archived)).toContain('"bookTitle":"Des idées reçues en santé mondiale"');
  });

  it("accepts numbers for volume, issue and pages, a DOI written as a link, and pages with a dash", () => {
    const parsed = parseSeriesFile(
      fileWith([{ kind: "article", title: "A", container: "Revue", volume: 62, issue: 6, pages: "593–602", doi: "https://doi.org/10.1001/archpsyc.62.6.593" }]),
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.file.resources[0].references[0]).toMatchObject({ volume: "62", issue: "6", pages: "593-602", doi: "10.1001/archpsyc.62.6.593" });
  });

  it("refuses a wrong field with a French message at its path", () => {
    const parsed = parseSeriesFile(
      fileWith([
        { kind: "article", title: "DOI faux", container: "Revue", doi: "11.1234/abc" },
        { kind: "book", title: "ISBN faux", isbn: "978-2-7606-3525-2" },
        { kind: "article", title: "Pages fausses", container: "Revue", pages: "abc" },
        { kind: "article", title: "ISBN d’un article", container: "Revue", isbn: "978-3-16-148410-0" },
        { kind: "chapter", title: "Numéro d’un chapitre", bookTitle: "Livre", issue: "3", pages: "12-" },
        { title: "Nature déduite", bookTitle: "Livre", issue: "3" },
        { kind: "book", title: "Éditeurs", editors: [""] },
      ]),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const at = (path: string) => parsed.problems.filter((p) => p.path === path).map((p) => p.message);
    const base = "resources[0].references";
    expect(at(`${base}[0].doi`)).toEqual(["doit être un DOI de la forme 10.xxxx/…, par exemple 10.1016/0140-6736(91)91911-D"]);
    expect(at(`${base}[1].isbn`)).toEqual(["n’est pas un ISBN valide (10 ou 13 chiffres, tirets permis, clé de contrôle comprise)"]);
    expect(at(`${base}[2].pages`)).toEqual(["doit être une page ou des pages : « 12 », « 593-602 », « e1234 »"]);
    expect(at(`${base}[3].isbn`)).toEqual(["ne s’applique pas à un article ; videz ce champ ou choisissez une autre nature"]);
    // Given with the other problems of the reference, not after they are mended.
    expect(at(`${base}[4].issue`)).toEqual(["ne s’applique pas à un chapitre d’ouvrage ; videz ce champ ou choisissez une autre nature"]);
    expect(at(`${base}[4].pages`)).toHaveLength(1);
    expect(at(`${base}[5].issue`)).toEqual([
      "ne s’applique pas à un chapitre d’ouvrage (nature déduite des autres champs) ; videz ce champ ou choisissez la nature",
    ]);
    expect(at(`${base}[6].editors[0]`)).toEqual(["ne doit pas être vide"]);
    expect(parsed.problems).toHaveLength(8);
  });

  it("the back-office checks give the same messages at the same paths", () => {
    const db = seeded();
    const series = db.select().from(t.series).where(eq(t.series.slug, "rdv-sante-qpv-seine-maritime-2022")).get()!;
    const r = checkResource(
      db,
      series.id,
      { type: "bibliography", title: "B", references: [{ kind: "article", title: "A", container: "R", doi: "pas un doi", pages: "12-" }] },
      false,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.path).sort()).toEqual(["references[0].doi", "references[0].pages"]);
  });
});
