// Bibliographic references: one display style for every bibliography (author-date, as in the
// selective bibliographies of the seed), and exports to RIS and BibTeX. Pure functions.
import type { Reference } from "../../db/schema/resources";

export type ReferenceKind = NonNullable<Reference["kind"]>;

export const REFERENCE_KIND_LABELS: Record<ReferenceKind, string> = {
  book: "Livre",
  chapter: "Chapitre d'ouvrage",
  article: "Article",
  report: "Rapport",
  web: "Page web",
  other: "Autre",
};

/** The kind given, or the one the fields suggest (a container and a publisher: a chapter…). */
export function referenceKind(r: Reference): ReferenceKind {
  if (r.kind) return r.kind;
  if (r.container && r.publisher) return "chapter";
  if (r.container) return "article";
  if (r.publisher) return "book";
  if (r.url) return "web";
  return "other";
}

/** A piece of formatted reference: plain text, or text set in italics. */
export type Segment = { text: string; em?: boolean };

const end = (s: string) => (/[.!?…]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

/**
 * "Breton, É. (2015). Une idée reçue… In V. Ridde & F. Ouattara (dir.), chap. 29. Presses de
 * l'Université de Montréal." — the title in italics for books, reports and pages, the container in
 * italics for chapters and articles.
 */
export function formatReference(r: Reference): Segment[] {
  const kind = referenceKind(r);
  const out: Segment[] = [];
  const list = r.authors ?? [];
  const authors = list.length > 1 ? `${list.slice(0, -1).join(" ; ")} et ${list[list.length - 1]}` : (list[0] ?? "");
  if (authors) out.push({ text: `${authors} ` });
  out.push({ text: r.year ? `(${r.year}). ` : "(s. d.). " });
  const titleInItalics = kind !== "chapter" && kind !== "article";
  out.push({ text: end(r.title), em: titleInItalics });
  if (r.container) {
    out.push({ text: kind === "chapter" ? " In " : " " });
    out.push({ text: end(r.container), em: !titleInItalics });
  }
  if (r.publisher) out.push({ text: ` ${end(r.publisher)}` });
  if (r.url) out.push({ text: ` ${r.url}` });
  if (r.note) out.push({ text: ` (${r.note.replace(/\.$/, "")}.)` });
  return out;
}

export const referenceText = (r: Reference) => formatReference(r).map((s) => s.text).join("");

// ---- RIS (Research Information Systems), one record per reference ----

const RIS_TYPES: Record<ReferenceKind, string> = { book: "BOOK", chapter: "CHAP", article: "JOUR", report: "RPRT", web: "ELEC", other: "GEN" };

const risValue = (v: string) => v.replace(/[\r\n]+/g, " ").trim();

export function toRis(references: Reference[], source: { title: string; url?: string }): string {
  const lines: string[] = [];
  for (const r of references) {
    const kind = referenceKind(r);
    lines.push(`TY  - ${RIS_TYPES[kind]}`);
    for (const a of r.authors ?? []) lines.push(`AU  - ${risValue(a)}`);
    if (r.year) lines.push(`PY  - ${r.year}`);
    lines.push(`TI  - ${risValue(r.title)}`);
    if (r.container) lines.push(`${kind === "article" ? "JO" : "T2"}  - ${risValue(r.container)}`);
    if (r.publisher) lines.push(`PB  - ${risValue(r.publisher)}`);
    if (r.url) lines.push(`UR  - ${risValue(r.url)}`);
    if (r.note) lines.push(`N1  - ${risValue(r.note)}`);
    lines.push(`N1  - ${risValue(`Bibliographie : ${source.title}${source.url ? ` (${source.url})` : ""}`)}`);
    lines.push("ER  - ", "");
  }
  return lines.join("\r\n");
}

// ---- BibTeX ----

const BIBTEX_TYPES: Record<ReferenceKind, string> = { book: "book", chapter: "incollection", article: "article", report: "techreport", web: "misc", other: "misc" };

/** Escapes the characters that mean something to TeX; letters with accents stay UTF-8 (biber, bibtex8). */
export function bibtexEscape(v: string): string {
  return v
    .replace(/[\r\n]+/g, " ")
    .replace(/[\\{}&%$#_~^]/g, (c) =>
      c === "\\" ? "\\textbackslash{}" : c === "~" ? "\\textasciitilde{}" : c === "^" ? "\\textasciicircum{}" : `\\${c}`,
    );
}

/** "Sen, A." is a person (family name, given names); "ORS-CREAI Normandie" an organisation, kept whole in braces. */
function bibtexAuthor(a: string): string {
  return a.includes(",") ? bibtexEscape(a) : `{${bibtexEscape(a)}}`;
}

const ascii = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");

const STOP = new Set(["le", "la", "les", "l", "un", "une", "des", "de", "du", "d", "the", "a", "an", "of"]);

export function bibtexKeys(references: Reference[]): string[] {
  const used = new Map<string, number>();
  return references.map((r) => {
    const who = ascii((r.authors?.[0] ?? "").split(",")[0]).slice(0, 20) || "anonyme";
    const word = ascii(r.title.split(/[\s'’]+/).find((w) => w && !STOP.has(ascii(w))) ?? "").slice(0, 15);
    const base = `${who}${r.year ?? "sd"}${word}`;
    const n = used.get(base) ?? 0;
    used.set(base, n + 1);
    return n ? `${base}${String.fromCharCode(96 + n)}` : base;
  });
}

export function toBibtex(references: Reference[], source: { title: string; url?: string }): string {
  const keys = bibtexKeys(references);
  const entries = references.map((r, i) => {
    const kind = referenceKind(r);
    const fields: [string, string][] = [];
    if (r.authors?.length) fields.push(["author", r.authors.map(bibtexAuthor).join(" and ")]);
    // Double braces keep the title's capitals as written.
    fields.push(["title", `{${bibtexEscape(r.title)}}`]);
    if (r.year) fields.push(["year", String(r.year)]);
    if (r.container) fields.push([kind === "article" ? "journal" : kind === "chapter" ? "booktitle" : "howpublished", bibtexEscape(r.container)]);
    if (r.publisher) fields.push([kind === "report" ? "institution" : "publisher", bibtexEscape(r.publisher)]);
    if (r.url) fields.push(["url", r.url.replace(/[{}\s]/g, encodeURIComponent)]);
    if (r.note) fields.push(["note", bibtexEscape(r.note)]);
    return `@${BIBTEX_TYPES[kind]}{${keys[i]},\n${fields.map(([k, v]) => `  ${k} = {${v}}`).join(",\n")}\n}`;
  });
  const header = `% ${source.title.replace(/[\r\n]+/g, " ")}${source.url ? `\n% ${source.url}` : ""}\n% Exporté par Rendez-vous (UTF-8)\n`;
  return `${header}\n${entries.join("\n\n")}\n`;
}
