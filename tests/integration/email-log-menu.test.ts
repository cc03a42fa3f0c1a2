// The email log's « Série ou rencontre » menu follows the page, not the database (issue #14): the 30
// most recent series the account may see (« Autres séries… » when there are more, which lists them
// all), and the sessions of the chosen series only — also when the chosen series is an older one.
import { beforeAll, describe, expect, it } from "vitest";
import { SERIES_MENU_SIZE, emailLogQuery, emailLogTargets, parseEmailLogFilters } from "~/notifications/email-log.server";
import type { AppDatabase } from "~/utils/db.server";
import { memoryDb } from "../helpers/db";

let db: AppDatabase;
const ids: number[] = [];
const sessionsOf = new Map<number, number[]>();

beforeAll(() => {
  db = memoryDb();
  const series = db.$client.prepare("insert into series (slug, title, territory, status) values (?, ?, 'Eure', 'published')");
  const session = db.$client.prepare(
    "insert into sessions (series_id, number, slug, title, starts_at, ends_at, mode, status) values (?, ?, ?, ?, '2026-03-01T09:00:00Z', '2026-03-01T11:00:00Z', 'online', 'published')",
  );
  for (let s = 1; s <= SERIES_MENU_SIZE + 5; s++) {
    const id = Number(series.run(`serie-${s}`, `Série ${s}`).lastInsertRowid);
    ids.push(id);
    sessionsOf.set(
      id,
      [1, 2, 3].map((n) => Number(session.run(id, n, `rdv-${n}`, `Rencontre ${n}`).lastInsertRowid)),
    );
  }
});

describe("the email log's series menu", () => {
  it("lists the most recent series, no session, and offers the others", () => {
    const menu = emailLogTargets(db);
    expect(menu.series.map((s) => s.id)).toEqual([...ids].reverse().slice(0, SERIES_MENU_SIZE));
    expect(menu.more).toBe(true);
    expect(menu.chosen).toBeNull();
  });

  it("lists every series when « Autres séries… » was chosen, and keeps that choice in the page links", () => {
    const filters = parseEmailLogFilters(new URLSearchParams("cible=autres"));
    expect(filters.target).toBeNull();
    expect(filters.everySeries).toBe(true);
    expect(emailLogQuery(filters).cible).toBe("autres");
    const menu = emailLogTargets(db, null, filters.target, filters.everySeries);
    expect(menu.series.map((s) => s.id).sort((a, b) => a - b)).toEqual(ids);
    expect(menu.more).toBe(false);
  });

  it("gives the chosen series' sessions only, an older series (beyond the menu) included", () => {
    const oldest = ids[0];
    const bySeries = emailLogTargets(db, null, `serie-${oldest}`);
    expect(bySeries.chosen?.id).toBe(oldest);
    expect(bySeries.chosen?.sessions.map((s) => s.id)).toEqual(sessionsOf.get(oldest));
    expect(bySeries.series[0].id).toBe(oldest);
    expect(bySeries.series).toHaveLength(SERIES_MENU_SIZE + 1);
    const bySession = emailLogTargets(db, null, `rdv-${sessionsOf.get(oldest)![1]}`);
    expect(bySession.chosen).toEqual(bySeries.chosen);
  });

  it("keeps to the account's series", () => {
    const scope = [ids[0], ids[1]];
    const menu = emailLogTargets(db, scope, `serie-${ids[5]}`);
    expect(menu.series.map((s) => s.id).sort((a, b) => a - b)).toEqual(scope);
    expect(menu.more).toBe(false);
    expect(menu.chosen).toBeNull();
    expect(emailLogTargets(db, [], null).series).toEqual([]);
  });
});
