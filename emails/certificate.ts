// « Votre attestation de présence »: sent once after a person was marked present at a session of a
// series that emails its certificates (the PDF is attached by the renderer,
// app/certificates/certificate-emails.server.ts). Pure function; HTML and text carry the same information.
import { button, html, plain } from "./layout";
import { afterSessionEmail } from "./recording";
import type { EmailContent } from "./registration";

export type CertificateEmailData = {
  firstName: string;
  seriesTitle: string;
  session: { number: number; title: string; when: string };
  /** The attached file's name. */
  fileName: string;
  /** Where the certificate can be downloaded again (the personal space). */
  personalUrl: string;
  verificationUrl: string;
};

export function certificateEmail(d: CertificateEmailData): EmailContent {
  const subject = `Votre attestation de présence — RDV #${d.session.number} ${d.session.title}`;
  const lead = `Merci d’avoir participé à la rencontre RDV #${d.session.number} « ${d.session.title} » (${plain(d.session.when)}). Votre attestation de présence est jointe à cet e-mail (${d.fileName}).`;
  const again = "Vous pouvez la télécharger à nouveau depuis votre espace personnel.";
  const verify = `Toute personne à qui vous la remettez peut vérifier son authenticité avec le code qu’elle porte, à l’adresse ${d.verificationUrl}.`;
  const body = html` <p>Bonjour ${d.firstName},</p>
    <p>${lead}</p>
    <p>${again}</p>
    ${button(d.personalUrl, "Ouvrir mon espace")}
    <p style="font-size:14px;color:#4a5360">${verify}</p>`;
  const text = [`Bonjour ${d.firstName},`, "", lead, "", again, `Mon espace : ${d.personalUrl}`, "", verify];
  return afterSessionEmail({ subject, lead, body, text, seriesTitle: d.seriesTitle, personalUrl: d.personalUrl });
}
