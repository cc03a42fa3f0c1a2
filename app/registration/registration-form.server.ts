// The registration form: fields, French messages tied to each field, values kept as typed.
import { z } from "zod";
import { formTexts } from "~/utils/form-values";
import { STRUCTURE_TYPES } from "../../db/schema/registrations";
import type { ParticipantInput } from "./registrations.server";

export const STRUCTURE_TYPE_LABELS: Record<(typeof STRUCTURE_TYPES)[number], string> = {
  collectivite: "Collectivité",
  "etat-ars": "État / ARS",
  association: "Association",
  sante: "Établissement ou professionnel de santé",
  education: "Éducation",
  bailleur: "Bailleur",
  habitant: "Habitant·e ou collectif d’habitants",
  autre: "Autre",
};

/** A stored structure type's label (a value no longer in the list is shown as stored). */
export function structureTypeLabel(value: string | null): string | null {
  return value ? (STRUCTURE_TYPE_LABELS[value as keyof typeof STRUCTURE_TYPE_LABELS] ?? value) : null;
}

export type RegistrationValues = {
  sessions: string[];
  /** A hybrid session's choice, by session id: "onsite" or "remote". */
  participation: Record<string, string>;
  firstName: string;
  lastName: string;
  email: string;
  organisation: string;
  jobTitle: string;
  structureType: string;
  territory: string;
  consent: boolean;
  news: boolean;
  /** « Consentement à figurer »: may be named, with the structure, in the minutes of sessions attended. */
  minutes: boolean;
};
export type FieldErrors = Partial<Record<keyof RegistrationValues, string>>;

/** Longest accepted value of each text field: the schema's limit, the inputs' maxlength, and the most ever echoed back into a page. */
export const REGISTRATION_MAX = { firstName: 100, lastName: 100, email: 254, organisation: 200, jobTitle: 200, territory: 200, structureType: 40 } as const;

// Control characters (except tab/newline) never belong in a name or an address.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/;

export const requiredText = (empty: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, empty)
    .max(max, `Ce champ ne doit pas dépasser ${max} caractères.`)
    .refine((v) => !CONTROL.test(v), "Ce champ contient des caractères non autorisés.");
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Ce champ ne doit pas dépasser ${max} caractères.`)
    .refine((v) => !CONTROL.test(v), "Ce champ contient des caractères non autorisés.");

/** An email address field: required, bounded, of the usual shape. */
export const emailText = (empty: string) =>
  z
    .string()
    .trim()
    .min(1, empty)
    .max(REGISTRATION_MAX.email, `L’adresse e-mail ne doit pas dépasser ${REGISTRATION_MAX.email} caractères.`)
    .refine((v) => EMAIL.test(v) && !v.includes(".."), "L’adresse e-mail n’est pas valide : elle doit ressembler à prenom.nom@exemple.fr.");

const schema = z.object({
  sessions: z
    .array(z.string())
    .min(1, "Choisissez au moins une rencontre.")
    .max(50, "Trop de rencontres choisies.")
    .refine((list) => list.every((v) => /^\d{1,9}$/.test(v)), "Cette rencontre n’existe pas dans cette série."),
  firstName: requiredText("Indiquez votre prénom.", REGISTRATION_MAX.firstName),
  lastName: requiredText("Indiquez votre nom.", REGISTRATION_MAX.lastName),
  email: emailText("Indiquez votre adresse e-mail."),
  organisation: optionalText(REGISTRATION_MAX.organisation),
  jobTitle: optionalText(REGISTRATION_MAX.jobTitle),
  structureType: z.string().refine((v) => v === "" || (STRUCTURE_TYPES as readonly string[]).includes(v), "Choisissez un type de structure dans la liste."),
  territory: optionalText(REGISTRATION_MAX.territory),
  consent: z.literal(true, { errorMap: () => ({ message: "Pour vous inscrire, acceptez le traitement de vos données décrit ci-dessous." }) }),
  news: z.boolean(),
  minutes: z.boolean(),
});

/** The `participation-<session id>` radios of hybrid sessions (at most 50, known values only). */
export function readParticipation(form: FormData): Record<string, string> {
  const chosen: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    const m = /^participation-(\d{1,9})$/.exec(name);
    if (m && (value === "onsite" || value === "remote") && Object.keys(chosen).length < 50) chosen[m[1]] = value;
  }
  return chosen;
}

export function readRegistrationForm(form: FormData): RegistrationValues {
  return {
    sessions: form.getAll("sessions").filter((v): v is string => typeof v === "string"),
    participation: readParticipation(form),
    ...formTexts(form, ["firstName", "lastName", "email", "organisation", "jobTitle", "structureType", "territory"]),
    consent: form.get("consent") === "oui",
    news: form.get("news") === "oui",
    minutes: form.get("minutes") === "oui",
  };
}

/**
 * The values as they may be shown again with the errors: each text cut at its field's limit, at most
 * 50 session choices. (Validation sees the whole values; a page never echoes more than the limits.)
 */
export function echoRegistrationValues(values: RegistrationValues): RegistrationValues {
  const clipped = { ...values, sessions: values.sessions.slice(0, 50).map((v) => v.slice(0, 12)) };
  for (const [name, max] of Object.entries(REGISTRATION_MAX) as [keyof typeof REGISTRATION_MAX, number][]) clipped[name] = values[name].slice(0, max);
  return clipped;
}

export type ParsedRegistration =
  { ok: true; sessionIds: number[]; participation: Record<number, string>; participant: ParticipantInput } | { ok: false; errors: FieldErrors };

export function validateRegistration(values: RegistrationValues): ParsedRegistration {
  const r = schema.safeParse(values);
  if (!r.success) {
    const errors: FieldErrors = {};
    for (const issue of r.error.issues) {
      const field = issue.path[0] as keyof RegistrationValues;
      errors[field] ??= issue.message;
    }
    return { ok: false, errors };
  }
  const v = r.data;
  return {
    ok: true,
    sessionIds: v.sessions.map(Number),
    participation: Object.fromEntries(Object.entries(values.participation).map(([id, p]) => [Number(id), p])),
    participant: {
      firstName: v.firstName,
      lastName: v.lastName,
      email: v.email,
      organisation: v.organisation || null,
      jobTitle: v.jobTitle || null,
      structureType: (v.structureType || null) as ParticipantInput["structureType"],
      territory: v.territory || null,
      newsConsent: v.news,
      minutesConsent: v.minutes,
    },
  };
}
