// The lettre d'information's two emails: the request to confirm a subscription (double opt-in) and
// the digest of new resources, grouped by type, each with its page's link and its series. Pure
// functions; the organiser's introduction is plain text (paragraphs, links), escaped in both parts.
import { button, frame, html } from "./layout";
import { textHtml, tidyText } from "./plain-text";
import type { EmailContent } from "./registration";

export const NEWSLETTER_NAME = "Lettre d’information des Rendez-vous";

export type NewsletterConfirmationData = { confirmUrl: string; archiveUrl: string; days: number };

export function newsletterConfirmationEmail(d: NewsletterConfirmationData): EmailContent {
  const subject = "Confirmez votre abonnement à la lettre d’information";
  const lead =
    "Vous (ou quelqu’un qui a saisi votre adresse) avez demandé à recevoir la lettre d’information des Rendez-vous : les nouvelles ressources de la bibliothèque (enregistrements, diaporamas, bibliographies, notes…), une fois par mois environ.";
  const ask = `Pour confirmer, ouvrez ce lien dans les ${d.days} jours, puis validez. Sans confirmation, vous ne recevrez rien et votre adresse sera oubliée.`;
  const body = html`<p>Bonjour,</p>
    <p>${lead}</p>
    <p>${ask}</p>
    ${button(d.confirmUrl, "Confirmer mon abonnement")}
    <p>Les lettres déjà parues : <a href="${d.archiveUrl}" style="color:#1d4f91">${d.archiveUrl}</a></p>`;
  const text = ["Bonjour,", "", lead, "", ask, "", `Confirmer mon abonnement : ${d.confirmUrl}`, "", `Les lettres déjà parues : ${d.archiveUrl}`].join("\n");
  const footer = html`Vous n’avez rien demandé ? Ignorez cet e-mail : sans confirmation, aucune lettre ne vous sera envoyée.`;
  return {
    subject,
    html: frame({ title: subject, preheader: ask, body, footer }),
    text: `${text}\n\n--\nVous n’avez rien demandé ? Ignorez cet e-mail : sans confirmation, aucune lettre ne vous sera envoyée.`,
  };
}

export type DigestItem = { title: string; seriesTitle: string; url: string };
export type DigestGroup = { label: string; items: DigestItem[] };

export type NewsletterData = {
  /** The letter's number (the next one, for a test of the draft). */
  number: number;
  /** A test sent to an organiser before the letter leaves. */
  test: boolean;
  /** "mardi 1er décembre 2026" */
  date: string;
  intro: string;
  groups: DigestGroup[];
  archiveUrl: string;
  /** The subscriber's one-click unsubscribe page; null in a test. */
  unsubscribeUrl: string | null;
};

const count = (n: number) => (n === 1 ? "1 nouvelle ressource" : `${n} nouvelles ressources`);

export function newsletterEmail(d: NewsletterData): EmailContent {
  const total = d.groups.reduce((n, g) => n + g.items.length, 0);
  const title = `${NEWSLETTER_NAME} n° ${d.number}${d.test ? " (essai)" : ""}`;
  const subject = `${title} — ${count(total)}`;
  const lead = `${count(total)} dans la bibliothèque depuis la dernière lettre.`;
  const intro = tidyText(d.intro);
  const unsubscribe = d.unsubscribeUrl ?? `${d.archiveUrl} (dans un vrai envoi : le lien de désabonnement de chaque personne)`;
  const body = html`<h1 style="font-size:20px;margin:0 0 4px">${title}</h1>
    <p style="margin:0 0 16px;color:#4a5360">${d.date}</p>
    ${intro ? textHtml(intro) : html``}
    <p>${lead}</p>
    ${d.groups.map(
      (g) =>
        html`<h2 style="font-size:18px;margin:20px 0 6px">${g.label}</h2>
          <ul style="padding-left:20px;margin:0">
            ${g.items.map(
              (i) =>
                html`<li style="margin:0 0 8px">
                  <a href="${i.url}" style="color:#1d4f91">${i.title}</a><br /><span style="color:#4a5360;font-size:14px">${i.seriesTitle}</span>
                </li>`,
            )}
          </ul>`,
    )}
    <p style="margin-top:20px">Les lettres précédentes : <a href="${d.archiveUrl}" style="color:#1d4f91">${d.archiveUrl}</a></p>`;
  const text = [
    title,
    d.date,
    "",
    ...(intro ? [intro, ""] : []),
    lead,
    ...d.groups.flatMap((g) => ["", g.label.toUpperCase(), ...g.items.map((i) => `- ${i.title} (${i.seriesTitle})\n  ${i.url}`)]),
    "",
    `Les lettres précédentes : ${d.archiveUrl}`,
    "",
    "--",
    "Vous recevez cette lettre parce que vous vous y êtes abonné·e et l’avez confirmé.",
    `Se désabonner en un clic : ${unsubscribe}`,
  ].join("\n");
  const footer = html`Vous recevez cette lettre parce que vous vous y êtes abonné·e et l’avez confirmé.
  ${d.unsubscribeUrl ? html`<a href="${d.unsubscribeUrl}" style="color:#1d4f91">Se désabonner en un clic</a>.` : html`(Essai : pas de lien de désabonnement.)`}`;
  return { subject, html: frame({ title: subject, preheader: lead, body, footer }), text };
}
