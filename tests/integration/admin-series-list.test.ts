// The back office's list of series (the dashboard /admin and /admin/series): a page of 20 at a time,
// in the order an organiser works in — series with a session to come first (the soonest first), then
// series without any session (being prepared), then past series (the most recent first) — and only
// the series an account may see, counted as such.
import { describe, expect, it } from "vitest";
import { ADMIN_SERIES_PAGE_SIZE, listSeriesForAdmin } from "~/series/admin-series.server";
import { toUtcIso } from "~/utils/dates.server";
import { NOW, memoryDb } from "../helpers/db";

const nowIso = toUtcIso(NOW);
const day = (n: number) => toUtcIso(NOW.plus({ days: n }));

function database() {
  const db = memoryDb();
  const series = db.$client.prepare("insert into series (slug, title) values (?, ?)");
  const session = db.$client.prepare("insert into sessions (series_id, number, slug, title, starts_at, ends_at) values (?, ?, ?, ?, ?, ?)");
  const add = (slug: string, days: number[]) => {
    const id = Number(series.run(slug, `Série ${slug}`).lastInsertRowid);
    days.forEach((d, i) => session.run(id, i + 1, `r${i + 1}`, `Rencontre ${i + 1}`, day(d), day(d)));
    return id;
  };
  // Ten series to come (a past session does not make one past: its next one decides), five being
  // prepared, ten past ones: 25 in all, so that the past ones run onto page 2.
  const upcoming = [9, 3, 30, 1, 12, 5, 60, 2, 7, 20].map((d, i) => ({ slug: `a-venir-${i}`, next: d, id: add(`a-venir-${i}`, [-40, d, d + 30]) }));
  const preparing = ["p-e", "p-a", "p-d", "p-b", "p-c"].map((slug) => ({ slug, id: add(slug, []) }));
  const past = [-3, -100, -20, -1, -60, -8, -200, -30, -2, -15].map((d, i) => ({ slug: `passee-${i}`, last: d, id: add(`passee-${i}`, [d - 50, d]) }));
  return { db, upcoming, preparing, past };
}

describe("the back office's list of series", () => {
  it("pages 20 series at a time: to come (soonest first), being prepared, then past (most recent first)", () => {
    const { db, upcoming, preparing, past } = database();
    const expected = [
      ...[...upcoming].sort((a, b) => a.next - b.next).map((s) => s.slug),
      ...preparing.map((s) => s.slug).sort(),
      ...[...past].sort((a, b) => b.last - a.last).map((s) => s.slug),
    ];
    const one = listSeriesForAdmin(db, null, { nowIso });
    expect(ADMIN_SERIES_PAGE_SIZE).toBe(20);
    expect(one.window).toMatchObject({ page: 1, pages: 2, total: 25 });
    expect(one.series.map((s) => s.slug)).toEqual(expected.slice(0, 20));
    const two = listSeriesForAdmin(db, null, { nowIso, page: 2 });
    expect(two.series.map((s) => s.slug)).toEqual(expected.slice(20));
    // A page past the end shows the last one (a link made when there were more series).
    expect(listSeriesForAdmin(db, null, { nowIso, page: 9 }).series.map((s) => s.slug)).toEqual(expected.slice(20));
    // The counts are those of each series' own sessions.
    const soonest = one.series[0];
    expect(soonest).toMatchObject({ slug: "a-venir-3", sessions: 3, confirmed: 0, waiting: 0, people: 0 });
    expect(one.series.find((s) => s.slug === "p-a")).toMatchObject({ sessions: 0, period: null });
  });

  it("lists and counts only the series an account may see", () => {
    const { db, upcoming, past } = database();
    const scope = new Map([
      [past[6].id, "viewer" as const],
      [upcoming[0].id, "editor" as const],
      [past[3].id, "organiser" as const],
    ]);
    const list = listSeriesForAdmin(db, scope, { nowIso });
    expect(list.window).toMatchObject({ page: 1, pages: 1, total: 3 });
    expect(list.series.map((s) => [s.slug, s.role])).toEqual([
      ["a-venir-0", "editor"],
      ["passee-3", "organiser"],
      ["passee-6", "viewer"],
    ]);
    expect(list.series[2].home).toBe("/admin/series/passee-6/bilan");
  });
});
