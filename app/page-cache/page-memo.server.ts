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
