// The public library (/ressources): filters (type, series, session, theme, year) and full-text search
// with SQLite FTS5 (table `resources_fts`, migration 0005). Accents are folded by the tokenizer
// (unicode61 remove_diacritics 2); each query word is lightly stemmed (a final s or x dropped) and
// searched as a prefix, so "déterminant" finds "déterminants" and "determinants" finds both.
// Matches come back with markers (\u0001 … \u0002) that pages turn into <mark> elements: the text
// around them is never HTML, only text nodes.
import type { AppDatabase } from "~/utils/db.server";
import { RESOURCE_TYPE_LABELS } from "~/utils/labels";
import { lowerNoAccents } from "~/utils/slugs";
import type { ResourceCard } from "./resource-views";
import { visibleResources } from "./resource-views.server";

export const MARK_START = "\u0001";
export const MARK_END = "\u0002";

/** French words too common to search for. */
const STOPWORDS = new Set(
  "a au aux avec ce ces dans de des du elle en et eux il je la le les leur lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous y d l n s t c j m qu est sont ete etre".split(
    " ",
  ),
);

/** Folds a word as the tokenizer does (lower case, no accents). */
export function fold(s: string): string {
  return lowerNoAccents(s);
}

/** "déterminants" → "determinant", "jeux" → "jeu", "santé" → "sante". */
export function stem(word: string): string {
  return word.length > 3 && /[sx]$/.test(word) ? word.slice(0, -1) : word;
}

/** The words of a query, folded and stemmed, without the stop words (at most 12). */
export function queryTerms(q: string): string[] {
  const words = fold(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !STOPWORDS.has(w) && (w.length > 1 || /\d/.test(w)));
  return [...new Set(words.map(stem))].slice(0, 12);
}

/** An FTS5 query: every term as a quoted prefix, all required ("sante"* "jeune"*); null for no term. */
export function ftsQuery(q: string): string | null {
  const terms = queryTerms(q);
  return terms.length ? terms.map((w) => `"${w.replace(/"/g, "")}"*`).join(" ") : null;
}

export type Match = { title: string; authors: string; description: string; excerpt: string | null; rank: number };

/** Full-text matches (any visibility: callers intersect with what the visitor may see). */
export function searchIndex(db: AppDatabase, q: string, limit = 500): Map<number, Match> {
  const query = ftsQuery(q);
  const out = new Map<number, Match>();
  if (!query) return out;
  const rows = db.$client
    .prepare(
      `select rowid as id,
        highlight(resources_fts, 0, char(1), char(2)) as title,
        highlight(resources_fts, 1, char(1), char(2)) as authors,
        highlight(resources_fts, 2, char(1), char(2)) as description,
        snippet(resources_fts, 4, char(1), char(2), '…', 24) as excerpt,
        bm25(resources_fts, 10.0, 4.0, 3.0, 5.0, 1.0) as rank
      from resources_fts where resources_fts match ? order by rank limit ?`,
    )
    .all(query, limit) as (Match & { id: number })[];
  for (const r of rows) out.set(r.id, { ...r, excerpt: r.excerpt && r.excerpt.includes(MARK_START) ? r.excerpt : null });
  return out;
}

export type LibraryFilters = { q: string; type: string; serie: string; session: string; theme: string; annee: string };

export function readFilters(url: URL): LibraryFilters {
  const get = (k: string) => (url.searchParams.get(k) ?? "").trim().slice(0, 200);
  return { q: get("q"), type: get("type"), serie: get("serie"), session: get("session"), theme: get("theme"), annee: get("annee") };
}

export type LibraryResult = ResourceCard & { match: Match | null };

export type Library = {
  filters: LibraryFilters;
  results: LibraryResult[];
  total: number;
  searched: boolean;
  /** A query made only of words too common to search ("de la"). */
  emptyQuery: boolean;
  options: {
    types: [string, string][];
    series: [string, string][];
    sessions: { series: string; options: [string, string][] }[];
    themes: string[];
    years: number[];
  };
};

/** The library as an anonymous visitor sees it: public, published resources only. */
export function library(db: AppDatabase, filters: LibraryFilters): Library {
  const all = visibleResources(db, { kind: "public" });
  const emptyQuery = Boolean(filters.q) && !ftsQuery(filters.q);
  const matches = filters.q && !emptyQuery ? searchIndex(db, filters.q) : null;
  const year = /^\d{4}$/.test(filters.annee) ? Number(filters.annee) : null;
  let results: LibraryResult[] = all
    .filter(
      (r) =>
        (!filters.type || r.type === filters.type) &&
        (!filters.serie || r.series.slug === filters.serie) &&
        (!filters.session || String(r.session?.id ?? "") === filters.session) &&
        (!filters.theme || r.themes.some((th) => fold(th) === fold(filters.theme))) &&
        (year === null || r.year === year),
    )
    .map((r) => ({ ...r, match: matches?.get(r.id) ?? null }));
  if (matches) {
    results = results.filter((r) => r.match).sort((a, b) => a.match!.rank - b.match!.rank);
  }
  const seriesSeen = new Map<string, string>();
  const sessions = new Map<string, [string, string][]>();
  for (const r of all) {
    seriesSeen.set(r.series.slug, r.series.title);
    if (r.session) {
      const list = sessions.get(r.series.title) ?? [];
      if (!list.some(([v]) => v === String(r.session!.id))) list.push([String(r.session.id), `RDV #${r.session.number} — ${r.session.title}`]);
      sessions.set(r.series.title, list);
    }
  }
  const themes = new Map<string, string>();
  for (const r of all) for (const th of r.themes) if (!themes.has(fold(th))) themes.set(fold(th), th);
  return {
    filters,
    results,
    total: all.length,
    searched: Boolean(filters.q),
    emptyQuery,
    options: {
      types: Object.entries(RESOURCE_TYPE_LABELS).filter(([type]) => all.some((r) => r.type === type)),
      series: [...seriesSeen.entries()],
      sessions: [...sessions.entries()].map(([series, options]) => ({
        series,
        options: options.sort((a, b) => a[1].localeCompare(b[1], "fr", { numeric: true })),
      })),
      themes: [...themes.values()].sort((a, b) => a.localeCompare(b, "fr")),
      years: [...new Set(all.map((r) => r.year).filter((y): y is number => y !== null))].sort((a, b) => b - a),
    },
  };
}
