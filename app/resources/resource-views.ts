// What the pages show of a resource (client-safe: the components read these types): a card in the
// lists (library, series and session pages, personal space) and a resource's own page; and the
// addresses of resources, public or through a personal link.
import type { Segment } from "~/utils/references";

export const PUBLIC_BASE = "/ressources";
export const personalBase = (token: string) => `/moi/${token}/ressources`;

/** The page a bibliography's export names: its public page when it has one, never a personal link. */
export function citedPageUrl(row: { id: number; visibility: string } | null, appUrl: string): string {
  return row?.visibility === "public" ? `${appUrl}${PUBLIC_BASE}/${row.id}` : appUrl;
}

export type ResourceCard = {
  id: number;
  href: string;
  type: string;
  title: string;
  description: string | null;
  authors: string[];
  /** The resource's year, or its session's. */
  year: number | null;
  themes: string[];
  territory: string | null;
  visibility: "public" | "registrants";
  series: { id: number; slug: string; title: string };
  session: { id: number; number: number; slug: string; title: string } | null;
  item: { path: string; title: string } | null;
  url: string | null;
  /** "PDF, 1,2 Mo" for an uploaded file. */
  fileLabel: string | null;
  duration: string | null;
  hasChapters: boolean;
  searchText: string;
};

export type ChapterView = {
  n: number;
  seconds: number;
  hms: string;
  clock: string;
  title: string;
  href: string | null;
  item: { path: string; title: string; href: string } | null;
};

export type ResourcePage = ResourceCard & {
  seriesHref: string;
  sessionHref: string | null;
  itemHref: string | null;
  when: string | null;
  video: { provider: string; providerLabel: string; watchUrl: string; embedUrl: string } | null;
  file: { href: string; playHref: string; name: string; typeLabel: string; sizeLabel: string; media: "video" | "audio" | null; mime: string } | null;
  durationSeconds: number | null;
  durationIso: string | null;
  chapters: ChapterView[];
  summary: string | null;
  transcript: string | null;
  references: Segment[][];
  exports: { ris: string; bib: string } | null;
};
