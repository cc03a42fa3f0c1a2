// schema.org JSON-LD for search engines and calendar tools: EventSeries with its Events. Pure functions
// of the loader data (run where the page renders, so the payload does not carry it twice).
// Public data only: the "location" of an online session is its public page, never its join link.
import type { OrganisationView, SeriesPage, SessionSummary } from "~/series/catalog.server";

const STATUS: Record<string, string> = {
  published: "https://schema.org/EventScheduled",
  cancelled: "https://schema.org/EventCancelled",
  postponed: "https://schema.org/EventPostponed",
};
const ATTENDANCE: Record<string, string> = {
  online: "https://schema.org/OnlineEventAttendanceMode",
  "in-person": "https://schema.org/OfflineEventAttendanceMode",
  hybrid: "https://schema.org/MixedEventAttendanceMode",
};

function organisation(o: OrganisationView) {
  return { "@type": "Organization", name: o.name, ...(o.website ? { url: o.website } : {}) };
}

export function eventLd(s: SessionSummary, pageUrl: string, organisers: OrganisationView[]) {
  const virtual = { "@type": "VirtualLocation", url: pageUrl };
  const place = s.venueName ? { "@type": "Place", name: s.venueName, ...(s.venueAddress ? { address: s.venueAddress } : {}) } : null;
  const location = s.mode === "online" ? virtual : s.mode === "hybrid" && place ? [place, virtual] : (place ?? virtual);
  return {
    "@type": "Event",
    name: s.title,
    url: pageUrl,
    startDate: s.startIso,
    endDate: s.endIso,
    eventStatus: STATUS[s.status] ?? STATUS.published,
    eventAttendanceMode: ATTENDANCE[s.mode],
    location,
    inLanguage: "fr",
    isAccessibleForFree: true,
    organizer: organisers.map(organisation),
  };
}

export function seriesLd(page: SeriesPage, appUrl: string) {
  const seriesUrl = `${appUrl}/series/${page.series.slug}`;
  const organisers = page.organisations.filter((o) => o.role === "organiser");
  return {
    "@context": "https://schema.org",
    "@type": "EventSeries",
    name: page.series.title,
    description: page.series.summary ?? undefined,
    url: seriesUrl,
    inLanguage: "fr",
    ...(page.sessions.length ? { startDate: page.sessions[0].startIso, endDate: page.sessions[page.sessions.length - 1].endIso } : {}),
    eventAttendanceMode: page.series.mode ? ATTENDANCE[page.series.mode] : undefined,
    organizer: organisers.map(organisation),
    subEvent: page.sessions.map((s) => eventLd(s, `${seriesUrl}/sessions/${s.slug}`, organisers)),
  };
}

export function sessionLd(session: SessionSummary, seriesSlug: string, seriesTitle: string, organisers: OrganisationView[], appUrl: string) {
  const seriesUrl = `${appUrl}/series/${seriesSlug}`;
  return {
    "@context": "https://schema.org",
    ...eventLd(session, `${seriesUrl}/sessions/${session.slug}`, organisers),
    superEvent: { "@type": "EventSeries", name: seriesTitle, url: seriesUrl },
  };
}

/** Serialises for a <script type="application/ld+json"> element: no "</script>" can close it early. */
export function serializeLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
