// WHAT EACH KIND OF EMAIL IS MADE OF — per kind of the union (app/notifications/email-kinds.ts): its
// French label, its dedupe-key builder (the outbox sends a key once, app/notifications/outbox.server.ts) and
// its template (emails/, pure functions). The renderer that fills a template from the database is
// app/notifications/messages.server.ts; its table of renderers covers the same union.
//
// Dedupe keys are part of the stored data: changing a builder would let an email already sent be
// queued again. The J-2 kinds share one key (`access-codes:<registration>:<confirmed at>`), which the
// planner also writes in SQL (J2_DEDUPE_SQL).
import { sql } from "drizzle-orm";
import { accessCodesEmail, practicalInfoEmail, sessionNoticeEmail, type AccessCodesData, type PracticalInfoData } from "../../emails/access-codes";
import { signInEmail } from "../../emails/admin";
import { teamInvitationEmail } from "../../emails/team-invitation";
import { recordingEmail } from "../../emails/recording";
import { newsletterConfirmationEmail, newsletterEmail } from "../../emails/newsletter";
import { reminderEmail } from "../../emails/reminder";
import { surveyEmail } from "../../emails/survey";
import { registrantMessageEmail } from "../../emails/message";
import { certificateEmail } from "../../emails/certificate";
import { confirmationEmail, personalLinkEmail, promotionEmail, type EmailContent } from "../../emails/registration";
import { EMAIL_KIND_LABELS, type EmailKind } from "./email-kinds";

export { EMAIL_KIND_LABELS, EMAIL_KINDS, J2_KINDS, emailKindLabel, isEmailKind, type EmailKind } from "./email-kinds";

/** A J-2 email or its rectificatif: the codes for whoever joins remotely, the practical information for whoever comes on site. */
export type J2Data = ({ remote: true } & AccessCodesData) | ({ remote: false } & PracticalInfoData);
export function j2Email(d: J2Data): EmailContent {
  return d.remote ? accessCodesEmail(d) : practicalInfoEmail(d);
}

const j2Key = (registrationId: number, confirmedAt: string) => `access-codes:${registrationId}:${confirmedAt}`;
const noticeKey = (kind: "session-cancelled" | "session-postponed") => (registrationId: number, revision: string) => `${kind}:${registrationId}:${revision}`;

type KindSpec = { label: string; dedupeKey: (...args: never[]) => string; template: (data: never) => EmailContent };

export const EMAIL_KIND_SPECS = {
  confirmation: {
    label: EMAIL_KIND_LABELS.confirmation,
    /** One per registration form sent: the registrations it made, with their status, and the instant. */
    dedupeKey: (participantId: number, created: { registrationId: number; status: string }[], nowIso: string) =>
      `confirmation:${participantId}:${created.map((c) => `${c.registrationId}.${c.status}`).join("-")}:${nowIso}`,
    template: confirmationEmail,
  },
  promotion: {
    label: EMAIL_KIND_LABELS.promotion,
    /** One per promotion of a registration (its revision). */
    dedupeKey: (registrationId: number, revision: number) => `promotion:${registrationId}:${revision}`,
    template: promotionEmail,
  },
  "personal-link": {
    label: EMAIL_KIND_LABELS["personal-link"],
    /** At most one such email per person and minute. */
    dedupeKey: (participantId: number, nowIso: string) => `personal-link:${participantId}:${nowIso.slice(0, 16)}`,
    template: personalLinkEmail,
  },
  "access-codes": { label: EMAIL_KIND_LABELS["access-codes"], dedupeKey: j2Key, template: j2Email },
  "practical-info": { label: EMAIL_KIND_LABELS["practical-info"], dedupeKey: j2Key, template: j2Email },
  correction: {
    label: EMAIL_KIND_LABELS.correction,
    /** One per registration and revision of the session ("<sequence>.<access revision>"). */
    dedupeKey: (registrationId: number, revision: string) => `correction:${registrationId}:${revision}`,
    template: j2Email,
  },
  "session-cancelled": { label: EMAIL_KIND_LABELS["session-cancelled"], dedupeKey: noticeKey("session-cancelled"), template: sessionNoticeEmail },
  "session-postponed": { label: EMAIL_KIND_LABELS["session-postponed"], dedupeKey: noticeKey("session-postponed"), template: sessionNoticeEmail },
  reminder: {
    label: EMAIL_KIND_LABELS.reminder,
    /** Once per registration, reminder (its key in the series) and start of the session (REMINDER_DEDUPE in the planner's SQL). */
    dedupeKey: (registrationId: number, reminderKey: string, startsAt: string) => `reminder:${registrationId}:${reminderKey}:${startsAt}`,
    template: reminderEmail,
  },
  "recording-available": {
    label: EMAIL_KIND_LABELS["recording-available"],
    /** Once per session and registration, whatever the publications (RECORDING_DEDUPE_SQL in SQL). */
    dedupeKey: (sessionId: number, registrationId: number) => `recording-available:${sessionId}:${registrationId}`,
    template: recordingEmail,
  },
  survey: {
    label: EMAIL_KIND_LABELS.survey,
    /** Once per survey and registration (SURVEY_DEDUPE_SQL in the planner's SQL). */
    dedupeKey: (surveyId: number, registrationId: number) => `survey:${surveyId}:${registrationId}`,
    template: surveyEmail,
  },
  "sign-in": {
    label: EMAIL_KIND_LABELS["sign-in"],
    /** Each request is its own email (`nonce`), an invitation is one per organiser. */
    dedupeKey: (key: { accountId: number; nonce: string } | { invitedId: number }) =>
      "invitedId" in key ? `invite:${key.invitedId}` : `sign-in:${key.accountId}:${key.nonce}`,
    template: signInEmail,
  },
  "newsletter-confirmation": {
    label: EMAIL_KIND_LABELS["newsletter-confirmation"],
    /** At most one request to confirm per address and minute. */
    dedupeKey: (subscriberId: number, nowIso: string) => `newsletter-confirmation:${subscriberId}:${nowIso.slice(0, 16)}`,
    template: newsletterConfirmationEmail,
  },
  newsletter: {
    label: EMAIL_KIND_LABELS.newsletter,
    /** Once per letter and subscriber (NEWSLETTER_DEDUPE_SQL in the sending's SQL); a test is one per request. */
    dedupeKey: (key: { newsletterId: number; subscriberId: number } | { test: number; nowIso: string }) =>
      "test" in key ? `newsletter-test:${key.test}:${key.nowIso}` : `newsletter:${key.newsletterId}:${key.subscriberId}`,
    template: newsletterEmail,
  },
  message: {
    label: EMAIL_KIND_LABELS.message,
    /** Once per message and person (MESSAGE_DEDUPE_SQL in the queuing SQL); each test send is its own email. */
    dedupeKey: (key: { messageId: number; participantId: number } | { test: { messageId: number; accountId: number; nowIso: string } }) =>
      "test" in key ? `message-test:${key.test.messageId}:${key.test.accountId}:${key.test.nowIso}` : `message:${key.messageId}:${key.participantId}`,
    template: registrantMessageEmail,
  },
  certificate: {
    label: EMAIL_KIND_LABELS.certificate,
    /** Once per registration, whatever the toggles of its attendance (app/certificates/certificate-emails.server.ts). */
    dedupeKey: (registrationId: number) => `certificate:${registrationId}`,
    template: certificateEmail,
  },
  "team-invitation": {
    label: EMAIL_KIND_LABELS["team-invitation"],
    /** Once per membership (a new invitation after a removal is a new membership). */
    dedupeKey: (memberId: number) => `team-invitation:${memberId}`,
    template: teamInvitationEmail,
  },
} satisfies { [K in EmailKind]: KindSpec };

/** The dedupe key of an email of this kind. */
export function dedupeKeyOf<K extends EmailKind>(kind: K, ...args: Parameters<(typeof EMAIL_KIND_SPECS)[K]["dedupeKey"]>): string {
  return (EMAIL_KIND_SPECS[kind].dedupeKey as (...a: typeof args) => string)(...args);
}

/** A message sent again from the email log: a new key, so that it is rendered afresh. */
export const resendDedupeKey = (outboxId: number, nowIso: string) => `resend:${outboxId}:${nowIso}`;

/** j2Key in SQL, for the planner's INSERT … SELECT over `registrations r`. */
export const J2_DEDUPE_SQL = sql.raw(`'access-codes:' || r.id || ':' || r.confirmed_at`);
/** The reminder key in SQL, over `registrations r`, for one reminder and one start. */
export const reminderDedupeSql = (reminderKey: string, startsAt: string) => sql`'reminder:' || r.id || ':' || ${reminderKey} || ':' || ${startsAt}`;
/** The recording-available key in SQL, over `registrations r`. */
export const RECORDING_DEDUPE_SQL = sql.raw(`'recording-available:' || r.session_id || ':' || r.id`);
/** The newsletter key in SQL, over `newsletter_subscribers s`, for one letter. */
export const NEWSLETTER_DEDUPE_SQL = (newsletterId: number) => sql`'newsletter:' || ${newsletterId} || ':' || s.id`;

/** The survey key in SQL, over `registrations r`, for one survey. */
export const SURVEY_DEDUPE_SQL = (surveyId: number) => sql`'survey:' || ${surveyId} || ':' || r.id`;
/** The message key in SQL, over `registrations r`, for one message (one email per person). */
export const MESSAGE_DEDUPE_SQL = (messageId: number) => sql`'message:' || ${String(messageId)} || ':' || r.participant_id`;
