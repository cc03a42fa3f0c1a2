// Calendar files (.ics): one event per session with a stable UID; times in UTC; METHOD:PUBLISH. Public
// files never carry access codes. Every copy of a session's event — the session file, the series feed,
// and the copies attached to emails — follows one SEQUENCE rule (calendarSequence below), so that a
// calendar client always replaces an older copy with a newer one. A cancelled event says
// STATUS:CANCELLED and "ANNULÉ — " before its title. Lines are folded at 75 octets (RFC 5545 §3.1).
import { createEvent, createEvents, type DateArray, type EventAttributes } from "ics";
import type { AppDatabase } from "~/utils/db.server";
import { fromUtcIso } from "~/utils/dates.server";
import { MODE_LABELS } from "~/utils/labels";
import { getProgramme, getSeriesPage, getSessionPage, type SessionSummary } from "./catalog.server";
import type { ProgrammeItemView } from "./programme-view";

/**
 * The SEQUENCE of a copy of a session's event. `version` (the session's `sequence` column) grows by
 * one at each change of time, place, status or access codes (series-import.server.ts). A public copy
 * carries 2 × version, a registrant's copy (with the join link) 2 × version + 1: at one version the
 * registrant's copy wins over the public one, and after a change any copy wins over every earlier one.
 */
export function calendarSequence(version: number, copy: "public" | "registrant"): number {
  return 2 * version + (copy === "registrant" ? 1 : 0);
}

const STATUS_PREFIX: Record<string, string> = { cancelled: "ANNULÉ — ", postponed: "REPORTÉ — " };

/**
 * RFC 5545 folding: content lines of at most 75 octets, continued with CRLF and one space, never
 * inside a UTF-8 character. (The ics package folds at 75 characters, up to 84 octets in French.)
 */
export function foldIcs(ics: string): string {
  const lines = ics.replace(/\r?\n[ \t]/g, "").split(/\r?\n/);
  const out: string[] = [];
  for (const line of lines) {
    let rest = line;
    let limit = 75;
    while (Buffer.byteLength(rest, "utf8") > limit) {
      let bytes = 0;
      let cut = 0;
      for (const ch of rest) {
        const size = Buffer.byteLength(ch, "utf8");
        if (bytes + size > limit) break;
        bytes += size;
        cut += ch.length;
      }
      out.push((limit === 75 ? "" : " ") + rest.slice(0, cut));
      rest = rest.slice(cut);
      limit = 74; // the leading space of a continuation line counts
    }
    out.push((limit === 75 ? "" : " ") + rest);
  }
  while (out.length && out[out.length - 1] === "") out.pop();
  return out.join("\r\n") + "\r\n";
}

export const PRODUCT_ID = "-//Rendez-vous//Rencontres santé//FR";

export function sessionUid(sessionId: number, appUrl: string): string {
  return `session-${sessionId}@${new URL(appUrl).hostname}`;
}

function utcArray(iso: string): DateArray {
  const d = fromUtcIso(iso, "utc");
  return [d.year, d.month, d.day, d.hour, d.minute];
}

function speakersLine(item: ProgrammeItemView): string {
  const name = (s: ProgrammeItemView["speakers"][number]) => `${s.name}${s.organisation ? ` (${s.organisation})` : ""}`;
  const of = (part: string) =>
    item.speakers
      .filter((s) => s.speakerRole === part)
      .map(name)
      .join(", ");
  return [of("speaker"), of("moderator") ? `animation : ${of("moderator")}` : "", of("panellist") ? `avec ${of("panellist")}` : ""].filter(Boolean).join(" ; ");
}

export function programmeText(programme: ProgrammeItemView[]): string {
  const lines: string[] = [];
  for (const item of programme) {
    const who = speakersLine(item);
    lines.push(`${item.time ? `${item.time.replace(/\u00a0/g, " ")} · ` : ""}${item.title}${who ? ` — ${who}` : ""}`);
    for (const part of item.parts) {
      const pw = speakersLine(part);
      lines.push(`  - ${part.title}${pw ? ` — ${pw}` : ""}`);
    }
  }
  return lines.join("\n");
}

export type CalendarSession = SessionSummary & { venueInstructions?: string | null };
export type CalendarContext = {
  appUrl: string;
  seriesTitle: string;
  seriesSlug: string;
  platform: string | null;
  /** Only in a registrant's email (access codes), never in a public file. */
  extraDescription?: string;
  /** A registrant's copy (a higher SEQUENCE, the join link as location) or the public one (default). */
  copy?: "public" | "registrant";
  location?: string;
  url?: string;
};

export function sessionEventAttributes(session: CalendarSession, programme: ProgrammeItemView[], ctx: CalendarContext): EventAttributes {
  const pageUrl = `${ctx.appUrl}/series/${ctx.seriesSlug}/sessions/${session.slug}`;
  const place =
    session.mode === "online"
      ? `${MODE_LABELS.online}${ctx.platform ? ` (${ctx.platform})` : ""}`
      : [session.venueName, session.venueAddress].filter(Boolean).join(", ");
  const description = [
    `${ctx.seriesTitle} — RDV #${session.number}`,
    session.mode !== "in-person" && !ctx.extraDescription
      ? "Les codes d’accès sont envoyés par e-mail aux personnes inscrites, deux jours avant la rencontre."
      : null,
    programme.length ? `\nProgramme :\n${programmeText(programme)}` : null,
    ctx.extraDescription ?? null,
    `\nPage de la rencontre : ${pageUrl}`,
  ]
    .filter((x) => x !== null)
    .join("\n");
  return {
    uid: sessionUid(session.id, ctx.appUrl),
    sequence: calendarSequence(session.sequence, ctx.copy ?? "public"),
    productId: PRODUCT_ID,
    method: "PUBLISH",
    title: `${STATUS_PREFIX[session.status] ?? ""}RDV #${session.number} — ${session.title}`,
    description,
    url: pageUrl,
    location: ctx.location ?? (place || undefined),
    start: utcArray(session.startsAt),
    startInputType: "utc",
    startOutputType: "utc",
    end: utcArray(session.endsAt),
    endInputType: "utc",
    endOutputType: "utc",
    status: session.status === "cancelled" ? "CANCELLED" : session.status === "postponed" ? "TENTATIVE" : "CONFIRMED",
    busyStatus: "BUSY",
    classification: "PUBLIC",
  };
}

export function sessionIcs(session: CalendarSession, programme: ProgrammeItemView[], ctx: CalendarContext): string {
  const { error, value } = createEvent(sessionEventAttributes(session, programme, ctx));
  if (error || !value) throw error ?? new Error("ics");
  return foldIcs(value);
}

export function seriesIcs(sessions: { session: CalendarSession; programme: ProgrammeItemView[] }[], ctx: CalendarContext): string {
  const events = sessions.map(({ session, programme }) => sessionEventAttributes(session, programme, ctx));
  const { error, value } = createEvents(events, { productId: PRODUCT_ID, method: "PUBLISH", calName: ctx.seriesTitle });
  if (error || !value) throw error ?? new Error("ics");
  return foldIcs(value);
}

/** The public file of one session (`/series/<slug>/sessions/<session>/calendar.ics`); null when not found. */
export function sessionFileIcs(
  db: AppDatabase,
  seriesSlug: string,
  sessionSlug: string,
  nowIso: string,
  appUrl: string,
): { body: string; filename: string } | null {
  const page = getSessionPage(db, seriesSlug, sessionSlug, nowIso);
  if (!page) return null;
  const body = sessionIcs(page.session, page.programme, {
    appUrl,
    seriesTitle: page.series.title,
    seriesSlug: page.series.slug,
    platform: page.series.platform,
  });
  return { body, filename: `rdv-${page.session.number}-${page.session.slug}.ics` };
}

/** The subscribable feed of a series (`/series/<slug>/calendar.ics`): every visible session; null when not found. */
export function seriesFeedIcs(db: AppDatabase, seriesSlug: string, nowIso: string, appUrl: string): { body: string; filename: string } | null {
  const page = getSeriesPage(db, seriesSlug, nowIso);
  if (!page) return null;
  const body = seriesIcs(
    page.sessions.map((session) => ({ session, programme: getProgramme(db, session.id, page.series.timezone) })),
    { appUrl, seriesTitle: page.series.title, seriesSlug: page.series.slug, platform: page.series.platform },
  );
  return { body, filename: `${page.series.slug}.ics` };
}

export function icsResponse(body: string, filename: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8; method=PUBLISH",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "public, max-age=300, s-maxage=60",
    },
  });
}
