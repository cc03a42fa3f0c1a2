// The building blocks of the series format's schema (app/series-file/series-format.server.ts) and of
// the parts kept in their own modules (resources, reminders…): texts with French typography, texts
// kept verbatim, local dates and times, keys, web addresses, programme paths, durations, and zod's
// generic messages in French.
import { z } from "zod";
import { frenchTypography } from "~/utils/typography";

const TYPE_NAMES: Record<string, string> = {
  string: "un texte",
  number: "un nombre",
  integer: "un nombre entier",
  boolean: "vrai ou faux (true/false)",
  array: "une liste",
  object: "un objet",
  null: "null",
};

/** French messages for zod's generic issues. */
export const frenchErrors: z.ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      if (issue.received === "undefined") return { message: "est obligatoire" };
      return { message: `doit être ${TYPE_NAMES[issue.expected] ?? issue.expected}` };
    case z.ZodIssueCode.invalid_enum_value:
      return {
        message: `valeur inconnue « ${String(issue.received)} » ; valeurs possibles : ${issue.options.join(", ")}`,
      };
    case z.ZodIssueCode.invalid_literal:
      return { message: `doit valoir « ${String(issue.expected)} »` };
    case z.ZodIssueCode.too_small:
      if (issue.type === "string") return { message: "ne doit pas être vide" };
      if (issue.type === "array") return { message: `doit contenir au moins ${issue.minimum} élément(s)` };
      return { message: `doit être supérieur ou égal à ${issue.minimum}` };
    case z.ZodIssueCode.too_big:
      if (issue.type === "string") return { message: `ne doit pas dépasser ${issue.maximum} caractères` };
      return { message: `doit être inférieur ou égal à ${issue.maximum}` };
    case z.ZodIssueCode.invalid_string:
      if (issue.validation === "email") return { message: "n’est pas une adresse e-mail valide" };
      if (issue.validation === "url") return { message: "n’est pas une adresse web valide" };
      return { message: "n’a pas le format attendu" };
    default:
      return { message: ctx.defaultError === "Required" ? "est obligatoire" : "est invalide" };
  }
};

/** Text people read (titles, descriptions, rules…): French typography applied (`frenchTypography`). */
export const text = (max = 2000) => z.string().trim().min(1).max(max).transform(frenchTypography);
export const optionalText = (max = 5000) => z.string().trim().max(max).transform(frenchTypography).nullish();
/** Text kept exactly as typed: codes, numbers, names as they are spelt. */
export const verbatim = (max: number) => z.string().trim().min(1).max(max);
export const optionalVerbatim = (max: number) => z.string().trim().max(max).nullish();
export const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "doit être une date et heure locales au format AAAA-MM-JJTHH:mm");
export const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "doit être une heure au format HH:mm (00:00 à 23:59)");
export const key = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "doit ne contenir que des lettres minuscules sans accent, des chiffres et des tirets");
/** Web addresses only (an address such as javascript:… would run on the pages that link to it). */
export const webUrl = z
  .string()
  .trim()
  .url()
  .refine((v) => /^https?:\/\//i.test(v), "doit commencer par http:// ou https://");
/** A point of a session's programme: "3" (its 3rd item) or "3.2" (the 2nd part of its 3rd item). */
export const itemPath = z
  .string()
  .regex(/^[1-9]\d*(\.[1-9]\d*)?$/, "doit désigner un élément du programme : « 3 » (3e élément) ou « 3.2 » (2e partie du 3e élément)");
export const hms = z.string().regex(/^\d{2}:[0-5]\d:[0-5]\d$/, "doit être une durée au format HH:mm:ss");

export type FormatProblem = { path: string; message: string };

/** "3.2" → the 2nd part of the 3rd item of `programme`, or null. */
export function itemAt<I extends { parts?: unknown[] | null }>(programme: I[], path: string): I | NonNullable<I["parts"]>[number] | null {
  const [a, b] = path.split(".").map(Number);
  const item = programme[a - 1];
  if (!item) return null;
  if (b === undefined) return item;
  return (item.parts ?? [])[b - 1] ?? null;
}
