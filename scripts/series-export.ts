// npm run series:export -- <slug> [--output fichier.json] [--sans-codes]
// Writes the series as a `rendez-vous.series/1` file. It contains the access codes (keep it private)
// unless --sans-codes: then it says "accessOmitted" and importing it leaves the codes as they are.
import { writeFileSync } from "node:fs";
import { exportSeries } from "../app/series-file/series-export.server";
import { closeDatabase } from "../app/utils/db.server";
import { openFromEnv } from "./cli";

const args = process.argv.slice(2);
const slug = args.find((a) => !a.startsWith("--") && args[args.indexOf(a) - 1] !== "--output");
const withCodes = !args.includes("--sans-codes");
const outIndex = args.indexOf("--output");
const output = outIndex >= 0 ? args[outIndex + 1] : undefined;
if (!slug) {
  console.error("Usage : npm run series:export -- <slug> [--output fichier.json] [--sans-codes]");
  process.exit(2);
}
const { db } = openFromEnv();
const file = exportSeries(db, slug, { accessCodes: withCodes });
closeDatabase(db);
if (!file) {
  console.error(`Aucune série ne porte le slug « ${slug} ».`);
  process.exit(1);
}
const json = JSON.stringify(file, null, 2) + "\n";
if (withCodes) console.error("Attention : ce fichier contient les codes d’accès des réunions. Ne le publiez pas (--sans-codes pour un fichier sans eux).");
if (output) {
  writeFileSync(output, json);
  console.error(`Série exportée dans ${output}.`);
} else process.stdout.write(json);
