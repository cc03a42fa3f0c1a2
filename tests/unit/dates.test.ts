import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import {
  formatDay,
  formatSessionWhen,
  formatTime,
  fromUtcIso,
  isValidZone,
  localToUtc,
  numericDateTime,
  toUtcIso,
  utcToLocalString,
} from "~/utils/dates.server";
import { nowIso } from "~/utils/now.server";

const plain = (s: string) => s.replace(/\u00a0/g, " ");

describe("local ⇄ UTC in Europe/Paris", () => {
  it.each([
    // [local, UTC] — winter (+01:00) and summer (+02:00), both sides of both changes
    ["2022-03-26T09:30", "2022-03-26T08:30:00Z"],
    ["2022-03-27T09:00", "2022-03-27T07:00:00Z"], // spring-forward day, after the change
    ["2022-03-27T01:59", "2022-03-27T00:59:00Z"], // just before it
    ["2022-03-29T09:30", "2022-03-29T07:30:00Z"],
    ["2022-06-21T14:00", "2022-06-21T12:00:00Z"],
    ["2022-10-30T09:00", "2022-10-30T08:00:00Z"], // fall-back day (25 hours), after the change
    ["2022-11-01T09:30", "2022-11-01T08:30:00Z"],
  ])("%s → %s", (local, utc) => {
    const r = localToUtc(local, "Europe/Paris");
    expect(r).toMatchObject({ ok: true, utc });
    expect(utcToLocalString(utc, "Europe/Paris")).toBe(local);
  });

  it("refuses a wall-clock time skipped by the spring-forward change", () => {
    expect(localToUtc("2022-03-27T02:30", "Europe/Paris")).toEqual({ ok: false, reason: "nonexistent" });
  });

  it("refuses impossible dates and malformed strings", () => {
    expect(localToUtc("2022-02-30T09:00", "Europe/Paris")).toMatchObject({ ok: false });
    expect(localToUtc("2022-13-01T09:00", "Europe/Paris")).toMatchObject({ ok: false });
    expect(localToUtc("29/03/2022 09:30", "Europe/Paris")).toEqual({ ok: false, reason: "invalid" });
  });

  it("reads the same wall-clock time in another zone to another instant", () => {
    expect(localToUtc("2022-03-29T09:30", "America/Cayenne")).toMatchObject({ ok: true, utc: "2022-03-29T12:30:00Z" });
  });
});

describe("French display", () => {
  it("formats a session like the programme: « mardi 29 mars 2022, 9 h 30 – 12 h »", () => {
    expect(plain(formatSessionWhen("2022-03-29T07:30:00Z", "2022-03-29T10:00:00Z", "Europe/Paris"))).toBe("mardi 29 mars 2022, 9 h 30 – 12 h");
  });

  it("uses no-break spaces inside times so they never wrap", () => {
    expect(formatTime(fromUtcIso("2022-05-10T12:00:00Z", "Europe/Paris"))).toBe("14\u00a0h");
    expect(formatTime(fromUtcIso("2022-05-10T13:30:00Z", "Europe/Paris"))).toBe("15\u00a0h\u00a030");
    expect(formatTime(fromUtcIso("2022-05-10T07:05:00Z", "Europe/Paris"))).toBe("9\u00a0h\u00a005");
  });

  it("writes « 1er » for the first day of a month", () => {
    expect(formatDay(fromUtcIso("2022-11-01T08:30:00Z", "Europe/Paris"))).toBe("mardi 1er novembre 2022");
  });

  it("shows both dates when a session spans midnight", () => {
    expect(plain(formatSessionWhen("2022-06-21T20:00:00Z", "2022-06-21T23:00:00Z", "Europe/Paris"))).toBe(
      "du mardi 21 juin 2022, 22 h au mercredi 22 juin 2022, 1 h",
    );
  });
});

describe("the current instant (nowIso)", () => {
  it("is what toUtcIso gives for DateTime.now(): UTC, to the second", () => {
    for (let i = 0; i < 50; i++) {
      const before = toUtcIso(DateTime.now());
      const now = nowIso();
      const after = toUtcIso(DateTime.now());
      expect(now).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(now >= before && now <= after).toBe(true);
      expect(toUtcIso(DateTime.fromISO(now))).toBe(now);
    }
  });
});

describe("numericDateTime (the registrants' CSV and lists)", () => {
  it('writes what luxon\'s toFormat("dd/MM/yyyy HH:mm") writes, every 15 minutes around DST changes, in zones of every kind', () => {
    const zones = ["Europe/Paris", "America/Cayenne", "Indian/Reunion", "Pacific/Noumea", "Australia/Lord_Howe", "America/St_Johns", "UTC"];
    // Days around the 2022 changes in Europe, North America and Lord Howe (a 30-minute change), midnight included.
    const days = ["2022-03-27", "2022-10-30", "2022-03-13", "2022-11-06", "2022-04-03", "2022-10-02", "2024-02-29"];
    let compared = 0;
    for (const zone of zones)
      for (const day of days)
        for (let m = -12 * 60; m < 36 * 60; m += 15) {
          const iso = toUtcIso(DateTime.fromISO(`${day}T00:00:00Z`).plus({ minutes: m }));
          expect(numericDateTime(iso, zone), `${iso} in ${zone}`).toBe(DateTime.fromISO(iso, { zone: "utc" }).setZone(zone).toFormat("dd/MM/yyyy HH:mm"));
          compared++;
        }
    expect(compared).toBe(7 * 7 * 192);
    // The same instant again (a session's date, row after row), then another zone: each its own text.
    expect(numericDateTime("2022-03-29T07:30:00Z", "Europe/Paris")).toBe("29/03/2022 09:30");
    expect(numericDateTime("2022-03-29T07:30:00Z", "Europe/Paris")).toBe("29/03/2022 09:30");
    expect(numericDateTime("2022-03-29T07:30:00Z", "Indian/Reunion")).toBe("29/03/2022 11:30");
  });

  it("writes the zones a series file may name that Intl does not know (a fixed offset such as UTC+2) as luxon does", () => {
    for (const zone of ["UTC+2", "UTC-03:00"]) {
      expect(isValidZone(zone)).toBe(true);
      expect(numericDateTime("2022-03-29T07:30:00Z", zone), zone).toBe(fromUtcIso("2022-03-29T07:30:00Z", zone).toFormat("dd/MM/yyyy HH:mm"));
    }
    expect(numericDateTime("2022-03-29T07:30:00Z", "UTC+2")).toBe("29/03/2022 09:30");
  });
});
