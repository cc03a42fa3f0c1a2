// The public library (/ressources): filters (type, series, session, theme, year), full-text search
// with SQLite FTS5 (table `resources_fts`, migration 0005) and pages of PAGE_SIZE, every one of them
// in SQL (library-query.server.ts; docs/decisions/018-library-search.md). Accents are folded by the tokenizer
// (unicode61 remove_diacritics 2); each query word is lightly stemmed (a final s or x dropped) and
// searched as a prefix, so "déterminant" finds "déterminants" and "determinants" finds both.
// Matches come back with markers (\u0001 … \u0002) that pages turn into <mark> elements: the text
// around them is never HTML, only text nodes.
import type { AppDatabase } from "~/utils/db.server";
import { RESOURCE_TYPE_LABELS } from "~/utils/labels";
import { pageWindow, requestedPage } from "~/utils/pagination";
import { lowerNoAccents } from "~/utils/slugs";
import {
  catalogue,
  libraryCount,
  libraryHighlights,
  libraryPageIds,
  type Catalogue,
  type Highlighted,
  type LibraryCriteria,
  type LibrarySlice,
} from "./library-query.server";
import { EVERY_SERIES, SERIES_MENU_SIZE } from "./library-menu";
import { PUBLIC_BASE, type ResourceCard } from "./resource-views";
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

export type Match = Highlighted;

export type LibraryFilters = { q: string; type: string; serie: string; session: string; theme: string; annee: string; page: string };

export function readFilters(url: URL): LibraryFilters {
  const get = (k: string) => (url.searchParams.get(k) ?? "").trim().slice(0, 200);
  return { q: get("q"), type: get("type"), serie: get("serie"), session: get("session"), theme: get("theme"), annee: get("annee"), page: get("page") };
}

/** Resources per page of the library. */
export const PAGE_SIZE = 20;

export type LibraryResult = ResourceCard & { match: Match | null };

export type Library = {
  filters: LibraryFilters;
  /** One page of the filtered set. */
  results: LibraryResult[];
  /** The filtered set's size (every page). */
  found: number;
  /** The visible catalogue's size. */
  total: number;
  page: number;
  pages: number;
  searched: boolean;
  /** A query made only of words too common to search ("de la"), or of no word at all ("!!!"). */
  emptyQuery: boolean;
  /** A query without a single letter or digit ("?!", "*"): nothing to search for. */
  noWord: boolean;
  options: {
    types: [string, string][];
    /** The SERIES_MENU_SIZE most recent series (and the chosen one), or every one after « Autres séries… » (EVERY_SERIES). */
    series: [string, string][];
    /** Whether the catalogue has more series than the menu lists (it then offers « Autres séries… »). */
    moreSeries: boolean;
    /**
     * The sessions of the chosen series (or of the chosen session's series) only: the session menu
     * follows the series chosen, not the catalogue (500 sessions would weigh on every page).
     */
    sessions: SessionGroup[];
    themes: string[];
    years: number[];
  };
};

type SessionGroup = { series: string; options: [string, string][] };
type Choices = Omit<Library["options"], "sessions" | "moreSeries"> & { sessionsBySeries: Map<string, SessionGroup>; seriesOfSession: Map<string, string> };

const collator = new Intl.Collator("fr", { numeric: true });
const choicesOf = new WeakMap<Catalogue, Choices>();

/** The filters' choices, computed once per catalogue counted (the catalogue is kept while the library does not change). */
function choices(c: Catalogue): Choices {
  const known = choicesOf.get(c);
  if (known) return known;
  const built = buildChoices(c);
  choicesOf.set(c, built);
  return built;
}

function buildChoices(c: Catalogue): Choices {
  const sessionsBySeries = new Map<string, SessionGroup>();
  const seriesOfSession = new Map<string, string>();
  for (const s of c.sessions) {
    const group = sessionsBySeries.get(s.seriesSlug) ?? { series: s.seriesTitle, options: [] };
    group.options.push([String(s.id), `RDV #${s.number} — ${s.title}`]);
    sessionsBySeries.set(s.seriesSlug, group);
    seriesOfSession.set(String(s.id), s.seriesSlug);
  }
  for (const group of sessionsBySeries.values()) group.options.sort((a, b) => collator.compare(a[1], b[1]));
  const themes = new Map<string, string>();
  for (const { theme: th } of c.themes) if (!themes.has(fold(th))) themes.set(fold(th), th);
  return {
    types: Object.entries(RESOURCE_TYPE_LABELS).filter(([type]) => c.types.some((g) => g.type === type)),
    series: c.series.map((s) => [s.slug, s.title]),
    sessionsBySeries,
    seriesOfSession,
    themes: [...themes.values()].sort((a, b) => collator.compare(a, b)),
    years: c.years.map((y) => y.year).sort((a, b) => b - a),
  };
}

/**
 * The menus for these filters: every type, theme and year; the most recent series (every one after
 * « Autres séries… »), the chosen one included; the sessions of the chosen series (or of the chosen
 * session's) only.
 */
function options(c: Catalogue, filters: LibraryFilters): Library["options"] {
  const { sessionsBySeries, seriesOfSession, series: all, ...rest } = choices(c);
  const chosenSeries = filters.serie || (seriesOfSession.get(filters.session) ?? "");
  const group = sessionsBySeries.get(chosenSeries);
  const moreSeries = filters.serie !== EVERY_SERIES && all.length > SERIES_MENU_SIZE;
  const series = moreSeries ? all.slice(0, SERIES_MENU_SIZE) : all;
  const chosen = moreSeries && !series.some(([slug]) => slug === chosenSeries) ? all.find(([slug]) => slug === chosenSeries) : undefined;
  return { ...rest, series: chosen ? [chosen, ...series] : series, moreSeries, sessions: group ? [group] : [] };
}

/**
 * The cards of a slice of the filtered set, in its order, with their matches marked when searched
 * (no window: all of it, e.g. the resources a personal space reserves to its holder).
 */
export function libraryCards(
  db: AppDatabase,
  slice: LibrarySlice,
  criteria: LibraryCriteria,
  window: { limit: number; offset: number } = { limit: -1, offset: 0 },
  base = PUBLIC_BASE,
): LibraryResult[] {
  const ids = libraryPageIds(db, slice, criteria, window.limit, window.offset);
  const matches = criteria.match ? libraryHighlights(db, criteria.match, ids) : null;
  const cards = new Map(visibleResources(db, slice.audience, { ids, registrantsOnly: slice.registrantsOnly }, base).map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const card = cards.get(id);
    return card ? [{ ...card, match: matches?.get(id) ?? null }] : [];
  });
}

/**
 * One page of the library as an audience sees it: an anonymous visitor (public resources), or a
 * personal link's holder (`registrantsOnly`: the resources reserved to the series they registered in,
 * under their personal addresses).
 */
export function library(db: AppDatabase, filters: LibraryFilters, slice: LibrarySlice = { audience: { kind: "public" } }, base = PUBLIC_BASE): Library {
  const counted = catalogue(db, slice);
  const match = filters.q ? ftsQuery(filters.q) : null;
  const year = /^\d{4}$/.test(filters.annee) ? Number(filters.annee) : undefined;
  const criteria: LibraryCriteria = {
    match,
    type: filters.type || undefined,
    seriesSlug: filters.serie && filters.serie !== EVERY_SERIES ? filters.serie : undefined,
    sessionId: filters.session ? (/^\d{1,9}$/.test(filters.session) ? Number(filters.session) : -1) : undefined,
    themeSpellings: filters.theme ? counted.themes.map((g) => g.theme).filter((th) => fold(th) === fold(filters.theme)) : undefined,
    year,
  };
  const found = libraryCount(db, slice, criteria, counted);
  const { page, pages, limit, offset } = pageWindow(found, requestedPage(new URLSearchParams({ page: filters.page })), PAGE_SIZE);
  return {
    filters,
    results: libraryCards(db, slice, criteria, { limit, offset }, base),
    found,
    total: counted.total,
    page,
    pages,
    searched: Boolean(filters.q),
    emptyQuery: Boolean(filters.q) && !match,
    noWord: Boolean(filters.q) && !/[\p{L}\p{N}]/u.test(filters.q),
    options: options(counted, filters),
  };
}
