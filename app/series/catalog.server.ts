// Public read models: what the home, series, session and directory pages show. These queries never
// touch `session_access` (codes live there); loaders hand pages preformatted French strings.
import { and, asc, eq, inArray, isNotNull, ne, or } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import { formatPeriod, formatSessionWhen, formatTimeRange, fromUtcIso, toOffsetIso } from "~/utils/dates.server";
import { participationOf, seatsLeftOf, type Confirmed, type Participation } from "~/utils/formats";
import { shownSeats } from "~/utils/labels";
import { pageWindow, type PageWindow } from "~/utils/pagination";
import { memoByVersion, nextInstant } from "~/page-cache/page-memo.server";
import { seriesScopes } from "~/page-cache/page-versions.server";
import { confirmedByParticipation } from "../registration/seats.server";
import type { ResourceCard } from "../resources/resource-views";
import { recordingLinks, visibleResources } from "../resources/resource-views.server";
import { hasRegistrantsOnly } from "../resources/visibility.server";
import { findSeries } from "./series-lookup.server";
import type { ProgrammeItemView } from "./programme-view";
import { presentationOf, seriesKeyFigures, seriesRules } from "./series-texts.server";

type SessionRow = typeof t.sessions.$inferSelect;

export type SessionSummary = {
  id: number;
  number: number;
  slug: string;
  title: string;
  theme: string | null;
  when: string;
  startsAt: string;
  endsAt: string;
  startIso: string;
  endIso: string;
  mode: string;
  status: string;
  capacity: number | null;
  venueName: string | null;
  venueAddress: string | null;
  past: boolean;
  sequence: number;
  /** Seats not yet taken by a confirmed registration (on site for a hybrid session); null without a capacity (or when not counted). */
  seatsLeft: number | null;
  /** A hybrid session's remote seats: its capacity and what is left (null: no limit, or not counted). */
  remoteCapacity: number | null;
  remoteSeatsLeft: number | null;
};

/** `confirmed`: the session's confirmed registrations by participation, when the caller counted them (the public pages do). */
export function summariseSession(s: SessionRow, zone: string, nowIso: string, confirmed?: Confirmed): SessionSummary {
  const left = (participation: Participation) => (confirmed === undefined ? null : seatsLeftOf(s, participation, confirmed));
  return {
    id: s.id,
    number: s.number,
    slug: s.slug,
    title: s.title,
    theme: s.theme,
    when: formatSessionWhen(s.startsAt, s.endsAt, zone),
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    startIso: toOffsetIso(s.startsAt, zone),
    endIso: toOffsetIso(s.endsAt, zone),
    mode: s.mode,
    status: s.status,
    capacity: s.capacity,
    venueName: s.venueName,
    venueAddress: s.venueAddress,
    past: s.endsAt <= nowIso,
    sequence: s.sequence,
    seatsLeft: left(s.mode === "hybrid" ? "onsite" : participationOf(s.mode)),
    remoteCapacity: s.mode === "hybrid" ? s.remoteCapacity : null,
    remoteSeatsLeft: s.mode === "hybrid" ? left("remote") : null,
  };
}

/** Sessions a visitor may see: every status but draft, by date. */
function publicSessions(db: AppDatabase, seriesIds: number[]): SessionRow[] {
  if (!seriesIds.length) return [];
  return db
    .select()
    .from(t.sessions)
    .where(and(inArray(t.sessions.seriesId, seriesIds), ne(t.sessions.status, "draft")))
    .orderBy(asc(t.sessions.startsAt), asc(t.sessions.number))
    .all();
}

export type SeriesCard = {
  slug: string;
  title: string;
  subtitle: string | null;
  territory: string | null;
  mode: string | null;
  period: string | null;
  sessionCount: number;
  next: { title: string; number: number; when: string } | null;
  upcoming: boolean;
};

/** Archived series shown per page of the home page (upcoming ones are all shown). */
export const ARCHIVED_PAGE_SIZE = 12;

/**
 * The home page's cards: every upcoming series, and one page of the archived ones (most recent
 * first), of every territory or of one (`territory`: a series' territory as written in its file).
 * Only the cards shown are formatted, so the page costs its cards, not the catalogue.
 */
export type HomeCards = {
  upcoming: SeriesCard[];
  archived: SeriesCard[];
  archivedWindow: PageWindow;
  /** The territories of the public series, for the filter (French order). */
  territories: string[];
  territory: string | null;
};

/**
 * Home page: series with sessions still to come first (soonest first), then the archives; null for
 * a territory that no public series has (the page answers 404). Memoised by the catalogue's version
 * and the next end of a session (when a series may stop being upcoming): per territory, the
 * upcoming cards and the archived series in order; per territory and page, that page's archived
 * cards — the page as clamped to the last one, so that the memo holds one entry per real territory
 * and real page, whatever addresses are asked for.
 */
export function listPublicSeries(db: AppDatabase, nowIso: string, archivedPage = 1, territory: string | null = null): HomeCards | null {
  const scopes = ["catalogue", "catalogue"] as const;
  const territories = memoByVersion(db, "home:territories", scopes, nowIso, () => ({ value: publicTerritories(db), until: null }));
  if (territory !== null && !territories.includes(territory)) return null;
  const home = memoByVersion(db, `home:${territory ?? ""}`, scopes, nowIso, () => placeHomeSeries(db, nowIso, territory));
  const archivedWindow = pageWindow(home.archived.length, archivedPage, ARCHIVED_PAGE_SIZE);
  const archived = memoByVersion(db, `home:${territory ?? ""}:${archivedWindow.page}`, scopes, nowIso, () => ({
    value: home.archived.slice(archivedWindow.offset, archivedWindow.offset + archivedWindow.limit).map(homeCard),
    until: home.until,
  }));
  return { upcoming: home.upcoming, archived, archivedWindow, territories, territory };
}

function publicTerritories(db: AppDatabase): string[] {
  const rows = db
    .selectDistinct({ territory: t.series.territory })
    .from(t.series)
    .where(and(or(eq(t.series.status, "published"), eq(t.series.status, "archived")), isNotNull(t.series.territory)))
    .all();
  return rows
    .map((r) => r.territory!)
    .filter((x) => x.trim() !== "")
    .sort((a, b) => a.localeCompare(b, "fr"));
}

type CardSession = { seriesId: number; number: number; title: string; status: string; startsAt: string; endsAt: string };
type PlacedSeries = { s: typeof t.series.$inferSelect; own: CardSession[]; next: CardSession | null; upcoming: boolean; sortKey: string };

function homeCard({ s, own, next, upcoming }: PlacedSeries): SeriesCard {
  return {
    slug: s.slug,
    title: s.title,
    subtitle: s.subtitle,
    territory: s.territory,
    mode: s.mode,
    period: own.length ? formatPeriod(own[0].startsAt, own[own.length - 1].startsAt, s.timezone) : null,
    sessionCount: own.length,
    next: next ? { title: next.title, number: next.number, when: formatSessionWhen(next.startsAt, next.endsAt, s.timezone) } : null,
    upcoming,
  };
}

/** The upcoming series' cards (soonest first) and the archived series (most recent first, not formatted yet). */
function placeHomeSeries(
  db: AppDatabase,
  nowIso: string,
  territory: string | null,
): { value: { upcoming: SeriesCard[]; archived: PlacedSeries[]; until: string | null }; until: string | null } {
  const rows = db
    .select()
    .from(t.series)
    .where(and(or(eq(t.series.status, "published"), eq(t.series.status, "archived")), territory === null ? undefined : eq(t.series.territory, territory)))
    .all();
  // Only what a card shows, for every public session (no row of the programme, venue or access).
  const ss = t.sessions;
  const sessions: CardSession[] = db
    .select({ seriesId: ss.seriesId, number: ss.number, title: ss.title, status: ss.status, startsAt: ss.startsAt, endsAt: ss.endsAt })
    .from(ss)
    .where(ne(ss.status, "draft"))
    .orderBy(asc(ss.startsAt), asc(ss.number))
    .all();
  const bySeries = new Map<number, CardSession[]>();
  for (const x of sessions) {
    const own = bySeries.get(x.seriesId);
    if (own) own.push(x);
    else bySeries.set(x.seriesId, [x]);
  }
  const placed: PlacedSeries[] = rows.map((s) => {
    const own = bySeries.get(s.id) ?? [];
    const next = own.find((x) => x.status !== "cancelled" && x.endsAt > nowIso) ?? null;
    const upcoming = s.status === "published" && next !== null;
    return { s, own, next, upcoming, sortKey: upcoming ? next!.startsAt : (own[own.length - 1]?.startsAt ?? "") };
  });
  const until = nextInstant(
    nowIso,
    sessions.map((x) => x.endsAt),
  );
  return {
    value: {
      upcoming: placed
        .filter((c) => c.upcoming)
        .sort((a, b) => a.sortKey.localeCompare(b.sortKey))
        .map(homeCard),
      archived: placed.filter((c) => !c.upcoming).sort((a, b) => b.sortKey.localeCompare(a.sortKey)),
      until,
    },
    until,
  };
}

export type OrganisationView = {
  key: string;
  name: string;
  shortName: string | null;
  role: string;
  address: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
};

export function seriesOrganisations(db: AppDatabase, seriesId: number): OrganisationView[] {
  return db
    .select({
      key: t.organisations.key,
      name: t.organisations.name,
      shortName: t.organisations.shortName,
      role: t.seriesOrganisations.role,
      address: t.organisations.address,
      phone: t.organisations.phone,
      email: t.organisations.email,
      website: t.organisations.website,
    })
    .from(t.seriesOrganisations)
    .innerJoin(t.organisations, eq(t.organisations.id, t.seriesOrganisations.organisationId))
    .where(eq(t.seriesOrganisations.seriesId, seriesId))
    .orderBy(asc(t.seriesOrganisations.position))
    .all();
}

/** What series and session pages list: public, published resources only (app/resources/visibility.server.ts). */
export type ResourceView = ResourceCard;

function publicResources(db: AppDatabase, seriesId: number): ResourceView[] {
  return visibleResources(db, { kind: "public" }, { seriesId });
}

export type SeriesPage = {
  series: {
    slug: string;
    title: string;
    subtitle: string | null;
    territory: string | null;
    timezone: string;
    status: string;
    summary: string | null;
    question: string | null;
    objectives: string[];
    audience: string | null;
    mode: string | null;
    platform: string | null;
    registrationRequired: boolean;
    multipleSessions: boolean;
    period: string | null;
    registrationOpen: boolean;
    /** Days before each session when its registrants receive the codes or the practical information. */
    daysBefore: number;
  };
  keyFigures: { value: string; label: string }[];
  rules: string[];
  sessions: SessionSummary[];
  organisations: OrganisationView[];
  resources: ResourceView[];
  /** The series has resources for its registrants only (the page says so, without naming them). */
  registrantsOnlyResources: boolean;
};

/** Memoised by the series' version and the clock's next relevant instant (app/page-cache/page-memo.server.ts). */
export function getSeriesPage(db: AppDatabase, slug: string, nowIso: string): SeriesPage | null {
  return memoByVersion(db, `series:${slug}`, seriesScopes(slug), nowIso, () => buildSeriesPage(db, slug, nowIso));
}

function buildSeriesPage(db: AppDatabase, slug: string, nowIso: string): { value: SeriesPage | null; until: string | null } {
  const s = findSeries(db, slug, "public");
  if (!s) return { value: null, until: null };
  const rows = publicSessions(db, [s.id]);
  const confirmed = confirmedByParticipation(
    db,
    rows.filter((x) => x.capacity !== null || x.remoteCapacity !== null).map((x) => x.id),
  );
  // Seats as the public pages show them (capped: the cached page and its data change only near the end).
  const sessions = rows.map((x) => {
    const summary = summariseSession(x, s.timezone, nowIso, confirmed.get(x.id));
    return { ...summary, seatsLeft: shownSeats(summary.seatsLeft), remoteSeatsLeft: shownSeats(summary.remoteSeatsLeft) };
  });
  const openSessions = sessions.filter((x) => x.status === "published" && x.startsAt > nowIso);
  const windowOpen = (!s.registrationOpensAt || s.registrationOpensAt <= nowIso) && (!s.registrationClosesAt || s.registrationClosesAt > nowIso);
  const until = nextInstant(nowIso, [s.registrationOpensAt, s.registrationClosesAt, ...rows.flatMap((x) => [x.startsAt, x.endsAt])]);
  const value = {
    series: {
      ...presentationOf(s),
      registrationRequired: s.registrationRequired,
      multipleSessions: s.multipleSessions,
      period: sessions.length ? formatPeriod(sessions[0].startsAt, sessions[sessions.length - 1].startsAt, s.timezone) : null,
      registrationOpen: s.status === "published" && windowOpen && openSessions.length > 0,
      daysBefore: s.accessDaysBefore,
    },
    keyFigures: seriesKeyFigures(db, s.id),
    rules: seriesRules(db, s.id),
    sessions,
    organisations: seriesOrganisations(db, s.id),
    resources: publicResources(db, s.id),
    registrantsOnlyResources: hasRegistrantsOnly(db, s.id),
  };
  return { value, until };
}

/** The timed programme of one session: items with their parts and speakers, in order. */
export function getProgramme(db: AppDatabase, sessionId: number, zone: string): ProgrammeItemView[] {
  const items = db
    .select()
    .from(t.programmeItems)
    .where(eq(t.programmeItems.sessionId, sessionId))
    .orderBy(asc(t.programmeItems.position), asc(t.programmeItems.id))
    .all();
  if (!items.length) return [];
  const speakerOrg = db
    .select({ id: t.organisations.id, name: t.organisations.name, shortName: t.organisations.shortName })
    .from(t.organisations)
    .as("speaker_org");
  const speakers = db
    .select({
      itemId: t.programmeSpeakers.itemId,
      speakerRole: t.programmeSpeakers.speakerRole,
      personKey: t.people.key,
      personName: t.people.name,
      personRole: t.people.role,
      personOrg: speakerOrg.shortName,
      personOrgName: speakerOrg.name,
      orgKey: t.organisations.key,
      orgName: t.organisations.name,
    })
    .from(t.programmeSpeakers)
    .leftJoin(t.people, eq(t.people.id, t.programmeSpeakers.personId))
    .leftJoin(speakerOrg, eq(speakerOrg.id, t.people.organisationId))
    .leftJoin(t.organisations, eq(t.organisations.id, t.programmeSpeakers.organisationId))
    .where(
      inArray(
        t.programmeSpeakers.itemId,
        items.map((i) => i.id),
      ),
    )
    .orderBy(asc(t.programmeSpeakers.position))
    .all();
  const view = (i: (typeof items)[number]): ProgrammeItemView => ({
    id: i.id,
    kind: i.kind,
    title: i.title,
    description: i.description,
    time: i.startsAt && i.endsAt ? formatTimeRange(fromUtcIso(i.startsAt, zone), fromUtcIso(i.endsAt, zone)) : null,
    startIso: i.startsAt ? toOffsetIso(i.startsAt, zone) : null,
    endIso: i.endsAt ? toOffsetIso(i.endsAt, zone) : null,
    speakers: speakers
      .filter((sp) => sp.itemId === i.id)
      .map((sp) =>
        sp.personKey
          ? {
              speakerRole: sp.speakerRole,
              kind: "person" as const,
              key: sp.personKey,
              name: sp.personName!,
              role: sp.personRole,
              organisation: sp.personOrg ?? sp.personOrgName ?? null,
            }
          : { speakerRole: sp.speakerRole, kind: "organisation" as const, key: sp.orgKey!, name: sp.orgName!, role: null, organisation: null },
      ),
    parts: items.filter((p) => p.parentId === i.id).map(view),
  });
  return items.filter((i) => i.parentId === null).map(view);
}

export type SessionPage = {
  series: { slug: string; title: string; timezone: string; status: string; platform: string | null; registrationOpen: boolean };
  session: SessionSummary & { venueInstructions: string | null };
  programme: ProgrammeItemView[];
  rules: string[];
  organisers: OrganisationView[];
  resources: ResourceView[];
  /** Per programme point ("3", "3.2"), the recording chapters that cover it. */
  recordings: Record<string, { href: string; clock: string; title: string }[]>;
  previous: { slug: string; number: number; title: string } | null;
  next: { slug: string; number: number; title: string } | null;
};

/** Memoised like getSeriesPage, which it is made of (same scopes, same clock instants). */
export function getSessionPage(db: AppDatabase, seriesSlug: string, sessionSlug: string, nowIso: string): SessionPage | null {
  return memoByVersion(db, `session:${seriesSlug}/${sessionSlug}`, seriesScopes(seriesSlug), nowIso, () => {
    const { value: page, until } = buildSeriesPage(db, seriesSlug, nowIso);
    return { value: page ? buildSessionPage(db, page, sessionSlug) : null, until };
  });
}

function buildSessionPage(db: AppDatabase, page: SeriesPage, sessionSlug: string): SessionPage | null {
  const index = page.sessions.findIndex((x) => x.slug === sessionSlug);
  if (index < 0) return null;
  const summary = page.sessions[index];
  const row = db.select({ venueInstructions: t.sessions.venueInstructions }).from(t.sessions).where(eq(t.sessions.id, summary.id)).get();
  const neighbour = (x: SessionSummary | undefined) => (x ? { slug: x.slug, number: x.number, title: x.title } : null);
  const s = page.series;
  return {
    series: { slug: s.slug, title: s.title, timezone: s.timezone, status: s.status, platform: s.platform, registrationOpen: s.registrationOpen },
    session: { ...summary, venueInstructions: row?.venueInstructions ?? null },
    programme: getProgramme(db, summary.id, s.timezone),
    rules: page.rules,
    organisers: page.organisations.filter((o) => o.role === "organiser" || o.role === "support"),
    resources: page.resources.filter((r) => r.session?.id === summary.id),
    recordings: recordingLinks(db, summary.id),
    previous: neighbour(page.sessions[index - 1]),
    next: neighbour(page.sessions[index + 1]),
  };
}
