// What became of a session, told to its registrants: its cancellation or postponement (with the
// updated public calendar file) and, once published, its recording (app/resources/recording-emails.server.ts).
import { EMAIL_KIND_SPECS as EMAILS } from "~/notifications/email-kinds.server";
import { formatSessionWhen } from "~/utils/dates.server";
import { clockLabel, formatDuration } from "~/utils/media";
import { RECORDING_WITHDRAWN, publishedRecording } from "../resources/recording-emails.server";
import { PUBLIC_BASE, personalBase } from "../resources/resource-views";
import { hmsToSeconds } from "../series-file/resource-format.server";
import { icsAttachment, publicSessionIcs } from "./message-calendars.server";
import { registrationWithSession, sessionInfo, skip, type Draft, type Skip, type ToParticipant } from "./message-parts.server";

/** A session cancelled or postponed: to everyone registered, the waiting list included. */
export function renderSessionNotice(
  { db, row, ctx, participant, draft, message }: ToParticipant,
  kind: "session-cancelled" | "session-postponed",
): Draft | Skip {
  const { registrationId } = row.payload as { registrationId: number };
  const found = registrationWithSession(db, registrationId);
  if (!found || found.r.status === "cancelled") return skip("inscription annulée");
  const registrationStatus = found.r.status;
  return draft((token) => {
    const content = EMAILS[kind].template({
      firstName: participant.firstName,
      seriesTitle: found.series.title,
      session: sessionInfo(found.s, found.series, ctx.appUrl),
      status: kind === "session-cancelled" ? "cancelled" : "postponed",
      registrationStatus,
      seriesUrl: `${ctx.appUrl}/series/${found.series.slug}`,
      personalUrl: `${ctx.appUrl}/moi/${token}`,
    });
    return message(token, content, found.series.slug, [icsAttachment(found.s, publicSessionIcs(db, found.s, found.series, ctx))]);
  });
}

/** A session's recording, published: once to each confirmed registrant. */
export function renderRecordingAvailable({ db, row, ctx, participant, draft, message }: ToParticipant): Draft | Skip {
  const { registrationId, resourceId } = row.payload as { registrationId: number; resourceId: number };
  const found = registrationWithSession(db, registrationId);
  if (!found || found.r.status !== "confirmed") return skip("inscription plus confirmée");
  const recording = publishedRecording(db, found.s.id, resourceId);
  // Unpublished before the email left: held back; published again, it becomes due again (app/resources/recording-emails.server.ts).
  if (!recording || found.series.status === "draft") return skip(RECORDING_WITHDRAWN);
  const registrantsOnly = recording.visibility === "registrants";
  return draft((token) => {
    const content = EMAILS["recording-available"].template({
      firstName: participant.firstName,
      seriesTitle: found.series.title,
      session: { number: found.s.number, title: found.s.title, when: formatSessionWhen(found.s.startsAt, found.s.endsAt, found.series.timezone) },
      recording: {
        title: recording.title,
        url: `${ctx.appUrl}${registrantsOnly ? personalBase(token) : PUBLIC_BASE}/${recording.id}`,
        duration: recording.durationSeconds ? formatDuration(recording.durationSeconds) : null,
        chapters: recording.chapters.map((c) => ({ clock: clockLabel(hmsToSeconds(c.at)), title: c.title })),
        hasSummary: Boolean(recording.summary),
        hasTranscript: Boolean(recording.transcript),
        registrantsOnly,
      },
      sessionUrl: `${ctx.appUrl}/series/${found.series.slug}/sessions/${found.s.slug}`,
      personalUrl: `${ctx.appUrl}/moi/${token}`,
    });
    return message(token, content, found.series.slug);
  });
}
