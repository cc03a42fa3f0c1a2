// The renderer of a message to registrants (app/messages/messages.server.ts says who gets it and when):
// the organisers' subject and text read at sending time, the session it is about, the person's
// personal link. Skipped when the message was cancelled, when the person no longer has a live
// registration it was meant for, or, for news, when they unsubscribed since. A test send goes to an
// organiser: no personal link, no List-Unsubscribe.
import { and, eq, ne, sql } from "drizzle-orm";
import * as t from "../../db/schema";
import { EMAIL_KIND_SPECS as EMAILS } from "~/notifications/email-kinds.server";
import type { MessagePayload } from "~/messages/messages.server";
import type { AppDatabase } from "~/utils/db.server";
import { prepared } from "~/utils/prepared.server";
import { messageIdFor, sessionInfo, skip, toParticipant, type Draft, type Renderer, type Skip } from "./message-parts.server";

function messageWithSeries(db: AppDatabase, messageId: number) {
  return prepared(db, "msg.registrantMessage", (d) =>
    d
      .select({ m: t.registrantMessages, series: t.series, s: t.sessions })
      .from(t.registrantMessages)
      .innerJoin(t.series, eq(t.series.id, t.registrantMessages.seriesId))
      .leftJoin(t.sessions, eq(t.sessions.id, t.registrantMessages.sessionId))
      .where(eq(t.registrantMessages.id, sql.placeholder("id")))
      .prepare(),
  ).get({ id: messageId });
}

/** Whether the person still has a registration the message was meant for (not cancelled; in its session, or in the series). */
function stillRegistered(db: AppDatabase, participantId: number, seriesId: number, sessionId: number | null): boolean {
  const row = prepared(db, "msg.registrantMessageLive", (d) =>
    d
      .select({ id: t.registrations.id })
      .from(t.registrations)
      .innerJoin(t.sessions, eq(t.sessions.id, t.registrations.sessionId))
      .where(
        and(
          eq(t.registrations.participantId, sql.placeholder("participantId")),
          eq(t.sessions.seriesId, sql.placeholder("seriesId")),
          sql`(${sql.placeholder("sessionId")} is null or ${t.registrations.sessionId} = ${sql.placeholder("sessionId")})`,
          ne(t.registrations.status, "cancelled"),
        ),
      )
      .limit(1)
      .prepare(),
  ).get({ participantId, seriesId, sessionId });
  return row !== undefined;
}

const toPerson = toParticipant(({ db, row, ctx, participant, draft, message }): Draft | Skip => {
  const { messageId } = row.payload as MessagePayload;
  const found = messageWithSeries(db, messageId);
  if (!found) return skip("message supprimé");
  const { m, series, s } = found;
  if (m.status === "cancelled") return skip("message annulé");
  if (m.kind === "news" && !participant.newsConsent) return skip("désinscrit·e des nouvelles");
  if (!stillRegistered(db, participant.id, series.id, m.sessionId)) return skip("inscription annulée depuis");
  return draft((token) =>
    message(
      token,
      EMAILS.message.template({
        firstName: participant.firstName,
        seriesTitle: series.title,
        subject: m.subject,
        body: m.body,
        kind: m.kind,
        session: s ? sessionInfo(s, series, ctx.appUrl) : null,
        personalUrl: `${ctx.appUrl}/moi/${token}`,
      }),
      series.slug,
    ),
  );
});

export const renderRegistrantMessage: Renderer = (db, row, ctx) => {
  const payload = row.payload as MessagePayload;
  if (!payload.test) return toPerson(db, row, ctx);
  const found = messageWithSeries(db, payload.messageId);
  if (!found) return skip("message supprimé");
  const account = payload.accountId ? db.select().from(t.accounts).where(eq(t.accounts.id, payload.accountId)).get() : undefined;
  const { m, series, s } = found;
  return {
    link: { kind: "none" },
    complete: () => ({
      to: row.toAddress,
      messageId: messageIdFor(row, ctx.appUrl),
      outboxId: row.id,
      ...EMAILS.message.template({
        firstName: account?.name ?? row.toAddress,
        seriesTitle: series.title,
        subject: m.subject,
        body: m.body,
        kind: m.kind,
        session: s ? sessionInfo(s, series, ctx.appUrl) : null,
        personalUrl: `${ctx.appUrl}/moi`,
        test: true,
      }),
    }),
  };
};
