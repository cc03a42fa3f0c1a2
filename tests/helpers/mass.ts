// A database with many confirmed registrants of one online session, built through the app's own code
// (importSeries, then register() once per person as the form does), their confirmations marked sent
// so that only the access codes remain to go out. For the dispatch tests and bench/dispatch.mjs.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import { register } from "~/registration/registrations.server";
import { importSeries } from "~/series-file/series-import.server";
import { closeDatabase, openDatabase } from "~/utils/db.server";
import { toUtcIso } from "~/utils/dates.server";
import * as t from "../../db/schema";

export type MassDb = { dir: string; file: string; dueAt: string; startsAt: string; confirmed: number };
export type MassOptions = { start: string; daysBefore?: number; registeredAt: string };

/**
 * `n` registrants of a session starting at `start` (local, Europe/Paris), codes `daysBefore` days
 * before at 09:00, registered at `registeredAt` (UTC), in a new temporary directory.
 */
export function massDb(n: number, options: MassOptions): MassDb {
  const dir = mkdtempSync(path.join(tmpdir(), "rdv-mass-"));
  return { dir, ...fillMassDb(path.join(dir, "db.sqlite"), n, options) };
}

/** The same, in the database file `file` (created and migrated). */
export function fillMassDb(file: string, n: number, options: MassOptions): Omit<MassDb, "dir"> {
  const db = openDatabase(file);
  const r = importSeries(
    db,
    {
      format: "rendez-vous.series/1",
      slug: "masse",
      title: "Série nombreuse",
      timezone: "Europe/Paris",
      status: "published",
      accessCodes: { daysBefore: options.daysBefore ?? 2, sendAt: "09:00" },
      sessions: [
        {
          number: 1,
          slug: "s1",
          title: "Session très suivie",
          start: options.start,
          end: DateTime.fromISO(options.start).plus({ hours: 2, minutes: 30 }).toFormat("yyyy-MM-dd'T'HH:mm"),
          access: { provider: "Zoom", joinUrl: "https://zoom.us/j/1", meetingId: "1", passcode: "1", dialIn: [] },
        },
      ],
    },
    { nowIso: options.registeredAt },
  );
  if (!r.ok) throw new Error(`import: ${JSON.stringify(r.problems)}`);
  const session = db.select().from(t.sessions).get()!;
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
      nowIso: options.registeredAt,
    });
    if (res.ok && res.created[0]?.status === "confirmed") confirmed++;
  }
  db.update(t.outbox).set({ status: "sent" }).run(); // confirmations are not the point here
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  closeDatabase(db);
  return { file, dueAt: session.accessCodesDueAt!, startsAt: session.startsAt, confirmed };
}

/** A session in the real future whose codes are already due by the real clock (sent from now on). */
export function dueNowOptions(): { start: string; daysBefore: number; registeredAt: string } {
  const now = DateTime.now().setZone("Europe/Paris");
  return {
    start: now.plus({ days: 10 }).set({ hour: 9, minute: 30 }).toFormat("yyyy-MM-dd'T'HH:mm"),
    daysBefore: 20,
    registeredAt: toUtcIso(now.minus({ days: 30 })),
  };
}

/** Counts of the access-codes rows by status. */
export function outboxStatuses(file: string): Record<string, number> {
  const db = openDatabase(file, { migrate: false });
  const rows = db.$client.prepare("select status, count(*) as n from outbox where kind = 'access-codes' group by status").all() as {
    status: string;
    n: number;
  }[];
  closeDatabase(db);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
