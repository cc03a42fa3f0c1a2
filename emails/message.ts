// A message to registrants, in the organisers' words: the subject they wrote, their text (plain text:
// paragraphs, line breaks, links written in full — emails/plain-text.ts; never markup), the session
// it is about when there is one, and why the person receives it. Pure function; HTML and text carry
// the same information. Who gets it and when: app/messages/messages.server.ts.
import { button, frame, html, plain } from "./layout";
import { textHtml, tidyText } from "./plain-text";
import type { EmailContent } from "./registration";

export type RegistrantMessageData = {
  firstName: string;
  seriesTitle: string;
  subject: string;
  body: string;
  /** "service": about sessions they are registered for; "news": sent because they accepted news. */
  kind: "service" | "news";
  /** The session the message is about, when it is about one. */
  session: { number: number; title: string; when: string; pageUrl: string } | null;
  personalUrl: string;
  /** A test sent to an organiser: said at the top, subject prefixed. */
  test?: boolean;
};

/** A subject is one line. */
export const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

export function registrantMessageEmail(d: RegistrantMessageData): EmailContent {
  const subject = `${d.test ? "[Test] " : ""}${oneLine(d.subject)}`;
  const body = tidyText(d.body);
  const about = d.session ? `RDV #${d.session.number} — ${d.session.title} (${plain(d.session.when)})` : null;
  const why =
    d.kind === "news"
      ? `Vous recevez ce message parce que vous avez accepté de recevoir les nouvelles de « ${d.seriesTitle} ».`
      : `Vous recevez ce message parce que vous êtes inscrit·e à « ${d.seriesTitle} ».`;
  const testNote = "Ceci est un envoi de test : seul·e l’organisateur ou l’organisatrice qui l’a demandé le reçoit.";
  const htmlBody = html`${d.test ? html`<p style="background:#fff4ce;padding:8px">${testNote}</p>` : html``}
    <p>Bonjour ${d.firstName},</p>
    ${about ? html`<p style="font-size:14px;color:#4a5360">À propos de la rencontre <a href="${d.session!.pageUrl}" style="color:#1d4f91">${about}</a></p>` : html``}
    ${textHtml(body)} ${button(d.personalUrl, "Mon espace personnel")}
    <p style="font-size:14px;color:#4a5360">${d.seriesTitle}</p>`;
  const text = [
    d.test ? `${testNote}\n` : null,
    `Bonjour ${d.firstName},`,
    "",
    about ? `À propos de la rencontre ${about} : ${d.session!.pageUrl}\n` : null,
    body,
    "",
    d.seriesTitle,
    "",
    why,
    `Mon espace personnel (mes inscriptions, mes données${d.kind === "news" ? ", me désinscrire des nouvelles" : ""}) : ${d.personalUrl}`,
  ]
    .filter((x) => x !== null)
    .join("\n");
  const footer = html`${why}
    <a href="${d.personalUrl}" style="color:#1d4f91">Mon espace personnel</a>${d.kind === "news" ? " (me désinscrire des nouvelles)" : ""}.`;
  return { subject, html: frame({ title: subject, preheader: body.split("\n")[0].slice(0, 140), body: htmlBody, footer }), text };
}
