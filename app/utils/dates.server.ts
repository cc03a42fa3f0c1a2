// All date math and display, in the series' time zone, with luxon. Instants are stored as UTC ISO
// strings ("2022-03-29T07:30:00Z"); local wall-clock times exist only at the edges (files, forms,
// pages). See docs/decisions/003-time-zones.md.
import { DateTime } from "luxon";

export const DEFAULT_ZONE = "Europe/Paris";

export function isValidZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}

/** "2022-03-29T07:30:00Z" — the one storage format for instants. */
export function toUtcIso(dt: DateTime): string {
  return dt.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");
}

/**
 * Pages format the same few instants again and again; zone conversion is luxon's costly part.
 * DateTime values are immutable, so they (and formatted strings) can be memoised safely.
 */
function memo<A extends string[], R>(fn: (...args: A) => R, max = 5000): (...args: A) => R {
  const cache = new Map<string, R>();
  return (...args: A) => {
    const key = args.join("|");
    let value = cache.get(key);
    if (value === undefined) {
      if (cache.size >= max) cache.clear();
      value = fn(...args);
      cache.set(key, value);
    }
    return value;
  };
}

/** Per zone: its Intl formatter, or null for a zone luxon knows and Intl does not ("UTC+2"). */
const numericFormats = new Map<string, Intl.DateTimeFormat | null>();
let lastNumeric = { iso: "", zone: "", text: "" };

/**
 * "20/11/2024 12:00": an instant as day/month/year hour:minute in `zone` — the registrants' CSV and
 * lists, two per row. The same text as luxon's `toFormat("dd/MM/yyyy HH:mm")` (tests/unit/dates.test.ts
 * checks it against luxon across DST changes), through the zone's Intl formatter, which luxon itself
 * calls: no DateTime object and no memo per instant (the memo of fromUtcIso holds 5,000 instants,
 * and a CSV of 17,000 rows, each with its own registration instant, only emptied it: its rows cost
 * ×1.5 those of a small series). The previous instant is kept (a session's date repeats row after row).
 */
export function numericDateTime(iso: string, zone: string): string {
  if (iso === lastNumeric.iso && zone === lastNumeric.zone) return lastNumeric.text;
  let format = numericFormats.get(zone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat("fr-FR", {
        timeZone: zone,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      });
    } catch {
      format = null; // a fixed offset as luxon writes it ("UTC+2", accepted by isValidZone): luxon formats it
    }
    numericFormats.set(zone, format);
  }
  let text: string;
  if (format) {
    const part: Record<string, string> = {};
    for (const p of format.formatToParts(new Date(iso))) part[p.type] = p.value;
    text = `${part.day}/${part.month}/${part.year} ${part.hour}:${part.minute}`;
  } else text = fromUtcIso(iso, zone).toFormat("dd/MM/yyyy HH:mm");
  lastNumeric = { iso, zone, text };
  return text;
}

export const fromUtcIso = memo((iso: string, zone: string): DateTime => DateTime.fromISO(iso, { zone: "utc" }).setZone(zone));

export type LocalResult = { ok: true; utc: string; local: DateTime } | { ok: false; reason: "invalid" | "nonexistent" };

/**
 * Reads a local wall-clock time ("2022-03-29T09:30") in `zone`. A time that does not exist (skipped
 * by the spring-forward change, e.g. 02:30 on 27 March 2022 in Paris) is refused rather than moved.
 */
export function localToUtc(localDateTime: string, zone: string): LocalResult {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(localDateTime);
  if (!m) return { ok: false, reason: "invalid" };
  const [year, month, day, hour, minute] = m.slice(1).map(Number);
  const dt = DateTime.fromObject({ year, month, day, hour, minute }, { zone });
  if (!dt.isValid) return { ok: false, reason: "invalid" };
  if (dt.year !== year || dt.month !== month || dt.day !== day || dt.hour !== hour || dt.minute !== minute) {
    return { ok: false, reason: "nonexistent" };
  }
  return { ok: true, utc: toUtcIso(dt), local: dt };
}

/** Local "YYYY-MM-DDTHH:mm" of a stored instant. */
export function utcToLocalString(iso: string, zone: string): string {
  return fromUtcIso(iso, zone).toFormat("yyyy-MM-dd'T'HH:mm");
}

export function utcToLocalTime(iso: string, zone: string): string {
  return fromUtcIso(iso, zone).toFormat("HH:mm");
}

const NBSP = "\u00a0";

/** "9 h 30", "12 h" — French typography, no-break spaces. */
export function formatTime(dt: DateTime): string {
  return dt.minute === 0 ? `${dt.hour}${NBSP}h` : `${dt.hour}${NBSP}h${NBSP}${String(dt.minute).padStart(2, "0")}`;
}

/** "mardi 29 mars 2022" (with "1er" for the first of the month). */
export function formatDay(dt: DateTime): string {
  const d = dt.setLocale("fr");
  const day = d.day === 1 ? "1er" : String(d.day);
  return `${d.toFormat("cccc")} ${day} ${d.toFormat("LLLL yyyy")}`;
}

/** "mardi 29 mars 2022, 9 h 30 – 12 h", or two full dates when the session spans days. */
export const formatSessionWhen = memo(formatSessionWhenUncached);

function formatSessionWhenUncached(startIso: string, endIso: string, zone: string): string {
  const start = fromUtcIso(startIso, zone);
  const end = fromUtcIso(endIso, zone);
  if (start.hasSame(end, "day")) return `${formatDay(start)}, ${formatTimeRange(start, end)}`;
  return `du ${formatDay(start)}, ${formatTime(start)} au ${formatDay(end)}, ${formatTime(end)}`;
}

export function formatTimeRange(start: DateTime, end: DateTime): string {
  return `${formatTime(start)} – ${formatTime(end)}`;
}

/** "mars – juin 2022" or "octobre 2026 – janvier 2027". */
export const formatPeriod = memo((firstIso: string, lastIso: string, zone: string): string => {
  const a = fromUtcIso(firstIso, zone).setLocale("fr");
  const b = fromUtcIso(lastIso, zone).setLocale("fr");
  if (a.hasSame(b, "month")) return a.toFormat("LLLL yyyy");
  if (a.year === b.year) return `${a.toFormat("LLLL")} – ${b.toFormat("LLLL yyyy")}`;
  return `${a.toFormat("LLLL yyyy")} – ${b.toFormat("LLLL yyyy")}`;
});

/** Machine-readable local time with offset, for <time datetime> and JSON-LD. */
export const toOffsetIso = memo((iso: string, zone: string): string => fromUtcIso(iso, zone).toISO({ suppressMilliseconds: true }) ?? iso);
