// The upcoming demo series, with dates relative to "now" in Europe/Paris (calendar days, not hours).
// Fictional people and fake access codes; the organisations are the real 2022 partners.
import { DateTime } from "luxon";
import type { SeriesFileInput } from "../../app/models/series-format.server";

export const DEMO_SLUG = "rdv-sante-mentale-jeunes-eure-demo";

/** Fake codes of the demo, also used by the test that proves codes never reach a public page. */
export const DEMO_SECRETS = {
  joinUrl: "https://zoom.us/j/98120554731?pwd=RGVtb1NlY3JldDI2",
  meetingId: "981 2055 4731",
  passcode: "731904",
  dialIn: "+33 1 70 37 22 46",
  hybridJoinUrl: "https://zoom.us/j/97455120086?pwd=SHlicmlkZURlbW8",
  hybridMeetingId: "974 5512 0086",
  hybridPasscode: "408215",
} as const;

export function demoSeries(now: DateTime): SeriesFileInput {
  const today = now.setZone("Europe/Paris").startOf("day");
  const day = (offset: number) => today.plus({ days: offset }).toFormat("yyyy-MM-dd");
  return {
    format: "rendez-vous.series/1",
    slug: DEMO_SLUG,
    title: "Les rendez-vous de la santé mentale des jeunes en quartier prioritaire",
    subtitle: "Rencontres départementales de l'Eure — série de démonstration",
    territory: "Eure (27)",
    timezone: "Europe/Paris",
    status: "published",
    summary:
      "Série de démonstration de la plateforme : quatre rencontres pour outiller les acteurs qui accompagnent les 11-25 ans des quartiers prioritaires de l'Eure, en visio-conférence et en présentiel.",
    question: "Comment repérer tôt la souffrance psychique des jeunes et les orienter vers les bonnes ressources ?",
    objectives: [
      "Partager une culture commune de la santé mentale des jeunes",
      "Faire connaître les ressources d'écoute et de soin du territoire",
      "Valoriser les actions menées avec les jeunes et leurs familles",
    ],
    audience: "Professionnels de la jeunesse, de l'éducation, du social et de la santé, élus, associations, habitants",
    mode: "hybrid",
    platform: "Zoom",
    registration: { required: true, multipleSessions: true },
    accessCodes: { daysBefore: 2, sendAt: "09:00" },
    rules: [
      "Connectez-vous 10 minutes avant le début de la séance.",
      "Micro coupé pendant les interventions.",
      "Pour poser une question ou réagir : par écrit, dans la discussion.",
      "La séance est enregistrée et mise à disposition dans l'espace ressources.",
    ],
    keyFigures: [
      { value: "7", label: "quartiers prioritaires dans l'Eure (données fictives)" },
      { value: "1 sur 5", label: "jeunes concernés par un trouble psychique au cours de l'adolescence" },
    ],
    organisations: [
      { key: "ars-normandie", name: "Agence régionale de santé Normandie", shortName: "ARS Normandie", role: "organiser" },
      {
        key: "promotion-sante-normandie",
        name: "Promotion Santé Normandie",
        role: "support",
        address: "3 place de l'Europe, 14200 Hérouville-Saint-Clair",
        phone: "02 32 18 07 60",
      },
      { key: "demo-maison-des-adolescents-27", name: "Maison des adolescents de l'Eure (démo)", shortName: "MDA 27", role: "partner", email: "contact@mda27.example.org" },
      { key: "demo-ville-evreux", name: "Ville d'Évreux — atelier santé ville (démo)", shortName: "ASV Évreux", role: "contributor" },
    ],
    people: [
      { key: "demo-claire-martin", name: "Claire Martin", role: "Coordinatrice, atelier santé ville", organisation: "demo-ville-evreux" },
      { key: "demo-karim-benali", name: "Karim Benali", role: "Psychologue", organisation: "demo-maison-des-adolescents-27" },
      { key: "demo-sophie-leroy", name: "Sophie Leroy", role: "Chargée de projets", organisation: "promotion-sante-normandie" },
      { key: "demo-yanis-diallo", name: "Yanis Diallo", role: "Animateur jeunesse, centre social" },
      { key: "demo-marie-helene-ndiaye", name: "Marie-Hélène N'Diaye", role: "Infirmière scolaire" },
    ],
    sessions: [
      {
        number: 1,
        slug: "rdv-1-reperer",
        title: "Repérer la souffrance psychique des jeunes",
        theme: "Repérage",
        start: `${day(-14)}T09:30`,
        end: `${day(-14)}T12:00`,
        mode: "online",
        status: "published",
        capacity: null,
        access: null,
        programme: [
          { start: "09:30", end: "09:45", kind: "welcome", title: "Accueil, introduction", speakers: [{ organisation: "ars-normandie", part: "speaker" }] },
          { start: "09:45", end: "10:30", kind: "talk", title: "Les signes qui doivent alerter", speakers: [{ person: "demo-karim-benali", part: "speaker" }] },
          { start: "10:30", end: "10:40", kind: "break", title: "Pause" },
          {
            start: "10:40",
            end: "11:50",
            kind: "round-table",
            title: "Table ronde – Qui fait quoi dans le quartier ?",
            speakers: [
              { person: "demo-sophie-leroy", part: "moderator" },
              { person: "demo-claire-martin", part: "panellist" },
              { person: "demo-yanis-diallo", part: "panellist" },
            ],
          },
          { start: "11:50", end: "12:00", kind: "closing", title: "Clôture" },
        ],
      },
      {
        number: 2,
        slug: "rdv-2-ecouter-orienter",
        title: "Écouter et orienter : les ressources du territoire",
        theme: "Orientation",
        start: `${day(9)}T14:00`,
        end: `${day(9)}T16:30`,
        mode: "online",
        status: "published",
        capacity: 100,
        access: {
          provider: "Zoom",
          joinUrl: DEMO_SECRETS.joinUrl,
          meetingId: DEMO_SECRETS.meetingId,
          passcode: DEMO_SECRETS.passcode,
          dialIn: [
            { label: "France (Paris)", number: DEMO_SECRETS.dialIn },
            { label: "France (Lyon)", number: "+33 4 28 29 07 51" },
          ],
          instructions: "Par téléphone, composez le numéro puis l'ID de réunion suivi de #.",
        },
        programme: [
          { start: "14:00", end: "14:10", kind: "welcome", title: "Accueil" },
          {
            start: "14:10",
            end: "15:00",
            kind: "talks",
            title: "Les ressources d'écoute et de soin",
            parts: [
              { title: "La Maison des adolescents : accueillir sans rendez-vous", speakers: [{ person: "demo-karim-benali", part: "speaker" }] },
              { title: "L'infirmerie scolaire, premier recours", speakers: [{ person: "demo-marie-helene-ndiaye", part: "speaker" }] },
            ],
          },
          { start: "15:00", end: "15:15", kind: "questions", title: "Questions / réponses" },
          {
            start: "15:15",
            end: "16:20",
            kind: "round-table",
            title: "Table ronde – Orienter sans perdre le lien",
            description: "Comment passer le relais à un professionnel sans que le jeune décroche ?",
            speakers: [
              { person: "demo-claire-martin", part: "moderator" },
              { person: "demo-karim-benali", part: "panellist" },
              { person: "demo-yanis-diallo", part: "panellist" },
              { person: "demo-marie-helene-ndiaye", part: "panellist" },
            ],
          },
          { start: "16:20", end: "16:30", kind: "closing", title: "Clôture" },
        ],
      },
      {
        number: 3,
        slug: "rdv-3-atelier-evreux",
        title: "Atelier en présentiel : construire un parcours de repérage à l'échelle du quartier",
        theme: "Atelier",
        start: `${day(23)}T09:30`,
        end: `${day(23)}T12:30`,
        mode: "in-person",
        status: "published",
        capacity: 12,
        venue: {
          name: "Maison de quartier de la Madeleine",
          address: "1 rue Jean-Bart, 27000 Évreux",
          instructions: "Salle accessible en fauteuil roulant. Bus ligne T1, arrêt Madeleine.",
        },
        access: null,
        programme: [
          { start: "09:30", end: "09:45", kind: "welcome", title: "Accueil café" },
          { start: "09:45", end: "12:15", kind: "workshop", title: "Atelier en petits groupes", speakers: [{ person: "demo-sophie-leroy", part: "moderator" }] },
          { start: "12:15", end: "12:30", kind: "closing", title: "Restitution et clôture" },
        ],
      },
      {
        number: 4,
        slug: "rdv-4-familles",
        title: "Associer les familles et les pairs",
        theme: "Familles",
        start: `${day(37)}T14:00`,
        end: `${day(37)}T16:00`,
        mode: "hybrid",
        status: "published",
        capacity: 40,
        venue: { name: "Centre social Nétreville", address: "12 rue de Nétreville, 27000 Évreux" },
        access: {
          provider: "Zoom",
          joinUrl: DEMO_SECRETS.hybridJoinUrl,
          meetingId: DEMO_SECRETS.hybridMeetingId,
          passcode: DEMO_SECRETS.hybridPasscode,
          dialIn: [{ label: "France (Paris)", number: "+33 1 86 99 58 31" }],
        },
        programme: [
          { start: "14:00", end: "14:10", kind: "welcome", title: "Accueil" },
          { start: "14:10", end: "15:30", kind: "talk", title: "Des jeunes ambassadeurs santé dans le quartier", speakers: [{ person: "demo-yanis-diallo", part: "speaker" }] },
          { start: "15:30", end: "16:00", kind: "questions", title: "Questions / réponses" },
        ],
      },
    ],
    // Session 1 is past: its recording is published, with chapters aligned to the programme, a summary
    // and a transcript; a bibliography; slides for its registrants only. The video address is a
    // placeholder (demo data): the player loads only when a visitor asks for it.
    resources: [
      {
        key: "rdv-1-enregistrement",
        type: "recording",
        title: "Enregistrement du RDV #1 — Repérer la souffrance psychique des jeunes",
        description: "La rencontre en entier, sans la pause : l'intervention de Karim Benali puis la table ronde.",
        session: 1,
        authors: ["Agence régionale de santé Normandie"],
        themes: ["santé mentale", "jeunes", "repérage"],
        territory: "Eure (27)",
        url: "https://www.youtube.com/watch?v=RdvDemo2026",
        visibility: "public",
        duration: "02:14:30",
        chapters: [
          { at: "00:00:00", title: "Accueil et introduction", item: "1" },
          { at: "00:14:30", title: "Les signes qui doivent alerter — Karim Benali", item: "2" },
          { at: "00:58:20", title: "Table ronde : qui fait quoi dans le quartier ?", item: "4" },
          { at: "02:05:40", title: "Clôture", item: "5" },
        ],
        summary:
          "Karim Benali (Maison des adolescents de l'Eure) présente les signes qui doivent alerter : repli, changements brusques de comportement, décrochage scolaire, troubles du sommeil, propos sur la mort. Il insiste sur l'écoute sans jugement et sur l'orientation rapide vers un professionnel.\n\nLa table ronde, animée par Sophie Leroy, réunit l'atelier santé ville d'Évreux et un centre social : chacun décrit son rôle dans le repérage et l'orientation, et les participants proposent un annuaire partagé des ressources du quartier.",
        transcript:
          "Accueil. — Bonjour à toutes et à tous, et bienvenue à ce premier rendez-vous consacré à la santé mentale des jeunes…\n\nKarim Benali. — Les signes qui doivent alerter sont rarement spectaculaires : un jeune qui se replie, qui ne vient plus aux activités, qui dort mal…\n\n(Transcription de démonstration.)",
      },
      {
        key: "rdv-1-bibliographie",
        type: "bibliography",
        title: "Bibliographie sélective : repérer la souffrance psychique des jeunes",
        description: "Les références citées pendant la rencontre, pour aller plus loin.",
        session: 1,
        authors: ["Promotion Santé Normandie"],
        themes: ["santé mentale", "jeunes", "déterminants de la santé"],
        visibility: "public",
        references: [
          {
            kind: "book",
            authors: ["Organisation mondiale de la Santé"],
            year: 2022,
            title: "Rapport mondial sur la santé mentale : transformer la santé mentale pour tous. Vue d'ensemble",
            publisher: "Organisation mondiale de la Santé",
            place: "Genève",
            isbn: "978-92-4-005192-8",
            note: "traduction française de la vue d'ensemble du World mental health report",
          },
          {
            kind: "report",
            authors: ["Haut Conseil de la santé publique"],
            year: 2016,
            title: "Pour une politique globale et intégrée de promotion de la santé des jeunes",
            publisher: "HCSP",
            place: "Paris",
          },
          {
            kind: "article",
            authors: ["Kessler, R. C.", "Berglund, P.", "Demler, O.", "Jin, R.", "Merikangas, K. R.", "Walters, E. E."],
            year: 2005,
            title: "Lifetime prevalence and age-of-onset distributions of DSM-IV disorders in the National Comorbidity Survey Replication",
            container: "Archives of General Psychiatry",
            volume: "62",
            issue: "6",
            pages: "593-602",
            doi: "10.1001/archpsyc.62.6.593",
            note: "la moitié des troubles psychiques débutent avant 14 ans",
          },
          {
            kind: "article",
            authors: ["Whitehead, M.", "Dahlgren, G."],
            year: 1991,
            title: "What can be done about inequalities in health?",
            container: "The Lancet",
            volume: "338",
            issue: "8774",
            pages: "1059-1063",
            doi: "10.1016/0140-6736(91)91911-D",
            note: "le modèle des déterminants sociaux de la santé",
          },
        ],
      },
      {
        key: "rdv-1-diaporama-signes",
        type: "slides",
        title: "Diaporama : les signes qui doivent alerter",
        session: 1,
        item: "2",
        authors: ["Karim Benali"],
        themes: ["santé mentale", "repérage"],
        url: "https://mda27.example.org/rdv-1-diaporama.pdf",
        visibility: "registrants",
      },
    ],
  };
}
