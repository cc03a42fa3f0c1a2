// Every template of emails/ from plain data: templates are pure functions (data → subject, HTML,
// text). For each: the subject, the text and HTML parts, the escaping of what people typed, the
// French typography of the copy, and no access codes where there must be none.
import { describe, expect, it } from "vitest";
import { accessCodesEmail, oneTapDial, practicalInfoEmail, sessionNoticeEmail, type AccessCodesData, type AccessInfo } from "../../emails/access-codes";
import { signInEmail } from "../../emails/admin";
import { escapeHtml, html, plain, raw } from "../../emails/layout";
import { recordingEmail } from "../../emails/recording";
import { confirmationEmail, personalLinkEmail, promotionEmail, type EmailContent, type SessionLine } from "../../emails/registration";
import { j2Email } from "~/notifications/email-kinds.server";
import { NAME, NAME_HTML, NBSP, SERIES_TITLE, SESSION_TITLE } from "../helpers/email-samples";
import { typographyProblems, visibleText } from "../helpers/typography";

const SERIES = SERIES_TITLE;
const PERSONAL = "https://rdv.example.org/moi/TOKEN123";
const WHEN = `mardi 5${NBSP}janvier 2027, 10${NBSP}h${NBSP}00 – 12${NBSP}h${NBSP}00`;
const ACCESS: AccessInfo = {
  provider: "Zoom",
  joinUrl: "https://zoom.us/j/98120554731?pwd=abc",
  meetingId: "981 2055 4731",
  passcode: "731904",
  dialIn: [{ label: "France", number: "+33 1 70 37 22 46" }],
  instructions: "Micro coupé à l’entrée.",
};
const SESSION = { number: 3, title: SESSION_TITLE, when: WHEN, mode: "online", venue: null, pageUrl: "https://rdv.example.org/series/s/sessions/trois" };
const line = (over: Partial<SessionLine> = {}): SessionLine => ({
  number: 3,
  title: SESSION_TITLE,
  when: WHEN,
  status: "confirmed",
  mode: "online",
  participation: "remote",
  pageUrl: SESSION.pageUrl,
  ...over,
});
const j2Base: Omit<AccessCodesData, "access"> = {
  firstName: NAME,
  seriesTitle: SERIES,
  session: SESSION,
  rules: ["Caméra allumée si possible."],
  personalUrl: PERSONAL,
};
const VENUE = {
  name: "Maison de quartier",
  address: "12 rue de Nétreville, 27000 Évreux",
  instructions: "Bus 2, arrêt Mairie",
  accessibility: "Plain-pied",
  contact: "Sophie, 02 32 00 00 00",
};

/** What every email shares: a subject, both parts, the person's name escaped in HTML and as typed in text, French typography. */
function expectWellFormed(m: EmailContent, where: string) {
  expect(m.subject.length).toBeGreaterThan(0);
  expect(m.html).toMatch(/^<!doctype html>/);
  expect(m.html).toContain(`<title>${escapeHtml(m.subject)}</title>`);
  expect(m.html).not.toContain("<b>");
  expect(m.text).not.toMatch(/<(p|a|table|div|br|ul|li)\b/);
  expect(typographyProblems(visibleText(m.html).replaceAll(NAME, ""), `${where} (HTML)`)).toEqual([]);
}

const noCodes = (m: EmailContent) => {
  for (const part of [m.text, m.html]) {
    expect(part).not.toContain(ACCESS.passcode!);
    expect(part).not.toContain(ACCESS.meetingId!);
    expect(part).not.toContain("zoom.us");
    expect(part).not.toContain("Code secret");
  }
};

describe("layout", () => {
  it("escapes every interpolated value unless marked raw", () => {
    expect(escapeHtml(`<a href="x">l'é & co</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;l&#39;é &amp; co&lt;/a&gt;");
    expect(html`<p>${"<i>"}${raw("<br>")}${["<", raw("&amp;")]}</p>`.__html).toBe("<p>&lt;i&gt;<br>&lt;&amp;</p>");
  });
  it("makes date no-break spaces plain and keeps those of French punctuation", () => {
    expect(plain(`5${NBSP}janvier, 10${NBSP}h${NBSP}: «${NBSP}x${NBSP}»`)).toBe(`5 janvier, 10 h${NBSP}: «${NBSP}x${NBSP}»`);
  });
});

describe("registration emails", () => {
  it("confirmation: one line per session, the personal link, no codes", () => {
    const m = confirmationEmail({
      firstName: NAME,
      seriesTitle: SERIES,
      seriesUrl: "https://rdv.example.org/series/s",
      sessions: [line(), line({ number: 4, status: "waiting", waitingPosition: 2 })],
      already: [line({ number: 1, title: "Déjà" })],
      daysBefore: 2,
      personalUrl: PERSONAL,
    });
    expectWellFormed(m, "confirmation");
    expect(m.subject).toBe(`Inscription enregistrée — ${SERIES}`);
    expect(m.text).toContain(`Bonjour ${NAME},`);
    expect(m.html).toContain(`Bonjour ${NAME_HTML},`);
    expect(m.html).toContain("Écouter &lt;vraiment&gt;");
    expect(m.text).toContain("- RDV #3 — Écouter <vraiment>\n  mardi 5 janvier 2027, 10 h 00 – 12 h 00, en visio-conférence\n  inscription confirmée");
    expect(m.text).toContain("liste d’attente (position 2)");
    expect(m.text).toContain("Vous étiez déjà inscrit·e à");
    expect(m.text).toContain(PERSONAL);
    expect(m.html).toContain(`href="${PERSONAL}"`);
    expect(m.text).toContain("pièce jointe");
    noCodes(m);
  });
  it("promotion: the freed seat and the personal link", () => {
    const m = promotionEmail({
      firstName: NAME,
      seriesTitle: SERIES,
      session: line({ mode: "hybrid", participation: "onsite", venue: "Salle A" }),
      daysBefore: 2,
      personalUrl: PERSONAL,
    });
    expectWellFormed(m, "promotion");
    expect(m.subject).toBe(`Une place s’est libérée${NBSP}: RDV #3 — ${SERIES}`);
    expect(m.text).toContain("hybride, vous venez sur place — Salle A");
    expect(m.html).toContain(NAME_HTML);
    expect(m.text).toContain(PERSONAL);
    noCodes(m);
  });
  it("personal link: the link, nothing else", () => {
    const m = personalLinkEmail({ firstName: NAME, personalUrl: PERSONAL });
    expectWellFormed(m, "personal-link");
    expect(m.subject).toBe("Votre lien personnel Rendez-vous");
    expect(m.text.split("\n")).toContain(PERSONAL);
    expect(m.html).toContain(`href="${PERSONAL}"`);
    noCodes(m);
  });
});

describe("J-2 emails", () => {
  it("access codes: link, meeting id, passcode, one-tap dial in both parts", () => {
    const m = accessCodesEmail({ ...j2Base, access: ACCESS });
    expectWellFormed(m, "access-codes");
    expect(m.subject).toBe(`Vos codes d’accès${NBSP}: RDV #3, mardi 5 janvier 2027, 10 h 00 – 12 h 00`);
    const dial = oneTapDial(ACCESS.dialIn[0].number, ACCESS.meetingId, ACCESS.passcode);
    expect(dial).toBe("+33170372246,,98120554731#,,,,731904#");
    for (const part of [m.text, m.html]) {
      expect(part).toContain(ACCESS.meetingId);
      expect(part).toContain(ACCESS.passcode);
      expect(part).toContain(dial);
      expect(part).toContain("Caméra allumée si possible.");
    }
    expect(m.text).toContain(`Rejoindre la réunion Zoom${NBSP}: ${ACCESS.joinUrl}`);
    expect(m.html).toContain(`href="tel:${dial.replace(/#/g, "%23")}"`);
    expect(m.html).toContain("Écouter &lt;vraiment&gt;");
    expect(m.html).toContain(NAME_HTML);
  });
  it("access codes without access information: says they will come, shows none", () => {
    const m = accessCodesEmail({ ...j2Base, access: null });
    expect(m.text).toContain("Les informations de connexion vous seront communiquées par l’équipe organisatrice.");
    noCodes(m);
  });
  it("rectificatif: what changed, old → new", () => {
    const m = accessCodesEmail({ ...j2Base, access: ACCESS, changes: ["time", "access"], changed: [{ label: "Date et horaire", from: "lundi", to: "mardi" }] });
    expectWellFormed(m, "correction");
    expect(m.subject).toBe(`Rectificatif${NBSP}: RDV #3 — Écouter <vraiment>`);
    expect(m.text).toContain("la date ou l’horaire, les codes de connexion de la rencontre RDV #3 ont changé");
    expect(m.text).toContain(`- Date et horaire${NBSP}: lundi → mardi`);
  });
  it("practical information: the venue, a map, never the codes", () => {
    const m = practicalInfoEmail({
      ...j2Base,
      session: { ...SESSION, mode: "in-person", venue: "Maison de quartier" },
      venue: { ...VENUE, instructions: "Entrée <côté cour>" },
    });
    expectWellFormed(m, "practical-info");
    expect(m.subject).toBe(`Informations pratiques${NBSP}: RDV #3, mardi 5 janvier 2027, 10 h 00 – 12 h 00`);
    expect(m.text).toContain(`Adresse${NBSP}: ${VENUE.address}`);
    expect(m.text).toContain(`Accès${NBSP}: Entrée <côté cour>`);
    expect(m.html).toContain("Entrée &lt;côté cour&gt;");
    expect(m.text).toContain(`Carte${NBSP}: https://www.openstreetmap.org/search?query=${encodeURIComponent(VENUE.address)}`);
    expect(m.text).toContain("Sur place");
    noCodes(m);
  });
  it("j2Email picks codes or practical information by participation", () => {
    expect(j2Email({ remote: true, ...j2Base, access: ACCESS }).text).toContain(ACCESS.passcode);
    const onsite = j2Email({ remote: false, ...j2Base, venue: VENUE });
    expect(onsite.subject).toMatch(/^Informations pratiques/);
    noCodes(onsite);
  });
  it("cancellation and postponement notices: no codes", () => {
    type Notice = Parameters<typeof sessionNoticeEmail>[0];
    const notice = (status: Notice["status"], registrationStatus: Notice["registrationStatus"]) =>
      sessionNoticeEmail({
        firstName: NAME,
        seriesTitle: SERIES,
        session: SESSION,
        status,
        registrationStatus,
        seriesUrl: "https://rdv.example.org/series/s",
        personalUrl: PERSONAL,
      });
    const cancelled = notice("cancelled", "confirmed");
    expectWellFormed(cancelled, "session-cancelled");
    expect(cancelled.subject).toBe(`Annulation${NBSP}: RDV #3 — Écouter <vraiment>`);
    expect(cancelled.text).toContain("est annulée");
    noCodes(cancelled);
    const postponed = notice("postponed", "waiting");
    expectWellFormed(postponed, "session-postponed");
    expect(postponed.subject).toBe(`Report${NBSP}: RDV #3 — Écouter <vraiment>`);
    expect(postponed.text).toContain("Vous restez sur la liste d’attente pour la nouvelle date.");
    noCodes(postponed);
  });
});

describe("recording and back-office emails", () => {
  it("recording available: the link, chapters, the readable version, no codes", () => {
    const m = recordingEmail({
      firstName: NAME,
      seriesTitle: SERIES,
      session: { number: 3, title: SESSION_TITLE, when: WHEN },
      recording: {
        title: "Vidéo <1>",
        url: "https://rdv.example.org/moi/T/ressources/9",
        duration: `1${NBSP}h 30${NBSP}min`,
        chapters: [{ clock: "0:05:00", title: "Accueil & tour" }],
        hasSummary: true,
        hasTranscript: true,
        registrantsOnly: true,
      },
      sessionUrl: SESSION.pageUrl,
      personalUrl: PERSONAL,
    });
    expectWellFormed(m, "recording-available");
    expect(m.subject).toBe(`Enregistrement disponible${NBSP}: RDV #3 — Écouter <vraiment>`);
    expect(m.text).toContain("- 0:05:00 — Accueil & tour");
    expect(m.html).toContain("Accueil &amp; tour");
    expect(m.html).toContain("Vidéo &lt;1&gt;");
    expect(m.text).toContain("réservé aux personnes inscrites");
    expect(m.text).toContain("Une transcription est disponible");
    noCodes(m);
  });
  it("sign-in and invitation: the single-use link and its validity", () => {
    const signIn = signInEmail({ link: "https://rdv.example.org/admin/connexion/TOK", minutes: 15 });
    expectWellFormed(signIn, "sign-in");
    expect(signIn.subject).toBe("Votre lien de connexion à Rendez-vous");
    expect(signIn.text).toContain(`Me connecter${NBSP}: https://rdv.example.org/admin/connexion/TOK`);
    expect(signIn.text).toContain("15 minutes");
    const invitation = signInEmail({ link: "https://rdv.example.org/admin/connexion/TOK", minutes: 15, invitedBy: "Léa <admin>" });
    expect(invitation.subject).toBe("Invitation à l’espace organisateurs de Rendez-vous");
    expect(invitation.text).toContain("Léa <admin> vous invite");
    expect(invitation.html).toContain("Léa &lt;admin&gt; vous invite");
    noCodes(invitation);
  });
});
