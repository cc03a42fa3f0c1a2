import { afterEach, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";
import * as t from "../../db/schema";
import { importSeries } from "~/series-file/series-import.server";
import { BUSY_TIMEOUT_MS, openDatabase, type AppDatabase } from "~/utils/db.server";
import { fileDb, fixture } from "../helpers/db";
import { nowIso as clockNow } from "~/utils/now.server";

let cleanup: (() => void) | undefined;

/** The `name` column of a query's rows (tables of sqlite_master, columns of pragma_table_info). */
const namesOf = (db: AppDatabase, query: string): string[] =>
  db.$client
    .prepare(query)
    .all()
    .map((r: any) => r.name);
afterEach(() => cleanup?.());

describe("SQLite connection", () => {
  it("sets WAL, synchronous=NORMAL, foreign keys and busy_timeout on every connection", () => {
    const h = fileDb();
    cleanup = h.cleanup;
    const second = openDatabase(h.file, { migrate: false });
    for (const db of [h.db, second]) {
      const c = db.$client;
      expect(c.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(c.pragma("synchronous", { simple: true })).toBe(1); // NORMAL
      expect(c.pragma("foreign_keys", { simple: true })).toBe(1);
      expect(c.pragma("busy_timeout", { simple: true })).toBe(BUSY_TIMEOUT_MS);
    }
    second.$client.close();
  });

  it("applies the committed migrations at open, once", () => {
    const h = fileDb();
    cleanup = h.cleanup;
    const tables = namesOf(h.db, "select name from sqlite_master where type = 'table' order by name");
    for (const name of [
      "series",
      "sessions",
      "session_access",
      "programme_items",
      "programme_speakers",
      "organisations",
      "people",
      "key_figures",
      "series_rules",
      "resources",
    ]) {
      expect(tables).toContain(name);
    }
    // Opening again does not re-run anything (the journal table records each migration once).
    openDatabase(h.file).$client.close();
    const raw = new Database(h.file);
    const journal = JSON.parse(readFileSync("db/migrations/meta/_journal.json", "utf8"));
    expect(raw.prepare("select count(*) as n from __drizzle_migrations").get()).toEqual({ n: journal.entries.length });
    raw.close();
  });

  it("enforces foreign keys and the one-of rule for speakers", () => {
    const h = fileDb();
    cleanup = h.cleanup;
    expect(() =>
      h.db
        .insert(t.sessions)
        .values({ seriesId: 999, number: 1, slug: "x", title: "x", startsAt: "2022-01-01T00:00:00Z", endsAt: "2022-01-01T01:00:00Z" })
        .run(),
    ).toThrow(/FOREIGN KEY/);
    const r = importSeries(h.db, fixture(), { nowIso: clockNow() });
    expect(r.ok).toBe(true);
    const item = h.db.select().from(t.programmeItems).get()!;
    expect(() => h.db.insert(t.programmeSpeakers).values({ itemId: item.id, position: 9, speakerRole: "speaker" }).run()).toThrow(/CHECK/);
  });

  it("keeps access information in its own table, apart from public session fields", () => {
    const h = fileDb();
    cleanup = h.cleanup;
    const sessionColumns = namesOf(h.db, "select name from pragma_table_info('sessions')");
    for (const secret of ["join_url", "meeting_id", "passcode", "dial_in"]) expect(sessionColumns).not.toContain(secret);
    const accessColumns = namesOf(h.db, "select name from pragma_table_info('session_access')");
    expect(accessColumns).toEqual(expect.arrayContaining(["join_url", "meeting_id", "passcode", "dial_in"]));
  });
});
