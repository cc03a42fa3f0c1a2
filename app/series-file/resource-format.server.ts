// The resources of a series in its file (format rendez-vous.series/1): recordings, slides,
// bibliographies with their structured references, chapters; what a resource's shape cannot say
// relative to its session's programme (resourceProblems), shared by the import and the back-office form.
import { z } from "zod";
import { REFERENCE_KINDS, RESOURCE_TYPES, VISIBILITIES, type Reference } from "../../db/schema/resources";
import { REFERENCE_FIELDS, REFERENCE_KIND_NAMES, isValidIsbn, oneLine, referenceKind, type ReferenceField, type ReferenceKind } from "~/utils/references";
import { hms, itemAt, itemPath, type FormatProblem, key, optionalText, text, verbatim, webUrl } from "./format-fields.server";

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
