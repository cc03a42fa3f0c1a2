// The figures counted for each session in the bilan, in the order of the page's table and of the
// CSV, with their French headings (client-safe: the page shows them).
export const SESSION_FIGURES = [
  { key: "registered", label: "Inscrits confirmés" },
  { key: "waiting", label: "Liste d’attente" },
  { key: "present", label: "Présents" },
  { key: "excused", label: "Excusés" },
  { key: "absent", label: "Absents" },
] as const;

export type SessionFigure = (typeof SESSION_FIGURES)[number]["key"];
