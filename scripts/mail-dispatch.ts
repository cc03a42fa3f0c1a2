// npm run mail:dispatch -- --now <ISO-8601 instant>
// Sends every email due at that instant, prints a summary, exits. Safe alongside the server's own
// scheduler: rows are claimed with a lease inside BEGIN IMMEDIATE transactions.
import { DateTime } from "luxon";
import { dispatchDue } from "../app/notifications/dispatch.server";
import { closeDatabase } from "../app/utils/db.server";
import { toUtcIso } from "../app/utils/dates.server";
import { createMailer } from "../app/notifications/mail.server";
import { openFromEnv } from "./cli";

const args = process.argv.slice(2);
const i = args.indexOf("--now");
let now: string;
if (i >= 0) {
  const parsed = DateTime.fromISO(args[i + 1] ?? "", { setZone: true });
  if (!parsed.isValid || !/(Z|[+-]\d{2}:?\d{2})$/.test(args[i + 1] ?? "")) {
    console.error("--now attend un instant ISO 8601 avec fuseau, par exemple 2022-03-27T09:00:00+02:00 ou 2022-03-27T07:00:00Z");
    process.exit(2);
  }
  now = toUtcIso(parsed);
} else now = toUtcIso(DateTime.now());

const { env, db } = openFromEnv();
const mailer = createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, db, dkim: env.DKIM, timeoutSeconds: env.SMTP_TIMEOUT_SECONDS });
const summary = await dispatchDue(db, mailer, { appUrl: env.APP_URL, now: () => now, retryBaseSeconds: env.MAIL_RETRY_SECONDS });
mailer.close();
closeDatabase(db);
console.log(
  `Envoi au ${now} : ${summary.sent} envoyé(s), ${summary.retried} à réessayer, ${summary.failed} en échec, ${summary.missed} manqué(s), ${summary.skipped} sans objet.`,
);
