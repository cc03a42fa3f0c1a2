import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { seriesIcs, sessionIcs } from "~/series/calendar.server";
import { getProgramme, getSeriesPage, getSessionPage } from "~/series/catalog.server";
import { importSeries } from "~/series-file/series-import.server";
import { toUtcIso } from "~/utils/dates.server";
import { NOW, fixture, memoryDb } from "../helpers/db";
import { nowIso as clockNow } from "~/utils/now.server";

const SLUG = "rdv-sante-qpv-seine-maritime-2022";
const ctx = { appUrl: "https://rdv.example.org", seriesTitle: "Les rendez-vous", seriesSlug: SLUG, platform: "Zoom" };
const unfold = (ics: string) => ics.replace(/\r?\n[ \t]/g, "");
const field = (ics: string, name: string) => unfold(ics).match(new RegExp(`^${name}[:;](.*)$`, "m"))?.[1];

function ics(db = memoryDb()) {
  const page = getSessionPage(db, SLUG, "rdv-1-politiques-regionales", toUtcIso(NOW))!;
  return sessionIcs(page.session, page.programme, ctx);
}

describe("session .ics", () => {
  it("publishes one event with a stable UID, SEQUENCE, UTC times, the programme and the page URL", () => {
    const db = memoryDb();
    importSeries(db, fixture(), { nowIso: clockNow() });
    const body = ics(db);
    expect(body).toMatch(/^METHOD:PUBLISH\r?$/m);
    expect(field(body, "DTSTART")).toBe("20220329T073000Z");
    expect(field(body, "DTEND")).toBe("20220329T100000Z");
    expect(field(body, "SEQUENCE")).toBe("0");
    expect(field(body, "UID")).toMatch(/^session-\d+@rdv\.example\.org$/);
    const description = field(body, "DESCRIPTION")!;
    expect(description).toContain("9 h 30 – 9 h 45 · Accueil\\, introduction");
    expect(description).toContain("Christelle Gougeon (ARS Normandie)");
    expect(description).toContain("https://rdv.example.org/series/rdv-sante-qpv-seine-maritime-2022/sessions/rdv-1-politiques-regionales");
    expect(field(body, "URL")).toMatch(/sessions\/rdv-1-politiques-regionales$/);
    expect(field(body, "STATUS")).toBe("CONFIRMED");
  });

  it("keeps the UID and grows SEQUENCE when the time changes, not when the title does", () => {
    const db = memoryDb();
    importSeries(db, fixture(), { nowIso: clockNow() });
    const first = ics(db);
    const file = fixture();
    file.sessions[0].title = "Nouveau titre";
    importSeries(db, file, { nowIso: clockNow() });
    expect(field(ics(db), "SEQUENCE")).toBe("0");
    file.sessions[0].start = "2022-03-29T10:00";
    importSeries(db, file, { nowIso: clockNow() });
    const moved = ics(db);
    expect(field(moved, "UID")).toBe(field(first, "UID"));
    expect(field(moved, "SEQUENCE")).toBe("2"); // public copies: 2 × version (calendarSequence)
    expect(field(moved, "DTSTART")).toBe("20220329T080000Z");
    file.sessions[0].status = "cancelled";
    importSeries(db, file, { nowIso: clockNow() });
    expect(field(ics(db), "SEQUENCE")).toBe("4");
    expect(field(ics(db), "STATUS")).toBe("CANCELLED");
    expect(field(ics(db), "SUMMARY")).toBe("ANNULÉ — RDV #1 — Nouveau titre");
  });
});

describe("series feed", () => {
  it("has one event per visible session, with the calendar’s name", () => {
    const db = memoryDb();
    importSeries(db, fixture(), { nowIso: clockNow() });
    db.update(t.sessions).set({ status: "draft" }).where(eq(t.sessions.number, 5)).run();
    const page = getSeriesPage(db, SLUG, toUtcIso(NOW))!;
    const body = seriesIcs(
      page.sessions.map((s) => ({ session: s, programme: getProgramme(db, s.id, "Europe/Paris") })),
      ctx,
    );
    expect(body.match(/^BEGIN:VEVENT/gm)).toHaveLength(4);
    expect(body).toMatch(/^METHOD:PUBLISH\r?$/m);
    expect(unfold(body)).toMatch(/^X-WR-CALNAME:Les rendez-vous\r?$/m);
    expect(new Set(unfold(body).match(/^UID:.*$/gm)).size).toBe(4);
  });
});
