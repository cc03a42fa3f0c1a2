// A participant as the registration form gives them when only the required fields are filled in:
// a name and an e-mail address, no organisation, job, structure or territory, no news consent.
import type { ParticipantInput } from "~/registration/registrations.server";

export function participantInput(email: string, firstName: string, lastName: string): ParticipantInput {
  return { firstName, lastName, email, organisation: null, jobTitle: null, structureType: null, territory: null, newsConsent: false };
}
