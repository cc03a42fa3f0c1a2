// Searching the check-in list by name, accent- and case-insensitively ("helene" finds "Hélène"): the
// same function filters on the server (no JavaScript, ?q=) and in the browser (instant search).

/** A line of the check-in list. */
export type DoorRow = {
  registrationId: number;
  firstName: string;
  lastName: string;
  organisation: string | null;
  present: boolean;
  /** "10 h 02" in the series' zone, when checked in at the door. */
  arrivedAt: string | null;
  walkIn: boolean;
  /** Name, structure and address folded for the search (app/check-in/door-search.ts). */
  folded: string;
};

/** Lower-case, without accents or punctuation: "Hélène N’Diaye" → "helene n diaye". */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}@.]+/gu, " ")
    .trim();
}

/** The rows whose folded text holds every word of the query (all of them for an empty query). */
export function filterRows<T extends { folded: string }>(rows: T[], query: string): T[] {
  const words = fold(query).split(" ").filter(Boolean);
  return words.length ? rows.filter((r) => words.every((w) => r.folded.includes(w))) : rows;
}
