// A series for the check-in tests run against the production server (real clock): RDV #1 in person,
// starting in two hours (so the door is open now), RDV #2 in person in 2099; three people registered
// on site at RDV #1, one of them at RDV #2 as well. Returns their registration ids and codes.
import { DateTime } from "luxon";
import { register } from "~/registration/registrations.server";
import { participantInput } from "./people";
import { importIntoServer, queryFile, withServerDb } from "./server-db";
import { fileSession, seriesFile } from "./series-file";

export const DOOR_SLUG = "journee-accueil";
const VENUE = { name: "Salle des fêtes", address: "2 place de la Mairie, 76000 Rouen" };

export type DoorPerson = { email: string; name: string; registrationId: number; code: string };

export function setUpDoor(databasePath: string) {
  const start = DateTime.now().setZone("Europe/Paris").plus({ hours: 2 }).startOf("minute");
  const local = (dt: DateTime) => dt.toFormat("yyyy-MM-dd'T'HH:mm");
  const sessions = [
    fileSession(1, "Journée santé", local(start), local(start.plus({ hours: 3 })), { mode: "in-person", capacity: 50, venue: VENUE }),
    fileSession(2, "Restitution", "2099-04-20T09:30", "2099-04-20T12:00", { mode: "in-person", capacity: 50, venue: VENUE }),
  ];
  const { seriesId } = importIntoServer(databasePath, seriesFile({ slug: DOOR_SLUG, title: "Journée d’accueil", mode: "in-person", sessions }));
  const ids = withServerDb(databasePath, (db) => {
    const [s1, s2] = queryFile<{ id: number }>(databasePath, "select id from sessions where series_id = ? order by number", seriesId);
    const add = (email: string, first: string, last: string, sessionIds: number[]) => {
      const r = register(db, { seriesId, sessionIds, participant: participantInput(email, first, last), nowIso: DateTime.utc().toISO()! });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      return r.created.map((c) => c.registrationId);
    };
    return {
      helene: add("helene@example.org", "Hélène", "Dupont", [s1.id]),
      marie: add("mh@example.org", "Marie-Hélène", "N’Diaye", [s1.id, s2.id]),
      zoe: add("zoe@example.org", "Zoé", "Martin", [s1.id]),
    };
  });
  const person = (email: string, name: string, registrationId: number): DoorPerson => ({
    email,
    name,
    registrationId,
    code: queryFile<{ code: string }>(databasePath, "select code from check_ins where registration_id = ?", registrationId)[0].code,
  });
  return {
    helene: person("helene@example.org", "Hélène Dupont", ids.helene[0]),
    marie: person("mh@example.org", "Marie-Hélène N’Diaye", ids.marie[0]),
    marieAtTwo: person("mh@example.org", "Marie-Hélène N’Diaye", ids.marie[1]),
    zoe: person("zoe@example.org", "Zoé Martin", ids.zoe[0]),
  };
}

/** A registration's attendance and arrival, read from the server's database. */
export function doorState(databasePath: string, registrationId: number) {
  return queryFile<{ attendance: string | null; checked_in_at: string | null }>(
    databasePath,
    "select r.attendance, c.checked_in_at from registrations r left join check_ins c on c.registration_id = r.id where r.id = ?",
    registrationId,
  )[0];
}
