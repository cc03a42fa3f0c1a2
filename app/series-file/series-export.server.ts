// Exporting a series as a `rendez-vous.series/1` file. With its access codes (the default, for the
// back-office editor and administrators' confidential export) the file is secret; without them
// (`accessCodes: false`) it says `"accessOmitted": true` and importing it leaves the codes as they are.
// Times are written back as local wall-clock times in the series' zone. Absent values are omitted.
import { asc, eq, inArray } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import { utcToLocalString, utcToLocalTime } from "~/utils/dates.server";
import { keysToExport } from "../resources/keys";
import { fileFields } from "../resources/resource-row.server";
import { FORMAT, type SeriesFileInput } from "./series-format.server";
import { findSeries } from "../series/series-lookup.server";
import { presentationOf, seriesKeyFigures, seriesRules } from "../series/series-texts.server";
import { accessInfoOf, venueOf } from "../series/session-access.server";
import { fileReminders } from "../reminders/series-file-reminders.server";
import { exportQuestions } from "../questions/series-file-questions.server";

/** Drops null, undefined and empty-array values so that the file stays as short as its source. */
function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))) as T;
}

export function exportSeries(db: AppDatabase, slug: string, options: { accessCodes?: boolean } = {}): SeriesFileInput | null {
  const withAccess = options.accessCodes !== false;
  const s = findSeries(db, slug, "organiser");
  if (!s) return null;
  const zone = s.timezone;

  const orgRows = db
    .select({ link: t.seriesOrganisations, org: t.organisations })
    .from(t.seriesOrganisations)
    .innerJoin(t.organisations, eq(t.organisations.id, t.seriesOrganisations.organisationId))
    .where(eq(t.seriesOrganisations.seriesId, s.id))
    .orderBy(asc(t.seriesOrganisations.position))
    .all();
  const peopleRows = db
    .select({ person: t.people, orgKey: t.organisations.key })
    .from(t.seriesPeople)
    .innerJoin(t.people, eq(t.people.id, t.seriesPeople.personId))
    .leftJoin(t.organisations, eq(t.organisations.id, t.people.organisationId))
    .where(eq(t.seriesPeople.seriesId, s.id))
    .orderBy(asc(t.seriesPeople.position))
    .all();
  const sessionRows = db.select().from(t.sessions).where(eq(t.sessions.seriesId, s.id)).orderBy(asc(t.sessions.number)).all();
  const sessionIds = sessionRows.map((r) => r.id);
  const accessRows = sessionIds.length && withAccess ? db.select().from(t.sessionAccess).where(inArray(t.sessionAccess.sessionId, sessionIds)).all() : [];
  const items = sessionIds.length
    ? db.select().from(t.programmeItems).where(inArray(t.programmeItems.sessionId, sessionIds)).orderBy(asc(t.programmeItems.position)).all()
    : [];
  const itemIds = items.map((i) => i.id);
  const speakerRows = itemIds.length
    ? db
        .select({ sp: t.programmeSpeakers, personKey: t.people.key, orgKey: t.organisations.key })
        .from(t.programmeSpeakers)
        .leftJoin(t.people, eq(t.people.id, t.programmeSpeakers.personId))
        .leftJoin(t.organisations, eq(t.organisations.id, t.programmeSpeakers.organisationId))
        .where(inArray(t.programmeSpeakers.itemId, itemIds))
        .orderBy(asc(t.programmeSpeakers.position))
        .all()
    : [];
  const resourceRows = db.select().from(t.resources).where(eq(t.resources.seriesId, s.id)).orderBy(asc(t.resources.position)).all();
  const numberOf = new Map(sessionRows.map((r) => [r.id, r.number]));
  // A programme point's path: "3" for the 3rd item of its session, "3.2" for that item's 2nd part.
  const pathOf = new Map<number, string>();
  for (const session of sessionRows) {
    items
      .filter((i) => i.sessionId === session.id && i.parentId === null)
      .forEach((item, k) => {
        pathOf.set(item.id, String(k + 1));
        items.filter((p) => p.parentId === item.id).forEach((part, j) => pathOf.set(part.id, `${k + 1}.${j + 1}`));
      });
  }
  const resourceKeys = keysToExport(resourceRows);

  const speakersOf = (itemId: number) =>
    speakerRows
      .filter((r) => r.sp.itemId === itemId)
      .map((r) => (r.personKey ? { person: r.personKey, part: r.sp.speakerRole } : { organisation: r.orgKey!, part: r.sp.speakerRole }));

  const itemFields = (i: typeof t.programmeItems.$inferSelect) =>
    compact({ kind: i.kind, title: i.title, description: i.description, speakers: speakersOf(i.id) });

  return compact({
    format: FORMAT,
    ...(withAccess ? {} : { accessOmitted: true }),
    ...presentationOf(s),
    registration: compact({
      required: s.registrationRequired,
      multipleSessions: s.multipleSessions,
      opensAt: s.registrationOpensAt ? utcToLocalString(s.registrationOpensAt, zone) : null,
      closesAt: s.registrationClosesAt ? utcToLocalString(s.registrationClosesAt, zone) : null,
    }),
    accessCodes: { daysBefore: s.accessDaysBefore, sendAt: s.accessSendAt },
    rules: seriesRules(db, s.id),
    keyFigures: seriesKeyFigures(db, s.id),
    organisations: orgRows.map(({ link, org }) =>
      compact({
        key: org.key,
        name: org.name,
        shortName: org.shortName,
        role: link.role,
        address: org.address,
        phone: org.phone,
        email: org.email,
        website: org.website,
      }),
    ),
    people: peopleRows.map(({ person, orgKey }) => compact({ key: person.key, name: person.name, role: person.role, organisation: orgKey, bio: person.bio })),
    sessions: sessionRows.map((r) => {
      const access = accessRows.find((a) => a.sessionId === r.id);
      const top = items.filter((i) => i.sessionId === r.id && i.parentId === null);
      return {
        ...compact({
          number: r.number,
          slug: r.slug,
          title: r.title,
          theme: r.theme,
          start: utcToLocalString(r.startsAt, zone),
          end: utcToLocalString(r.endsAt, zone),
          mode: r.mode,
          status: r.status,
          capacity: r.capacity,
          ...(r.remoteCapacity !== null ? { remoteCapacity: r.remoteCapacity } : {}),
          venue: r.venueName ? compact(venueOf(r)) : null,
        }),
        ...(withAccess
          ? {
              access: access ? compact({ ...accessInfoOf(access) }) : null,
            }
          : {}),
        programme: top.map((i) =>
          compact({
            start: i.startsAt ? utcToLocalTime(i.startsAt, zone) : null,
            end: i.endsAt ? utcToLocalTime(i.endsAt, zone) : null,
            ...itemFields(i),
            parts: items.filter((p) => p.parentId === i.id).map(itemFields),
          }),
        ),
      };
    }),
    // Fields added by the library (key, item, themes…) are written only when set, so that a file
    // without them exports as it was imported. Uploaded files are not in the file (re-upload them).
    resources: resourceRows.map((r, i) =>
      compact({
        key: resourceKeys[i],
        ...fileFields(r, r.sessionId ? numberOf.get(r.sessionId) : null, r.programmeItemId ? pathOf.get(r.programmeItemId) : null),
        published: r.published ? undefined : false,
      }),
    ),
    reminders: fileReminders(db, s.id),
    questions: exportQuestions(db, s.id, numberOf),
  }) as SeriesFileInput;
}
