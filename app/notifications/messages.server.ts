// From an outbox row to a ready-to-send message: fresh data from the database, the template of its
// kind (app/notifications/email-kinds.server.ts), calendar attachments and the deliverability
// headers. Rendering only reads; the personal link or sign-in token it carries is made by issueLink,
// the dispatcher's prepare step.
import { eq, inArray, sql } from "drizzle-orm";
import * as t from "../../db/schema";
import { oneTapDial, type AccessInfo } from "../../emails/access-codes";
import type { SessionLine } from "../../emails/registration";
import { EMAIL_KIND_SPECS as EMAILS, isEmailKind } from "~/notifications/email-kinds.server";
import { isMissed } from "../access-codes/access-codes.server";
import { placeLine, type SessionBefore } from "../series/sessions.server";
import { SIGN_IN_MINUTES, createSignInToken } from "../accounts/accounts.server";
import { seriesRules } from "../series/catalog.server";
import type { AppDatabase } from "~/utils/db.server";
import { formatSessionWhen } from "~/utils/dates.server";
import { participationOf, receivesAccessCodes } from "~/utils/formats";
import type { OutgoingMessage } from "~/notifications/mail.server";
import { prepared } from "~/utils/prepared.server";
import { sessionIcs } from "../series/calendar.server";
import { getProgramme, summariseSession } from "../series/catalog.server";
import type { OutboxRow } from "./outbox.server";
import { createPersonalLink } from "../registration/participants.server";
import { waitingPosition } from "../registration/waiting-list.server";
import { PUBLIC_BASE, RECORDING_WITHDRAWN, personalBase, publishedRecording } from "../resources/resources.server";
import { clockLabel, formatDuration } from "~/utils/media";
import { hmsToSeconds } from "../series-file/series-format.server";

export type RenderContext = { appUrl: string; nowIso: string };

/** Message-ID derived from the outbox row: the same row always yields the same id. */
export function messageIdFor(row: Pick<OutboxRow, "id" | "dedupeKey">, appUrl: string): string {
  return `<rdv.${row.id}.${Buffer.from(row.dedupeKey).toString("base64url").slice(0, 24)}@${new URL(appUrl).hostname}>`;
}

function sessionLine(
  db: AppDatabase,
  reg: typeof t.registrations.$inferSelect,
  s: typeof t.sessions.$inferSelect,
  series: typeof t.series.$inferSelect,
  appUrl: string,
): SessionLine {
  return {
    number: s.number,
    title: s.title,
    when: formatSessionWhen(s.startsAt, s.endsAt, series.timezone),
    status: reg.status,
    waitingPosition: reg.status === "waiting" ? waitingPosition(db, reg.id) : null,
    mode: s.mode,
    participation: participationOf(s.mode, reg.participation),
    venue: [s.venueName, s.venueAddress].filter(Boolean).join(", ") || null,
    pageUrl: `${appUrl}/series/${series.slug}/sessions/${s.slug}`,
  };
}

function listHeaders(appUrl: string, token: string, seriesSlug?: string) {
  const url = `${appUrl}/desinscription/${token}${seriesSlug ? `?serie=${encodeURIComponent(seriesSlug)}` : ""}`;
  return { "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

/**
 * A session's public .ics is the same for every registrant: build it once per version of the
 * session (its SEQUENCE and last update) rather than once per email.
 */
const icsCache = new Map<string, string>();
function publicSessionIcs(db: AppDatabase, s: typeof t.sessions.$inferSelect, series: typeof t.series.$inferSelect, ctx: RenderContext): string {
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

export type Skip = { skip: "cancelled" | "missed"; reason: string };
const skip = (reason: string, kind: Skip["skip"] = "cancelled"): Skip => ({ skip: kind, reason });

function registrationWithSession(db: AppDatabase, registrationId: number) {
  return prepared(db, "msg.registrationWithSession", (d) =>
    d
      .select({ r: t.registrations, s: t.sessions, series: t.series, access: t.sessionAccess })
      .from(t.registrations)
      .innerJoin(t.sessions, eq(t.sessions.id, t.registrations.sessionId))
      .innerJoin(t.series, eq(t.series.id, t.sessions.seriesId))
      .leftJoin(t.sessionAccess, eq(t.sessionAccess.sessionId, t.sessions.id))
      .where(eq(t.registrations.id, sql.placeholder("id")))
      .prepare(),
  ).get({ id: registrationId });
}

function participantById(db: AppDatabase, id: number) {
  return prepared(db, "msg.participantById", (d) =>
    d
      .select()
      .from(t.participants)
      .where(eq(t.participants.id, sql.placeholder("id")))
      .prepare(),
  ).get({ id });
}

/** Same for every registrant of a series until the series changes: computed once per version. */
const rulesCache = new Map<string, string[]>();
function rulesOf(db: AppDatabase, series: { id: number; updatedAt: string }): string[] {
  const key = `${series.id}|${series.updatedAt}`;
  let rules = rulesCache.get(key);
  if (!rules) {
    if (rulesCache.size > 200) rulesCache.clear();
    rules = seriesRules(db, series.id);
    rulesCache.set(key, rules);
  }
  return rules;
}

/**
 * The registrant's own calendar copy: same UID, a SEQUENCE above the public one (calendarSequence), the join link inside.
 * Identical for every registrant of a session version (time, codes, series): built once per version.
 */
const privateIcsCache = new Map<string, string>();
function privateSessionIcs(
  db: AppDatabase,
  s: typeof t.sessions.$inferSelect,
  series: typeof t.series.$inferSelect,
  access: AccessInfo | null,
  ctx: RenderContext,
): string {
  const key = `${ctx.appUrl}|${s.id}|${s.sequence}|${s.updatedAt}|${series.updatedAt}|${JSON.stringify(access)}`;
  let ics = privateIcsCache.get(key);
  if (!ics) {
    if (privateIcsCache.size > 200) privateIcsCache.clear();
    ics = buildPrivateSessionIcs(db, s, series, access, ctx);
    privateIcsCache.set(key, ics);
  }
  return ics;
}

function buildPrivateSessionIcs(
  db: AppDatabase,
  s: typeof t.sessions.$inferSelect,
  series: typeof t.series.$inferSelect,
  access: AccessInfo | null,
  ctx: RenderContext,
): string {
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

const sessionInfo = (s: typeof t.sessions.$inferSelect, series: typeof t.series.$inferSelect, appUrl: string) => ({
  number: s.number,
  title: s.title,
  when: formatSessionWhen(s.startsAt, s.endsAt, series.timezone),
  mode: s.mode,
  venue: [s.venueName, s.venueAddress].filter(Boolean).join(", ") || null,
  pageUrl: `${appUrl}/series/${series.slug}/sessions/${s.slug}`,
});

/**
 * The personal link or sign-in token a message carries. The renderer only says which one it needs;
 * the dispatcher makes it (issueLink, its own transaction) right before filling the message in.
 */
export type LinkNeed = { kind: "personal-link"; participantId: number } | { kind: "sign-in"; accountId: number };

/** A message read from fresh data, ready to be completed with its link's raw token. Completing it only reads. */
export type Draft = { link: LinkNeed; complete: (token: string) => OutgoingMessage };

/** The prepare step: makes the link a draft needs (one write, in its own transaction) and returns its raw token. */
export function issueLink(db: AppDatabase, need: LinkNeed, nowIso: string): string {
  // better-sqlite3 runs the transaction on this same connection: the models' prepared statements apply.
  return db.transaction(() => (need.kind === "sign-in" ? createSignInToken(db, need.accountId, nowIso) : createPersonalLink(db, need.participantId, nowIso)));
}

/**
 * Renders an outbox row with fresh data, or says why it must not be sent any more. Pure: it only
 * reads (the previews call it on a connection that cannot write); the link is made by issueLink.
 */
export function renderMessage(db: AppDatabase, row: OutboxRow, ctx: RenderContext): Draft | Skip {
  const kind = row.kind;
  if (!isEmailKind(kind)) throw new Error(`type d’e-mail inconnu : ${row.kind}`);
  if (kind === "sign-in") {
    const { accountId, invitedBy } = row.payload as { accountId: number; invitedBy?: string };
    const account = db.select().from(t.accounts).where(eq(t.accounts.id, accountId)).get();
    if (!account || account.disabledAt) return skip("compte désactivé");
    return {
      link: { kind: "sign-in", accountId },
      complete: (token) => {
        const content = EMAILS["sign-in"].template({ link: `${ctx.appUrl}/admin/connexion/${token}`, minutes: SIGN_IN_MINUTES, invitedBy });
        return { to: row.toAddress, messageId: messageIdFor(row, ctx.appUrl), outboxId: row.id, ...content };
      },
    };
  }
  const participant = row.participantId ? participantById(db, row.participantId) : undefined;
  if (!participant || participant.erasedAt) return skip("personne effacée");
  const messageId = messageIdFor(row, ctx.appUrl);
  const base = { to: row.toAddress, messageId, outboxId: row.id };
  const draft = (complete: (token: string) => OutgoingMessage): Draft => ({ link: { kind: "personal-link", participantId: participant.id }, complete });

  switch (kind) {
    case "confirmation": {
      const payload = row.payload as { seriesId: number; registrationIds: number[]; alreadyIds: number[] };
      const series = db.select().from(t.series).where(eq(t.series.id, payload.seriesId)).get();
      if (!series) return skip("série supprimée");
      const ids = [...payload.registrationIds, ...payload.alreadyIds];
      const rows = db
        .select({ r: t.registrations, s: t.sessions })
        .from(t.registrations)
        .innerJoin(t.sessions, eq(t.sessions.id, t.registrations.sessionId))
        .where(inArray(t.registrations.id, ids.length ? ids : [-1]))
        .all()
        .sort((a, b) => a.s.startsAt.localeCompare(b.s.startsAt));
      const live = rows.filter(({ r }) => r.status !== "cancelled");
      if (!live.length) return skip("inscriptions annulées avant l’envoi");
      const line = ({ r, s }: (typeof rows)[number]) => sessionLine(db, r, s, series, ctx.appUrl);
      return draft((token) => {
        const personalUrl = `${ctx.appUrl}/moi/${token}`;
        const content = EMAILS.confirmation.template({
          firstName: participant.firstName,
          seriesTitle: series.title,
          seriesUrl: `${ctx.appUrl}/series/${series.slug}`,
          sessions: live.filter(({ r }) => payload.registrationIds.includes(r.id)).map(line),
          already: live.filter(({ r }) => payload.alreadyIds.includes(r.id)).map(line),
          daysBefore: series.accessDaysBefore,
          personalUrl,
        });
        const attachments = live
          .filter(({ r }) => r.status === "confirmed" && payload.registrationIds.includes(r.id))
          .map(({ s }) => ({
            filename: `rdv-${s.number}.ics`,
            contentType: "text/calendar; charset=utf-8; method=PUBLISH",
            content: publicSessionIcs(db, s, series, ctx),
          }));
        return { ...base, ...content, headers: listHeaders(ctx.appUrl, token, series.slug), attachments };
      });
    }
    case "promotion": {
      const { registrationId } = row.payload as { registrationId: number };
      const found = db
        .select({ r: t.registrations, s: t.sessions, series: t.series })
        .from(t.registrations)
        .innerJoin(t.sessions, eq(t.sessions.id, t.registrations.sessionId))
        .innerJoin(t.series, eq(t.series.id, t.sessions.seriesId))
        .where(eq(t.registrations.id, registrationId))
        .get();
      if (!found || found.r.status !== "confirmed") return skip("inscription plus confirmée");
      return draft((token) => {
        const content = EMAILS.promotion.template({
          firstName: participant.firstName,
          seriesTitle: found.series.title,
          session: sessionLine(db, found.r, found.s, found.series, ctx.appUrl),
          daysBefore: found.series.accessDaysBefore,
          personalUrl: `${ctx.appUrl}/moi/${token}`,
        });
        const ics = publicSessionIcs(db, found.s, found.series, ctx);
        return {
          ...base,
          ...content,
          headers: listHeaders(ctx.appUrl, token, found.series.slug),
          attachments: [{ filename: `rdv-${found.s.number}.ics`, contentType: "text/calendar; charset=utf-8; method=PUBLISH", content: ics }],
        };
      });
    }
    case "personal-link":
      return draft((token) => ({
        ...base,
        ...EMAILS["personal-link"].template({ firstName: participant.firstName, personalUrl: `${ctx.appUrl}/moi/${token}` }),
        headers: listHeaders(ctx.appUrl, token),
      }));
    case "access-codes":
    case "practical-info":
    case "correction": {
      const { registrationId, changes, before } = row.payload as { registrationId: number; changes?: string[]; before?: SessionBefore };
      const found = registrationWithSession(db, registrationId);
      if (!found || found.r.status !== "confirmed") return skip("inscription plus confirmée");
      if (found.s.status !== "published") return skip("rencontre annulée ou reportée");
      if (found.s.endsAt <= ctx.nowIso) return skip("rencontre terminée", "missed");
      if (isMissed(row, found.s, ctx.nowIso)) return skip("la rencontre a commencé avant l’envoi", "missed");
      const access: AccessInfo | null = found.access
        ? {
            provider: found.access.provider,
            joinUrl: found.access.joinUrl,
            meetingId: found.access.meetingId,
            passcode: found.access.passcode,
            dialIn: found.access.dialIn,
            instructions: found.access.instructions,
          }
        : null;
      const correction = kind === "correction" ? (changes?.length ? changes : ["access"]) : undefined;
      // Whoever comes on site gets the practical information, never the codes (app/utils/formats.ts):
      // decided by the participation at sending time, whatever the J-2 kind the row was queued under.
      const remote = receivesAccessCodes(participationOf(found.s.mode, found.r.participation));
      if (!remote && kind === "correction" && !correction?.some((c) => c !== "access")) return skip("codes changés, sans objet pour une venue sur place");
      const rules = rulesOf(db, found.series);
      // « ancien → nouveau » for what the rectificatif is about (app/series/sessions.server.ts).
      const changed = before
        ? [
            ...(changes?.includes("time")
              ? [{ label: "Date et horaire", from: before.when, to: formatSessionWhen(found.s.startsAt, found.s.endsAt, found.series.timezone) }]
              : []),
            ...(changes?.includes("place") ? [{ label: "Lieu", from: before.place, to: placeLine(found.s) }] : []),
          ].filter((c) => c.from !== c.to)
        : undefined;
      const ics = privateSessionIcs(db, found.s, found.series, remote ? access : null, ctx);
      return draft((token) => {
        const common = {
          firstName: participant.firstName,
          seriesTitle: found.series.title,
          session: sessionInfo(found.s, found.series, ctx.appUrl),
          rules,
          personalUrl: `${ctx.appUrl}/moi/${token}`,
          changes: correction,
          changed,
        };
        const content = EMAILS[kind].template(
          remote
            ? { remote, ...common, access }
            : {
                remote,
                ...common,
                changes: common.changes?.filter((c) => c !== "access"),
                venue: {
                  name: found.s.venueName,
                  address: found.s.venueAddress,
                  instructions: found.s.venueInstructions,
                  accessibility: found.s.venueAccessibility,
                  contact: found.s.venueContact,
                },
              },
        );
        return {
          ...base,
          ...content,
          headers: listHeaders(ctx.appUrl, token, found.series.slug),
          attachments: [{ filename: `rdv-${found.s.number}.ics`, contentType: "text/calendar; charset=utf-8; method=PUBLISH", content: ics }],
        };
      });
    }
    case "session-cancelled":
    case "session-postponed": {
      const { registrationId } = row.payload as { registrationId: number };
      const found = registrationWithSession(db, registrationId);
      if (!found || found.r.status === "cancelled") return skip("inscription annulée");
      const registrationStatus = found.r.status;
      return draft((token) => {
        const content = EMAILS[kind].template({
          firstName: participant.firstName,
          seriesTitle: found.series.title,
          session: sessionInfo(found.s, found.series, ctx.appUrl),
          status: kind === "session-cancelled" ? "cancelled" : "postponed",
          registrationStatus,
          seriesUrl: `${ctx.appUrl}/series/${found.series.slug}`,
          personalUrl: `${ctx.appUrl}/moi/${token}`,
        });
        return {
          ...base,
          ...content,
          headers: listHeaders(ctx.appUrl, token, found.series.slug),
          attachments: [
            {
              filename: `rdv-${found.s.number}.ics`,
              contentType: "text/calendar; charset=utf-8; method=PUBLISH",
              content: publicSessionIcs(db, found.s, found.series, ctx),
            },
          ],
        };
      });
    }
    case "recording-available": {
      const { registrationId, resourceId } = row.payload as { registrationId: number; resourceId: number };
      const found = registrationWithSession(db, registrationId);
      if (!found || found.r.status !== "confirmed") return skip("inscription plus confirmée");
      const recording = publishedRecording(db, found.s.id, resourceId);
      // Unpublished before the email left: held back; published again, it becomes due again (resources.server.ts).
      if (!recording || found.series.status === "draft") return skip(RECORDING_WITHDRAWN);
      const registrantsOnly = recording.visibility === "registrants";
      return draft((token) => {
        const content = EMAILS["recording-available"].template({
          firstName: participant.firstName,
          seriesTitle: found.series.title,
          session: { number: found.s.number, title: found.s.title, when: formatSessionWhen(found.s.startsAt, found.s.endsAt, found.series.timezone) },
          recording: {
            title: recording.title,
            url: `${ctx.appUrl}${registrantsOnly ? personalBase(token) : PUBLIC_BASE}/${recording.id}`,
            duration: recording.durationSeconds ? formatDuration(recording.durationSeconds) : null,
            chapters: recording.chapters.map((c) => ({ clock: clockLabel(hmsToSeconds(c.at)), title: c.title })),
            hasSummary: Boolean(recording.summary),
            hasTranscript: Boolean(recording.transcript),
            registrantsOnly,
          },
          sessionUrl: `${ctx.appUrl}/series/${found.series.slug}/sessions/${found.s.slug}`,
          personalUrl: `${ctx.appUrl}/moi/${token}`,
        });
        return { ...base, ...content, headers: listHeaders(ctx.appUrl, token, found.series.slug) };
      });
    }
    default: {
      const unhandled: never = kind;
      throw new Error(`type d’e-mail inconnu : ${unhandled}`);
    }
  }
}
