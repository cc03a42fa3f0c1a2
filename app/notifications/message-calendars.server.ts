// The calendar files messages carry: a session's public .ics (the same for every registrant) and the
// registrant's own copy with the join link (app/series/calendar.server.ts decides their SEQUENCE),
// each built once per version of the session rather than once per email.
import type * as t from "../../db/schema";
import { oneTapDial, type AccessInfo } from "../../emails/access-codes";
import type { AppDatabase } from "~/utils/db.server";
import type { OutgoingMessage } from "~/notifications/mail.server";
import { sessionIcs } from "../series/calendar.server";
import { getProgramme, summariseSession } from "../series/catalog.server";
import type { RenderContext } from "./message-parts.server";

type Session = typeof t.sessions.$inferSelect;
type Series = typeof t.series.$inferSelect;
export type Attachment = NonNullable<OutgoingMessage["attachments"]>[number];

/** A session's calendar file as an attachment, named for its number ("rdv-2.ics"). */
export function icsAttachment(s: Pick<Session, "number">, content: string): Attachment {
  return { filename: `rdv-${s.number}.ics`, contentType: "text/calendar; charset=utf-8; method=PUBLISH", content };
}

/**
 * A session's public .ics is the same for every registrant: build it once per version of the
 * session (its SEQUENCE and last update) rather than once per email.
 */
const icsCache = new Map<string, string>();
export function publicSessionIcs(db: AppDatabase, s: Session, series: Series, ctx: RenderContext): string {
  const key = `${ctx.appUrl}|${s.id}|${s.sequence}|${s.updatedAt}|${series.updatedAt}`;
  let ics = icsCache.get(key);
  if (!ics) {
    if (icsCache.size > 500) icsCache.clear();
    ics = sessionIcs(summariseSession(s, series.timezone, ctx.nowIso), getProgramme(db, s.id, series.timezone), {
      appUrl: ctx.appUrl,
      seriesTitle: series.title,
      seriesSlug: series.slug,
      platform: series.platform,
    });
    icsCache.set(key, ics);
  }
  return ics;
}

/**
 * The registrant's own calendar copy: same UID, a SEQUENCE above the public one (calendarSequence), the join link inside.
 * Identical for every registrant of a session version (time, codes, series): built once per version.
 */
const privateIcsCache = new Map<string, string>();
export function privateSessionIcs(db: AppDatabase, s: Session, series: Series, access: AccessInfo | null, ctx: RenderContext): string {
  const key = `${ctx.appUrl}|${s.id}|${s.sequence}|${s.updatedAt}|${series.updatedAt}|${JSON.stringify(access)}`;
  let ics = privateIcsCache.get(key);
  if (!ics) {
    if (privateIcsCache.size > 200) privateIcsCache.clear();
    ics = buildPrivateSessionIcs(db, s, series, access, ctx);
    privateIcsCache.set(key, ics);
  }
  return ics;
}

function buildPrivateSessionIcs(db: AppDatabase, s: Session, series: Series, access: AccessInfo | null, ctx: RenderContext): string {
  const lines: string[] = [];
  if (access?.joinUrl) lines.push(`\nRejoindre la réunion : ${access.joinUrl}`);
  if (access?.meetingId) lines.push(`ID de réunion : ${access.meetingId}`);
  if (access?.passcode) lines.push(`Code secret : ${access.passcode}`);
  for (const d of access?.dialIn ?? []) lines.push(`Téléphone (${d.label}) : ${d.number} — ${oneTapDial(d.number, access!.meetingId, access!.passcode)}`);
  if (access) lines.push("Connectez-vous 10 minutes avant le début.");
  return sessionIcs(summariseSession(s, series.timezone, ctx.nowIso), getProgramme(db, s.id, series.timezone), {
    appUrl: ctx.appUrl,
    seriesTitle: series.title,
    seriesSlug: series.slug,
    platform: series.platform,
    extraDescription: lines.join("\n"),
    copy: "registrant",
    location: s.mode === "online" ? (access?.joinUrl ?? undefined) : undefined,
  });
}
