// The programme item editor: an item (or part) with any number of speakers, each picked from the
// series (a person or an organisation) or typed in place as a new person (first and last name, job
// title, organisation picked or typed). Saving adds the new people and organisations to the series
// file and goes through saveDoc, so they are created with the item in the import's one transaction,
// by the import's rules — a refused item creates nobody. A typed person or organisation already in
// the directory (same name once accents, case and punctuation are set aside; for a person, the same
// organisation too) is reused, not duplicated.
import { eq } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import { SPEAKER_ROLES, isBlankRow, rowsPrefix, type ItemForm, type PartForm, type SpeakerRole, type SpeakerRow } from "~/utils/programme-form";
import { placeProblems, type Problem } from "~/utils/problems";
import { lowerNoAccents } from "~/utils/slugs";
import type { Account } from "../accounts/accounts.server";
import { loadDoc, saveDoc, uniqueKey, type SeriesDoc } from "./series-editor.server";
import { parseSeriesFile } from "../series-file/series-format.server";

type DocOrg = SeriesDoc["organisations"][number];
type DocPerson = SeriesDoc["people"][number];
type DocItem = NonNullable<SeriesDoc["sessions"][number]["programme"]>[number];
type DocSpeaker = NonNullable<DocItem["speakers"]>[number];

/** "Agence Régionale de Santé  (ARS)" and "agence regionale de sante ars" are the same name. */
export function sameName(text: string): string {
  return lowerNoAccents(text)
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

const MAX_ROWS = 200;
const MAX_PARTS = 50;

/** Reads the posted form; rows ticked "Retirer" are left out. */
export function readItemForm(form: FormData): ItemForm {
  const s = (name: string) => String(form.get(name) ?? "");
  const rows = (prefix: string): SpeakerRow[] => {
    const out: SpeakerRow[] = [];
    for (let i = 0; i < MAX_ROWS && form.has(`${prefix}${i}.who`); i++) {
      const f = (k: string) => s(`${prefix}${i}.${k}`);
      if (f("remove") === "oui") continue;
      const part = f("part");
      out.push({
        who: f("who"),
        speakerRole: (SPEAKER_ROLES as readonly string[]).includes(part) ? (part as SpeakerRole) : "speaker",
        firstName: f("firstName"),
        lastName: f("lastName"),
        role: f("role"),
        organisation: f("organisation"),
      });
    }
    return out;
  };
  const parts: PartForm[] = [];
  for (let j = 0; j < MAX_PARTS && form.has(`part.${j}.title`); j++) {
    parts.push({ title: s(`part.${j}.title`), kind: s(`part.${j}.kind`), description: s(`part.${j}.description`), speakers: rows(rowsPrefix(j)) });
  }
  return { start: s("start"), end: s("end"), kind: s("kind"), title: s("title"), description: s("description"), speakers: rows(rowsPrefix(null)), parts };
}

/** What the rows offer: the series' people and organisations to pick, every known organisation's name to type. */
export function speakerChoices(db: AppDatabase, doc: SeriesDoc) {
  const orgName = new Map(doc.organisations.map((o) => [o.key, o.shortName ?? o.name]));
  const pick: [string, string][] = [
    ...doc.people.map((p): [string, string] => [
      `p:${p.key}`,
      [p.name, [p.role, p.organisation ? orgName.get(p.organisation) : null].filter(Boolean).join(", ")].filter(Boolean).join(" — "),
    ]),
    ...doc.organisations.map((o): [string, string] => [`o:${o.key}`, `${o.name} (structure)`]),
  ];
  const known = new Set([
    ...doc.organisations.map((o) => o.name),
    ...db
      .select({ name: t.organisations.name })
      .from(t.organisations)
      .all()
      .map((o) => o.name),
  ]);
  return { pick, organisations: [...known].sort((a, b) => a.localeCompare(b, "fr", { sensitivity: "base" })) };
}

export type ItemTarget = { slug: string; number: number; index: number | "new" };
export type ItemSaveResult = { ok: true; index: number } | { ok: false; errors: Record<string, string>; others: Problem[] };

/**
 * The series file with the new people and organisations typed in rows: each typed person becomes a
 * `people` entry (reused when the series or the directory already has them), each typed
 * organisation an `organisations` entry. Remembers which row made which entry, to put the file's
 * problems back next to the row's fields.
 */
class Directory {
  readonly organisations: DocOrg[];
  readonly people: DocPerson[];
  /** Entries made or changed for a row: index in the file → the row's field prefix. */
  readonly orgRow = new Map<number, string>();
  readonly personRow = new Map<number, string>();
  private readonly orgKeys: string[];
  private readonly personKeys: string[];
  private readonly allOrgs: (typeof t.organisations.$inferSelect)[];
  private readonly allPeople: { person: typeof t.people.$inferSelect; orgKey: string | null }[];

  constructor(db: AppDatabase, doc: SeriesDoc) {
    this.organisations = [...doc.organisations];
    this.people = [...doc.people];
    this.allOrgs = db.select().from(t.organisations).all();
    this.allPeople = db
      .select({ person: t.people, orgKey: t.organisations.key })
      .from(t.people)
      .leftJoin(t.organisations, eq(t.organisations.id, t.people.organisationId))
      .all();
    this.orgKeys = this.allOrgs.map((o) => o.key);
    this.personKeys = this.allPeople.map((p) => p.person.key);
  }

  /** The series' organisation of that name (or short name), else the directory's, else a new one. */
  organisation(typed: string, row: string): string {
    const name = sameName(typed);
    const matches = (o: { name: string; shortName?: string | null }) => sameName(o.name) === name || (o.shortName ? sameName(o.shortName) === name : false);
    const inSeries = this.organisations.find(matches);
    if (inSeries) return inSeries.key;
    const known = this.allOrgs.find(matches);
    const entry: DocOrg = known
      ? {
          key: known.key,
          name: known.name,
          shortName: known.shortName,
          role: "contributor",
          address: known.address,
          phone: known.phone,
          email: known.email,
          website: known.website,
        }
      : { key: uniqueKey(typed || "structure", [...this.orgKeys, ...this.organisations.map((o) => o.key)]), name: typed.trim(), role: "contributor" };
    this.orgRow.set(this.organisations.push(entry) - 1, `${row}organisation`);
    return entry.key;
  }

  /** The series' person of that name and organisation, else the directory's, else a new one. */
  person(r: SpeakerRow, row: string): string {
    const orgKey = r.organisation.trim() ? this.organisation(r.organisation, row) : null;
    const full = [r.firstName.trim(), r.lastName.trim()].filter(Boolean).join(" ");
    const matches = (name: string, org: string | null | undefined) => sameName(name) === sameName(full) && (org ?? null) === orgKey;
    const role = r.role.trim() || undefined;
    let i = this.people.findIndex((p) => matches(p.name, p.organisation));
    if (i < 0) {
      const known = this.allPeople.find((p) => matches(p.person.name, p.orgKey));
      if (known)
        this.people.push({ key: known.person.key, name: known.person.name, role: known.person.role, organisation: known.orgKey, bio: known.person.bio });
      else this.people.push({ key: uniqueKey(full, [...this.personKeys, ...this.people.map((p) => p.key)]), name: full, role, organisation: orgKey });
      i = this.people.length - 1;
      this.personRow.set(i, row);
    }
    // A person found again keeps their entry; a job title typed for one who had none is kept.
    if (role && !this.people[i].role) {
      this.people[i] = { ...this.people[i], role };
      this.personRow.set(i, row);
    }
    return this.people[i].key;
  }
}

const BOTH = "choisissez une personne dans la liste ou saisissez une nouvelle personne, pas les deux";
const NO_NAME = "indiquez le nom de la nouvelle personne (ou choisissez-la dans la liste)";
const NO_PART_TITLE = "donnez un titre à la partie, ou videz ses champs";

/** Saves one item of a session's programme from its form; every problem comes back under its form field. */
export function saveProgrammeItem(db: AppDatabase, by: Account, target: ItemTarget, form: ItemForm, nowIso: string): ItemSaveResult {
  const doc = loadDoc(db, target.slug);
  const si = doc?.sessions.findIndex((s) => s.number === target.number) ?? -1;
  if (!doc || si < 0) return { ok: false, errors: {}, others: [{ path: "session", message: "rencontre introuvable" }] };
  const programme = [...(doc.sessions[si].programme ?? [])];
  const ii = target.index === "new" ? programme.length : target.index;
  if (!Number.isInteger(ii) || ii < 0 || ii > programme.length) return { ok: false, errors: {}, others: [{ path: "item", message: "élément introuvable" }] };

  const dir = new Directory(db, doc);
  const errors: Record<string, string> = {};
  /** For each block of the file item ("" for the item, "parts[0]"…): the form prefix of each of its speakers. */
  const speakerRows = new Map<string, string[]>();
  const partRows: number[] = [];

  const speakers = (rows: SpeakerRow[], prefix: string, block: string): DocSpeaker[] => {
    const out: DocSpeaker[] = [];
    const fields: string[] = [];
    rows.forEach((r, i) => {
      const row = `${prefix}${i}.`;
      if (isBlankRow(r)) return;
      const typed = [r.firstName, r.lastName, r.role, r.organisation].some((v) => v.trim());
      if (r.who && typed) errors[`${row}who`] = BOTH;
      else if (!r.who && !r.lastName.trim()) errors[`${row}lastName`] = NO_NAME;
      else if (r.who.startsWith("o:")) out.push({ organisation: r.who.slice(2), part: r.speakerRole });
      else if (r.who) out.push({ person: r.who.replace(/^p:/, ""), part: r.speakerRole });
      else out.push({ person: dir.person(r, row), part: r.speakerRole });
      if (out.length > fields.length) fields.push(row);
    });
    speakerRows.set(block, fields);
    return out;
  };

  const opt = (v: string) => v.trim() || undefined;
  const parts: NonNullable<DocItem["parts"]> = [];
  form.parts.forEach((p, j) => {
    const hasRows = p.speakers.some((r) => !isBlankRow(r));
    if (!p.title.trim()) {
      if (hasRows || p.description.trim()) errors[`part.${j}.title`] = NO_PART_TITLE;
      return;
    }
    partRows.push(j);
    parts.push({
      title: p.title.trim(),
      kind: (opt(p.kind) ?? undefined) as DocItem["kind"],
      description: opt(p.description),
      speakers: speakers(p.speakers, rowsPrefix(j), `parts[${parts.length}]`),
    });
  });
  const item: DocItem = {
    start: opt(form.start),
    end: opt(form.end),
    kind: (opt(form.kind) ?? "other") as DocItem["kind"],
    title: form.title.trim(),
    description: opt(form.description),
    speakers: speakers(form.speakers, rowsPrefix(null), ""),
    parts,
  };
  programme[ii] = item;
  const next: SeriesDoc = {
    ...doc,
    organisations: dir.organisations,
    people: dir.people,
    sessions: doc.sessions.map((s, i) => (i === si ? { ...s, programme } : s)),
  };

  // With problems of its own, the form is still checked against the file's rules, to show them all at once.
  let problems: Problem[];
  if (Object.keys(errors).length) {
    const checked = parseSeriesFile(next);
    problems = checked.ok ? [] : checked.problems;
  } else {
    const saved = saveDoc(db, by, next, nowIso, "update", { part: "programme", session: target.number, item: ii });
    if (saved.ok) return { ok: true, index: ii };
    problems = saved.problems;
  }

  const itemBase = `sessions[${si}].programme[${ii}]`;
  const placed = placeProblems(
    problems,
    (p) => {
      const field = fieldOf(p.path);
      return field ? { field, message: p.message } : null;
    },
    errors,
  );
  return { ok: false, ...placed };

  /** The form field a problem of the file belongs to, if it is one of this form's. */
  function fieldOf(path: string): string | null {
    let m = /^(people|organisations)\[(\d+)\]\.(\w+)/.exec(path);
    if (m) {
      const row = m[1] === "people" ? dir.personRow.get(Number(m[2])) : dir.orgRow.get(Number(m[2]));
      if (!row) return null;
      if (m[1] === "organisations") return row;
      return `${row}${m[3] === "role" || m[3] === "organisation" ? m[3] : "lastName"}`;
    }
    if (!path.startsWith(itemBase)) return null;
    const rest = path.slice(itemBase.length).replace(/^\./, "");
    m = /^(?:parts\[(\d+)\]\.)?speakers\[(\d+)\]/.exec(rest);
    if (m) {
      const row = speakerRows.get(m[1] === undefined ? "" : `parts[${m[1]}]`)?.[Number(m[2])];
      return row ? `${row}${rest.endsWith(".part") ? "part" : "who"}` : null;
    }
    m = /^parts\[(\d+)\]\.(title|kind|description)$/.exec(rest);
    if (m) return `part.${partRows[Number(m[1])]}.${m[2]}`;
    return ["start", "end", "kind", "title", "description"].includes(rest) ? rest : null;
  }
}
