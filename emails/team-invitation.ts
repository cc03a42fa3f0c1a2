// The invitation into a series' team: who invites, which series, which role and what it allows, and
// a sign-in link (the same single-use token as the sign-in email). Pure function.
import { button, frame, html } from "./layout";
import type { EmailContent } from "./registration";

export type TeamInvitationData = { link: string; minutes: number; invitedBy: string; seriesTitle: string; role: string; allows: string; signInPage: string };

export function teamInvitationEmail(d: TeamInvitationData): EmailContent {
  const subject = `Invitation à l’équipe de « ${d.seriesTitle} »`;
  const lead = `${d.invitedBy} vous invite à rejoindre l’équipe de la série « ${d.seriesTitle} » sur Rendez-vous, en tant que ${d.role.toLowerCase()}.`;
  const allows = `Ce rôle vous donne accès à ${d.allows}.`;
  const validity = `Ce lien ne sert qu’une fois et reste valable ${d.minutes} minutes. Ensuite, demandez un nouveau lien avec cette adresse sur ${d.signInPage}.`;
  const body = html`<p>Bonjour,</p>
    <p>${lead}</p>
    <p>${allows}</p>
    ${button(d.link, "Me connecter")}
    <p style="font-size:14px;color:#4a5360">${validity}</p>`;
  const text = ["Bonjour,", "", lead, "", allows, "", `Me connecter : ${d.link}`, "", validity].join("\n");
  return { subject, html: frame({ title: subject, preheader: lead, body, footer: html`Rendez-vous — espace organisateurs.` }), text };
}
