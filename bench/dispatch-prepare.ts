// Helper of bench/dispatch.mjs (run as `node --import tsx bench/dispatch-prepare.ts <file> <n>`):
// builds a SQLite file with `n` confirmed registrants of one session whose access codes are due at
// 2027-03-28T07:00:00Z — the same recipe as tests/e2e/dispatch.test.ts, through the app's own code:
// importSeries() for a one-session series with access information, then register() once per person
// (each in its own IMMEDIATE transaction, as the registration form does), then every confirmation
// row marked sent (confirmations are not the point here). Prints one JSON line on stdout.
import { closeDatabase, openDatabase } from "~/utils/db.server";
import { importSeries } from "~/models/series-import.server";
import { register } from "~/models/registrations.server";
import * as t from "../db/schema";

const [file, countArg] = process.argv.slice(2);
const n = Number(countArg);
if (!file || !Number.isInteger(n) || n < 1) {
  console.error("usage: node --import tsx bench/dispatch-prepare.ts <file.sqlite> <n>");
  process.exit(2);
}

const t0 = performance.now();
const db = openDatabase(file);
const r = importSeries(
  db,
  {
    format: "rendez-vous.series/1",
    slug: "masse",
    title: "Série nombreuse",
    timezone: "Europe/Paris",
    status: "published",
    sessions: [
      {
        number: 1,
        slug: "s1",
        title: "Session très suivie",
        start: "2027-03-30T09:30",
        end: "2027-03-30T12:00",
        access: { provider: "Zoom", joinUrl: "https://zoom.us/j/1", meetingId: "1", passcode: "1", dialIn: [] },
      },
    ],
  },
  { nowIso: "2027-03-01T00:00:00Z" },
);
if (!r.ok) throw new Error(`import failed: ${JSON.stringify(r)}`);
const session = db.select().from(t.sessions).get()!;
const tImport = performance.now();
let confirmed = 0;
for (let i = 0; i < n; i++) {
  const res = register(db, {
    seriesId: r.seriesId,
    sessionIds: [session.id],
    participant: {
      firstName: "P",
      lastName: String(i),
      email: `p${i}@example.org`,
      organisation: null,
      jobTitle: null,
      structureType: null,
      territory: null,
      newsConsent: false,
    },
    nowIso: "2027-03-02T00:00:00Z",
  });
  if (res.ok && res.created[0]?.status === "confirmed") confirmed++;
}
const tRegister = performance.now();
db.update(t.outbox).set({ status: "sent" }).run();
db.$client.pragma("wal_checkpoint(TRUNCATE)");
closeDatabase(db);
console.log(
  JSON.stringify({
    method: "register() one by one",
    registrants: n,
    confirmed,
    accessCodesDueAt: session.accessCodesDueAt,
    importMs: Math.round(tImport - t0),
    registerMs: Math.round(tRegister - tImport),
    totalMs: Math.round(performance.now() - t0),
  }),
);
