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
import { messageIdFor, sessionInfo, skip, toParticipant, type Draft, type Renderer, type Skip } from "./message-parts.server";

function messageWithSeries(db: AppDatabase, messageId: number) {
  const found = db
    .select({ m: t.registrantMessages, series: t.series, s: t.sessions })
    .from(t.registrantMessages)
    .innerJoin(t.series, eq(t.series.id, t.registrantMessages.seriesId))
    .leftJoin(t.sessions, eq(t.sessions.id, t.registrantMessages.sessionId))
    .where(eq(t.registrantMessages.id, messageId))
    .get();
  return found;
}

const toPerson = toParticipant(({ db, row, ctx, participant, draft, message }): Draft | Skip => {
  const { messageId } = row.payload as MessagePayload;
  const found = messageWithSeries(db, messageId);
  if (!found) return skip("message supprimé");
  const { m, series, s } = found;
  if (m.status === "cancelled") return skip("message annulé");
  if (m.kind === "news" && !participant.newsConsent) return skip("désinscrit·e des nouvelles");
  const live = db
    .select({ id: t.registrations.id })
    .from(t.registrations)
    .innerJoin(t.sessions, eq(t.sessions.id, t.registrations.sessionId))
    .where(
      and(
        eq(t.registrations.participantId, participant.id),
        eq(t.sessions.seriesId, series.id),
        m.sessionId === null ? sql`1` : eq(t.registrations.sessionId, m.sessionId),
        ne(t.registrations.status, "cancelled"),
      ),
    )
    .get();
  if (!live) return skip("inscription annulée depuis");
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
