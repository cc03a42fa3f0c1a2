// Derived data of public pages kept in process while what they show is unchanged (ADR 020): the same
// versions as the page cache (cache_versions, bumped by triggers in every writer process), plus the
// next instant at which the clock changes the result (a session starts or ends, registrations open or
// close). Serves renders the page cache cannot: visitors with a cookie, personal pages, calendars.
// Values are shared between callers: never mutate them.
import type { AppDatabase, Tx } from "~/utils/db.server";
import { preparedRaw } from "~/utils/prepared.server";

const VERSION_SQL =
  "select coalesce((select version from cache_versions where scope = ?), 0) || ':' || coalesce((select version from cache_versions where scope = ?), 0) as v";

/** The versions of two scopes as one string ("5:12"; 0 for a scope never bumped): two primary-key reads. */
export function scopesVersion(db: AppDatabase | Tx, [a, b]: readonly [string, string]): string {
  return (preparedRaw(db, "cache-versions", VERSION_SQL).get(a, b) as { v: string }).v;
}

type Memo = { version: string; from: string; until: string | null; value: unknown };
const memos = new WeakMap<object, Map<string, Memo>>();

/** The first of `instants` strictly after `nowIso` (ISO 8601 UTC, comparable as strings), or null. */
export function nextInstant(nowIso: string, instants: (string | null | undefined)[]): string | null {
  let next: string | null = null;
  for (const x of instants) if (x && x > nowIso && (next === null || x < next)) next = x;
  return next;
}

/**
 * `compute()` once per version of `scopes` and per clock interval [from, until): `until` is what
 * compute says (the next instant that changes its result; null: none). A null value is not kept.
 */
export function memoByVersion<T>(
  db: AppDatabase,
  key: string,
  scopes: readonly [string, string],
  nowIso: string,
  compute: () => { value: T; until: string | null },
): T {
  let byKey = memos.get(db);
  if (!byKey) memos.set(db, (byKey = new Map()));
  const version = scopesVersion(db, scopes);
  const memo = byKey.get(key);
  if (memo && memo.version === version && memo.from <= nowIso && (memo.until === null || nowIso < memo.until)) return memo.value as T;
  const { value, until } = compute();
  if (value === null) byKey.delete(key);
  else byKey.set(key, { version, from: nowIso, until, value });
  return value;
}

/** The keys memoByVersion holds for `db` (tests: a memo keyed by a request's parameters stays bounded). */
export function memoKeys(db: AppDatabase): string[] {
  return [...(memos.get(db)?.keys() ?? [])];
}

type Kept = { version: string; byKey: Map<string, unknown> };
const keptSets = new WeakMap<object, Map<string, Kept>>();

/**
 * `compute()` once per key while the versions of `scopes` stand still, for values with many keys (a
 * search, a set of series): the `max` most recently used keys of `name` are kept, the least recently
 * used dropped first, and all of them go when a version moves.
 */
export function keptByVersion<T>(db: AppDatabase, name: string, scopes: readonly [string, string], key: string, max: number, compute: () => T): T {
  let byName = keptSets.get(db);
  if (!byName) keptSets.set(db, (byName = new Map()));
  const version = scopesVersion(db, scopes);
  let kept = byName.get(name);
  if (!kept || kept.version !== version) byName.set(name, (kept = { version, byKey: new Map() }));
  let value = kept.byKey.get(key) as T | undefined;
  if (value !== undefined)
    kept.byKey.delete(key); // re-inserted below: the most recently used last
  else value = compute();
  kept.byKey.set(key, value);
  if (kept.byKey.size > max) kept.byKey.delete(kept.byKey.keys().next().value!);
  return value;
}
