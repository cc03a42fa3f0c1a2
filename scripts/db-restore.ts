// npm run db:restore -- <dossier-de-sauvegarde>
// Restores a backup made by db:backup into the data directory of DATABASE_PATH, which must hold no
// database (and no server). Checks the backup against its manifest before, and the copy after.
import { DateTime } from "luxon";
import { restoreBackup } from "../app/backup/restore.server";
import { BackupError, formatCounts } from "../app/backup/manifest.server";
import { envOrExit } from "./cli";

const folder = process.argv.slice(2).find((a) => !a.startsWith("--"));
if (!folder) {
  console.error("Usage : npm run db:restore -- <dossier-de-sauvegarde>");
  process.exit(2);
}
const env = envOrExit();
try {
  const { manifest, databasePath } = await restoreBackup({ backupFolder: folder, databasePath: env.DATABASE_PATH, now: DateTime.now() });
  console.log(
    `Sauvegarde du ${manifest.createdAt} (version ${manifest.appVersion}) vérifiée : ${manifest.files.length} fichiers, empreintes SHA-256 conformes.`,
  );
  console.log(`Lignes restaurées : ${formatCounts(manifest.counts)}.`);
  console.log(`Base restaurée dans ${databasePath} (integrity_check : ok) ; le serveur peut démarrer.`);
} catch (error) {
  if (error instanceof BackupError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
