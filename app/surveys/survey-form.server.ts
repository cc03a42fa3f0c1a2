// The back-office survey forms read and checked: the settings (anonymity, delay after the end, closing
// date, introduction) and one question (label, type, required, choices, labels of the rating's ends).
// Every problem is a French message keyed by its field's name, shown next to it; values are echoed.
import { DateTime } from "luxon";
import { toUtcIso } from "~/utils/dates.server";
import { frenchTypography } from "~/utils/typography";
import { DEFAULT_HIGH_LABEL, DEFAULT_LOW_LABEL, DELAY_UNITS, LABEL_MAX, MAX_OPTIONS, QUESTION_TYPES, type DelayUnit, type QuestionType } from "./survey-shape";

export type Errors = Record<string, string>;
export type SettingsInput = { anonymous: boolean; delay: number; delayUnit: DelayUnit; closesAt: string; intro: string | null };
export type QuestionInput = { type: QuestionType; label: string; required: boolean; options: string[]; lowLabel: string | null; highLabel: string | null };

const str = (form: FormData, name: string) => String(form.get(name) ?? "").trim();
const INTRO_MAX = 5_000;
const END_LABEL_MAX = 100;

/** The closing instant of a local closing date: the end of that day in the series' zone (the next day's midnight). */
export function closingInstant(localDate: string, zone: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(localDate)) return null;
  const day = DateTime.fromISO(localDate, { zone });
  return day.isValid ? toUtcIso(day.plus({ days: 1 }).startOf("day")) : null;
}

/** The local closing date shown in the form for a stored closing instant. */
export function closingDate(closesAt: string, zone: string): string {
  return DateTime.fromISO(closesAt, { zone: "utc" }).setZone(zone).minus({ minutes: 1 }).toISODate() ?? "";
}

export function readSettings(
  form: FormData,
  zone: string,
  sendsAt: (delay: number, unit: DelayUnit) => string,
): { ok: true; value: SettingsInput } | { ok: false; errors: Errors } {
  const errors: Errors = {};
  const unitRaw = str(form, "delayUnit");
  const delayUnit = (DELAY_UNITS as readonly string[]).includes(unitRaw) ? (unitRaw as DelayUnit) : null;
  if (!delayUnit) errors.delayUnit = "Choisissez heures ou jours.";
  const delayRaw = str(form, "delay");
  const delay = /^\d{1,4}$/.test(delayRaw) ? Number(delayRaw) : NaN;
  const max = delayUnit === "hours" ? 24 * 60 : 60;
  if (!Number.isInteger(delay) || delay > max) errors.delay = `Indiquez un nombre entier entre 0 et ${max}.`;
  const closesRaw = str(form, "closes");
  const closesAt = closesRaw ? closingInstant(closesRaw, zone) : null;
  if (!closesRaw) errors.closes = "Indiquez la date de clôture du questionnaire.";
  else if (!closesAt) errors.closes = "Date invalide : utilisez le format jj/mm/aaaa.";
  else if (delayUnit && !errors.delay && closesAt <= sendsAt(delay, delayUnit))
    errors.closes = "La clôture doit venir après l’envoi du questionnaire : choisissez une date plus tardive.";
  const intro = str(form, "intro");
  if (intro.length > INTRO_MAX) errors.intro = `Au plus ${INTRO_MAX.toLocaleString("fr-FR")} caractères.`;
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    value: { anonymous: form.get("anonymous") === "oui", delay, delayUnit: delayUnit!, closesAt: closesAt!, intro: intro ? frenchTypography(intro) : null },
  };
}

/** A question's fields, named `${prefix}label`, `${prefix}type`… (one form per question on the page). */
export function readQuestion(form: FormData, prefix: string): { ok: true; value: QuestionInput } | { ok: false; errors: Errors } {
  const errors: Errors = {};
  const label = str(form, `${prefix}label`);
  if (!label) errors[`${prefix}label`] = "Écrivez la question.";
  else if (label.length > LABEL_MAX) errors[`${prefix}label`] = `Au plus ${LABEL_MAX} caractères.`;
  const typeRaw = str(form, `${prefix}type`);
  const type = (QUESTION_TYPES as readonly string[]).includes(typeRaw) ? (typeRaw as QuestionType) : null;
  if (!type) errors[`${prefix}type`] = "Choisissez le type de question.";
  const options = [
    ...new Set(
      str(form, `${prefix}options`)
        .split(/\r?\n/)
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  ];
  if (type === "single" || type === "multiple") {
    if (options.length < 2) errors[`${prefix}options`] = "Écrivez au moins deux choix, un par ligne.";
    else if (options.length > MAX_OPTIONS) errors[`${prefix}options`] = `Au plus ${MAX_OPTIONS} choix.`;
    else if (options.some((o) => o.length > LABEL_MAX)) errors[`${prefix}options`] = `Chaque choix fait au plus ${LABEL_MAX} caractères.`;
  }
  const lowLabel = str(form, `${prefix}low`);
  const highLabel = str(form, `${prefix}high`);
  if (lowLabel.length > END_LABEL_MAX) errors[`${prefix}low`] = `Au plus ${END_LABEL_MAX} caractères.`;
  if (highLabel.length > END_LABEL_MAX) errors[`${prefix}high`] = `Au plus ${END_LABEL_MAX} caractères.`;
  if (Object.keys(errors).length) return { ok: false, errors };
  const isChoice = type === "single" || type === "multiple";
  return {
    ok: true,
    value: {
      type: type!,
      label: frenchTypography(label),
      required: form.get(`${prefix}required`) === "oui",
      options: isChoice ? options.map(frenchTypography) : [],
      lowLabel: type === "rating" ? frenchTypography(lowLabel || DEFAULT_LOW_LABEL) : null,
      highLabel: type === "rating" ? frenchTypography(highLabel || DEFAULT_HIGH_LABEL) : null,
    },
  };
}
