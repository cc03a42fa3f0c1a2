// People the tests register. participantInput: a participant as the registration form gives them
// when only the required fields are filled in (a name and an e-mail address, no organisation, job,
// structure or territory, no news consent). MARIE_HELENE: the person the registrants tests register
// by hand, for the model tests and the HTTP tests alike (a hyphenated first name, an apostrophe and
// accents, for the search and the CSV).
import type { ParticipantInput } from "~/registration/registrations.server";

export function participantInput(email: string, firstName: string, lastName: string): ParticipantInput {
  return { firstName, lastName, email, organisation: null, jobTitle: null, structureType: null, territory: null, newsConsent: false };
}

export const MARIE_HELENE = {
  firstName: "Marie-Hélène",
  lastName: "N'Diaye",
  email: "mh.ndiaye@example.org",
  organisation: "ASV Évreux",
  jobTitle: "Coordinatrice",
  structureType: "collectivite",
  territory: "Évreux",
};
