// The reminder email (app/reminders/reminders.server.ts says when it is sent): the organisers' text
// for that reminder, read at sending time, and for the last reminder before the start the J-2
// details by the registrant's participation (codes remotely, the place on site). Skipped when the
// registration is no longer confirmed, the session is no longer published, has moved since the
// reminder was queued, or has started.
import { and, eq } from "drizzle-orm";
import * as t from "../../db/schema";
import { EMAIL_KIND_SPECS as EMAILS } from "~/notifications/email-kinds.server";
import type { ReminderPayload } from "~/reminders/reminders.server";
import { participationOf, receivesAccessCodes } from "~/utils/formats";
import { accessInfoOf, venueOf } from "../series/session-access.server";
import { rulesOf } from "./j2-messages.server";
import { registrationWithSession, sessionInfo, skip, type Draft, type Skip, type ToParticipant } from "./message-parts.server";

export function renderReminder({ db, row, ctx, participant, draft, message }: ToParticipant): Draft | Skip {
  const { registrationId, reminderKey, startsAt, final } = row.payload as ReminderPayload;
  const found = registrationWithSession(db, registrationId);
  if (!found || found.r.status !== "confirmed") return skip("inscription plus confirmée");
  if (found.s.status !== "published") return skip("rencontre annulée ou reportée");
  if (found.s.startsAt <= ctx.nowIso) return skip("la rencontre a commencé avant l’envoi", "missed");
  if (found.s.startsAt !== startsAt) return skip("la rencontre a changé de date depuis la mise en file");
  const reminder = db
    .select({ message: t.seriesReminders.message, enabled: t.seriesReminders.enabled })
    .from(t.seriesReminders)
    .where(and(eq(t.seriesReminders.seriesId, found.series.id), eq(t.seriesReminders.key, reminderKey)))
    .get();
  if (!reminder || !reminder.enabled) return skip("rappel supprimé ou désactivé");
  const remote = receivesAccessCodes(participationOf(found.s.mode, found.r.participation));
  const details = final ? (remote ? { remote: true as const, access: accessInfoOf(found.access) } : { remote: false as const, venue: venueOf(found.s) }) : null;
  const rules = rulesOf(db, found.series);
  return draft((token) =>
    message(
      token,
      EMAILS.reminder.template({
        firstName: participant.firstName,
        seriesTitle: found.series.title,
        session: sessionInfo(found.s, found.series, ctx.appUrl),
        rules,
        personalUrl: `${ctx.appUrl}/moi/${token}`,
        message: reminder.message,
        details,
      }),
      found.series.slug,
    ),
  );
}
