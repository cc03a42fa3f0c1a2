// A resource's key: its identity in its series. Given in the file (`key`), or derived from the title:
// the title's slug, with "-2", "-3"… when an earlier resource of the file took it. The id, hence the
// address /ressources/<id>, and the uploaded file follow the key across re-imports.
import { slugOf } from "~/utils/slugs";

export function slugKey(title: string): string {
  return slugOf(title).slice(0, 80).replace(/-+$/, "") || "ressource";
}

/** The title's slug, or the first of "<slug>-2", "<slug>-3"… that is not taken. */
export function freeKey(title: string, taken: Set<string>): string {
  const base = slugKey(title);
  let key = base;
  for (let i = 2; taken.has(key); i++) key = `${base}-${i}`;
  return key;
}

/** The key of each resource of a file, in order: explicit keys first reserved, then derived ones. */
export function deriveKeys(list: { key?: string | null; title: string }[]): string[] {
  const taken = new Set(list.map((r) => r.key).filter((k): k is string => Boolean(k)));
  return list.map((r) => {
    if (r.key) return r.key;
    const key = freeKey(r.title, taken);
    taken.add(key);
    return key;
  });
}

/**
 * Which stored keys an export must write: none when the title gives them back, so that a file
 * without keys exports as it was imported; the others explicitly (a renamed resource keeps its key).
 */
export function keysToExport(rows: { key: string | null; title: string }[]): (string | undefined)[] {
  const explicit = new Set<number>();
  for (;;) {
    const derived = deriveKeys(rows.map((r, i) => ({ key: explicit.has(i) ? r.key : null, title: r.title })));
    const differing = rows.map((r, i) => i).filter((i) => !explicit.has(i) && rows[i].key !== null && derived[i] !== rows[i].key);
    if (!differing.length) break;
    differing.forEach((i) => explicit.add(i));
  }
  return rows.map((r, i) => (explicit.has(i) ? r.key! : undefined));
}
