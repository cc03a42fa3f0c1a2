// "Now" for loaders. Models take the instant as an argument; only loaders and jobs read the clock.
import { DateTime } from "luxon";
import { toUtcIso } from "./dates.server";

export function nowIso(): string {
  return toUtcIso(DateTime.now());
}
