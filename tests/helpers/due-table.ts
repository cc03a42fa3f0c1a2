// Prints the access-codes due instants of a table of sessions, as JSON. Run in a child process under
// different TZ values by tests/unit/access-codes-due.test.ts: the output must not depend on TZ.
import { accessCodesDueAt } from "../../app/access-codes/access-codes.server";
import { localToUtc } from "../../app/utils/dates.server";

export const CASES: { label: string; start: string; daysBefore?: number; sendAt?: string }[] = [
  { label: "mardi 29 mars 2022 9 h 30 (J-2 = jour du passage à l’heure d’été)", start: "2022-03-29T09:30" },
  { label: "lundi 28 mars 2022 9 h 30 (J-2 = veille du passage)", start: "2022-03-28T09:30" },
  { label: "lundi 31 octobre 2022 9 h 30 (J-2 en heure d’été)", start: "2022-10-31T09:30" },
  { label: "mardi 1er novembre 2022 9 h 30 (J-2 = journée de 25 heures)", start: "2022-11-01T09:30" },
  { label: "mardi 21 juin 2022 14 h", start: "2022-06-21T14:00" },
  { label: "J-1 à 18 h", start: "2022-03-28T09:30", daysBefore: 1, sendAt: "18:00" },
  { label: "envoi à 2 h 30 le jour du passage à l’heure d’été (heure sautée)", start: "2022-03-29T09:30", sendAt: "02:30" },
  { label: "le jour même à 9 h pour une session à 8 h : au plus tard au début", start: "2022-06-02T08:00", daysBefore: 0 },
];

const zone = "Europe/Paris";
const out = CASES.map((c) => {
  const r = localToUtc(c.start, zone);
  if (!r.ok) throw new Error(c.start);
  return { label: c.label, due: accessCodesDueAt(r.utc, zone, c.daysBefore, c.sendAt) };
});
process.stdout.write(JSON.stringify({ tz: process.env.TZ, offsetMinutes: new Date(2022, 0, 1).getTimezoneOffset(), out }));
