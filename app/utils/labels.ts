// French labels for the codes stored in the database (shared by pages and emails).
export const MODE_LABELS: Record<string, string> = {
  online: "En visio-conférence",
  "in-person": "En présentiel",
  hybrid: "Hybride (présentiel et visio-conférence)",
};

export const KIND_LABELS: Record<string, string> = {
  welcome: "Accueil",
  talk: "Intervention",
  talks: "Interventions",
  questions: "Questions / réponses",
  break: "Pause",
  "round-tables": "Tables rondes",
  "round-table": "Table ronde",
  workshop: "Atelier",
  closing: "Clôture",
  other: "Séquence",
};

export const SPEAKER_ROLE_TITLES: Record<string, { one: string; many: string }> = {
  speaker: { one: "Intervenant·e", many: "Intervenant·es" },
  moderator: { one: "Animation", many: "Animation" },
  panellist: { one: "Avec", many: "Avec" },
};

export const ROLE_GROUPS: { role: string; title: string }[] = [
  { role: "organiser", title: "Organisé par" },
  { role: "support", title: "Avec l’appui de" },
  { role: "funder", title: "Avec le soutien financier de" },
  { role: "partner", title: "Partenaires" },
  { role: "contributor", title: "Structures intervenantes" },
];

export const SESSION_STATUS_LABELS: Record<string, string> = {
  draft: "Brouillon",
  published: "Programmée",
  cancelled: "Annulée",
  postponed: "Reportée",
};

export const RESOURCE_TYPE_LABELS: Record<string, string> = {
  recording: "Enregistrement",
  slides: "Diaporama",
  bibliography: "Bibliographie",
  "statistical-note": "Note statistique",
  "data-sheet": "Fiche de données",
  video: "Vidéo",
  document: "Document",
  link: "Lien",
  minutes: "Compte rendu",
};

/**
 * Public (cached) pages give the exact number of seats left only from this many down, « Places
 * disponibles » above: a registration then changes what they show, and evicts them from the page
 * cache, only near the end. The trigger that bumps a series' cache version on registrations tests
 * `seats left <= SEATS_SHOWN_FROM + 1` (custom migration "page_cache_triggers", ADR 020).
 */
export const SEATS_SHOWN_FROM = 10;

/** Seats left as a public page carries them (its data too): capped at SEATS_SHOWN_FROM + 1, « Places disponibles ». */
export function shownSeats(left: number | null): number | null {
  return left === null ? null : Math.min(left, SEATS_SHOWN_FROM + 1);
}

/** "1 place restante", "12 places restantes" (a session with a capacity and seats left). */
export function seatsLeftText(n: number): string {
  return `${n} place${n > 1 ? "s" : ""} restante${n > 1 ? "s" : ""}`;
}
