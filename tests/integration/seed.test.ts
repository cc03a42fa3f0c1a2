import { and, count, eq, isNotNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { DEMO_SECRETS, DEMO_SLUG } from "../../db/seed/demo-series";
import { seedIfEmpty } from "~/server/seed.server";
import { NOW, memoryDb } from "../helpers/db";

describe("demo data", () => {
  it("loads the archived 2022 series and an upcoming demo series on an empty database, once", () => {
    const db = memoryDb();
    expect(seedIfEmpty(db, NOW)).toEqual(["rdv-sante-qpv-seine-maritime-2022", DEMO_SLUG]);
    expect(seedIfEmpty(db, NOW)).toEqual([]);
    const series = db.select({ slug: t.series.slug, status: t.series.status }).from(t.series).all();
    expect(series).toEqual([
      { slug: "rdv-sante-qpv-seine-maritime-2022", status: "archived" },
      { slug: DEMO_SLUG, status: "published" },
    ]);
    // The 2022 fixture's 15 resources, and the demo series' recording, bibliography and registrants-only slides.
    expect(db.select({ n: count() }).from(t.resources).get()!.n).toBe(18);
  });

  it("reminds the demo series' registrants the day before at 18:00 and an hour before", () => {
    const db = memoryDb();
    seedIfEmpty(db, NOW);
    const demo = db.select().from(t.series).where(eq(t.series.slug, DEMO_SLUG)).get()!;
    const reminders = db.select().from(t.seriesReminders).where(eq(t.seriesReminders.seriesId, demo.id)).orderBy(t.seriesReminders.position).all();
    expect(reminders.map((r) => [r.key, r.enabled, r.timing, r.days, r.at, r.minutes])).toEqual([
      ["veille", true, "days-before", 1, "18:00", null],
      ["une-heure", true, "minutes-before", null, null, 60],
    ]);
  });

  it("dates the demo sessions relative to now, in Paris calendar days", () => {
    const db = memoryDb();
    seedIfEmpty(db, NOW);
    const demo = db.select().from(t.series).where(eq(t.series.slug, DEMO_SLUG)).get()!;
    const sessions = db.select().from(t.sessions).where(eq(t.sessions.seriesId, demo.id)).orderBy(t.sessions.number).all();
    expect(sessions.length).toBeGreaterThanOrEqual(3);
    // NOW is 22 November 2026; session 2 is 9 days later at 14:00 Paris (winter, UTC+1).
    expect(sessions[1].startsAt).toBe("2026-12-01T13:00:00Z");
    const nowIso = NOW.toUTC().toISO()!;
    expect(sessions.filter((s) => s.startsAt > nowIso).length).toBeGreaterThanOrEqual(3);
  });

  it("has an in-person session with a venue, a small capacity, a round table with a moderator and panellists, fake codes", () => {
    const db = memoryDb();
    seedIfEmpty(db, NOW);
    const demo = db.select().from(t.series).where(eq(t.series.slug, DEMO_SLUG)).get()!;
    const sessions = db.select().from(t.sessions).where(eq(t.sessions.seriesId, demo.id)).all();
    const inPerson = sessions.find((s) => s.mode === "in-person")!;
    expect(inPerson.venueName).toBeTruthy();
    expect(inPerson.venueAddress).toMatch(/Évreux/);
    expect(Math.min(...sessions.filter((s) => s.capacity).map((s) => s.capacity!))).toBeLessThanOrEqual(15);

    const roundTable = db
      .select({ id: t.programmeItems.id })
      .from(t.programmeItems)
      .innerJoin(t.sessions, eq(t.sessions.id, t.programmeItems.sessionId))
      .where(and(eq(t.sessions.seriesId, demo.id), eq(t.programmeItems.kind, "round-table")))
      .all();
    expect(roundTable.length).toBeGreaterThan(0);
    const parts = db
      .select({ part: t.programmeSpeakers.speakerRole })
      .from(t.programmeSpeakers)
      .where(eq(t.programmeSpeakers.itemId, roundTable[0].id))
      .all()
      .map((p) => p.part);
    expect(parts).toContain("moderator");
    expect(parts.filter((p) => p === "panellist").length).toBeGreaterThanOrEqual(2);

    const codes = db.select().from(t.sessionAccess).where(isNotNull(t.sessionAccess.passcode)).all();
    expect(codes.map((c) => c.passcode)).toContain(DEMO_SECRETS.passcode);
  });
});
