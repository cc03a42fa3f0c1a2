// npm run db:backup -- <dossier> [--keep N]
// Copies the database (online, while the server runs) and the uploaded files into a new timestamped
// folder under <dossier>, checks the copy, writes its manifest and prints where it is. --keep N then
// removes the oldest backups beyond N in <dossier> (only folders this tool made).
import { DateTime } from "luxon";
import { createBackup, pruneBackups } from "../app/backup/backup.server";
import { BackupError, formatCounts } from "../app/backup/manifest.server";
import { envOrExit } from "./cli";

const args = process.argv.slice(2);
const keepIndex = args.indexOf("--keep");
const keepArg = keepIndex >= 0 ? args[keepIndex + 1] : undefined;
const target = args.find((a, i) => !a.startsWith("--") && (keepIndex < 0 || i !== keepIndex + 1));
if (!target || (keepIndex >= 0 && !/^[1-9]\d*$/.test(keepArg ?? ""))) {
  console.error("Usage : npm run db:backup -- <dossier> [--keep N]   (N : nombre entier d’au moins 1)");
  process.exit(2);
}
const env = envOrExit();
try {
  const { folder, manifest } = await createBackup({ databasePath: env.DATABASE_PATH, targetDir: target, now: DateTime.now() });
  const bytes = manifest.files.reduce((sum, f) => sum + f.size, 0);
  console.log(`Base vérifiée (integrity_check : ok ; migrations appliquées : ${manifest.schema.migrations}, ${manifest.schema.latest ?? "?"}).`);
  console.log(`Lignes dans la base et dans la copie : ${formatCounts(manifest.counts)}.`);
  console.log(`${manifest.files.length - 1} fichier(s) déposé(s) copié(s) ; ${manifest.files.length} fichiers, ${bytes} octets en tout.`);
  console.log(`Sauvegarde écrite dans ${folder}`);
  if (keepArg) {
    const removed = pruneBackups(target, Number(keepArg));
    for (const old of removed) console.log(`Ancienne sauvegarde supprimée (au-delà des ${keepArg} plus récentes) : ${old}`);
  }
} catch (error) {
  if (error instanceof BackupError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
