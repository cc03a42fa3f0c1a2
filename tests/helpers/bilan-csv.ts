// The bilan CSV as a spreadsheet shows it, written out by hand: what the tests of the CSV (model level
// and through the server) expect, independently of the module that writes it.

/** The headings of the CSV's table of sessions. */
export const BILAN_CSV_SESSION_HEADERS = [
  "Rencontre",
  "Titre",
  "Date",
  "Statut",
  "Inscrits confirmés",
  "Liste d’attente",
  "Présents",
  "Excusés",
  "Absents",
  "Taux de présence (%)",
];
