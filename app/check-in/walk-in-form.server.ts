// The walk-in form of the check-in page (participant·e sur place non inscrit·e): first name, last
// name and address required, structure optional; same rules as the registration form's fields.
import { z } from "zod";
import { formTexts } from "~/utils/form-values";
import { REGISTRATION_MAX, emailText, optionalText, requiredText } from "../registration/registration-form.server";
import type { WalkIn } from "./check-in.server";

export const WALK_IN_FIELDS = ["firstName", "lastName", "email", "organisation"] as const;
export type WalkInValues = Record<(typeof WALK_IN_FIELDS)[number], string>;

const schema = z.object({
  firstName: requiredText("Indiquez le prénom de la personne.", REGISTRATION_MAX.firstName),
  lastName: requiredText("Indiquez le nom de la personne.", REGISTRATION_MAX.lastName),
  email: emailText("Indiquez l’adresse e-mail de la personne."),
  organisation: optionalText(REGISTRATION_MAX.organisation),
});

export function readWalkIn(form: FormData): { ok: true; walkIn: WalkIn } | { ok: false; values: WalkInValues; errors: Partial<WalkInValues> } {
  const values = formTexts(form, WALK_IN_FIELDS);
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, walkIn: { ...parsed.data, organisation: parsed.data.organisation || null } };
  const errors: Partial<WalkInValues> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[0] as keyof WalkInValues;
    errors[key] ??= issue.message;
  }
  return { ok: false, values, errors };
}
