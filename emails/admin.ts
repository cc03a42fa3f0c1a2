// Back-office emails: the sign-in link (and the invitation, which is one). Pure functions.
import { button, frame, html } from "./layout";
import type { EmailContent } from "./registration";

export type SignInData = { link: string; minutes: number; invitedBy?: string | null };

export function signInEmail(d: SignInData): EmailContent {
  const subject = d.invitedBy ? "Invitation à l’espace organisateurs de Rendez-vous" : "Votre lien de connexion à Rendez-vous";
  const lead = d.invitedBy
    ? `${d.invitedBy} vous invite à rejoindre l’espace organisateurs de Rendez-vous.`
    : "Voici votre lien pour vous connecter à l’espace organisateurs.";
  const validity = `Ce lien ne sert qu’une fois et reste valable ${d.minutes} minutes. Si vous n’avez rien demandé, ignorez cet e-mail.`;
  const body = html`<p>Bonjour,</p>
    <p>${lead}</p>
    ${button(d.link, "Me connecter")}
    <p style="font-size:14px;color:#4a5360">${validity}</p>`;
  const text = ["Bonjour,", "", lead, "", `Me connecter : ${d.link}`, "", validity].join("\n");
  return { subject, html: frame({ title: subject, preheader: lead, body, footer: html`Rendez-vous — espace organisateurs.` }), text };
}
