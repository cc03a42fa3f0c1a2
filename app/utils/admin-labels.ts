// French labels of the back-office.
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
export const OUTBOX_KIND_LABELS: Record<string, string> = {
  confirmation: "Confirmation d’inscription",
  promotion: "Place libérée",
  "personal-link": "Lien personnel",
  "access-codes": "Codes d’accès",
  correction: "Rectificatif",
  "session-cancelled": "Annulation",
  "session-postponed": "Report",
  "recording-available": "Enregistrement disponible",
  "sign-in": "Connexion organisateur",
};
