// The person the registrants tests register by hand, for the model tests and the HTTP tests alike
// (a hyphenated first name, an apostrophe and accents, for the search and the CSV).
export const MARIE_HELENE = {
  firstName: "Marie-Hélène",
  lastName: "N'Diaye",
  email: "mh.ndiaye@example.org",
  organisation: "ASV Évreux",
  jobTitle: "Coordinatrice",
  structureType: "collectivite",
  territory: "Évreux",
};
