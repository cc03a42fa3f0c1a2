// A large resource library built through the app's own format and import (importSeries): `series`
// series of 5 sessions each, `perSeries` resources each (types, themes, years, sessions and a few
// registrants-only ones varied), French words in titles, authors and descriptions so that searches
// match a part of it. For tests/integration/library-plans.test.ts and bench/library.ts.
import { importSeries } from "~/series-file/series-import.server";
import type { AppDatabase } from "~/utils/db.server";
import { fileSession, seriesFile } from "./series-file";

const TYPES = ["recording", "slides", "bibliography", "statistical-note", "data-sheet", "video", "document", "link"];
const THEMES = ["Santé mentale", "Jeunes", "Alimentation", "Logement", "Accès aux droits", "Addictions", "Vieillissement", "Environnement"];
const WORDS = ["déterminants", "prévention", "quartiers", "inégalités", "territoires", "parcours", "habitants", "dépistage", "vaccination", "précarité"];

/** The resource `i` of series `s`: deterministic, so that tests can count what a filter or a search selects. */
export function scaleResource(s: number, i: number) {
  const word = WORDS[(s + i) % WORDS.length];
  return {
    type: TYPES[i % TYPES.length],
    title: `Ressource ${i + 1} de la série ${s + 1} : ${word} et santé`,
    session: (i % 5) + 1,
    authors: [`Autrice ${(s * 7 + i) % 40}`, "ORS-CREAI Normandie"],
    description: `Une ressource sur les ${WORDS[(s * 3 + i) % WORDS.length]} dans les territoires.`,
    themes: [THEMES[(s + i) % THEMES.length], THEMES[(s + 2 * i + 1) % THEMES.length]],
    ...(i % 4 === 0 ? { year: 2020 + (i % 6) } : {}),
    url: `https://example.org/s${s}/r${i}`,
    visibility: i % 10 === 9 ? "registrants" : "public",
  };
}

/** Imports the series; returns the number of resources written. */
export function fillLibrary(db: AppDatabase, options: { series: number; perSeries: number; nowIso: string }): number {
  for (let s = 0; s < options.series; s++) {
    const year = 2021 + (s % 6);
    const file = seriesFile({
      slug: `serie-${s + 1}`,
      title: `Série ${s + 1} : les rendez-vous de la santé`,
      sessions: [1, 2, 3, 4, 5].map((n) => fileSession(n, `Rencontre ${n} de la série ${s + 1}`, `${year}-0${n + 1}-10T09:30`, `${year}-0${n + 1}-10T12:00`)),
      resources: Array.from({ length: options.perSeries }, (_, i) => scaleResource(s, i)),
    });
    const r = importSeries(db, file, { nowIso: options.nowIso });
    if (!r.ok) throw new Error(`import of series ${s + 1}: ${JSON.stringify(r)}`);
  }
  return options.series * options.perSeries;
}
