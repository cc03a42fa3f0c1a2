// French labels of the back-office (those of the kinds of email: app/notifications/email-kinds.ts).
export const SERIES_STATUS_LABELS: Record<string, string> = { draft: "Brouillon", published: "Publiée", archived: "Archivée" };
export const REGISTRATION_STATUS_LABELS: Record<string, string> = { confirmed: "Confirmé·e", waiting: "Liste d’attente", cancelled: "Annulé·e" };
export const ATTENDANCE_LABELS: Record<string, string> = { present: "Présent·e", excused: "Excusé·e", absent: "Absent·e" };
export const OUTBOX_STATUS_LABELS: Record<string, string> = {
  pending: "Prévu",
  sending: "En cours d’envoi",
  sent: "Envoyé",
  failed: "Échec",
  missed: "Manqué",
  cancelled: "Annulé",
};

/** The order of the back office's lists of series (app/series/admin-series.server.ts sorts them so). */
export const ADMIN_SERIES_ORDER_LABEL = "à venir (la plus proche d’abord), en préparation, puis passées (la plus récente d’abord)";
