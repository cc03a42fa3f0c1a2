// The words of a message to registrants (client-safe, no dependencies): its kinds, the statuses that
// choose its audience, its own statuses, with their French labels. The rules: app/messages/messages.server.ts.

export const MESSAGE_KINDS = ["service", "news"] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** Registration statuses, then the attendance of confirmed registrations. */
export const MESSAGE_AUDIENCES = ["confirmed", "waiting", "present", "absent", "excused"] as const;
export type MessageAudience = (typeof MESSAGE_AUDIENCES)[number];

export const MESSAGE_STATUSES = ["draft", "scheduled", "sent", "cancelled"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const MESSAGE_KIND_LABELS: Record<MessageKind, string> = {
  service: "Information de service (à propos d’une rencontre où la personne est inscrite : envoyée à toutes et tous)",
  news: "Nouvelles (seulement aux personnes qui ont accepté de recevoir des nouvelles et ne se sont pas désinscrites)",
};

export const MESSAGE_AUDIENCE_LABELS: Record<MessageAudience, string> = {
  confirmed: "Inscrit·es confirmé·es",
  waiting: "Liste d’attente",
  present: "Présent·es",
  absent: "Absent·es",
  excused: "Excusé·es",
};

export const MESSAGE_STATUS_LABELS: Record<MessageStatus, string> = {
  draft: "Brouillon",
  scheduled: "Programmé",
  sent: "Envoyé",
  cancelled: "Annulé",
};

/** Bounds of the form's fields. */
export const SUBJECT_MAX = 200;
export const BODY_MAX = 20000;
