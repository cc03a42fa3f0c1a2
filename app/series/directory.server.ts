// The directory of actors: people and organisations of the public series, with the sessions they
// spoke in (an organisation also through its people).
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import { formatSessionWhen } from "~/utils/dates.server";

export type Appearance = {
  seriesSlug: string;
  seriesTitle: string;
  sessionSlug: string;
  sessionNumber: number;
  sessionTitle: string;
  when: string;
  startsAt: string;
  speakerRole: string;
  itemTitle: string;
};

export type PersonEntry = { key: string; name: string; role: string | null; organisation: string | null; appearances: Appearance[] };
export type OrganisationEntry = {
  key: string;
  name: string;
  shortName: string | null;
  website: string | null;
  series: { slug: string; title: string; role: string }[];
  appearances: (Appearance & { via: string | null })[];
};

export function getDirectory(db: AppDatabase): { people: PersonEntry[]; organisations: OrganisationEntry[] } {
  const publicSeries = db
    .select({ id: t.series.id, slug: t.series.slug, title: t.series.title, timezone: t.series.timezone })
    .from(t.series)
    .where(ne(t.series.status, "draft"))
    .all();
  const seriesIds = publicSeries.map((s) => s.id);
  if (!seriesIds.length) return { people: [], organisations: [] };
  const seriesById = new Map(publicSeries.map((s) => [s.id, s]));

  const rows = db
    .select({
      personId: t.programmeSpeakers.personId,
      organisationId: t.programmeSpeakers.organisationId,
      speakerRole: t.programmeSpeakers.speakerRole,
      itemTitle: t.programmeItems.title,
      seriesId: t.sessions.seriesId,
      sessionSlug: t.sessions.slug,
      sessionNumber: t.sessions.number,
      sessionTitle: t.sessions.title,
      startsAt: t.sessions.startsAt,
      endsAt: t.sessions.endsAt,
    })
    .from(t.programmeSpeakers)
    .innerJoin(t.programmeItems, eq(t.programmeItems.id, t.programmeSpeakers.itemId))
    .innerJoin(t.sessions, eq(t.sessions.id, t.programmeItems.sessionId))
    .where(and(inArray(t.sessions.seriesId, seriesIds), ne(t.sessions.status, "draft")))
    .orderBy(asc(t.sessions.startsAt), asc(t.programmeItems.position), asc(t.programmeSpeakers.position))
    .all();
  const appearance = (r: (typeof rows)[number]): Appearance => {
    const s = seriesById.get(r.seriesId)!;
    return {
      seriesSlug: s.slug,
      seriesTitle: s.title,
      sessionSlug: r.sessionSlug,
      sessionNumber: r.sessionNumber,
      sessionTitle: r.sessionTitle,
      when: formatSessionWhen(r.startsAt, r.endsAt, s.timezone),
      startsAt: r.startsAt,
      speakerRole: r.speakerRole,
      itemTitle: r.itemTitle,
    };
  };

  const linkedPeople = db
    .selectDistinct({ id: t.people.id })
    .from(t.seriesPeople)
    .innerJoin(t.people, eq(t.people.id, t.seriesPeople.personId))
    .where(inArray(t.seriesPeople.seriesId, seriesIds))
    .all()
    .map((p) => p.id);
  const personIds = [...new Set([...linkedPeople, ...rows.filter((r) => r.personId).map((r) => r.personId!)])];
  const peopleRows = personIds.length
    ? db
        .select({ id: t.people.id, key: t.people.key, name: t.people.name, role: t.people.role, organisationId: t.people.organisationId })
        .from(t.people)
        .where(inArray(t.people.id, personIds))
        .all()
    : [];

  const orgLinks = db
    .select({ organisationId: t.seriesOrganisations.organisationId, seriesId: t.seriesOrganisations.seriesId, role: t.seriesOrganisations.role })
    .from(t.seriesOrganisations)
    .where(inArray(t.seriesOrganisations.seriesId, seriesIds))
    .all();
  const orgIds = [
    ...new Set([
      ...orgLinks.map((l) => l.organisationId),
      ...rows.filter((r) => r.organisationId).map((r) => r.organisationId!),
      ...peopleRows.filter((p) => p.organisationId).map((p) => p.organisationId!),
    ]),
  ];
  const orgRows = orgIds.length ? db.select().from(t.organisations).where(inArray(t.organisations.id, orgIds)).all() : [];
  const orgById = new Map(orgRows.map((o) => [o.id, o]));

  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "fr", { sensitivity: "base" });
  const lastName = (name: string) => name.split(" ").slice(1).join(" ") || name;

  const people: PersonEntry[] = peopleRows
    .map((p) => {
      const org = p.organisationId ? orgById.get(p.organisationId) : undefined;
      return {
        key: p.key,
        name: p.name,
        role: p.role,
        organisation: org ? (org.shortName ?? org.name) : null,
        appearances: rows.filter((r) => r.personId === p.id).map(appearance),
      };
    })
    .sort((a, b) => lastName(a.name).localeCompare(lastName(b.name), "fr", { sensitivity: "base" }));

  const organisations: OrganisationEntry[] = orgRows
    .map((o) => {
      const members = new Map(peopleRows.filter((p) => p.organisationId === o.id).map((p) => [p.id, p.name]));
      return {
        key: o.key,
        name: o.name,
        shortName: o.shortName,
        website: o.website,
        series: orgLinks
          .filter((l) => l.organisationId === o.id)
          .map((l) => ({ slug: seriesById.get(l.seriesId)!.slug, title: seriesById.get(l.seriesId)!.title, role: l.role })),
        appearances: rows
          .filter((r) => r.organisationId === o.id || (r.personId !== null && members.has(r.personId)))
          .map((r) => ({ ...appearance(r), via: r.personId ? (members.get(r.personId) ?? null) : null })),
      };
    })
    .sort(byName);
  return { people, organisations };
}
