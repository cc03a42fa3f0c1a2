// THE KINDS OF EMAIL — the one list, with the French label each one has in the back-office.
//
// Client-safe (the email log's filter and table show the labels). Everything else a kind needs is
// keyed by this union, so that adding a kind here makes the compiler point at each missing piece:
// its dedupe-key builder (app/notifications/email-kinds.server.ts), its renderer
// (app/notifications/messages.server.ts) and its preview (app/notifications/email-previews.server.ts).
//
// "access-codes" and "practical-info" are the two forms of the J-2 email (codes for whoever joins
// remotely, practical information for whoever comes on site): they share one dedupe key, so a
// registration never gets both. Rows queued before "practical-info" existed are all "access-codes".

export const EMAIL_KINDS = [
  "confirmation",
  "promotion",
  "personal-link",
  "access-codes",
  "practical-info",
  "correction",
  "session-cancelled",
  "session-postponed",
  "reminder",
  "recording-available",
  "survey",
  "sign-in",
  "newsletter-confirmation",
  "newsletter",
  "message",
  "certificate",
  "team-invitation",
] as const;

export type EmailKind = (typeof EMAIL_KINDS)[number];

/** The J-2 kinds: planned together, cancelled together, followed by a rectificatif. */
export const J2_KINDS = ["access-codes", "practical-info"] as const satisfies readonly EmailKind[];

export const EMAIL_KIND_LABELS: Record<EmailKind, string> = {
  confirmation: "Confirmation d’inscription",
  promotion: "Place libérée",
  "personal-link": "Lien personnel",
  "access-codes": "Codes d’accès",
  "practical-info": "Informations pratiques (sur place)",
  correction: "Rectificatif",
  "session-cancelled": "Annulation",
  "session-postponed": "Report",
  reminder: "Rappel",
  "recording-available": "Enregistrement disponible",
  survey: "Questionnaire de satisfaction",
  "sign-in": "Connexion organisateur",
  "newsletter-confirmation": "Confirmation d’abonnement à la lettre",
  newsletter: "Lettre d’information",
  message: "Message aux inscrit·es",
  certificate: "Attestation de présence",
  "team-invitation": "Invitation dans l’équipe d’une série",
};

export function isEmailKind(value: string): value is EmailKind {
  return (EMAIL_KINDS as readonly string[]).includes(value);
}

/** The label of a stored kind (an unknown one, from an older version, is shown as is). */
export function emailKindLabel(kind: string): string {
  return isEmailKind(kind) ? EMAIL_KIND_LABELS[kind] : kind;
}
