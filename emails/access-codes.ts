// The J-2 emails: the access codes two days before for whoever joins remotely, the practical
// information (address, access, accessibility, contact) for whoever comes on site, a "rectificatif"
// of either after a change, and the cancellation or postponement notice. Pure functions; HTML and
// text carry the same information.
import { button, frame, html, plain, type Safe } from "./layout";
import type { EmailContent } from "./registration";

export type DialIn = { label: string; number: string };
export type AccessInfo = {
  provider: string | null;
  joinUrl: string | null;
  meetingId: string | null;
  passcode: string | null;
  dialIn: DialIn[];
  instructions: string | null;
};
export type SessionInfo = { number: number; title: string; when: string; mode: string; venue: string | null; pageUrl: string };

/** "+33 1 70 37 22 46" + meeting "981 2055 4731" + passcode "731904" → "+33170372246,,98120554731#,,,,731904#" */
export function oneTapDial(number: string, meetingId: string | null, passcode: string | null): string {
  const base = number.replace(/[^\d+]/g, "");
  if (!meetingId) return base;
  const id = meetingId.replace(/\D/g, "");
  const code = passcode && /^\d+$/.test(passcode.trim()) ? `,,,,${passcode.trim()}#` : "";
  return `${base},,${id}#${code}`;
}

const telHref = (dial: string) => `tel:${dial.replace(/#/g, "%23")}`;

export function accessHtml(a: AccessInfo | null): Safe {
  if (!a) return html`<p>Les informations de connexion vous seront communiquées par l’équipe organisatrice.</p>`;
  return html` ${
      a.joinUrl
        ? html`<p style="margin:16px 0">
              <a
                href="${a.joinUrl}"
                style="display:inline-block;background:#1d4f91;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:bold"
                >Rejoindre la réunion${a.provider ? ` ${a.provider}` : ""}</a
              >
            </p>
            <p style="font-size:14px;word-break:break-all">Lien : <a href="${a.joinUrl}" style="color:#1d4f91">${a.joinUrl}</a></p>`
        : html``
    }
    <table role="presentation" cellpadding="0" cellspacing="0" style="margin:8px 0 16px;font-size:16px">
      ${
        a.meetingId
          ? html`<tr>
              <td style="padding:2px 12px 2px 0">ID de réunion</td>
              <td style="font-weight:bold;font-size:18px">${a.meetingId}</td>
            </tr>`
          : html``
      }
      ${
        a.passcode
          ? html`<tr>
              <td style="padding:2px 12px 2px 0">Code secret</td>
              <td style="font-weight:bold;font-size:18px">${a.passcode}</td>
            </tr>`
          : html``
      }
    </table>
    ${
      a.dialIn.length
        ? html`<h2 style="font-size:17px;margin:16px 0 8px">Par téléphone</h2>
            <ul style="padding-left:20px">
              ${a.dialIn.map((d) => {
                const dial = oneTapDial(d.number, a.meetingId, a.passcode);
                return html`<li style="margin-bottom:8px">
                  ${d.label} : <a href="${telHref(dial)}" style="color:#1d4f91">${d.number}</a><br /><span style="font-size:14px"
                    >Un seul geste sur mobile : ${dial}</span
                  >
                </li>`;
              })}
            </ul>`
        : html``
    }
    ${a.instructions ? html`<p>${a.instructions}</p>` : html``}`;
}

export function accessText(a: AccessInfo | null): string {
  if (!a) return "Les informations de connexion vous seront communiquées par l’équipe organisatrice.";
  const lines: string[] = [];
  if (a.joinUrl) lines.push(`Rejoindre la réunion${a.provider ? ` ${a.provider}` : ""} : ${a.joinUrl}`);
  if (a.meetingId) lines.push(`ID de réunion : ${a.meetingId}`);
  if (a.passcode) lines.push(`Code secret : ${a.passcode}`);
  if (a.dialIn.length) {
    lines.push("", "PAR TÉLÉPHONE");
    for (const d of a.dialIn) lines.push(`- ${d.label} : ${d.number} (un seul geste sur mobile : ${oneTapDial(d.number, a.meetingId, a.passcode)})`);
  }
  if (a.instructions) lines.push("", a.instructions);
  return lines.join("\n");
}

export const modeLine = (s: SessionInfo) =>
  s.mode === "in-person"
    ? `En présentiel${s.venue ? ` : ${s.venue}` : ""}`
    : s.mode === "hybrid"
      ? `Hybride : en salle${s.venue ? ` (${s.venue})` : ""} ou en visio-conférence`
      : "En visio-conférence";

export type AccessCodesData = {
  firstName: string;
  seriesTitle: string;
  session: SessionInfo;
  access: AccessInfo | null;
  rules: string[];
  personalUrl: string;
  /** Set for a rectificatif: what changed ("time", "place", "access"). */
  changes?: string[];
  /** A rectificatif's old and new values (« ancien → nouveau »), when known. */
  changed?: { label: string; from: string; to: string }[];
};

const CHANGE_LABELS: Record<string, string> = { time: "la date ou l’horaire", place: "le lieu", access: "les codes de connexion" };

export function accessCodesEmail(d: AccessCodesData): EmailContent {
  const correction = Boolean(d.changes?.length);
  // A tip the series' own rules already give is not said twice.
  const same = (x: string) =>
    x
      .toLowerCase()
      .replace(/[\s.]+/g, " ")
      .trim();
  const tips = ["Connectez-vous 10 minutes avant le début de la séance.", "Vous pouvez rejoindre la réunion par la vidéo ou par le téléphone."].filter(
    (tip) => !d.rules.some((r) => same(r) === same(tip)),
  );
  return j2Email(d, {
    subject: correction
      ? `Rectificatif : RDV #${d.session.number} — ${d.session.title}`
      : `Vos codes d’accès : RDV #${d.session.number}, ${plain(d.session.when)}`,
    what: correction
      ? `Rectificatif : ${d.changes!.map((c) => CHANGE_LABELS[c] ?? c).join(", ")} de la rencontre ${d.session.number === 0 ? "" : `RDV #${d.session.number} `}ont changé. Voici les informations à jour ; elles remplacent celles reçues précédemment.`
      : `Voici les codes d’accès de la rencontre à laquelle vous êtes inscrit·e.`,
    modeLine: modeLine(d.session),
    detailsHtml: html`${accessHtml(d.access)}
    ${
      tips.length
        ? html`<ul style="padding-left:20px">
            ${tips.map((x) => html`<li>${x}</li>`)}
          </ul>`
        : html``
    }`,
    detailsText: [accessText(d.access), ...(tips.length ? ["", ...tips.map((x) => `- ${x}`)] : [])],
    note: "Ces codes vous sont personnels : merci de ne pas les diffuser. Le fichier d’agenda joint met à jour la rencontre dans votre calendrier.",
  });
}

export type J2Parts = {
  subject: string;
  /** The lead sentence (also the preheader); `whatHtml`/`whatText` when the lead is longer (a reminder's own text). */
  what: string;
  whatHtml?: Safe;
  whatText?: string;
  modeLine: string;
  detailsHtml: Safe;
  detailsText: (string | null)[];
  note: string;
};

/** The frame both J-2 emails share (and the reminders): greeting, the session, its details (codes or practical information), rules, links. */
export function j2Email(d: Omit<AccessCodesData, "access">, parts: J2Parts): EmailContent {
  const { subject, what } = parts;
  const changed = d.changes?.length ? (d.changed ?? []) : [];
  const body = html` <p>Bonjour ${d.firstName},</p>
    ${parts.whatHtml ?? html`<p>${what}</p>`}
    ${
      changed.length
        ? html`<ul style="padding-left:20px">
            ${changed.map((c) => html`<li>${c.label} : <span style="text-decoration:line-through">${plain(c.from)}</span> → <strong>${plain(c.to)}</strong></li>`)}
          </ul>`
        : html``
    }
    <h2 style="font-size:18px;margin:16px 0 4px">RDV #${d.session.number} — ${d.session.title}</h2>
    <p style="margin:0 0 8px"><strong>${plain(d.session.when)}</strong><br />${parts.modeLine}<br />${d.seriesTitle}</p>
    ${parts.detailsHtml}
    ${
      d.rules.length
        ? html`<h2 style="font-size:17px;margin:16px 0 8px">Consignes</h2>
            <ul style="padding-left:20px">
              ${d.rules.map((r) => html`<li>${r}</li>`)}
            </ul>`
        : html``
    }
    <p>Programme : <a href="${d.session.pageUrl}" style="color:#1d4f91">${d.session.pageUrl}</a></p>
    <p>Un empêchement ? Libérez votre place pour une personne en liste d’attente :</p>
    ${button(d.personalUrl, "Gérer mes inscriptions")}
    <p style="font-size:14px;color:#4a5360">${parts.note}</p>`;
  const text = [
    `Bonjour ${d.firstName},`,
    "",
    parts.whatText ?? what,
    ...changed.map((c) => `- ${c.label} : ${plain(c.from)} → ${plain(c.to)}`),
    "",
    `RDV #${d.session.number} — ${d.session.title}`,
    plain(d.session.when),
    parts.modeLine,
    d.seriesTitle,
    "",
    ...parts.detailsText,
    d.rules.length ? `\nCONSIGNES\n${d.rules.map((r) => `- ${r}`).join("\n")}` : null,
    "",
    `Programme : ${d.session.pageUrl}`,
    `Un empêchement ? Libérez votre place : ${d.personalUrl}`,
    "",
    parts.note,
  ]
    .filter((x) => x !== null)
    .join("\n");
  const footer = html`Vous recevez cet e-mail parce que vous êtes inscrit·e à cette rencontre.
    <a href="${d.personalUrl}" style="color:#1d4f91">Gérer mes inscriptions</a>.`;
  return { subject, html: frame({ title: subject, preheader: what, body, footer }), text };
}

export type Venue = { name: string | null; address: string | null; instructions: string | null; accessibility: string | null; contact: string | null };

/** The place of an on-site session, in both parts: name, address (with a map link), access, accessibility, contact. */
export function venueDetails(venue: Venue): { html: Safe; text: (string | null)[] } {
  const rows: [string, string | null][] = [
    ["Lieu", venue.name],
    ["Adresse", venue.address],
    ["Accès", venue.instructions],
    ["Accessibilité", venue.accessibility],
    ["Contact le jour même", venue.contact],
  ];
  const shown = rows.filter((r): r is [string, string] => Boolean(r[1]));
  const mapUrl = venue.address ? `https://www.openstreetmap.org/search?query=${encodeURIComponent(venue.address)}` : null;
  return {
    html: html`<table role="presentation" cellpadding="0" cellspacing="0" style="margin:8px 0 16px;font-size:16px">
        ${shown.map(
          ([label, value]) =>
            html`<tr>
              <td style="padding:4px 12px 4px 0;vertical-align:top">${label}</td>
              <td style="padding:4px 0;font-weight:bold">${value}</td>
            </tr>`,
        )}
      </table>
      ${mapUrl ? html`<p><a href="${mapUrl}" style="color:#1d4f91">Voir l’adresse sur une carte</a></p>` : html``}`,
    text: [...shown.map(([label, value]) => `${label} : ${value}`), mapUrl ? `Carte : ${mapUrl}` : null],
  };
}

/** The on-site registrant's check-in code (code d’accueil), and the Content-ID of its attached QR image. */
export type CheckInCode = { code: string; qrCid: string };

export type PracticalInfoData = Omit<AccessCodesData, "access"> & { venue: Venue; checkIn?: CheckInCode };

/** The check-in code, in both parts: its QR (an inline attachment) and the code to read out. */
function checkInDetails(c: CheckInCode): { html: Safe; text: string[] } {
  return {
    html: html`<h2 style="font-size:17px;margin:16px 0 8px">Votre code d’accueil</h2>
      <p>À l’arrivée, présentez ce QR code (sur votre téléphone ou imprimé) ou dites ce code : l’accueil vous enregistre en un geste.</p>
      <p style="margin:8px 0"><img src="cid:${c.qrCid}" width="184" height="184" alt="QR code de votre code d’accueil ${c.code}" /></p>
      <p style="font-size:24px;font-weight:bold;letter-spacing:3px;margin:0 0 16px;font-family:monospace">${c.code}</p>`,
    text: ["", `VOTRE CODE D’ACCUEIL : ${c.code}`, "À présenter à l’arrivée (le QR code est joint à cet e-mail et dans votre espace personnel)."],
  };
}

/** The on-site registrant's J-2 email: where, how to get there, accessibility, whom to call; never codes. */
export function practicalInfoEmail(d: PracticalInfoData): EmailContent {
  const correction = Boolean(d.changes?.length);
  const details = venueDetails(d.venue);
  const checkIn = d.checkIn ? checkInDetails(d.checkIn) : null;
  return j2Email(d, {
    subject: correction
      ? `Rectificatif : RDV #${d.session.number} — ${d.session.title}`
      : `Informations pratiques : RDV #${d.session.number}, ${plain(d.session.when)}`,
    what: correction
      ? `Rectificatif : ${d.changes!.map((c) => CHANGE_LABELS[c] ?? c).join(", ")} de la rencontre RDV #${d.session.number} ont changé. Voici les informations à jour ; elles remplacent celles reçues précédemment.`
      : "Voici les informations pratiques de la rencontre à laquelle vous êtes inscrit·e sur place.",
    modeLine: "Sur place",
    detailsHtml: checkIn ? html`${details.html}${checkIn.html}` : details.html,
    detailsText: checkIn ? [...details.text, ...checkIn.text] : details.text,
    note: checkIn
      ? "Votre code d’accueil vous est personnel : merci de ne pas le diffuser. Le fichier d’agenda joint met à jour la rencontre dans votre calendrier."
      : "Le fichier d’agenda joint met à jour la rencontre dans votre calendrier.",
  });
}

export type SessionNoticeData = {
  firstName: string;
  seriesTitle: string;
  session: SessionInfo;
  status: "cancelled" | "postponed";
  registrationStatus: "confirmed" | "waiting";
  seriesUrl: string;
  personalUrl: string;
};

export function sessionNoticeEmail(d: SessionNoticeData): EmailContent {
  const cancelled = d.status === "cancelled";
  const subject = cancelled ? `Annulation : RDV #${d.session.number} — ${d.session.title}` : `Report : RDV #${d.session.number} — ${d.session.title}`;
  const lead = cancelled
    ? `La rencontre RDV #${d.session.number} « ${d.session.title} », prévue ${plain(d.session.when)}, est annulée.`
    : `La rencontre RDV #${d.session.number} « ${d.session.title} » est reportée. Nouvelle date : ${plain(d.session.when)}.`;
  const next = cancelled
    ? "Votre inscription à cette rencontre est close ; vous n’avez rien à faire. Les autres rencontres de la série sont maintenues, sauf message contraire."
    : d.registrationStatus === "confirmed"
      ? "Votre inscription est conservée pour la nouvelle date ; si vous ne pouvez plus venir, libérez votre place depuis votre espace."
      : "Vous restez sur la liste d’attente pour la nouvelle date.";
  const body = html` <p>Bonjour ${d.firstName},</p>
    <p><strong>${lead}</strong></p>
    <p>${next}</p>
    <p>Le programme de la série : <a href="${d.seriesUrl}" style="color:#1d4f91">${d.seriesUrl}</a></p>
    ${button(d.personalUrl, "Gérer mes inscriptions")}
    <p style="font-size:14px;color:#4a5360">Le fichier d’agenda joint met à jour la rencontre dans votre calendrier.</p>`;
  const text = [
    `Bonjour ${d.firstName},`,
    "",
    lead,
    "",
    next,
    "",
    `Le programme de la série : ${d.seriesUrl}`,
    `Gérer mes inscriptions : ${d.personalUrl}`,
    "",
    "Le fichier d’agenda joint met à jour la rencontre dans votre calendrier.",
  ].join("\n");
  const footer = html`Vous recevez cet e-mail parce que vous êtes inscrit·e à cette rencontre.
    <a href="${d.personalUrl}" style="color:#1d4f91">Gérer mes inscriptions</a>.`;
  return { subject, html: frame({ title: subject, preheader: lead, body, footer }), text };
}
