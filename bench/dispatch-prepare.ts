// Helper of bench/dispatch.mjs (run as `node --import tsx bench/dispatch-prepare.ts <file> <n>`):
// builds a SQLite file with `n` confirmed registrants of one session whose access codes are due at
// 2027-03-28T07:00:00Z — with tests/helpers/mass.ts, the recipe of the dispatch tests, through the app's own code:
// importSeries() for a one-session series with access information, then register() once per person
// (each in its own IMMEDIATE transaction, as the registration form does), then every confirmation
// row marked sent (confirmations are not the point here). Prints one JSON line on stdout.
import { fillMassDb } from "../tests/helpers/mass";

const [file, countArg] = process.argv.slice(2);
const n = Number(countArg);
if (!file || !Number.isInteger(n) || n < 1) {
  console.error("usage: node --import tsx bench/dispatch-prepare.ts <file.sqlite> <n>");
  process.exit(2);
}

const t0 = performance.now();
const mass = fillMassDb(file, n, { start: "2027-03-30T09:30", registeredAt: "2027-03-02T00:00:00Z" });
console.log(
  JSON.stringify({
    method: "register() one by one",
    registrants: n,
    confirmed: mass.confirmed,
    accessCodesDueAt: mass.dueAt,
    totalMs: Math.round(performance.now() - t0),
  }),
);
