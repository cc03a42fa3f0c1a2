import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import { importSeries, type ImportResult } from "~/series-file/series-import.server";
import { closeDatabase, openDatabase, type AppDatabase } from "~/utils/db.server";

/** A fresh, migrated in-memory database. */
export function memoryDb(): AppDatabase {
  return openDatabase(":memory:");
}

/** A fresh, migrated database in a temporary file; `cleanup` closes and removes it. */
export function fileDb(): { db: AppDatabase; file: string; dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), "rdv-test-"));
  const file = path.join(dir, "test.sqlite");
  const db = openDatabase(file);
  return {
    db,
    file,
    dir,
    cleanup: () => {
      closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const FIXTURE_PATH = path.resolve("db/seed/rdv-sante-qpv-seine-maritime-2022.series.json");

export function fixture(): Record<string, any> {
  return JSON.parse(readFileSync(FIXTURE_PATH, "utf8"));
}

/** A fixed "now" for tests: Sunday 22 November 2026, 10:00 in Paris. */
export const NOW = DateTime.fromISO("2026-11-22T10:00:00", { zone: "Europe/Paris" });

/** Imports a series file through the ordinary import and fails the test, naming the problems, if it is refused. */
export function importOrThrow(db: AppDatabase, file: unknown, options: { nowIso: string }): Extract<ImportResult, { ok: true }> {
  const r = importSeries(db, file, options);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r;
}
