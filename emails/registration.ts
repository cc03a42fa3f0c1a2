// Emails of the registration flow: confirmation, promotion from the waiting list, a new personal
// link. Pure functions: data in, { subject, html, text } out. HTML and text carry the same information.
import { receiveSentence, receivesOfParticipations, type Participation } from "../app/utils/formats";
import { button, frame, html, plain, type Safe } from "./layout";

export type EmailContent = { subject: string; html: string; text: string };

export type SessionLine = {
  number: number;
  title: string;
  when: string;
  status: "confirmed" | "waiting" | "cancelled";
  /** Place on the waiting list (1 = next in line). */
  waitingPosition?: number | null;
  mode: string;
  /** On site or remote (app/utils/formats.ts). */
  participation: Participation;
  venue?: string | null;
  pageUrl: string;
};

export type ConfirmationData = {
  firstName: string;
  seriesTitle: string;
  seriesUrl: string;
  sessions: SessionLine[];
  /** Sessions the person was already registered for (nothing new was created). */
  already: SessionLine[];
  daysBefore: number;
  personalUrl: string;
};

const statusText = (s: SessionLine) =>
  s.status === "confirmed"
    ? "inscription confirmée"
    : s.status === "waiting"
      ? `liste d’attente${s.waitingPosition ? ` (position ${s.waitingPosition})` : ""}`
      : "annulée";

const modeText = (s: SessionLine) =>
  s.mode === "in-person"
    ? `en présentiel${s.venue ? ` — ${s.venue}` : ""}`
    : s.mode === "hybrid"
      ? s.participation === "onsite"
        ? `hybride, vous venez sur place${s.venue ? ` — ${s.venue}` : ""}`
        : "hybride, vous suivez à distance (visio-conférence)"
      : "en visio-conférence";

function sessionListHtml(list: SessionLine[]): Safe {
  return html`<ul style="padding-left:20px;margin:8px 0 16px">
    ${list.map(
      (s) =>
        html`<li style="margin-bottom:10px">
          <strong>RDV #${s.number} — <a href="${s.pageUrl}" style="color:#1d4f91">${s.title}</a></strong
          ><br />${plain(s.when)}, ${modeText(s)}<br /><em>${statusText(s)}</em>
        </li>`,
    )}
  </ul>`;
}

function sessionListText(list: SessionLine[]): string {
  return list.map((s) => `- RDV #${s.number} — ${s.title}\n  ${plain(s.when)}, ${modeText(s)}\n  ${statusText(s)}\n  ${s.pageUrl}`).join("\n");
}

/** Codes for whoever joins remotely, practical information for whoever comes on site (app/utils/formats.ts). */
function codesSentence(daysBefore: number, lines: SessionLine[]): string {
  return receiveSentence(receivesOfParticipations(lines.filter((l) => l.status !== "cancelled").map((l) => l.participation)), daysBefore);
}

const footerHtml = (personalUrl: string) =>
  html`Vous recevez cet e-mail parce que vous vous êtes inscrit·e sur Rendez-vous.
    <a href="${personalUrl}" style="color:#1d4f91">Gérer mes inscriptions</a> (ajouter, annuler, télécharger ou effacer mes données).`;
const footerText = (personalUrl: string) =>
  `Vous recevez cet e-mail parce que vous vous êtes inscrit·e sur Rendez-vous.\nGérer mes inscriptions (ajouter, annuler, télécharger ou effacer mes données) : ${personalUrl}`;

export function confirmationEmail(d: ConfirmationData): EmailContent {
  const confirmed = d.sessions.filter((s) => s.status === "confirmed");
  const waiting = d.sessions.filter((s) => s.status === "waiting");
  const subject = `Inscription enregistrée — ${d.seriesTitle}`;
  const intro = `Bonjour ${d.firstName},`;
  const lead = `Votre inscription aux rencontres « ${d.seriesTitle} » est enregistrée.`;
  const spam = "Pensez à vérifier votre dossier « spam » (courrier indésirable) et à ajouter notre adresse à vos contacts.";
  const waitingNote = waiting.length
    ? "Les rencontres marquées « liste d’attente » sont complètes : si une place se libère, elle vous est attribuée automatiquement dans l’ordre d’arrivée et vous recevez un e-mail."
    : null;
  const calNote = confirmed.length ? "Vous trouverez en pièce jointe un fichier d’agenda (.ics) par rencontre confirmée." : null;

  const body = html` <p>${intro}</p>
    <p>${lead}</p>
    ${d.sessions.length ? sessionListHtml(d.sessions) : html``}
    ${
      d.already.length
        ? html`<p>Vous étiez déjà inscrit·e à :</p>
            ${sessionListHtml(d.already)}`
        : html``
    }
    <h2 style="font-size:17px;margin:20px 0 8px">Et ensuite ?</h2>
    <p>${codesSentence(d.daysBefore, d.sessions)}</p>
    <p>${spam}</p>
    ${waitingNote ? html`<p>${waitingNote}</p>` : html``} ${calNote ? html`<p>${calNote}</p>` : html``}
    <p>Votre espace personnel vous permet d’ajouter une rencontre ou d’annuler votre venue, sans compte ni mot de passe :</p>
    ${button(d.personalUrl, "Gérer mes inscriptions")}
    <p style="font-size:14px;color:#4a5360">Ce lien est personnel : ne le transférez pas.</p>
    <p>Programme complet : <a href="${d.seriesUrl}" style="color:#1d4f91">${d.seriesUrl}</a></p>`;

  const text = [
    intro,
    "",
    lead,
    "",
    sessionListText(d.sessions),
    d.already.length ? `\nVous étiez déjà inscrit·e à :\n${sessionListText(d.already)}` : null,
    "",
    "ET ENSUITE ?",
    codesSentence(d.daysBefore, d.sessions),
    spam,
    waitingNote,
    calNote,
    "",
    `Gérer mes inscriptions (lien personnel, ne le transférez pas) : ${d.personalUrl}`,
    `Programme complet : ${d.seriesUrl}`,
    "",
    "--",
    footerText(d.personalUrl),
  ]
    .filter((x) => x !== null)
    .join("\n");

  return { subject, html: frame({ title: subject, preheader: lead, body, footer: footerHtml(d.personalUrl) }), text };
}

export type PromotionData = { firstName: string; seriesTitle: string; session: SessionLine; daysBefore: number; personalUrl: string };

export function promotionEmail(d: PromotionData): EmailContent {
  const subject = `Une place s’est libérée : RDV #${d.session.number} — ${d.seriesTitle}`;
  const lead = `Bonne nouvelle : une place s’est libérée, votre inscription à la rencontre ci-dessous est confirmée.`;
  const body = html` <p>Bonjour ${d.firstName},</p>
    <p>${lead}</p>
    ${sessionListHtml([d.session])}
    <p>${codesSentence(d.daysBefore, [d.session])}</p>
    <p>Si vous ne pouvez plus venir, libérez votre place pour la personne suivante :</p>
    ${button(d.personalUrl, "Gérer mes inscriptions")}`;
  const text = [
    `Bonjour ${d.firstName},`,
    "",
    lead,
    "",
    sessionListText([d.session]),
    "",
    codesSentence(d.daysBefore, [d.session]),
    `Si vous ne pouvez plus venir, libérez votre place : ${d.personalUrl}`,
    "",
    "--",
    footerText(d.personalUrl),
  ].join("\n");
  return { subject, html: frame({ title: subject, preheader: lead, body, footer: footerHtml(d.personalUrl) }), text };
}

export type PersonalLinkData = { firstName: string; personalUrl: string };

export function personalLinkEmail(d: PersonalLinkData): EmailContent {
  const subject = "Votre lien personnel Rendez-vous";
  const lead = "Voici le lien qui ouvre votre espace personnel : vos inscriptions, leur annulation, vos données.";
  const body = html` <p>Bonjour ${d.firstName},</p>
    <p>${lead}</p>
    ${button(d.personalUrl, "Ouvrir mon espace")}
    <p style="font-size:14px;color:#4a5360">Si vous n’êtes pas à l’origine de cette demande, ignorez cet e-mail : rien n’a changé.</p>`;
  const text = [
    `Bonjour ${d.firstName},`,
    "",
    lead,
    d.personalUrl,
    "",
    "Si vous n’êtes pas à l’origine de cette demande, ignorez cet e-mail : rien n’a changé.",
  ].join("\n");
  return { subject, html: frame({ title: subject, preheader: lead, body, footer: footerHtml(d.personalUrl) }), text };
}
