// Demo data: on an empty database, the real 2022 series (archived, with its resources) and an
// upcoming demo series with dates relative to now. Both go through the ordinary import.
import { readFileSync } from "node:fs";
import path from "node:path";
import { count } from "drizzle-orm";
import type { DateTime } from "luxon";
import * as t from "../../db/schema";
import { demoSeries } from "../../db/seed/demo-series";
import type { AppDatabase } from "~/utils/db.server";
import { toUtcIso } from "~/utils/dates.server";
import { seedFolder } from "~/utils/paths.server";
import { importSeries } from "../series-file/series-import.server";

export const REAL_SERIES_FILE = path.join(seedFolder, "rdv-sante-qpv-seine-maritime-2022.series.json");

export function seedDemoData(db: AppDatabase, now: DateTime): string[] {
  const imported: string[] = [];
  for (const source of [JSON.parse(readFileSync(REAL_SERIES_FILE, "utf8")), demoSeries(now)]) {
    const result = importSeries(db, source, { nowIso: toUtcIso(now) });
    if (!result.ok) {
      throw new Error(`Données de démonstration invalides : ${result.problems.map((p) => `${p.path} ${p.message}`).join("; ")}`);
    }
    imported.push(result.slug);
  }
  return imported;
}

/** Seeds only an empty database (no series at all). */
export function seedIfEmpty(db: AppDatabase, now: DateTime): string[] {
  const n = db.select({ n: count() }).from(t.series).get()?.n ?? 0;
  return n === 0 ? seedDemoData(db, now) : [];
}
