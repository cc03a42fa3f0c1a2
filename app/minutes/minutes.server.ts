// Minutes (« compte rendu »): a resource of type "minutes" attached to a session, whose page shows,
// below the organisers' text, the lists of présent·es, excusé·es and absent·es built from that
// session's attendance (registrations.attendance of confirmed registrations). Who is named:
// - on minutes reserved to registrants (visibility "registrants"): everyone;
// - on public minutes: only the people who gave their « consentement à figurer »
//   (participants.minutes_consent_at, asked at registration, changeable in the personal space);
//   the others are counted (« et 4 autres personnes »).
// A person who erased their data is never named, only counted. Counts are always shown.
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import { sessionAttendance } from "~/attendance/attendance.server";
import { MINUTES_LIST_TITLES, type MinutesList, type MinutesLists } from "./minutes-text";

/** Whether a resource is minutes whose lists are to be shown: a "minutes" resource attached to a session. */
export function hasMinutesLists(r: { type: string; session: { id: number } | null }): r is { type: "minutes"; session: { id: number } } {
  return r.type === "minutes" && r.session !== null;
}

/** The three lists of a session, naming everyone (`allNames`) or only the people who consented. Reads only. */
export function minutesLists(db: AppDatabase, sessionId: number, options: { allNames: boolean }): MinutesLists {
  const rows = sessionAttendance(db, sessionId);
  const lists = t.ATTENDANCE.map((attendance): MinutesList => {
    const all = rows.filter((r) => r.attendance === attendance);
    const named = all
      .filter((r) => !r.erasedAt && (options.allNames || r.minutesConsentAt !== null))
      .map((r) => ({ name: `${r.firstName} ${r.lastName}`.trim(), organisation: r.organisation }));
    return { attendance, title: MINUTES_LIST_TITLES[attendance], total: all.length, named, others: all.length - named.length };
  });
  return { lists, unrecorded: rows.filter((r) => r.attendance === null).length, allNames: options.allNames };
}
