// The programme item form's state, shared by the server (reading, re-rendering) and the page: the
// item's fields, its speaker rows (a person or organisation picked from the series, or a new person
// typed in place) and its parts with their rows. Blank rows are part of the state, so a re-rendered
// form shows exactly what was sent, plus what "Ajouter une ligne" asked for.

export const SPEAKER_ROLES = ["speaker", "moderator", "panellist"] as const;
export type SpeakerRole = (typeof SPEAKER_ROLES)[number];

export const SPEAKER_ROLE_LABELS: [SpeakerRole, string][] = [
  ["speaker", "Intervenant·e"],
  ["moderator", "Modérateur·rice (animation)"],
  ["panellist", "Participant·e à la table ronde"],
];

/** One speaker row: `who` is "p:<key>" or "o:<key>" when picked, "" for a new person typed in place. */
export type SpeakerRow = { who: string; speakerRole: SpeakerRole; firstName: string; lastName: string; role: string; organisation: string };
export type PartForm = { title: string; kind: string; description: string; speakers: SpeakerRow[] };
export type ItemForm = PartForm & { start: string; end: string; parts: PartForm[] };

/** Blank rows offered below an item's speakers and a part's. */
export const BLANK_ITEM_ROWS = 2;
export const BLANK_PART_ROWS = 1;

export const isBlankRow = (r: SpeakerRow) => !r.who && !r.firstName.trim() && !r.lastName.trim() && !r.role.trim() && !r.organisation.trim();

/** The kind a block's rows follow: a part without its own kind takes the one its block implies. */
export function rowsKind(kind: string, parentKind?: string): string {
  if (kind || parentKind === undefined) return kind;
  return parentKind === "round-tables" ? "round-table" : parentKind === "talks" ? "talk" : parentKind;
}

/** The role a row gets until one is chosen: a round table's first row moderates, the next ones take part. */
export function suggestedRole(kind: string, before: { speakerRole: SpeakerRole }[]): SpeakerRole {
  if (kind !== "round-table") return "speaker";
  return before.some((r) => r.speakerRole === "moderator") ? "panellist" : "moderator";
}

/** Blank rows follow the kind (a round table: a moderator, then panellists); filled rows keep their role. */
export function withSuggestedRoles(rows: SpeakerRow[], kind: string): SpeakerRow[] {
  const out: SpeakerRow[] = [];
  for (const r of rows) out.push(isBlankRow(r) ? { ...r, speakerRole: suggestedRole(kind, out) } : r);
  return out;
}

export const blankRow = (part: SpeakerRole = "speaker"): SpeakerRow => ({
  who: "",
  speakerRole: part,
  firstName: "",
  lastName: "",
  role: "",
  organisation: "",
});
export const blankRows = (n: number, kind: string, before: SpeakerRow[] = []) =>
  withSuggestedRoles([...before, ...Array.from({ length: n }, () => blankRow())], kind);

type FileSpeaker = { person?: string | null; organisation?: string | null; part?: SpeakerRole | null };
type FilePart = { kind?: string | null; title: string; description?: string | null; speakers?: FileSpeaker[] | null };
type FileItem = FilePart & { start?: string | null; end?: string | null; parts?: FilePart[] | null };

const rowOf = (s: FileSpeaker): SpeakerRow => ({ ...blankRow(s.part ?? "speaker"), who: s.person ? `p:${s.person}` : `o:${s.organisation}` });

/** The form for an item of the series file (or a new one of `kind`), with its blank rows and a blank part. */
export function itemForm(item: FileItem | undefined, kind = "talk"): ItemForm {
  const k = item?.kind ?? kind;
  const part = (p: FilePart | undefined, n: number): PartForm => ({
    title: p?.title ?? "",
    kind: p?.kind ?? "",
    description: p?.description ?? "",
    speakers: blankRows(n, rowsKind(p?.kind ?? "", k), (p?.speakers ?? []).map(rowOf)),
  });
  return {
    ...part(item, BLANK_ITEM_ROWS),
    kind: k,
    start: item?.start ?? "",
    end: item?.end ?? "",
    parts: [...(item?.parts ?? []).map((p) => part(p, BLANK_PART_ROWS)), part(undefined, BLANK_ITEM_ROWS)],
  };
}

/** The form as sent back to its page: every block's blank rows follow its kind again. */
export function refreshRoles(form: ItemForm): ItemForm {
  return {
    ...form,
    speakers: withSuggestedRoles(form.speakers, form.kind),
    parts: form.parts.map((p) => ({ ...p, speakers: withSuggestedRoles(p.speakers, rowsKind(p.kind, form.kind)) })),
  };
}

/** "speaker." for the item's rows, "part.2.speaker." for the 3rd part's. */
export const rowsPrefix = (part: number | null) => (part === null ? "speaker." : `part.${part}.speaker.`);

/** The form with one more blank row in the block named by `prefix` (the "Ajouter une ligne" button). */
export function addRow(form: ItemForm, prefix: string): ItemForm {
  const m = /^part\.(\d+)\.speaker\.$/.exec(prefix);
  if (prefix === rowsPrefix(null)) return { ...form, speakers: blankRows(1, form.kind, form.speakers) };
  if (!m || !form.parts[Number(m[1])]) return form;
  const j = Number(m[1]);
  return { ...form, parts: form.parts.map((p, i) => (i === j ? { ...p, speakers: blankRows(1, rowsKind(p.kind, form.kind), p.speakers) } : p)) };
}
