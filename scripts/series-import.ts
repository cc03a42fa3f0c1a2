// npm run series:import -- <file.json>
// Imports a `rendez-vous.series/1` file in one transaction; keyed by slug (updates in place).
import { readFileSync } from "node:fs";
import { importSeries } from "../app/series-file/series-import.server";
import { closeDatabase } from "../app/utils/db.server";
import { nowIso } from "../app/utils/now.server";
import { openFromEnv } from "./cli";

const file = process.argv[2];
if (!file) {
  console.error("Usage : npm run series:import -- <fichier.json>");
  process.exit(2);
}
let text: string;
try {
  text = readFileSync(file, "utf8");
} catch (e) {
  console.error(`Impossible de lire ${file} : ${(e as Error).message}`);
  process.exit(2);
}
const { db } = openFromEnv();
const result = importSeries(db, text, { nowIso: nowIso() });
closeDatabase(db);
if (!result.ok) {
  console.error(`Import refusé : ${result.problems.length} erreur(s), rien n’a été modifié.`);
  for (const p of result.problems) console.error(`  - ${p.path} : ${p.message}`);
  process.exit(1);
}
console.log(
  `Série « ${result.slug} » ${result.created ? "créée" : "mise à jour"} : ${result.sessions} session(s).` +
    (result.changes.length ? `\nChangements : ${result.changes.map((c) => `RDV #${c.number} (${c.kinds.join(", ")})`).join(" ; ")}` : ""),
);
