// The registrants as a CSV file for French Excel: one table of columns, each header next to its
// value (dates in the series' zone), written one line per registration (the export streams them:
// app/routes/admin/series/registrants-csv.ts).
import type * as t from "../../db/schema";
import type { AnswerColumns } from "../questions/questions.server";
import { csvLine, type CsvCell } from "~/utils/csv.server";
import { ATTENDANCE_LABELS } from "~/utils/admin-labels";
import { PARTICIPATION_LABELS } from "~/utils/formats";
import { structureTypeLabel } from "./registration-form.server";
import { ERASED_NAME, frenchDateTime, statusText, type RegistrantRow } from "./registrants.server";

type SeriesRow = typeof t.series.$inferSelect;

const COLUMNS: [header: string, value: (r: RegistrantRow, zone: string) => CsvCell][] = [
  ["Nom", (r) => (r.erased ? ERASED_NAME : r.lastName)],
  ["Prénom", (r) => (r.erased ? "" : r.firstName)],
  ["E-mail", (r) => r.email],
  ["Structure", (r) => r.organisation],
  ["Fonction", (r) => r.jobTitle],
  ["Type de structure", (r) => structureTypeLabel(r.structureType)],
  ["Territoire", (r) => r.territory],
  ["Rencontre", (r) => `RDV #${r.sessionNumber}`],
  ["Titre de la rencontre", (r) => r.sessionTitle],
  ["Date de la rencontre", (r, zone) => frenchDateTime(r.sessionStartsAt, zone)],
  ["Statut", (r) => statusText({ ...r, waitingPosition: null })],
  ["Position en liste d’attente", (r) => r.waitingPosition],
  ["Date d’inscription", (r, zone) => frenchDateTime(r.createdAt, zone)],
  ["Présence", (r) => (r.attendance ? ATTENDANCE_LABELS[r.attendance] : null)],
  ["Minutes de connexion", (r) => r.attendedMinutes],
  ["Participation", (r) => PARTICIPATION_LABELS[r.participation]],
];

/** The registrants as a CSV file for French Excel (dates in the series' zone), then one column per question. */
export function registrantsCsv(
  series: Pick<SeriesRow, "timezone">,
  rows: Iterable<RegistrantRow>,
  answers: AnswerColumns = { columns: [], byPerson: new Map() },
): string {
  return "\uFEFF" + [...registrantsCsvLines(series, rows, answers)].join("");
}

/** The file's lines without its BOM (header first), one row at a time: what registrantsCsv joins and the export streams (csvStream). */
export function* registrantsCsvLines(
  series: Pick<SeriesRow, "timezone">,
  rows: Iterable<RegistrantRow>,
  answers: AnswerColumns = { columns: [], byPerson: new Map() },
): Generator<string, void, undefined> {
  const answer = (r: RegistrantRow, key: string) => answers.byPerson.get(r.participantId)?.find((a) => a.key === key)?.answer;
  yield csvLine([...COLUMNS.map(([header]) => header), ...answers.columns.map((c) => c.label)]);
  for (const r of rows) yield csvLine([...COLUMNS.map(([, value]) => value(r, series.timezone)), ...answers.columns.map((c) => answer(r, c.key))]);
}
