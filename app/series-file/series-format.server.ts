// The series interchange format `rendez-vous.series/1` (docs/series-format.md): its shape, checked
// with zod, then its meaning (references, unique keys, local times that exist), every problem named
// by its JSON path in French.
import { type DateTime } from "luxon";
import { z } from "zod";
import { MODES, ORGANISATION_ROLES, SERIES_STATUSES } from "../../db/schema/series";
import { SESSION_STATUSES } from "../../db/schema/sessions";
import { PROGRAMME_KINDS, SPEAKER_ROLES } from "../../db/schema/programme";
import { REFERENCE_KINDS, RESOURCE_TYPES, VISIBILITIES, type Reference } from "../../db/schema/resources";
import { isValidZone, localToUtc } from "~/utils/dates.server";
import { frenchTypography } from "~/utils/typography";
import { questionProblems, questionsSchema } from "./questions-format.server";
import { REFERENCE_FIELDS, REFERENCE_KIND_NAMES, isValidIsbn, oneLine, referenceKind, type ReferenceField, type ReferenceKind } from "~/utils/references";

export const FORMAT = "rendez-vous.series/1";

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
const text = (max = 2000) => z.string().trim().min(1).max(max).transform(frenchTypography);
const optionalText = (max = 5000) => z.string().trim().max(max).transform(frenchTypography).nullish();
/** Text kept exactly as typed: codes, numbers, names as they are spelt. */
const verbatim = (max: number) => z.string().trim().min(1).max(max);
const optionalVerbatim = (max: number) => z.string().trim().max(max).nullish();
const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "doit être une date et heure locales au format AAAA-MM-JJTHH:mm");
const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "doit être une heure au format HH:mm (00:00 à 23:59)");
const key = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "doit ne contenir que des lettres minuscules sans accent, des chiffres et des tirets");

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

/** Web addresses only (an address such as javascript:… would run on the pages that link to it). */
const webUrl = z
  .string()
  .trim()
  .url()
  .refine((v) => /^https?:\/\//i.test(v), "doit commencer par http:// ou https://");
/** A point of a session's programme: "3" (its 3rd item) or "3.2" (the 2nd part of its 3rd item). */
export const itemPath = z
  .string()
  .regex(/^[1-9]\d*(\.[1-9]\d*)?$/, "doit désigner un élément du programme : « 3 » (3e élément) ou « 3.2 » (2e partie du 3e élément)");
export const hms = z.string().regex(/^\d{2}:[0-5]\d:[0-5]\d$/, "doit être une durée au format HH:mm:ss");

// ---- Bibliographic references ----

/** One line of text (line breaks and runs of spaces become one space); empty means absent. */
const line = (max: number) =>
  z
    .string()
    .transform(oneLine)
    .pipe(z.string().max(max))
    .transform((v) => v || undefined)
    .nullish();
/** Volume, issue and pages may be written as JSON numbers (62), and are kept as text ("62"). */
const numberAsText = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? String(v) : v);
const PAGE = "(?:[A-Za-z]{0,3}\\d+[A-Za-z]?|[ivxlcdm]+|[IVXLCDM]+)";
const PAGES = new RegExp(`^${PAGE}(?:-${PAGE})?$`);
const pages = z.preprocess(
  numberAsText,
  z
    .string()
    .transform((v) => oneLine(v).replace(/\s*(?:--?|[\u2010-\u2015])\s*/g, "-"))
    .pipe(z.string().refine((v) => v === "" || PAGES.test(v), "doit être une page ou des pages : « 12 », « 593-602 », « e1234 »"))
    .transform((v) => v || undefined)
    .nullish(),
);
/** A DOI, also accepted as its address (https://doi.org/…) or "doi:…"; stored bare. */
const doi = z
  .string()
  .transform((v) => oneLine(v).replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, ""))
  .pipe(
    z
      .string()
      .max(300)
      .regex(/^(?:10\.\d{4,9}\/[^\s{}]+)?$/, "doit être un DOI de la forme 10.xxxx/…, par exemple 10.1016/0140-6736(91)91911-D"),
  )
  .transform((v) => v || undefined)
  .nullish();
const isbn = z
  .string()
  .transform(oneLine)
  .pipe(z.string().refine((v) => v === "" || isValidIsbn(v), "n’est pas un ISBN valide (10 ou 13 chiffres, tirets permis, clé de contrôle comprise)"))
  .transform((v) => v || undefined)
  .nullish();
const names = z.array(z.string().transform(oneLine).pipe(z.string().min(1).max(300))).default([]);

/**
 * Fields a kind's RIS and BibTeX records cannot carry are refused at their own path. Read from the
 * raw value, before the shape is checked, so that these come with every other message at once.
 */
function kindFieldProblems(raw: unknown, ctx: z.RefinementCtx): unknown {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return raw;
  const r = raw as Record<string, unknown>;
  const isSet = (v: unknown) => (Array.isArray(v) ? v.length > 0 : typeof v === "string" ? v.trim() !== "" : v !== null && v !== undefined);
  const given = (REFERENCE_KINDS as readonly unknown[]).includes(r.kind) ? (r.kind as ReferenceKind) : undefined;
  if (r.kind !== null && r.kind !== undefined && !given) return raw; // an unknown kind has its own message
  const present = Object.fromEntries(Object.entries(r).filter(([, v]) => isSet(v)));
  const kind = referenceKind({ ...present, kind: given } as Reference);
  for (const field of Object.keys(present)) {
    if (!OPTIONAL_REFERENCE_FIELDS.has(field) || REFERENCE_FIELDS[kind].includes(field as ReferenceField)) continue;
    ctx.addIssue({
      code: "custom",
      path: [field],
      message: given
        ? `ne s’applique pas à ${REFERENCE_KIND_NAMES[kind]} ; videz ce champ ou choisissez une autre nature`
        : `ne s’applique pas à ${REFERENCE_KIND_NAMES[kind]} (nature déduite des autres champs) ; videz ce champ ou choisissez la nature`,
    });
  }
  return raw;
}
const OPTIONAL_REFERENCE_FIELDS = new Set<string>(Object.values(REFERENCE_FIELDS).flat());

const referenceSchema = z.preprocess(
  kindFieldProblems,
  z.object({
    kind: z.enum(REFERENCE_KINDS).nullish(),
    authors: names,
    editors: names,
    year: z.number().int().min(1000).max(3000).nullish(),
    title: z.string().transform(oneLine).pipe(z.string().min(1).max(1000)),
    container: line(1000),
    bookTitle: line(1000),
    volume: z.preprocess(numberAsText, line(50)),
    issue: z.preprocess(numberAsText, line(50)),
    pages,
    publisher: line(300),
    place: line(200),
    isbn,
    doi,
    url: webUrl.nullish(),
    note: line(5000),
  }),
);

export const resourceSchema = z.object({
  /** Stable identity in the series (optional: derived from the title when absent). */
  key: key.nullish(),
  type: z.enum(RESOURCE_TYPES),
  title: text(500),
  description: optionalText(),
  session: z.number().int().min(1).nullish(),
  item: itemPath.nullish(),
  authors: z.array(verbatim(300)).default([]),
  year: z.number().int().min(1000).max(3000).nullish(),
  themes: z.array(text(100)).default([]),
  territory: optionalText(200),
  url: webUrl.nullish(),
  visibility: z.enum(VISIBILITIES).default("public"),
  published: z.boolean().default(true),
  duration: hms.nullish(),
  summary: optionalText(20000),
  transcript: optionalText(500000),
  references: z.array(referenceSchema).default([]),
  chapters: z.array(z.object({ at: hms, title: text(500), item: itemPath.nullish() })).default([]),
});
export type ResourceFile = z.infer<typeof resourceSchema>;

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
  questions: questionsSchema,
});

export type SeriesFile = z.infer<typeof seriesFileSchema>;
export type SeriesFileInput = z.input<typeof seriesFileSchema>;
export type SessionFile = SeriesFile["sessions"][number];
export type ProgrammeItemFile = SessionFile["programme"][number];

export type FormatProblem = { path: string; message: string };

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

/** "3.2" → the 2nd part of the 3rd item of `programme`, or null. */
export function itemAt<I extends { parts?: unknown[] | null }>(programme: I[], path: string): I | NonNullable<I["parts"]>[number] | null {
  const [a, b] = path.split(".").map(Number);
  const item = programme[a - 1];
  if (!item) return null;
  if (b === undefined) return item;
  return (item.parts ?? [])[b - 1] ?? null;
}

export const hmsToSeconds = (v: string) => {
  const [h, m, s] = v.split(":").map(Number);
  return h * 3600 + m * 60 + s;
};

/**
 * What a resource's shape cannot say, relative to its session's programme (null: no such session):
 * programme points that exist, chapters in order and within the recording. Paths are relative to the
 * resource ("item", "chapters[2].at"). Shared by the import and the back-office form.
 */
export function resourceProblems(
  r: Pick<ResourceFile, "session" | "item" | "chapters" | "duration">,
  programme: { parts?: unknown[] | null }[] | null,
): FormatProblem[] {
  const problems: FormatProblem[] = [];
  const checkItem = (path: string | null | undefined, at: string) => {
    if (!path) return;
    if (r.session == null) problems.push({ path: at, message: "demande une session (session) : un élément du programme appartient à une session" });
    else if (programme && !itemAt(programme, path))
      problems.push({ path: at, message: `aucun élément « ${path} » dans le programme de la session n° ${r.session}` });
  };
  checkItem(r.item, "item");
  let previous = -1;
  const total = r.duration ? hmsToSeconds(r.duration) : null;
  r.chapters.forEach((c, k) => {
    const at = hmsToSeconds(c.at);
    if (at <= previous) problems.push({ path: `chapters[${k}].at`, message: "doit venir après le chapitre précédent" });
    else if (total !== null && at >= total) problems.push({ path: `chapters[${k}].at`, message: `doit être avant la fin de l’enregistrement (${r.duration})` });
    previous = Math.max(previous, at);
    checkItem(c.item, `chapters[${k}].item`);
  });
  return problems;
}

/** Date-only helper for the demo data and tests: "2026-12-08" + "09:30". */
export function localStamp(day: DateTime, time: string): string {
  return `${day.toFormat("yyyy-MM-dd")}T${time}`;
}
