// The library's loader (app/resources/library.server.ts `library`) timed on the demo database and on
// a large one (100 series, 2,000 resources, built by tests/helpers/library-scale.ts through the
// import), in the same run: no query (page 1), a filter, a search, a search with a filter, a theme, a
// year, a deep page. Sequential calls in this process (no HTTP, no page cache): p50 and p95 in ms.
// Run: `npm run bench:library` (figures in docs/benchmarks.md).
import { performance } from "node:perf_hooks";
import { DateTime } from "luxon";
import { library, readFilters } from "~/resources/library.server";
import { seedIfEmpty } from "~/server/seed.server";
import { toUtcIso } from "~/utils/dates.server";
import { openDatabase, type AppDatabase } from "~/utils/db.server";
import { fillLibrary } from "../tests/helpers/library-scale";

const NOW = DateTime.fromISO("2026-11-22T10:00:00", { zone: "Europe/Paris" });
const RUNS = Number(process.env.RUNS ?? 60);

const CASES: [string, string][] = [
  ["no query, page 1", ""],
  ["a filter (type)", "type=bibliography"],
  ["a search", "q=pr%C3%A9vention"],
  ["a search + a filter", "q=pr%C3%A9vention+territoires&type=slides"],
  ["a theme", "theme=Sant%C3%A9+mentale"],
  ["a year", "annee=2022"],
  ["a deep page", "page=80"],
];

function time(db: AppDatabase, query: string): { p50: number; p95: number; found: number } {
  const url = new URL(`http://x/ressources?${query}`);
  const found = library(db, readFilters(url)) as { results: unknown[]; found?: number };
  for (let i = 0; i < 5; i++) library(db, readFilters(url));
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    library(db, readFilters(url));
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(RUNS / 2)], p95: ms[Math.floor(RUNS * 0.95)], found: found.found ?? found.results.length };
}

const demo = openDatabase(":memory:");
seedIfEmpty(demo, NOW);
const big = openDatabase(":memory:");
seedIfEmpty(big, NOW);
const t0 = performance.now();
const n = fillLibrary(big, { series: 100, perSeries: 20, nowIso: toUtcIso(NOW) });
console.log(`built ${n} resources over 100 series in ${Math.round(performance.now() - t0)} ms\n`);
console.log("case                      demo p50   big p50   big p95   ratio   found (big)");
for (const [label, query] of CASES) {
  const a = time(demo, query);
  const b = time(big, query);
  console.log(
    `${label.padEnd(24)} ${a.p50.toFixed(2).padStart(8)} ${b.p50.toFixed(2).padStart(9)} ${b.p95.toFixed(2).padStart(9)} ${(b.p50 / a.p50).toFixed(1).padStart(7)}   ${b.found}`,
  );
}
