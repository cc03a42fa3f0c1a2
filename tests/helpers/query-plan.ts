// The query-plan guard's tools: a migrated database that records every statement it runs (better-sqlite3's
// `verbose`, values inlined), grouped by the hot function that ran it, and `EXPLAIN QUERY PLAN` of each
// statement with the full scans of large tables it finds. Any table not listed as small is large: a new
// table is guarded until someone says why a scan of it is fine. Used by tests/integration/query-plans.test.ts;
// another area adds its hot functions there with `hot(label, fn)`.
import type { AppDatabase } from "~/utils/db.server";
import { openDatabase } from "~/utils/db.server";

/**
 * Tables a full scan of may stay: a few rows per series, or a handful in all (hundreds after years).
 * Everything else (registrations, participants, outbox, resources, personal links, answers…) is large.
 */
export const SMALL_TABLES = new Set([
  "series",
  "sessions",
  // One row per session, per series: the registration counters (ADR 021).
  "session_counts",
  "series_counts",
  "session_access",
  "accounts",
  "organisers",
  "series_organisations",
  "series_rules",
  "series_reminders",
  "key_figures",
  "registration_questions",
  "surveys",
  "survey_questions",
  "organisations",
  "people",
  "programme_items",
  "programme_speakers",
  "registrant_messages",
  "newsletters",
  "newsletter_items",
  "__drizzle_migrations",
]);

export type Statement = { label: string; sql: string };
export type Scan = { label: string; table: string; detail: string; sql: string };

/** SQL words that can follow a table name and are not its alias. */
const NOT_ALIAS = new Set(
  "where join left right inner outer cross natural on using order group limit having union set values as indexed not window returning".split(" "),
);

/** `alias → table` for the tables a statement names after from/join (the plan names a table by its alias). */
export function tableAliases(sql: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of sql.matchAll(/\b(?:from|join|update|into)\s+[`"]?(\w+)[`"]?(?:\s+(?:as\s+)?[`"]?(\w+)[`"]?)?/gi)) {
    const table = m[1].toLowerCase();
    map.set(table, table);
    const alias = m[2]?.toLowerCase();
    if (alias && !NOT_ALIAS.has(alias)) map.set(alias, table);
  }
  return map;
}

export type PlanDb = {
  db: AppDatabase;
  /** Runs `fn` as the hot function `label`: every statement it runs is recorded under that label. */
  hot<T>(label: string, fn: () => T): T;
  statements: Statement[];
  /** How many statements each label ran. */
  counts(): Map<string, number>;
  /** The full scans of large tables in the plans of the recorded statements (writes and reads). */
  scans(allow?: (s: Scan) => boolean): Scan[];
};

export function planDb(file = ":memory:"): PlanDb {
  let label: string | null = null;
  const statements: Statement[] = [];
  const db = openDatabase(file, {
    verbose: (sql) => {
      if (label !== null && typeof sql === "string") statements.push({ label, sql });
    },
  });
  const realTables = () =>
    new Set((db.$client.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((r) => r.name.toLowerCase()));
  return {
    db,
    statements,
    hot(name, fn) {
      const before = label;
      label = name;
      try {
        return fn();
      } finally {
        label = before;
      }
    },
    counts() {
      const m = new Map<string, number>();
      for (const s of statements) m.set(s.label, (m.get(s.label) ?? 0) + 1);
      return m;
    },
    scans(allow = () => false) {
      const tables = realTables();
      const found: Scan[] = [];
      const seen = new Set<string>();
      for (const s of statements) {
        const key = `${s.label}\n${s.sql}`;
        if (seen.has(key) || !/^\s*(with|select|update|delete|insert)\b/i.test(s.sql)) continue;
        seen.add(key);
        const aliases = tableAliases(s.sql);
        const plan = db.$client.prepare(`explain query plan ${s.sql}`).all() as { detail: string }[];
        for (const { detail } of plan) {
          const m = detail.match(/^SCAN (\S+)/);
          if (!m) continue;
          const table = aliases.get(m[1].toLowerCase()) ?? m[1].toLowerCase();
          if (!tables.has(table) || SMALL_TABLES.has(table)) continue;
          const scan = { label: s.label, table, detail, sql: s.sql };
          if (!allow(scan)) found.push(scan);
        }
      }
      return found;
    },
  };
}
