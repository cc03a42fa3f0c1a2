// Bibliographic references: which fields each kind of reference takes, one French citation style
// for every bibliography (author-date; journal or book in italics, volume(issue), pages, DOI as a
// link), and the exports to RIS and BibTeX, each field under the tag its kind gives it in the RIS
// specification and in BibTeX. Pure functions (pages, exports and the series file's checks).
import type { Reference } from "../../db/schema/resources";
import { lowerNoAccents } from "./slugs";

export type ReferenceKind = NonNullable<Reference["kind"]>;

export const REFERENCE_KIND_LABELS: Record<ReferenceKind, string> = {
  book: "Livre",
  chapter: "Chapitre d’ouvrage",
  article: "Article",
  report: "Rapport",
  web: "Page web",
  other: "Autre",
};

/** The kind in a sentence: « ne s'applique pas à un article ». */
export const REFERENCE_KIND_NAMES: Record<ReferenceKind, string> = {
  book: "un livre",
  chapter: "un chapitre d’ouvrage",
  article: "un article",
  report: "un rapport",
  web: "une page web",
  other: "une référence de nature « autre »",
};

/** The optional fields a kind may hold besides authors, year, title and note. */
export type ReferenceField = "editors" | "container" | "bookTitle" | "volume" | "issue" | "pages" | "publisher" | "place" | "isbn" | "doi" | "url";

/**
 * Each kind's fields: those its RIS and BibTeX records can carry. An article's ISBN, a chapter's
 * issue or a report's ISBN would be read as something else (ISSN, number of volumes, report number);
 * RIS has no publisher for an article, and a web page's BibTeX record (@misc) holds its site in
 * `howpublished`, which readers take as its publisher. The checks refuse such fields rather than
 * export them wrongly.
 */
export const REFERENCE_FIELDS: Record<ReferenceKind, readonly ReferenceField[]> = {
  article: ["container", "volume", "issue", "pages", "doi", "url"],
  chapter: ["editors", "bookTitle", "container", "volume", "pages", "publisher", "place", "isbn", "doi", "url"],
  book: ["editors", "container", "volume", "pages", "publisher", "place", "isbn", "doi", "url"],
  report: ["container", "issue", "pages", "publisher", "place", "doi", "url"],
  web: ["container", "doi", "url"],
  other: ["container", "volume", "pages", "publisher", "place", "doi", "url"],
};

/** The kind given, or the one the fields suggest (a book title: a chapter; a container: an article…). */
export function referenceKind(r: Reference): ReferenceKind {
  if (r.kind) return r.kind;
  // A container with a publisher was a chapter before `bookTitle` existed: stored rows keep that reading.
  if (r.bookTitle || (r.container && r.publisher)) return "chapter";
  if (r.container) return "article";
  if (r.publisher || r.isbn || r.editors?.length) return "book";
  if (r.url) return "web";
  return "other";
}

/** A value on one line: line breaks, tabs, other control characters and runs of spaces become one space. */
export const oneLine = (v: string) => v.replace(/[\u0000-\u0020\u007f\u0085\u2028\u2029]+/g, " ").trim();

/** "593-602" → ["593", "602"]; "12" → ["12"]. */
export function pageRange(pages: string): [string, string?] {
  const [first, last] = pages.split("-");
  return last ? [first, last] : [first];
}

/** ISBN-10 or ISBN-13 with a right check digit (hyphens and spaces allowed). */
export function isValidIsbn(value: string): boolean {
  const s = value.replace(/[-\s]/g, "").toUpperCase();
  if (/^\d{9}[\dX]$/.test(s)) {
    const sum = [...s].reduce((acc, c, i) => acc + (10 - i) * (c === "X" ? 10 : Number(c)), 0);
    return sum % 11 === 0;
  }
  if (/^97[89]\d{10}$/.test(s)) {
    const sum = [...s].reduce((acc, c, i) => acc + (i % 2 ? 3 : 1) * Number(c), 0);
    return sum % 10 === 0;
  }
  return false;
}

/** The DOI's address, characters that mean something in a URL percent-encoded. */
export const doiUrl = (doi: string) => `https://doi.org/${doi.replace(/[%"#?\s<>{}|\\^`[\]]/g, encodeURIComponent)}`;

// ---- The citation shown on the pages ----

/** A piece of a formatted reference: plain text, text set in italics, or a link (web addresses only). */
export type Segment = { text: string; em?: boolean; href?: string };

const endsSentence = (s: string) => /[.!?…]$/.test(s.trim());
/** "A ; B et C". */
const joinNames = (list: string[]) => (list.length > 1 ? `${list.slice(0, -1).join(" ; ")} et ${list[list.length - 1]}` : (list[0] ?? ""));
/** "Ridde, V." → "V. Ridde" (after « Dans »); an organisation stays as written. */
const givenFirst = (name: string) => {
  const i = name.indexOf(",");
  return i < 0 ? name : `${name.slice(i + 1).trim()} ${name.slice(0, i).trim()}`.trim();
};

/** Pages as French citations write them: an article's as they are, a range "p. 12-34", a book's count "350 p.". */
function pagesLabel(kind: ReferenceKind, pages: string): string {
  if (kind === "article") return pages;
  if (pages.includes("-") || kind === "chapter") return `p. ${pages}`;
  return `${pages} p.`;
}

/**
 * The French author-date citation of a reference, in sentences:
 * "Kessler, R. C. ; … et Walters, E. E. (2005). Lifetime prevalence…. *Archives of General
 * Psychiatry*, 62(6), 593-602. https://doi.org/10.1001/archpsyc.62.6.593";
 * "Breton, É. (2015). Une idée reçue…. Dans V. Ridde et F. Ouattara (dir.), *Des idées reçues en
 * santé mondiale*. Montréal : Presses de l'Université de Montréal." Titles of books, reports, pages
 * and other documents in italics; a chapter's book and an article's journal in italics instead.
 */
export function formatReference(r: Reference): Segment[] {
  const kind = referenceKind(r);
  const sentences: Segment[][] = [];
  const authors = (r.authors ?? []).map(oneLine);
  const editors = (r.editors ?? []).map(oneLine);
  const who = authors.length ? joinNames(authors) : editors.length && kind !== "chapter" ? `${joinNames(editors)} (dir.)` : "";
  sentences.push([{ text: `${who ? `${who} ` : ""}${r.year ? `(${r.year})` : "(s. d.)"}` }]);

  const title = oneLine(r.title);
  const collection = r.container ? `coll. ${oneLine(r.container)}` : null;
  const where = [r.place, r.publisher]
    .filter((x): x is string => Boolean(x))
    .map(oneLine)
    .join(" : ");
  const pages = r.pages ? pagesLabel(kind, r.pages) : null;
  const join = (parts: (string | null | undefined)[]) => parts.filter(Boolean).join(", ");
  switch (kind) {
    case "article": {
      sentences.push([{ text: title }]);
      const volumeIssue = r.volume ? `${r.volume}${r.issue ? `(${r.issue})` : ""}` : r.issue ? `n° ${r.issue}` : null;
      const rest = join([volumeIssue, pages]);
      if (r.container) sentences.push([{ text: oneLine(r.container), em: true }, ...(rest ? [{ text: `, ${rest}` }] : [])]);
      else if (rest) sentences.push([{ text: rest }]);
      if (r.publisher) sentences.push([{ text: oneLine(r.publisher) }]);
      break;
    }
    case "chapter": {
      sentences.push([{ text: title }]);
      const book = r.bookTitle ?? r.container;
      const inside = join([r.volume ? `vol. ${r.volume}` : null, pages]);
      if (book) {
        sentences.push([
          { text: `Dans ${editors.length ? `${joinNames(editors.map(givenFirst))} (dir.), ` : ""}` },
          { text: oneLine(book), em: true },
          ...(inside ? [{ text: ` (${inside})` }] : []),
        ]);
      } else if (inside) sentences.push([{ text: inside }]);
      const publication = join([where, r.bookTitle ? collection : null]);
      if (publication) sentences.push([{ text: publication }]);
      break;
    }
    default: {
      const suffix = kind === "book" && r.volume ? ` (vol. ${r.volume})` : kind === "report" && r.issue ? ` (n° ${r.issue})` : "";
      sentences.push([{ text: title, em: true }, ...(suffix ? [{ text: suffix }] : [])]);
      if (kind === "web") {
        if (r.container) sentences.push([{ text: oneLine(r.container) }]);
        if (r.publisher) sentences.push([{ text: oneLine(r.publisher) }]);
      } else {
        const publication = join([where, collection, kind === "other" && r.volume ? `vol. ${r.volume}` : null, pages]);
        if (publication) sentences.push([{ text: publication }]);
      }
    }
  }
  if (r.isbn) sentences.push([{ text: `ISBN ${r.isbn}` }]);

  // Each sentence ends with a full stop (unless it ends with its own: "health?"), joined by spaces.
  const out: Segment[] = [];
  for (const s of sentences) {
    const last = s[s.length - 1];
    if (!endsSentence(last.text)) s.push({ text: "." });
    if (out.length) out.push({ text: " " });
    out.push(...s);
  }
  // Addresses end the citation, as links (no full stop after them: it would seem part of the address).
  if (r.doi) out.push({ text: " " }, { text: doiUrl(r.doi), href: doiUrl(r.doi) });
  if (r.url) out.push({ text: " " }, /^https?:\/\//i.test(r.url) ? { text: r.url, href: r.url } : { text: r.url });
  if (r.note) out.push({ text: ` (${oneLine(r.note).replace(/\.$/, "")}.)` });
  return mergeText(out);
}

/** Adjacent plain segments merged into one (simpler markup, same text). */
function mergeText(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    const prev = out[out.length - 1];
    if (prev && !prev.em && !prev.href && !s.em && !s.href) prev.text += s.text;
    else out.push({ ...s });
  }
  return out;
}

export const referenceText = (r: Reference) =>
  formatReference(r)
    .map((s) => s.text)
    .join("");

// ---- RIS (Research Information Systems), one record per reference ----

const RIS_TYPES: Record<ReferenceKind, string> = { book: "BOOK", chapter: "CHAP", article: "JOUR", report: "RPRT", web: "ELEC", other: "GEN" };

/**
 * Tags as the RIS specification gives them for each type (and as Zotero and citation-js read them):
 * T2 is an article's journal, a chapter's book, a book's or report's series; a chapter's editors are
 * A2, a book's A3 (a book's A2 is its series editor); IS is an article's issue, a report's number is SN.
 */
export function toRis(references: Reference[], source: { title: string; url?: string }): string {
  const lines: string[] = [];
  for (const r of references) {
    const kind = referenceKind(r);
    const tag = (name: string, value: string | number | undefined | null) => {
      const v = value === undefined || value === null ? "" : oneLine(String(value));
      if (v) lines.push(`${name}  - ${v}`);
    };
    tag("TY", RIS_TYPES[kind]);
    for (const a of r.authors ?? []) tag("AU", a);
    for (const e of r.editors ?? []) tag(kind === "book" ? "A3" : "A2", e);
    tag("TI", r.title);
    if (kind === "chapter") {
      tag("T2", r.bookTitle ?? r.container);
      if (r.bookTitle) tag("T3", r.container);
    } else tag("T2", r.container);
    tag("PY", r.year);
    tag("VL", r.volume);
    tag(kind === "report" ? "SN" : "IS", r.issue);
    if (r.pages && kind === "book") tag("SP", r.pages);
    else if (r.pages) {
      const [first, last] = pageRange(r.pages);
      tag("SP", first);
      tag("EP", last);
    }
    tag("PB", r.publisher);
    tag("CY", r.place);
    if (kind !== "report") tag("SN", r.isbn);
    tag("DO", r.doi);
    tag("UR", r.url);
    tag("N1", r.note);
    tag("N1", `Bibliographie : ${source.title}${source.url ? ` (${source.url})` : ""}`);
    lines.push("ER  - ", "");
  }
  return lines.join("\r\n");
}

// ---- BibTeX ----

const BIBTEX_TYPES: Record<ReferenceKind, string> = {
  book: "book",
  chapter: "incollection",
  article: "article",
  report: "techreport",
  web: "misc",
  other: "misc",
};

/**
 * Escapes the characters that mean something to TeX, on one line; letters with accents stay UTF-8
 * (biber, bibtex8). A no-break space (French typography) becomes TeX's tie, `~`.
 */
export function bibtexEscape(v: string): string {
  return oneLine(v)
    .replace(/[\\{}&%$#_~^]/g, (c) => (c === "\\" ? "\\textbackslash{}" : c === "~" ? "\\textasciitilde{}" : c === "^" ? "\\textasciicircum{}" : `\\${c}`))
    .replace(/[\u00a0\u202f]/g, "~");
}

/** URL and DOI are verbatim fields: only braces and spaces (which would end or split them) are percent-encoded. */
const verbatim = (v: string) => v.trim().replace(/[{}\s]/g, encodeURIComponent);

/** "Sen, A." is a person (family name, given names); "ORS-CREAI Normandie" an organisation, kept whole in braces. */
function bibtexName(a: string): string {
  return a.includes(",") ? bibtexEscape(a) : `{${bibtexEscape(a)}}`;
}

const ascii = (s: string) => lowerNoAccents(s).replace(/[^a-z0-9]+/g, "");

const STOP = new Set(["le", "la", "les", "l", "un", "une", "des", "de", "du", "d", "the", "a", "an", "of"]);

export function bibtexKeys(references: Reference[]): string[] {
  const used = new Map<string, number>();
  return references.map((r) => {
    const who = ascii((r.authors?.[0] ?? r.editors?.[0] ?? "").split(",")[0]).slice(0, 20) || "anonyme";
    const word = ascii(r.title.split(/[\s'’]+/).find((w) => w && !STOP.has(ascii(w))) ?? "").slice(0, 15);
    const base = `${who}${r.year ?? "sd"}${word}`;
    const n = used.get(base) ?? 0;
    used.set(base, n + 1);
    return n ? `${base}${String.fromCharCode(96 + n)}` : base;
  });
}

/**
 * @article (journal, volume, number, pages), @incollection (editor, booktitle, series…), @book
 * (a number of pages is `pagetotal`), @techreport (institution, number), @misc (a web page's site in
 * `howpublished`, another document's collection in `series`).
 */
export function toBibtex(references: Reference[], source: { title: string; url?: string }): string {
  const keys = bibtexKeys(references);
  const entries = references.map((r, i) => {
    const kind = referenceKind(r);
    const fields: [string, string][] = [];
    const field = (name: string, value: string | undefined | null, as: (v: string) => string = bibtexEscape) => {
      const v = value ? as(value) : "";
      if (v) fields.push([name, v]);
    };
    if (r.authors?.length) fields.push(["author", r.authors.map(bibtexName).join(" and ")]);
    if (r.editors?.length) fields.push(["editor", r.editors.map(bibtexName).join(" and ")]);
    // Double braces keep the title's capitals as written.
    fields.push(["title", `{${bibtexEscape(r.title)}}`]);
    if (kind === "article") field("journal", r.container);
    else if (kind === "chapter") {
      field("booktitle", r.bookTitle ?? r.container);
      if (r.bookTitle) field("series", r.container);
    } else if (kind === "web") field("howpublished", r.container);
    else field("series", r.container);
    if (r.year) fields.push(["year", String(r.year)]);
    field("volume", r.volume);
    field("number", r.issue);
    if (kind === "book") field("pagetotal", r.pages);
    else field("pages", r.pages, (p) => bibtexEscape(p).replace("-", "--"));
    field(kind === "report" ? "institution" : "publisher", r.publisher);
    field("address", r.place);
    field("isbn", r.isbn);
    field("doi", r.doi, verbatim);
    field("url", r.url, verbatim);
    field("note", r.note);
    return `@${BIBTEX_TYPES[kind]}{${keys[i]},\n${fields.map(([k, v]) => `  ${k} = {${v}}`).join(",\n")}\n}`;
  });
  const header = `% ${oneLine(source.title)}${source.url ? `\n% ${oneLine(source.url)}` : ""}\n% Exporté par Rendez-vous (UTF-8)\n`;
  return `${header}\n${entries.join("\n\n")}\n`;
}
