// How to join a session, as the emails and the series file show it: its access information (link,
// meeting ID, passcode, dial-in, instructions) from its row of `session_access` — only the J-2 emails,
// the personal space and the confidential series export read that table — and its venue.
import type * as t from "../../db/schema";
import type { AccessInfo, Venue } from "../../emails/access-codes";

/** A session's access information as the templates show it, or null when it has none yet. */
export function accessInfoOf(access: typeof t.sessionAccess.$inferSelect | null): AccessInfo | null {
  return access
    ? {
        provider: access.provider,
        joinUrl: access.joinUrl,
        meetingId: access.meetingId,
        passcode: access.passcode,
        dialIn: access.dialIn,
        instructions: access.instructions,
      }
    : null;
}

/** The venue of an in-person or hybrid session. */
export const venueOf = (s: typeof t.sessions.$inferSelect): Venue => ({
  name: s.venueName,
  address: s.venueAddress,
  instructions: s.venueInstructions,
  accessibility: s.venueAccessibility,
  contact: s.venueContact,
});
