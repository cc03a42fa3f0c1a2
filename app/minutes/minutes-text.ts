// The lists of a session's minutes as words: types shared by the server module (minutes.server.ts)
// and the pages, the lists' titles, and each list as one line of text (« Présent·es (3) : Hélène
// Lefèvre (CCAS), Zoé Œuvray et 1 autre personne. ») for the organisers to copy. Pure.
import { NBSP } from "~/utils/typography";

export type Attendance = "present" | "excused" | "absent";
export type MinutesPerson = { name: string; organisation: string | null };
export type MinutesList = { attendance: Attendance; title: string; total: number; named: MinutesPerson[]; others: number };
export type MinutesLists = {
  lists: MinutesList[];
  /** Confirmed registrants whose attendance was not recorded (in no list). */
  unrecorded: number;
  /** Everyone named (registrants-only minutes), or only those who consented. */
  allNames: boolean;
};

export const MINUTES_LIST_TITLES: Record<Attendance, string> = { present: "Présent·es", excused: "Excusé·es", absent: "Absent·es" };

/** « et 4 autres personnes », « 1 personne » (nobody named before it). */
export function othersText(others: number, afterNames: boolean): string {
  const people = `${others}${NBSP}${afterNames ? "autre" : ""}${afterNames && others > 1 ? "s" : ""}${afterNames ? " " : ""}personne${others > 1 ? "s" : ""}`;
  return afterNames ? `et ${people}` : people;
}

/** One list as a line of text: « Présent·es (3) : Hélène Lefèvre (CCAS), Zoé Œuvray et 1 autre personne. » */
export function listLine(list: MinutesList): string {
  const head = `${list.title} (${list.total})${NBSP}:`;
  if (!list.total) return `${head} personne.`;
  const names = list.named.map((p) => (p.organisation ? `${p.name} (${p.organisation})` : p.name));
  const parts = list.others ? [...names, othersText(list.others, names.length > 0)] : names;
  const last = parts.pop()!;
  const joined = parts.length ? `${parts.join(", ")}${list.others ? " " : " et "}${last}` : last;
  return `${head} ${joined}.`;
}

/** The lists as plain text, for the organisers to copy into the minutes they write. */
export function minutesListsText(m: MinutesLists): string {
  const lines = m.lists.map(listLine);
  if (m.unrecorded) lines.push(`Présence non renseignée${NBSP}: ${m.unrecorded} inscrit·e${m.unrecorded > 1 ? "s" : ""}.`);
  return lines.join("\n");
}
