// The messages of registering: the confirmation of a registration form, the email of a place freed
// on the waiting list (« place libérée ») and the personal link asked for again. Each renders fresh
// data into its template (app/notifications/email-kinds.server.ts) or says why it is not sent.
import { EMAIL_KIND_SPECS as EMAILS } from "~/notifications/email-kinds.server";
import { inArray, eq } from "drizzle-orm";
import * as t from "../../db/schema";
import type { SessionLine } from "../../emails/registration";
import type { AppDatabase } from "~/utils/db.server";
import { formatSessionWhen } from "~/utils/dates.server";
import { participationOf } from "~/utils/formats";
import { waitingPosition } from "../registration/waiting-list.server";
import { icsAttachment, publicSessionIcs } from "./message-calendars.server";
import { registrationWithSession, skip, type Draft, type Skip, type ToParticipant } from "./message-parts.server";

function sessionLine(
  db: AppDatabase,
  reg: typeof t.registrations.$inferSelect,
  s: typeof t.sessions.$inferSelect,
  series: typeof t.series.$inferSelect,
  appUrl: string,
): SessionLine {
  return {
    number: s.number,
    title: s.title,
    when: formatSessionWhen(s.startsAt, s.endsAt, series.timezone),
    status: reg.status,
    waitingPosition: reg.status === "waiting" ? waitingPosition(db, reg.id) : null,
    mode: s.mode,
    participation: participationOf(s.mode, reg.participation),
    venue: [s.venueName, s.venueAddress].filter(Boolean).join(", ") || null,
    pageUrl: `${appUrl}/series/${series.slug}/sessions/${s.slug}`,
  };
}

/** After a registration form: one line per session chosen (and per one held already), the calendar of each confirmed one. */
export function renderConfirmation({ db, row, ctx, participant, draft, message }: ToParticipant): Draft | Skip {
  const payload = row.payload as { seriesId: number; registrationIds: number[]; alreadyIds: number[] };
  const series = db.select().from(t.series).where(eq(t.series.id, payload.seriesId)).get();
  if (!series) return skip("série supprimée");
  const ids = [...payload.registrationIds, ...payload.alreadyIds];
  const rows = db
    .select({ r: t.registrations, s: t.sessions })
    .from(t.registrations)
    .innerJoin(t.sessions, eq(t.sessions.id, t.registrations.sessionId))
    .where(inArray(t.registrations.id, ids.length ? ids : [-1]))
    .all()
    .sort((a, b) => a.s.startsAt.localeCompare(b.s.startsAt));
  const live = rows.filter(({ r }) => r.status !== "cancelled");
  if (!live.length) return skip("inscriptions annulées avant l’envoi");
  const line = ({ r, s }: (typeof rows)[number]) => sessionLine(db, r, s, series, ctx.appUrl);
  return draft((token) => {
    const personalUrl = `${ctx.appUrl}/moi/${token}`;
    const content = EMAILS.confirmation.template({
      firstName: participant.firstName,
      seriesTitle: series.title,
      seriesUrl: `${ctx.appUrl}/series/${series.slug}`,
      sessions: live.filter(({ r }) => payload.registrationIds.includes(r.id)).map(line),
      already: live.filter(({ r }) => payload.alreadyIds.includes(r.id)).map(line),
      daysBefore: series.accessDaysBefore,
      personalUrl,
    });
    const attachments = live
      .filter(({ r }) => r.status === "confirmed" && payload.registrationIds.includes(r.id))
      .map(({ s }) => icsAttachment(s, publicSessionIcs(db, s, series, ctx)));
    return message(token, content, series.slug, attachments);
  });
}

/** A place freed for a registration on the waiting list: it is confirmed now. */
export function renderPromotion({ db, row, ctx, participant, draft, message }: ToParticipant): Draft | Skip {
  const { registrationId } = row.payload as { registrationId: number };
  const found = registrationWithSession(db, registrationId);
  if (!found || found.r.status !== "confirmed") return skip("inscription plus confirmée");
  return draft((token) => {
    const content = EMAILS.promotion.template({
      firstName: participant.firstName,
      seriesTitle: found.series.title,
      session: sessionLine(db, found.r, found.s, found.series, ctx.appUrl),
      daysBefore: found.series.accessDaysBefore,
      personalUrl: `${ctx.appUrl}/moi/${token}`,
    });
    const ics = publicSessionIcs(db, found.s, found.series, ctx);
    return message(token, content, found.series.slug, [icsAttachment(found.s, ics)]);
  });
}

/** The link of the personal space, asked for again. */
export function renderPersonalLink({ ctx, participant, draft, message }: ToParticipant): Draft {
  return draft((token) => message(token, EMAILS["personal-link"].template({ firstName: participant.firstName, personalUrl: `${ctx.appUrl}/moi/${token}` })));
}
