// From an outbox row to a ready-to-send message: fresh data from the database, the template of its
// kind (app/notifications/email-kinds.server.ts), calendar attachments and the deliverability
// headers. One renderer per kind in RENDERERS, each in the module of its family:
// registration-messages (confirmation, place libérée, lien personnel), j2-messages (codes, informations
// pratiques, rectificatif), reminder-messages (rappels), registrant-messages (messages aux inscrit·es), session-messages (annulation, report, enregistrement disponible); what
// they share is in message-parts and message-calendars. Rendering only reads; the personal link or
// sign-in token it carries is made by issueLink, the dispatcher's prepare step.
import { eq } from "drizzle-orm";
import * as t from "../../db/schema";
import { EMAIL_KIND_SPECS as EMAILS, isEmailKind, type EmailKind } from "~/notifications/email-kinds.server";
import { SIGN_IN_MINUTES, createSignInToken } from "../accounts/accounts.server";
import type { AppDatabase } from "~/utils/db.server";
import type { OutboxRow } from "./outbox.server";
import { createPersonalLink } from "../registration/participants.server";
import { renderJ2 } from "./j2-messages.server";
import { messageIdFor, skip, toParticipant, type Draft, type LinkNeed, type RenderContext, type Renderer, type Skip } from "./message-parts.server";
import { renderConfirmation, renderPersonalLink, renderPromotion } from "./registration-messages.server";
import { renderReminder } from "./reminder-messages.server";
import { renderNewsletter, renderNewsletterConfirmation } from "./newsletter-messages.server";
import { createNewsletterLink } from "../newsletter/subscriptions.server";
import { renderRegistrantMessage } from "./registrant-messages.server";
import { renderRecordingAvailable, renderSessionNotice } from "./session-messages.server";
import { renderSurvey } from "./survey-messages.server";
import { renderCertificate } from "../certificates/certificate-emails.server";
import { renderTeamInvitation } from "./team-messages.server";

export { messageIdFor, type Draft, type LinkNeed, type RenderContext, type Skip } from "./message-parts.server";

/** The prepare step: makes the link a draft needs (one write, in its own transaction) and returns its raw token. */
export function issueLink(db: AppDatabase, need: LinkNeed, nowIso: string): string {
  // better-sqlite3 runs the transaction on this same connection: the models' prepared statements apply.
  return db.transaction(() => {
    switch (need.kind) {
      case "sign-in":
        return createSignInToken(db, need.accountId, nowIso);
      case "personal-link":
        return createPersonalLink(db, need.participantId, nowIso);
      case "newsletter":
        return createNewsletterLink(db, need.subscriberId, need.purpose, nowIso);
      case "none":
        return "";
    }
  });
}

/** A back-office account's sign-in link, or an invitation: no personal link, no List-Unsubscribe. */
function renderSignIn(db: AppDatabase, row: OutboxRow, ctx: RenderContext): Draft | Skip {
  // The stored payload keeps its first key name, organiserId (rows queued before accounts were renamed).
  const { organiserId: accountId, invitedBy } = row.payload as { organiserId: number; invitedBy?: string };
  const account = db.select().from(t.accounts).where(eq(t.accounts.id, accountId)).get();
  if (!account || account.disabledAt) return skip("compte désactivé");
  return {
    link: { kind: "sign-in", accountId },
    complete: (token) => {
      const content = EMAILS["sign-in"].template({ link: `${ctx.appUrl}/admin/connexion/${token}`, minutes: SIGN_IN_MINUTES, invitedBy });
      return { to: row.toAddress, messageId: messageIdFor(row, ctx.appUrl), outboxId: row.id, ...content };
    },
  };
}

/** One renderer per kind (the compiler asks for a new kind's). */
const RENDERERS: Record<EmailKind, Renderer> = {
  confirmation: toParticipant(renderConfirmation),
  promotion: toParticipant(renderPromotion),
  "personal-link": toParticipant(renderPersonalLink),
  "access-codes": toParticipant((m) => renderJ2(m, "access-codes")),
  "practical-info": toParticipant((m) => renderJ2(m, "practical-info")),
  correction: toParticipant((m) => renderJ2(m, "correction")),
  "session-cancelled": toParticipant((m) => renderSessionNotice(m, "session-cancelled")),
  "session-postponed": toParticipant((m) => renderSessionNotice(m, "session-postponed")),
  reminder: toParticipant(renderReminder),
  "recording-available": toParticipant(renderRecordingAvailable),
  survey: toParticipant(renderSurvey),
  "sign-in": renderSignIn,
  "newsletter-confirmation": renderNewsletterConfirmation,
  newsletter: renderNewsletter,
  message: renderRegistrantMessage,
  certificate: toParticipant(renderCertificate),
  "team-invitation": renderTeamInvitation,
};

/**
 * Renders an outbox row with fresh data, or says why it must not be sent any more. Pure: it only
 * reads (the previews call it on a connection that cannot write); the link is made by issueLink.
 */
export function renderMessage(db: AppDatabase, row: OutboxRow, ctx: RenderContext): Draft | Skip {
  const kind = row.kind;
  if (!isEmailKind(kind)) throw new Error(`type d’e-mail inconnu : ${row.kind}`);
  return RENDERERS[kind](db, row, ctx);
}
