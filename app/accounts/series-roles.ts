// The roles an account can have on one series (its team), their French names and their order.
// Client-safe: pages show the labels. Who may do what is decided in one place,
// app/accounts/series-access.server.ts (docs/decisions/016-series-roles.md).

export const SERIES_ROLES = ["organiser", "editor", "viewer"] as const;
export type SeriesRole = (typeof SERIES_ROLES)[number];

export const SERIES_ROLE_LABELS: Record<SeriesRole, string> = {
  organiser: "Organisateur·rice",
  editor: "Éditeur·rice",
  viewer: "Lecteur·rice (financeur)",
};

export const SERIES_ROLE_NOTES: Record<SeriesRole, string> = {
  organiser: "tout sur la série, y compris les inscrit·es, les présences, les messages, les réglages et l’équipe",
  editor: "textes, programme, rencontres, ressources et questions, sans aucune donnée personnelle",
  viewer: "le bilan et les statistiques anonymes, rien d’autre",
};

const RANK: Record<SeriesRole, number> = { viewer: 1, editor: 2, organiser: 3 };

/** Whether `role` (null: no role on the series) allows what needs `min`. */
export function roleAllows(role: SeriesRole | null, min: SeriesRole): boolean {
  return role !== null && RANK[role] >= RANK[min];
}

export function isSeriesRole(value: unknown): value is SeriesRole {
  return typeof value === "string" && (SERIES_ROLES as readonly string[]).includes(value);
}
