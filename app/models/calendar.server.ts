// Calendar files (.ics): one event per session with a stable UID and a SEQUENCE that grows when the
// time, place or status changes; times in UTC; METHOD:PUBLISH. Public files never carry access codes.
import { createEvent, createEvents, type DateArray, type EventAttributes } from "ics";
import { fromUtcIso } from "~/utils/dates.server";
import { MODE_LABELS } from "~/utils/labels";
import type { ProgrammeItemView, SessionSummary } from "./catalog.server";

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
  const of = (part: string) => item.speakers.filter((s) => s.part === part).map(name).join(", ");
  return [
    of("speaker"),
    of("moderator") ? `animation : ${of("moderator")}` : "",
    of("panellist") ? `avec ${of("panellist")}` : "",
  ]
    .filter(Boolean)
    .join(" ; ");
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
  /** Overrides for a registrant's copy: a higher SEQUENCE, the join link as location. */
  sequence?: number;
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
    session.mode !== "in-person" && !ctx.extraDescription ? "Les codes d'accès sont envoyés par e-mail aux personnes inscrites, deux jours avant la rencontre." : null,
    programme.length ? `\nProgramme :\n${programmeText(programme)}` : null,
    ctx.extraDescription ?? null,
    `\nPage de la rencontre : ${pageUrl}`,
  ]
    .filter((x) => x !== null)
    .join("\n");
  return {
    uid: sessionUid(session.id, ctx.appUrl),
    sequence: ctx.sequence ?? session.sequence,
    productId: PRODUCT_ID,
    method: "PUBLISH",
    title: `RDV #${session.number} — ${session.title}`,
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
  return value;
}

export function seriesIcs(
  sessions: { session: CalendarSession; programme: ProgrammeItemView[] }[],
  ctx: CalendarContext,
): string {
  const events = sessions.map(({ session, programme }) => sessionEventAttributes(session, programme, ctx));
  const { error, value } = createEvents(events, { productId: PRODUCT_ID, method: "PUBLISH", calName: ctx.seriesTitle });
  if (error || !value) throw error ?? new Error("ics");
  return value;
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
