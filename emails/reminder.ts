// A reminder before a session, in the organisers' words (plain text, see emails/plain-text.ts). The
// last reminder before the start repeats the J-2 details: the access codes for whoever joins
// remotely, the place and practical information for whoever comes on site. Pure function; HTML and
// text carry the same information. When reminders are sent: app/reminders/reminders.server.ts.
import { accessHtml, accessText, j2Email, modeLine, venueDetails, type AccessCodesData, type AccessInfo, type Venue } from "./access-codes";
import { html, plain } from "./layout";
import { textHtml, tidyText } from "./plain-text";
import type { EmailContent } from "./registration";

export type ReminderDetails = { remote: true; access: AccessInfo | null } | { remote: false; venue: Venue };

export type ReminderData = Omit<AccessCodesData, "access" | "changes" | "changed"> & {
  /** The organisers' text for this reminder; a default sentence when they wrote none. */
  message: string | null;
  /** Set for the last reminder before the start: what the J-2 email said, at its latest. */
  details: ReminderDetails | null;
};

const DEFAULT_MESSAGE = "La rencontre à laquelle vous êtes inscrit·e approche : nous vous y attendons.";

export function reminderEmail(d: ReminderData): EmailContent {
  const message = tidyText(d.message ?? "") || DEFAULT_MESSAGE;
  const details = d.details;
  const venue = details && !details.remote ? venueDetails(details.venue) : null;
  return j2Email(d, {
    subject: `Rappel : RDV #${d.session.number}, ${plain(d.session.when)}`,
    what: message.split("\n\n")[0],
    whatHtml: textHtml(message),
    whatText: message,
    modeLine: details && !details.remote ? "Sur place" : modeLine(d.session),
    detailsHtml: details ? (details.remote ? accessHtml(details.access) : venue!.html) : html``,
    detailsText: details ? (details.remote ? [accessText(details.access)] : venue!.text) : [],
    note: details?.remote ? "Ces codes vous sont personnels : merci de ne pas les diffuser." : "Vous recevez ce rappel parce que vous êtes inscrit·e.",
  });
}
