// What the back-office pages of messages to registrants show (app/routes/admin/series/messages.tsx,
// message-editor.tsx): the series' sessions to choose from, a message's values for the form, its
// audience count, its send time in the series' zone. The rules are in messages.server.ts.
import { asc, eq } from "drizzle-orm";
import * as t from "../../db/schema";
import { formatDay, formatTime, fromUtcIso, utcToLocalString } from "~/utils/dates.server";
import type { AppDatabase } from "~/utils/db.server";
import { sessionInfo } from "~/notifications/message-parts.server";
import type { SeriesRow } from "~/series/series-lookup.server";
import { registrantMessageEmail } from "../../emails/message";
import { countAudience, findMessage, isEditable, type MessageValues, type RegistrantMessage } from "./messages.server";

export type SessionChoice = { id: number; number: number; label: string };

/** The series' sessions, as the scope select offers them. */
export function sessionChoices(db: AppDatabase, seriesId: number, zone: string): SessionChoice[] {
  return db
    .select({ id: t.sessions.id, number: t.sessions.number, title: t.sessions.title, startsAt: t.sessions.startsAt })
    .from(t.sessions)
    .where(eq(t.sessions.seriesId, seriesId))
    .orderBy(asc(t.sessions.number))
    .all()
    .map((s) => ({ id: s.id, number: s.number, label: `RDV #${s.number} — ${s.title} (${formatDay(fromUtcIso(s.startsAt, zone))})` }));
}

/** "lundi 29 mars 2027 à 9 h" in the series' zone. */
export const localWhen = (iso: string, zone: string) => {
  const dt = fromUtcIso(iso, zone);
  return `${formatDay(dt)} à ${formatTime(dt)}`;
};

export function valuesOf(m: RegistrantMessage, sessions: SessionChoice[], zone: string): MessageValues {
  return {
    subject: m.subject,
    body: m.body,
    scope: m.sessionId === null ? "serie" : String(sessions.find((s) => s.id === m.sessionId)?.number ?? "serie"),
    kind: m.kind,
    audience: m.audience,
    sendAt: m.sendAt && m.status === "scheduled" ? utcToLocalString(m.sendAt, zone) : "",
  };
}

export const EMPTY_VALUES: MessageValues = { subject: "", body: "", scope: "serie", kind: "service", audience: ["confirmed"], sendAt: "" };

/** The editor's data: the message (null for a new one), its values, who it would reach now. */
export function editorData(db: AppDatabase, series: SeriesRow, idParam: string, appUrl: string) {
  const sessions = sessionChoices(db, series.id, series.timezone);
  if (idParam === "nouveau") return { message: null, values: EMPTY_VALUES, sessions, count: null, preview: null };
  const id = Number(idParam);
  const m = Number.isInteger(id) ? findMessage(db, series.id, id) : undefined;
  if (!m) return null;
  return {
    message: {
      id: m.id,
      status: m.status,
      editable: isEditable(m),
      sendAtText: m.sendAt ? localWhen(m.sendAt, series.timezone) : null,
      recipients: m.recipients,
    },
    values: valuesOf(m, sessions, series.timezone),
    sessions,
    count: isEditable(m) ? countAudience(db, m) : null,
    preview: messagePreview(db, m, series, appUrl),
  };
}

/** The text part of the email as a person would read it (a placeholder first name and link): the editor's preview. */
export function messagePreview(db: AppDatabase, m: RegistrantMessage, series: SeriesRow, appUrl: string) {
  const s = m.sessionId === null ? undefined : db.select().from(t.sessions).where(eq(t.sessions.id, m.sessionId)).get();
  const email = registrantMessageEmail({
    firstName: "Prénom",
    seriesTitle: series.title,
    subject: m.subject,
    body: m.body,
    kind: m.kind,
    session: s ? sessionInfo(s, series, appUrl) : null,
    personalUrl: `${appUrl}/moi/…`,
  });
  return { subject: email.subject, text: email.text };
}
