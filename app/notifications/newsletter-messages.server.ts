// Renderers of the lettre d'information's emails (app/newsletter/): the request to confirm a
// subscription, and a letter (to a confirmed subscriber, with the one-click unsubscription headers of
// RFC 8058, or a test to an organiser). Nothing is sent to an address that is not, or no longer, in
// the state the email is for. Rendering only reads; the link's token is made by issueLink.
import { EMAIL_KIND_SPECS as EMAILS } from "~/notifications/email-kinds.server";
import { fromUtcIso, formatDay } from "~/utils/dates.server";
import type { AppDatabase } from "~/utils/db.server";
import { entriesOf, groupByType, newsletterById, nextNumber } from "../newsletter/digest.server";
import { CONFIRM_DAYS, subscriberById } from "../newsletter/subscriptions.server";
import { messageIdFor, skip, type Draft, type RenderContext, type Skip } from "./message-parts.server";
import type { OutboxRow } from "./outbox.server";

/** The letters are dated in the zone of the platform's series. */
const LETTER_ZONE = "Europe/Paris";

export function renderNewsletterConfirmation(db: AppDatabase, row: OutboxRow, ctx: RenderContext): Draft | Skip {
  const { subscriberId } = row.payload as { subscriberId: number };
  const subscriber = subscriberById(db, subscriberId);
  if (!subscriber) return skip("adresse inconnue");
  if (subscriber.status !== "pending") return skip(subscriber.status === "confirmed" ? "abonnement déjà confirmé" : "adresse désabonnée");
  return {
    link: { kind: "newsletter", subscriberId, purpose: "confirm" },
    complete: (token) => ({
      to: row.toAddress,
      messageId: messageIdFor(row, ctx.appUrl),
      outboxId: row.id,
      ...EMAILS["newsletter-confirmation"].template({
        confirmUrl: `${ctx.appUrl}/lettres/confirmation/${token}`,
        archiveUrl: `${ctx.appUrl}/lettres`,
        days: CONFIRM_DAYS,
      }),
    }),
  };
}

export function renderNewsletter(db: AppDatabase, row: OutboxRow, ctx: RenderContext): Draft | Skip {
  const { newsletterId, subscriberId } = row.payload as { newsletterId: number; subscriberId?: number };
  const letter = newsletterById(db, newsletterId);
  if (!letter) return skip("lettre supprimée");
  if (subscriberId !== undefined) {
    const subscriber = subscriberById(db, subscriberId);
    if (!subscriber || subscriber.status !== "confirmed") return skip("adresse désabonnée");
  }
  const sections = groupByType(entriesOf(db, letter));
  const base = { to: row.toAddress, messageId: messageIdFor(row, ctx.appUrl), outboxId: row.id };
  const content = (unsubscribeUrl: string | null) =>
    EMAILS.newsletter.template({
      number: letter.number ?? nextNumber(db),
      test: subscriberId === undefined,
      date: formatDay(fromUtcIso(letter.sentAt ?? ctx.nowIso, LETTER_ZONE)),
      intro: letter.intro,
      groups: sections.map((s) => ({
        label: s.label,
        items: s.items.map((i) => ({ title: i.title, seriesTitle: i.seriesTitle, url: `${ctx.appUrl}${i.path}` })),
      })),
      archiveUrl: `${ctx.appUrl}/lettres`,
      unsubscribeUrl,
    });
  if (subscriberId === undefined) return { link: { kind: "none" }, complete: () => ({ ...base, ...content(null) }) };
  return {
    link: { kind: "newsletter", subscriberId, purpose: "unsubscribe" },
    complete: (token) => {
      const url = `${ctx.appUrl}/lettres/desinscription/${token}`;
      return { ...base, ...content(url), headers: { "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } };
    },
  };
}
