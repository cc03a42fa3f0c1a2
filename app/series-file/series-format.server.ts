// The series interchange format `rendez-vous.series/1` (docs/series-format.md): its shape, checked
// with zod, then its meaning (references, unique keys, local times that exist), every problem named
// by its JSON path in French.
import { type DateTime } from "luxon";
import { z } from "zod";
import { MODES, ORGANISATION_ROLES, SERIES_STATUSES } from "../../db/schema/series";
import { SESSION_STATUSES } from "../../db/schema/sessions";
import { PROGRAMME_KINDS, SPEAKER_ROLES } from "../../db/schema/programme";
import { isValidZone, localToUtc } from "~/utils/dates.server";
import { frenchErrors, key, localDateTime, localTime, optionalText, optionalVerbatim, text, verbatim } from "./format-fields.server";
import { resourceProblems, resourceSchema } from "./resource-format.server";

import type { FormatProblem } from "./format-fields.server";

export type { FormatProblem } from "./format-fields.server";
import { remindersField } from "./reminders-format.server";
import { questionProblems, questionsSchema } from "./questions-format.server";

export const FORMAT = "rendez-vous.series/1";

const speakerSchema = z
  .object({
    person: key.nullish(),
    organisation: key.nullish(),
    part: z.enum(SPEAKER_ROLES).default("speaker"),
  })
  .superRefine((s, ctx) => {
    if (!s.person === !s.organisation) {
      ctx.addIssue({ code: "custom", message: "doit nommer soit une personne (person), soit une organisation (organisation)" });
    }
  });

const partSchema = z.object({
  kind: z.enum(PROGRAMME_KINDS).nullish(),
  title: text(500),
  description: optionalText(),
  speakers: z.array(speakerSchema).default([]),
});

const itemSchema = partSchema.extend({
  start: localTime.nullish(),
  end: localTime.nullish(),
  kind: z.enum(PROGRAMME_KINDS).default("other"),
  parts: z.array(partSchema).default([]),
});

const accessSchema = z.object({
  provider: optionalText(100),
  joinUrl: z.string().trim().url().nullish(),
  meetingId: optionalVerbatim(100),
  passcode: optionalVerbatim(100),
  dialIn: z.array(z.object({ label: text(200), number: verbatim(40) })).default([]),
  instructions: optionalText(),
});

const sessionSchema = z.object({
  number: z.number().int().min(1),
  slug: key,
  title: text(500),
  theme: optionalText(300),
  start: localDateTime,
  end: localDateTime,
  mode: z.enum(MODES).default("online"),
  status: z.enum(SESSION_STATUSES).default("published"),
  /** Seats (on site for a hybrid session). */
  capacity: z.number().int().min(1).nullish(),
  /** A hybrid session's remote seats. */
  remoteCapacity: z.number().int().min(1).nullish(),
  venue: z
    .object({ name: text(300), address: optionalText(500), instructions: optionalText(), accessibility: optionalText(2000), contact: optionalText(500) })
    .nullish(),
  access: accessSchema.nullish(),
  programme: z.array(itemSchema).default([]),
});

const organisationSchema = z.object({
  key,
  name: text(300),
  shortName: optionalText(100),
  role: z.enum(ORGANISATION_ROLES),
  address: optionalText(500),
  phone: optionalVerbatim(40),
  email: z.string().trim().email().nullish(),
  website: z.string().trim().url().nullish(),
});

const personSchema = z.object({
  key,
  name: text(200),
  role: optionalText(300),
  organisation: key.nullish(),
  bio: optionalText(),
});

export const seriesFileSchema = z.object({
  format: z.literal(FORMAT),
  /** Written by an export without access codes: on import, the sessions' access information is left as it is. */
  accessOmitted: z.boolean().optional(),
  slug: key,
  title: text(500),
  subtitle: optionalText(500),
  territory: optionalText(200),
  timezone: z.string().refine(isValidZone, "n’est pas un fuseau horaire IANA connu (par exemple Europe/Paris)"),
  status: z.enum(SERIES_STATUSES).default("draft"),
  summary: optionalText(),
  question: optionalText(1000),
  objectives: z.array(text(1000)).default([]),
  audience: optionalText(1000),
  mode: z.enum(MODES).nullish(),
  platform: optionalText(100),
  registration: z
    .object({
      required: z.boolean().default(true),
      multipleSessions: z.boolean().default(true),
      opensAt: localDateTime.nullish(),
      closesAt: localDateTime.nullish(),
    })
    .default({}),
  accessCodes: z.object({ daysBefore: z.number().int().min(0).max(60).default(2), sendAt: localTime.default("09:00") }).default({}),
  rules: z.array(text(1000)).default([]),
  keyFigures: z.array(z.object({ value: verbatim(50), label: text(500) })).default([]),
  organisations: z.array(organisationSchema).default([]),
  people: z.array(personSchema).default([]),
  sessions: z.array(sessionSchema).default([]),
  resources: z.array(resourceSchema).default([]),
  reminders: remindersField,
  questions: questionsSchema,
});

export type SeriesFile = z.infer<typeof seriesFileSchema>;
export type SeriesFileInput = z.input<typeof seriesFileSchema>;
export type SessionFile = SeriesFile["sessions"][number];
export type ProgrammeItemFile = SessionFile["programme"][number];

/** ["sessions", 2, "start"] → "sessions[2].start" */
export function formatPath(path: (string | number)[]): string {
  return path.reduce<string>((acc, p) => (typeof p === "number" ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), "");
}

export type ParseResult = { ok: true; file: SeriesFile } | { ok: false; problems: FormatProblem[] };

/** Parses a file's JSON text or value; every problem has its JSON path and a French message. */
export function parseSeriesFile(input: unknown): ParseResult {
  let value = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch (e) {
      return { ok: false, problems: [{ path: "(fichier)", message: `n’est pas un JSON valide : ${(e as Error).message}` }] };
    }
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, problems: [{ path: "(fichier)", message: "doit être un objet JSON décrivant une série" }] };
  }
  const parsed = seriesFileSchema.safeParse(value, { errorMap: frenchErrors });
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((i) => ({ path: formatPath(i.path) || "(fichier)", message: i.message })),
    };
  }
  const problems = checkMeaning(parsed.data);
  return problems.length ? { ok: false, problems } : { ok: true, file: parsed.data };
}

function timeProblem(reason: "invalid" | "nonexistent", zone: string): string {
  return reason === "nonexistent" ? `n’existe pas dans le fuseau ${zone} (heure sautée au passage à l’heure d’été)` : "n’est pas une date valide";
}

/** What the shape alone cannot say: unique keys, references that resolve, times that exist and follow. */
function checkMeaning(file: SeriesFile): FormatProblem[] {
  const problems: FormatProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const zone = file.timezone;

  const orgKeys = new Set<string>();
  file.organisations.forEach((o, i) => {
    if (orgKeys.has(o.key)) add(`organisations[${i}].key`, `la clé « ${o.key} » est déjà utilisée par une autre organisation`);
    orgKeys.add(o.key);
  });
  const personKeys = new Set<string>();
  file.people.forEach((p, i) => {
    if (personKeys.has(p.key)) add(`people[${i}].key`, `la clé « ${p.key} » est déjà utilisée par une autre personne`);
    personKeys.add(p.key);
    if (p.organisation && !orgKeys.has(p.organisation)) {
      add(`people[${i}].organisation`, `l’organisation « ${p.organisation} » n’est pas déclarée dans organisations`);
    }
  });

  const checkSpeakers = (speakers: { person?: string | null; organisation?: string | null }[], base: string) => {
    speakers.forEach((s, k) => {
      if (s.person && !personKeys.has(s.person)) add(`${base}.speakers[${k}].person`, `la personne « ${s.person} » n’est pas déclarée dans people`);
      if (s.organisation && !orgKeys.has(s.organisation)) {
        add(`${base}.speakers[${k}].organisation`, `l’organisation « ${s.organisation} » n’est pas déclarée dans organisations`);
      }
    });
  };

  for (const field of ["opensAt", "closesAt"] as const) {
    const v = file.registration[field];
    if (v) {
      const r = localToUtc(v, zone);
      if (!r.ok) add(`registration.${field}`, timeProblem(r.reason, zone));
    }
  }
  const { opensAt, closesAt } = file.registration;
  if (opensAt && closesAt && closesAt <= opensAt) add("registration.closesAt", "doit être après l’ouverture des inscriptions (opensAt)");

  const numbers = new Set<number>();
  const slugs = new Set<string>();
  file.sessions.forEach((s, i) => {
    const base = `sessions[${i}]`;
    if (numbers.has(s.number)) add(`${base}.number`, `le numéro ${s.number} est déjà utilisé par une autre session`);
    numbers.add(s.number);
    if (slugs.has(s.slug)) add(`${base}.slug`, `le slug « ${s.slug} » est déjà utilisé par une autre session`);
    slugs.add(s.slug);
    const start = localToUtc(s.start, zone);
    const end = localToUtc(s.end, zone);
    if (!start.ok) add(`${base}.start`, timeProblem(start.reason, zone));
    if (!end.ok) add(`${base}.end`, timeProblem(end.reason, zone));
    if (start.ok && end.ok && end.utc <= start.utc) add(`${base}.end`, "doit être après le début de la session (start)");
    if (s.mode !== "online" && !s.venue) add(`${base}.venue`, "est obligatoire pour une session en présentiel ou hybride");
    if (s.mode !== "online" && s.venue && !s.venue.address)
      add(`${base}.venue.address`, "est obligatoire pour une session en présentiel ou hybride : les inscrits la reçoivent deux jours avant");
    if (s.mode !== "hybrid" && s.remoteCapacity != null) add(`${base}.remoteCapacity`, "ne vaut que pour une session hybride (places à distance)");
    const day = s.start.slice(0, 10);
    s.programme.forEach((item, j) => {
      const ib = `${base}.programme[${j}]`;
      if (!item.start !== !item.end) add(item.start ? `${ib}.end` : `${ib}.start`, "doit être donné avec l’autre horaire (start et end)");
      if (item.start && item.end) {
        const a = localToUtc(`${day}T${item.start}`, zone);
        const b = localToUtc(`${day}T${item.end}`, zone);
        if (!a.ok) add(`${ib}.start`, timeProblem(a.reason, zone));
        if (!b.ok) add(`${ib}.end`, timeProblem(b.reason, zone));
        if (item.end < item.start) add(`${ib}.end`, "doit être après le début de l’élément (start)");
      }
      checkSpeakers(item.speakers, ib);
      item.parts.forEach((part, k) => checkSpeakers(part.speakers, `${ib}.parts[${k}]`));
    });
  });

  const resourceKeys = new Set<string>();
  file.resources.forEach((r, i) => {
    if (r.key) {
      if (resourceKeys.has(r.key)) add(`resources[${i}].key`, `la clé « ${r.key} » est déjà utilisée par une autre ressource`);
      resourceKeys.add(r.key);
    }
    if (r.session != null && !numbers.has(r.session)) add(`resources[${i}].session`, `aucune session ne porte le numéro ${r.session}`);
    const session = file.sessions.find((s) => s.number === r.session);
    for (const p of resourceProblems(r, session?.programme ?? null)) add(`resources[${i}]${p.path ? `.${p.path}` : ""}`, p.message);
  });
  problems.push(...questionProblems(file.questions, numbers));
  return problems;
}

/** Date-only helper for the demo data and tests: "2026-12-08" + "09:30". */
export function localStamp(day: DateTime, time: string): string {
  return `${day.toFormat("yyyy-MM-dd")}T${time}`;
}
