// What every rendered message is made of, whatever its kind: the render context, the draft a
// renderer returns (a message waiting for its link's token) or the reason it is not sent, the
// Message-ID and List-Unsubscribe headers, and the lookups the renderers share (a registration with
// its session, series and codes; a participant; a session as the templates show it). toParticipant
// wraps the renderer of every message to a registered person (app/notifications/messages.server.ts).
import { eq, sql } from "drizzle-orm";
import * as t from "../../db/schema";
import type { EmailContent } from "../../emails/registration";
import type { AppDatabase } from "~/utils/db.server";
import { formatSessionWhen } from "~/utils/dates.server";
import type { OutgoingMessage } from "~/notifications/mail.server";
import { prepared } from "~/utils/prepared.server";
import type { Attachment } from "./message-calendars.server";
import type { OutboxRow } from "./outbox.server";

export type RenderContext = { appUrl: string; nowIso: string };

/** Message-ID derived from the outbox row: the same row always yields the same id. */
export function messageIdFor(row: Pick<OutboxRow, "id" | "dedupeKey">, appUrl: string): string {
  return `<rdv.${row.id}.${Buffer.from(row.dedupeKey).toString("base64url").slice(0, 24)}@${new URL(appUrl).hostname}>`;
}

function listHeaders(appUrl: string, token: string, seriesSlug?: string) {
  const url = `${appUrl}/desinscription/${token}${seriesSlug ? `?serie=${encodeURIComponent(seriesSlug)}` : ""}`;
  return { "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

export type Skip = { skip: "cancelled" | "missed"; reason: string };
export const skip = (reason: string, kind: Skip["skip"] = "cancelled"): Skip => ({ skip: kind, reason });

/**
 * The personal link or sign-in token a message carries. The renderer only says which one it needs;
 * the dispatcher makes it (issueLink, its own transaction) right before filling the message in.
 * "none": a message that carries no link of its own (a test of a message to registrants, to an organiser).
 */
export type LinkNeed =
  | { kind: "personal-link"; participantId: number }
  | { kind: "sign-in"; accountId: number }
  /** A lettre d'information's confirmation or unsubscription link (app/newsletter/). */
  | { kind: "newsletter"; subscriberId: number; purpose: "confirm" | "unsubscribe" }
  /** A test letter to an organiser: no link. */
  | { kind: "none" };

/** A message read from fresh data, ready to be completed with its link's raw token. Completing it only reads. */
export type Draft = { link: LinkNeed; complete: (token: string) => OutgoingMessage };

export type Renderer = (db: AppDatabase, row: OutboxRow, ctx: RenderContext) => Draft | Skip;

/** What the renderer of a message to a registered person is given. */
export type ToParticipant = {
  db: AppDatabase;
  row: OutboxRow;
  ctx: RenderContext;
  participant: typeof t.participants.$inferSelect;
  /** The draft, completed with the person's personal link. */
  draft: (complete: (token: string) => OutgoingMessage) => Draft;
  /** The message: recipient, Message-ID, content, List-Unsubscribe headers (for the series, when given) and attachments. */
  message: (token: string, content: EmailContent, seriesSlug?: string, attachments?: Attachment[]) => OutgoingMessage;
};

/** The renderer of a message to a registered person: nothing is sent once the person has erased their data. */
export function toParticipant(render: (m: ToParticipant) => Draft | Skip): Renderer {
  return (db, row, ctx) => {
    const participant = row.participantId ? participantById(db, row.participantId) : undefined;
    if (!participant || participant.erasedAt) return skip("personne effacée");
    const messageId = messageIdFor(row, ctx.appUrl);
    const base = { to: row.toAddress, messageId, outboxId: row.id };
    return render({
      db,
      row,
      ctx,
      participant,
      draft: (complete) => ({ link: { kind: "personal-link", participantId: participant.id }, complete }),
      message: (token, content, seriesSlug, attachments) => ({
        ...base,
        ...content,
        headers: listHeaders(ctx.appUrl, token, seriesSlug),
        ...(attachments && { attachments }),
      }),
    });
  };
}

/** Registrations with their session, series and access (secret: emails and the personal space only). */
export function registrationsWithSessions(d: AppDatabase) {
  return d
    .select({ r: t.registrations, s: t.sessions, series: t.series, access: t.sessionAccess })
    .from(t.registrations)
    .innerJoin(t.sessions, eq(t.sessions.id, t.registrations.sessionId))
    .innerJoin(t.series, eq(t.series.id, t.sessions.seriesId))
    .leftJoin(t.sessionAccess, eq(t.sessionAccess.sessionId, t.sessions.id));
}

export function registrationWithSession(db: AppDatabase, registrationId: number) {
  return prepared(db, "msg.registrationWithSession", (d) =>
    registrationsWithSessions(d)
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

export const sessionInfo = (s: typeof t.sessions.$inferSelect, series: typeof t.series.$inferSelect, appUrl: string) => ({
  number: s.number,
  title: s.title,
  when: formatSessionWhen(s.startsAt, s.endsAt, series.timezone),
  mode: s.mode,
  venue: [s.venueName, s.venueAddress].filter(Boolean).join(", ") || null,
  pageUrl: `${appUrl}/series/${series.slug}/sessions/${s.slug}`,
});
