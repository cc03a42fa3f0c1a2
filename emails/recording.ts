// "The recording is available": sent once to each confirmed registrant of a session when its recording
// is published. Pure function; HTML and text carry the same information.
import { button, frame, html, plain, type Safe } from "./layout";
import type { EmailContent } from "./registration";

export type RecordingData = {
  firstName: string;
  seriesTitle: string;
  session: { number: number; title: string; when: string };
  recording: {
    title: string;
    url: string;
    /** "2 h 30 min" */
    duration: string | null;
    chapters: { clock: string; title: string }[];
    hasSummary: boolean;
    hasTranscript: boolean;
    registrantsOnly: boolean;
  };
  /** Other resources of the session (slides, bibliography…) are on its page. */
  sessionUrl: string;
  personalUrl: string;
};

export function recordingEmail(d: RecordingData): EmailContent {
  const subject = `Enregistrement disponible : RDV #${d.session.number} — ${d.session.title}`;
  const lead = `L’enregistrement de la rencontre RDV #${d.session.number} « ${d.session.title} » (${plain(d.session.when)}) est en ligne.`;
  const access = d.recording.registrantsOnly
    ? "Il est réservé aux personnes inscrites : le lien ci-dessous vous est personnel, merci de ne pas le transférer."
    : null;
  const readable =
    d.recording.hasSummary || d.recording.hasTranscript
      ? `Vous ne pouvez pas regarder la vidéo ? ${d.recording.hasTranscript ? "Une transcription" : "Un résumé"} est disponible sur la même page.`
      : null;
  const body = html` <p>Bonjour ${d.firstName},</p>
    <p>${lead}</p>
    ${access ? html`<p>${access}</p>` : html``}
    <h2 style="font-size:18px;margin:16px 0 4px">${d.recording.title}</h2>
    ${d.recording.duration ? html`<p style="margin:0 0 8px">Durée : ${plain(d.recording.duration)}</p>` : html``}
    ${button(d.recording.url, "Voir l’enregistrement")}
    ${
      d.recording.chapters.length
        ? html`<h3 style="font-size:16px;margin:16px 0 4px">Chapitres</h3>
            <ul style="padding-left:20px">
              ${d.recording.chapters.map((c) => html`<li>${c.clock} — ${c.title}</li>`)}
            </ul>`
        : html``
    }
    ${readable ? html`<p>${readable}</p>` : html``}
    <p>Les autres ressources de la rencontre : <a href="${d.sessionUrl}" style="color:#1d4f91">${d.sessionUrl}</a></p>
    <p style="font-size:14px;color:#4a5360">${d.seriesTitle}</p>`;
  const text = [
    `Bonjour ${d.firstName},`,
    "",
    lead,
    access,
    "",
    d.recording.title,
    d.recording.duration ? `Durée : ${plain(d.recording.duration)}` : null,
    `Voir l’enregistrement : ${d.recording.url}`,
    d.recording.chapters.length ? `\nCHAPITRES\n${d.recording.chapters.map((c) => `- ${c.clock} — ${c.title}`).join("\n")}` : null,
    readable ? `\n${readable}` : null,
    "",
    `Les autres ressources de la rencontre : ${d.sessionUrl}`,
  ];
  return afterSessionEmail({ subject, lead, body, text, seriesTitle: d.seriesTitle, personalUrl: d.personalUrl });
}

/** The end every email about a past session shares (recording, survey): the series, the personal link, the footer. */
export function afterSessionEmail(m: {
  subject: string;
  lead: string;
  body: Safe;
  text: (string | null)[];
  seriesTitle: string;
  personalUrl: string;
}): EmailContent {
  const text = [...m.text, "", m.seriesTitle, "", `Gérer mes inscriptions : ${m.personalUrl}`].filter((x) => x !== null).join("\n");
  const footer = html`Vous recevez cet e-mail parce que vous étiez inscrit·e à cette rencontre.
    <a href="${m.personalUrl}" style="color:#1d4f91">Gérer mes inscriptions</a>.`;
  return { subject: m.subject, html: frame({ title: m.subject, preheader: m.lead, body: m.body, footer }), text };
}
