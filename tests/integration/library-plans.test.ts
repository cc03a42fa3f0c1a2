// The library in SQL (issue #14 item 2; docs/decisions/018-library-search.md), on a catalogue of 200
// resources over 10 series built through the import: every statement the loader runs, for every kind
// of request (no query, each filter, a search, a search with filters, a deep page, a personal space),
// is planned without a SCAN of resources (the FTS index or an index drives it); the pages, put end to
// end, give exactly what the previous loader (the whole catalogue filtered in JavaScript) gave, in the
// same order; the count is the filtered set's; hostile queries never reach MATCH as FTS syntax; the
// catalogue's counts and the ranked searches are kept only while the library's version stands still.
import { beforeAll, describe, expect, it } from "vitest";
import { libraryVersion } from "~/resources/library-query.server";
import { PAGE_SIZE, fold, ftsQuery, library, libraryCards, readFilters, type LibraryFilters } from "~/resources/library.server";
import { visibleResources } from "~/resources/resource-views.server";
import { EVERY_SERIES, SERIES_MENU_SIZE } from "~/resources/library-menu";
import { seedIfEmpty } from "~/server/seed.server";
import { toUtcIso } from "~/utils/dates.server";
import type { AppDatabase } from "~/utils/db.server";
import { NOW, memoryDb } from "../helpers/db";
import { fillLibrary } from "../helpers/library-scale";

let db: AppDatabase;
beforeAll(() => {
  db = memoryDb();
  seedIfEmpty(db, NOW);
  fillLibrary(db, { series: 10, perSeries: 20, nowIso: toUtcIso(NOW) });
});

const filtersOf = (query: string): LibraryFilters => readFilters(new URL(`http://x/ressources?${query}`));

/** Every statement `run` prepares and executes on the connection, with its parameters. */
function statementsOf(run: () => void): { sql: string; params: unknown[] }[] {
  const client = db.$client;
  const prepare = client.prepare;
  const seen: { sql: string; params: unknown[] }[] = [];
  client.prepare = function (this: typeof client, source: string) {
    const statement = prepare.call(this, source);
    for (const method of ["all", "get", "run", "iterate"] as const) {
      const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...params: unknown[]) => {
        seen.push({ sql: source, params });
        return original(...params);
      };
    }
    return statement;
  } as typeof client.prepare;
  try {
    run();
  } finally {
    client.prepare = prepare;
  }
  return seen;
}

function plan(sql: string, params: unknown[]): string[] {
  return (db.$client.prepare(`explain query plan ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
}

const REQUESTS = [
  "",
  "type=bibliography",
  "serie=serie-3",
  "theme=Sant%C3%A9+mentale",
  "annee=2022",
  "q=pr%C3%A9vention",
  "q=pr%C3%A9vention+territoires&type=slides&annee=2023",
  "q=sant%C3%A9&page=4",
  "page=9",
];

describe("the library's queries", () => {
  it("never scan resources: the FTS index or an index drives every statement, for every kind of request", () => {
    const session = db.$client.prepare("select id from sessions order by id limit 1").get() as { id: number };
    // A personal link's holder (no registration needed for the plan: the same statements run).
    const participantId = (db.$client.prepare("select id from participants limit 1").get() as { id: number } | undefined)?.id ?? 1;
    const runs: [string, () => unknown][] = [
      ...REQUESTS.map((q): [string, () => unknown] => [q || "(no query)", () => library(db, filtersOf(q))]),
      [`session=${session.id}`, () => library(db, filtersOf(`session=${session.id}`))],
      ["personal space", () => libraryCards(db, { audience: { kind: "participant", participantId }, registrantsOnly: true }, { match: null })],
    ];
    for (const [label, run] of runs) {
      const statements = statementsOf(() => run());
      // At least the count and the page (the catalogue version read is a statement prepared once per connection).
      expect(statements.length, label).toBeGreaterThanOrEqual(2);
      for (const s of statements) {
        const steps = plan(s.sql, s.params);
        expect(
          steps.filter((step) => /^SCAN (resources|sessions|registrations)\b(?!_fts)/.test(step)),
          `${label}: ${s.sql}\n${steps.join("\n")}`,
        ).toEqual([]);
      }
    }
  });

  it("give, page after page, what the whole catalogue filtered in JavaScript gave, in the same order", () => {
    // The previous loader, as a reference: every visible card, filtered, then ordered by the search's rank.
    const all = visibleResources(db, { kind: "public" });
    const rankOf = (q: string) =>
      new Map(
        (
          db.$client
            .prepare("select rowid as id, bm25(resources_fts, 10.0, 4.0, 3.0, 5.0, 1.0) as rank from resources_fts where resources_fts match ?")
            .all(ftsQuery(q)) as { id: number; rank: number }[]
        ).map((r) => [r.id, r.rank]),
      );
    for (const query of REQUESTS.filter((q) => !q.includes("page"))) {
      const f = filtersOf(query);
      const ranks = f.q ? rankOf(f.q) : null;
      const expected = all
        .filter(
          (r) =>
            (!f.type || r.type === f.type) &&
            (!f.serie || r.series.slug === f.serie) &&
            (!f.theme || r.themes.some((th) => fold(th) === fold(f.theme))) &&
            (!f.annee || r.year === Number(f.annee)) &&
            (!ranks || ranks.has(r.id)),
        )
        .sort((a, b) => (ranks ? ranks.get(a.id)! - ranks.get(b.id)! : 0))
        .map((r) => r.id);
      const first = library(db, f);
      expect(first.found, query).toBe(expected.length);
      expect(first.total).toBe(all.length);
      const pages = [first, ...Array.from({ length: first.pages - 1 }, (_, i) => library(db, filtersOf(`${query}&page=${i + 2}`)))];
      expect(pages.every((p) => p.results.length <= PAGE_SIZE)).toBe(true);
      expect(
        pages.flatMap((p) => p.results.map((r) => r.id)),
        query,
      ).toEqual(expected);
      if (f.q) expect(pages.every((p) => p.results.every((r) => r.match?.title))).toBe(true);
    }
  });

  it("counts the filtered set, pages it by 20 and shows the last page for a page past the end", () => {
    const all = library(db, filtersOf(""));
    expect(all.total).toBeGreaterThan(180);
    expect(all.found).toBe(all.total);
    expect(all.pages).toBe(Math.ceil(all.total / PAGE_SIZE));
    expect(all.results).toHaveLength(PAGE_SIZE);
    const past = library(db, filtersOf("page=999"));
    expect(past.page).toBe(all.pages);
    expect(past.results).toHaveLength(all.total - (all.pages - 1) * PAGE_SIZE);
    for (const page of ["0", "-3", "abc", "2.5"]) expect(library(db, filtersOf(`page=${page}`)).page, page).toBe(1);
    // The filters' choices come from the whole catalogue, whatever the filters.
    expect(library(db, filtersOf("type=video")).options).toEqual(all.options);
    expect(all.options.series.map(([slug]) => slug).slice(0, 3)).toEqual(["serie-10", "serie-9", "serie-8"]);
    // But the session menu lists the chosen series' sessions only (or the chosen session's series'): not the catalogue's.
    expect(all.options.sessions).toEqual([]);
    const [slug, title] = all.options.series[1];
    const ofSeries = library(db, filtersOf(`serie=${slug}`)).options;
    expect(ofSeries.sessions.map((g) => g.series)).toEqual([title]);
    expect(ofSeries.sessions[0].options.length).toBeGreaterThan(0);
    expect({ ...ofSeries, sessions: [] }).toEqual(all.options);
    const [sessionId] = ofSeries.sessions[0].options[0];
    expect(library(db, filtersOf(`session=${sessionId}`)).options.sessions).toEqual(ofSeries.sessions);
  });

  it("lists the 30 most recent series in the series menu (the chosen one too), « Autres séries… » every one", () => {
    const many = memoryDb();
    seedIfEmpty(many, NOW);
    fillLibrary(many, { series: SERIES_MENU_SIZE + 3, perSeries: 1, nowIso: toUtcIso(NOW) });
    const slugs = (o: { series: [string, string][] }) => o.series.map(([slug]) => slug);
    const first = library(many, filtersOf("")).options;
    expect(first.series).toHaveLength(SERIES_MENU_SIZE);
    expect(first.moreSeries).toBe(true);
    const every = library(many, filtersOf(`serie=${EVERY_SERIES}`));
    expect(every.options.moreSeries).toBe(false);
    expect(slugs(every.options).slice(0, SERIES_MENU_SIZE)).toEqual(slugs(first));
    expect(every.options.series.length).toBeGreaterThan(SERIES_MENU_SIZE + 2);
    // « Autres séries… » is no filter.
    expect(every.found).toBe(every.total);
    const oldest = every.options.series.at(-1)!;
    const chosen = library(many, filtersOf(`serie=${oldest[0]}`)).options;
    expect(chosen.series[0]).toEqual(oldest);
    expect(chosen.series).toHaveLength(SERIES_MENU_SIZE + 1);
  });

  it("never passes a query to MATCH as FTS syntax: quotes, operators, columns and 10 KB are plain words or nothing", () => {
    const total = library(db, filtersOf("")).total;
    for (const q of [
      '"',
      "*",
      "NEAR(",
      "-",
      ":",
      "^",
      "(",
      ")",
      "{titre}",
      '"santé',
      "santé*",
      "-santé",
      "title:santé",
      "NEAR(santé jeunes, 2)",
      "AND OR NOT",
    ]) {
      const lib = library(db, { ...filtersOf(""), q });
      expect(lib.searched, q).toBe(true);
      if (!/[\p{L}\p{N}]/u.test(q)) {
        // No word at all: the whole library, with a message (not an error).
        expect(lib.noWord, q).toBe(true);
        expect(lib.emptyQuery, q).toBe(true);
        expect(lib.found, q).toBe(total);
      }
    }
    expect(library(db, { ...filtersOf(""), q: "title:santé" }).found).toBe(library(db, { ...filtersOf(""), q: "title santé" }).found);
    // 10 KB of query: bounded when read (200 characters), then at most 12 words.
    const huge = readFilters(new URL(`http://x/ressources?q=${encodeURIComponent("prévention ".repeat(1000))}&theme=${"x".repeat(10_000)}`));
    expect(huge.q.length).toBeLessThanOrEqual(200);
    expect(huge.theme.length).toBeLessThanOrEqual(200);
    expect(library(db, huge).found).toBe(0);
    expect(library(db, { ...huge, theme: "" }).found).toBe(library(db, filtersOf("q=pr%C3%A9vention")).found);
  });

  it("keeps the catalogue's counts only while nothing they show changes (resources, series, sessions)", () => {
    const small = memoryDb();
    seedIfEmpty(small, NOW);
    const first = library(small, filtersOf(""));
    const version = libraryVersion(small);
    // Writes the library does not show leave the counts kept.
    small.$client.prepare("update sessions set access_codes_due_at = '2030-01-01T00:00:00Z'").run();
    expect(libraryVersion(small)).toBe(version);
    const row = (sql: string) => small.$client.prepare(sql).get() as { id: number };
    const resource = row("select id from resources where visibility = 'public' and session_id is null order by id limit 1");
    small.$client.prepare("update resources set published = 0 where id = ?").run(resource.id);
    expect(library(small, filtersOf("")).total).toBe(first.total - 1);
    const session = row("select session_id as id from resources where visibility = 'public' and published = 1 and session_id is not null limit 1");
    const before = library(small, filtersOf(`session=${session.id}`));
    const inSession = before.found;
    expect(inSession).toBeGreaterThan(0);
    expect(before.options.sessions.flatMap((g) => g.options.map(([id]) => id))).toContain(String(session.id));
    small.$client.prepare("update sessions set status = 'draft' where id = ?").run(session.id);
    const afterDraft = library(small, filtersOf(""));
    expect(afterDraft.total).toBe(first.total - 1 - inSession);
    const menu = library(small, filtersOf(`session=${session.id}`)).options.sessions;
    expect(menu.flatMap((g) => g.options.map(([id]) => id))).not.toContain(String(session.id));
    // A search is ranked once and kept while the catalogue stands still; a change the search shows drops it.
    const searched = library(small, filtersOf("q=sant%C3%A9"));
    expect(searched.found).toBeGreaterThan(1);
    const [gone, ...rest] = searched.results;
    expect(library(small, filtersOf("q=sant%C3%A9")).results.map((r) => r.id)).toEqual([gone, ...rest].map((r) => r.id));
    small.$client.prepare("update resources set published = 0 where id = ?").run(gone.id);
    const after = library(small, filtersOf("q=sant%C3%A9"));
    expect(after.found).toBe(searched.found - 1);
    expect(after.results.map((r) => r.id)).not.toContain(gone.id);
    small.$client.prepare("update series set status = 'draft'").run();
    expect(library(small, filtersOf("")).total).toBe(0);
    expect(library(small, filtersOf("")).options.series).toEqual([]);
  });
});
