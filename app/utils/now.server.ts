// "Now" for loaders. Models take the instant as an argument; only loaders and jobs read the clock.

/**
 * The current instant as the app stores it: UTC to the second, "2026-12-04T22:45:12Z" (what
 * toUtcIso(DateTime.now()) gives, without luxon's zone conversion and formatting: every request
 * reads it; tests/unit/dates.test.ts checks they agree).
 */
export function nowIso(): string {
  return `${new Date().toISOString().slice(0, 19)}Z`;
}
