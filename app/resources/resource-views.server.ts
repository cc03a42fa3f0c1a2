// The read models of the resource pages (types in resource-views.ts), under the visibility rules:
// the cards of the lists, a resource's own page (file, link or video, chapters aligned on the
// programme, summary, transcript, formatted references and their exports), and the "revoir ce
// passage" links of a session page.
import type { AppDatabase } from "~/utils/db.server";
import { fromUtcIso } from "~/utils/dates.server";
import { clockLabel, formatDuration, isoDuration, secondsToHms, videoLink } from "~/utils/media";
import { formatReference } from "~/utils/references";
import { hmsToSeconds } from "../series-file/resource-format.server";
import { anchorOf, programmePoints } from "./programme-points.server";
import { PUBLIC_BASE, type ResourceCard, type ResourcePage } from "./resource-views";
import { formatBytes, kindByMime } from "./uploads.server";
import { visibleRows, type Audience, type VisibleRow, type VisibleScope } from "./visibility.server";

function itemPathOf(row: VisibleRow): string | null {
  if (!row.item?.title || row.item.position === null) return null;
  // Parts are numbered within their item, items within the session (positions follow the file's order).
  return row.parentPosition !== null && row.parentPosition !== undefined ? `${row.parentPosition + 1}.${row.item.position + 1}` : `${row.item.position + 1}`;
}

function card(row: VisibleRow, base: string): ResourceCard {
  const { r } = row;
  const kind = kindByMime(r.fileType);
  const sessionYear = row.session?.startsAt ? fromUtcIso(row.session.startsAt, row.series.timezone).year : null;
  const path = itemPathOf(row);
  return {
    id: r.id,
    href: `${base}/${r.id}`,
    type: r.type,
    title: r.title,
    description: r.description,
    authors: r.authors,
    year: r.year ?? sessionYear,
    themes: r.themes,
    territory: r.territory,
    visibility: r.visibility,
    series: { id: row.series.id, slug: row.series.slug, title: row.series.title },
    session: row.session?.id ? { id: row.session.id, number: row.session.number, slug: row.session.slug, title: row.session.title } : null,
    item: path && row.item ? { path, title: row.item.title } : null,
    url: r.url,
    fileLabel: r.fileStoredName && r.fileSize !== null ? `${kind?.label ?? "fichier"}, ${formatBytes(r.fileSize)}` : null,
    duration: r.durationSeconds ? formatDuration(r.durationSeconds) : null,
    hasChapters: r.chapters.length > 0,
    searchText: "",
  };
}

/** Resources a visitor sees, for the library, a series page or a session page. */
export function visibleResources(db: AppDatabase, audience: Audience, scope: VisibleScope = {}, base = PUBLIC_BASE): ResourceCard[] {
  return visibleRows(db, audience, scope).map((row) => card(row, base));
}

export function resourcePage(db: AppDatabase, id: number, audience: Audience, base = PUBLIC_BASE): ResourcePage | null {
  if (!Number.isInteger(id) || id < 1) return null;
  const row = visibleRows(db, audience, { id })[0];
  if (!row) return null;
  const c = card(row, base);
  const r = row.r;
  const sessionHref = c.session ? `/series/${c.series.slug}/sessions/${c.session.slug}` : null;
  const points = c.session ? programmePoints(db, [c.session.id]) : [];
  const pointHref = (path: string) => (sessionHref ? `${sessionHref}#${anchorOf(path)}` : null);
  const video = videoLink(r.url);
  const kind = kindByMime(r.fileType);
  const file =
    r.fileStoredName && r.fileName && r.fileType && r.fileSize !== null
      ? {
          href: `${c.href}/fichier`,
          playHref: `${c.href}/fichier?lecture=1`,
          name: r.fileName,
          typeLabel: kind?.label ?? r.fileType,
          sizeLabel: formatBytes(r.fileSize),
          media: kind?.media ?? null,
          mime: r.fileType,
        }
      : null;
  const mediaHref = (seconds: number): string | null => {
    if (file?.media) return `${file.playHref}#t=${seconds}`;
    if (video) return video.watchUrl(seconds);
    if (r.url) return `${r.url.replace(/#.*$/, "")}#t=${seconds}`;
    return null;
  };
  const session = row.session?.startsAt ? row.session : null;
  return {
    ...c,
    seriesHref: `/series/${c.series.slug}`,
    sessionHref,
    itemHref: c.item ? pointHref(c.item.path) : null,
    when: session ? fromUtcIso(session.startsAt, row.series.timezone).setLocale("fr").toFormat("d LLLL yyyy") : null,
    video: video ? { provider: video.provider, providerLabel: video.providerLabel, watchUrl: video.watchUrl(), embedUrl: video.embedUrl() } : null,
    file,
    durationSeconds: r.durationSeconds,
    durationIso: r.durationSeconds ? isoDuration(r.durationSeconds) : null,
    chapters: r.chapters.map((ch, i) => {
      const seconds = hmsToSeconds(ch.at);
      const point = ch.item ? points.find((p) => p.path === ch.item) : undefined;
      return {
        n: i + 1,
        seconds,
        hms: secondsToHms(seconds),
        clock: clockLabel(seconds),
        title: ch.title,
        href: mediaHref(seconds),
        item: point ? { path: point.path, title: point.title, href: pointHref(point.path)! } : null,
      };
    }),
    summary: r.summary,
    transcript: r.transcript,
    references: r.references.map(formatReference),
    exports: r.type === "bibliography" && r.references.length ? { ris: `${c.href}.ris`, bib: `${c.href}.bib` } : null,
  };
}

/**
 * Per programme point of a session, the published recordings' chapters that cover it (the session
 * page offers "revoir ce passage" next to the talk). Only what the audience may see.
 */
export function recordingLinks(
  db: AppDatabase,
  sessionId: number,
  audience: Audience = { kind: "public" },
): Record<string, { href: string; clock: string; title: string }[]> {
  const out: Record<string, { href: string; clock: string; title: string }[]> = {};
  for (const row of visibleRows(db, audience, { sessionId })) {
    if (row.r.type !== "recording" && row.r.type !== "video") continue;
    row.r.chapters.forEach((ch, i) => {
      if (!ch.item) return;
      (out[ch.item] ??= []).push({ href: `${PUBLIC_BASE}/${row.r.id}#chapitre-${i + 1}`, clock: clockLabel(hmsToSeconds(ch.at)), title: row.r.title });
    });
  }
  return out;
}
