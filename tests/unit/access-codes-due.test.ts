import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

// Due instants in UTC (and what they are in Paris).
const EXPECTED = [
  "2022-03-27T07:00:00Z", // dimanche 27 mars 09:00+02:00
  "2022-03-26T08:00:00Z", // samedi 26 mars 09:00+01:00
  "2022-10-29T07:00:00Z", // samedi 29 octobre 09:00+02:00
  "2022-10-30T08:00:00Z", // dimanche 30 octobre 09:00+01:00 (25-hour day)
  "2022-06-19T07:00:00Z", // dimanche 19 juin 09:00+02:00
  "2022-03-27T16:00:00Z", // dimanche 27 mars 18:00+02:00
  "2022-03-27T01:30:00Z", // 02:30 does not exist that day: 03:30+02:00
  "2022-06-02T06:00:00Z", // the start itself (08:00+02:00)
];

async function table(tz: string) {
  const { stdout } = await run(process.execPath, ["--import", "tsx", "tests/helpers/due-table.ts"], {
    env: { PATH: process.env.PATH, ENV_FILE: "", TZ: tz } as unknown as NodeJS.ProcessEnv,
  });
  return JSON.parse(stdout) as { tz: string; offsetMinutes: number; out: { label: string; due: string }[] };
}

describe("access codes are due N calendar days before, at the series' local time", () => {
  it.each(["UTC", "Pacific/Auckland", "America/Los_Angeles"])(
    "gives the same instants with the process under TZ=%s",
    async (tz) => {
      const result = await table(tz);
      expect(result.tz).toBe(tz);
      // The process really ran in that zone…
      expect(result.offsetMinutes).toBe({ UTC: 0, "Pacific/Auckland": -780, "America/Los_Angeles": 480 }[tz]);
      // …and the result did not change.
      expect(result.out.map((o) => o.due)).toEqual(EXPECTED);
    },
    30_000,
  );
});
