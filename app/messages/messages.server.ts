// MESSAGES TO REGISTRANTS — who gets one, when it leaves, the one place that says it.
//
// An organiser writes to the registrants of a series, or of one of its sessions, chosen by status:
// confirmed, waiting list, and the attendance of confirmed registrations (present, absent, excused).
// Never included: cancelled registrations and erased people. A "service" message (about sessions they
// are registered for) goes to everyone chosen; a "news" message only to people who accepted news and
// did not unsubscribe since (participants.news_consent).
//
// A message is a draft, then leaves "now" or at a local date and time in the series' zone (scheduled).
// Its emails are queued only when it leaves: by the action for "send now", by the dispatch run's
// planner (planMessages) for a scheduled one. Until then it can be edited or cancelled, and nothing
// is in the outbox. Queuing is one INSERT … SELECT: one outbox row per person (a person registered to
// several sessions gets one email), keyed by message and person, so it happens once whatever runs twice.
// A test send goes to the organiser's own address, with its own key. Sends, schedules and cancellations
// are written to the audit log.
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import * as t from "../../db/schema";
import { audit } from "~/accounts/audit.server";
import { MESSAGE_DEDUPE_SQL, dedupeKeyOf } from "~/notifications/email-kinds.server";
import { enqueue } from "~/notifications/outbox.server";
import { localToUtc, utcToLocalString } from "~/utils/dates.server";
import type { AppDatabase, Tx } from "~/utils/db.server";
import { BODY_MAX, MESSAGE_AUDIENCES, MESSAGE_KINDS, SUBJECT_MAX, type MessageAudience, type MessageKind } from "./message-form";

export type RegistrantMessage = typeof t.registrantMessages.$inferSelect;
export type MessageInput = { sessionId: number | null; kind: MessageKind; audience: MessageAudience[]; subject: string; body: string };
export type Problems = Record<string, string>;
type By = { id: number; email: string };

/** The form's values as typed, to be shown again. */
export type MessageValues = { subject: string; body: string; scope: string; kind: string; audience: string[]; sendAt: string };

/** What the message payload of an outbox row holds. */
/** `seriesId` lets the email log's series filter find a series-wide message (no session). */
export type MessagePayload = { messageId: number; seriesId: number; test?: boolean; accountId?: number };

/** Reads and checks the form: a French message per wrong field. `scope` is "serie" or a session number. */
export function readMessageForm(
  form: FormData,
  sessions: { id: number; number: number }[],
): { values: MessageValues; input: MessageInput | null; problems: Problems } {
  const str = (name: string) => String(form.get(name) ?? "");
  const values: MessageValues = {
    subject: str("subject").trim(),
    body: str("body"),
    scope: str("scope") || "serie",
    kind: str("kind"),
    audience: form.getAll("audience").map(String),
    sendAt: str("sendAt"),
  };
  const problems: Problems = {};
  if (!values.subject) problems.subject = "Indiquez l’objet du message.";
  else if (values.subject.length > SUBJECT_MAX) problems.subject = `L’objet ne peut dépasser ${SUBJECT_MAX} caractères.`;
  if (!values.body.trim()) problems.body = "Écrivez le texte du message.";
  else if (values.body.length > BODY_MAX) problems.body = `Le texte ne peut dépasser ${BODY_MAX} caractères.`;
  const session = values.scope === "serie" ? null : sessions.find((s) => String(s.number) === values.scope);
  if (session === undefined) problems.scope = "Choisissez la série entière ou l’une de ses rencontres.";
  if (!(MESSAGE_KINDS as readonly string[]).includes(values.kind)) problems.kind = "Choisissez le type de message : information de service ou nouvelles.";
  const audience = values.audience.filter((a): a is MessageAudience => (MESSAGE_AUDIENCES as readonly string[]).includes(a));
  if (!audience.length || audience.length !== values.audience.length) problems.audience = "Cochez au moins un statut de destinataires.";
  if (Object.keys(problems).length) return { values, input: null, problems };
  return {
    values,
    input: { sessionId: session?.id ?? null, kind: values.kind as MessageKind, audience, subject: values.subject, body: values.body },
    problems,
  };
}

/** A local date and time of the form (`datetime-local`, series' zone), as a UTC instant after `nowIso`, or the problem. */
export function readSendAt(value: string, zone: string, nowIso: string): { ok: true; utc: string } | { ok: false; problem: string } {
  if (!value) return { ok: false, problem: "Indiquez la date et l’heure d’envoi." };
  const r = localToUtc(value.slice(0, 16), zone);
  if (!r.ok)
    return {
      ok: false,
      problem: r.reason === "nonexistent" ? "Cette heure n’existe pas ce jour-là (changement d’heure) : choisissez-en une autre." : "Date ou heure invalide.",
    };
  if (r.utc <= nowIso) return { ok: false, problem: "Choisissez une date et une heure à venir." };
  return { ok: true, utc: r.utc };
}

/** The registrations a message reaches, over `registrations r join participants p join sessions s`. */
function audienceWhere(m: Pick<RegistrantMessage, "seriesId" | "sessionId" | "kind" | "audience">): SQL {
  const attendance = m.audience.filter((a) => a === "present" || a === "absent" || a === "excused");
  const byStatus: SQL[] = [];
  if (m.audience.includes("confirmed")) byStatus.push(sql`r.status = 'confirmed'`);
  if (m.audience.includes("waiting")) byStatus.push(sql`r.status = 'waiting'`);
  if (attendance.length)
    byStatus.push(
      sql`(r.status = 'confirmed' and r.attendance in (${sql.join(
        attendance.map((a) => sql`${a}`),
        sql`, `,
      )}))`,
    );
  const parts = [
    sql`s.series_id = ${m.seriesId}`,
    m.sessionId === null ? null : sql`r.session_id = ${m.sessionId}`,
    sql`r.status <> 'cancelled'`,
    sql`p.erased_at is null`,
    m.kind === "news" ? sql`p.news_consent = 1` : null,
    byStatus.length ? sql`(${sql.join(byStatus, sql` or `)})` : sql`0`,
  ].filter((p): p is SQL => p !== null);
  return sql.join(parts, sql` and `);
}

/** How many people a message would reach (one per person, whatever their number of sessions). */
export function countAudience(db: AppDatabase | Tx, m: Pick<RegistrantMessage, "seriesId" | "sessionId" | "kind" | "audience">): number {
  const row = db.get<{ n: number }>(sql`
    select count(distinct r.participant_id) as n
    from registrations r join participants p on p.id = r.participant_id join sessions s on s.id = r.session_id
    where ${audienceWhere(m)}`);
  return row?.n ?? 0;
}

export function findMessage(db: AppDatabase | Tx, seriesId: number, id: number): RegistrantMessage | undefined {
  return db
    .select()
    .from(t.registrantMessages)
    .where(and(eq(t.registrantMessages.seriesId, seriesId), eq(t.registrantMessages.id, id)))
    .get();
}

export const isEditable = (m: Pick<RegistrantMessage, "status">) => m.status === "draft" || m.status === "scheduled";

/** Creates a draft, or changes a message that has not left yet. Returns its id, or null when it can no longer change. */
export function saveMessage(db: AppDatabase, by: By, seriesId: number, id: number | null, input: MessageInput, nowIso: string): number | null {
  return db.transaction((tx) => {
    if (id === null) {
      const row = tx
        .insert(t.registrantMessages)
        .values({ seriesId, ...input, accountId: by.id, createdAt: nowIso, updatedAt: nowIso })
        .returning({ id: t.registrantMessages.id })
        .get();
      return row.id;
    }
    const found = findMessage(tx, seriesId, id);
    if (!found || !isEditable(found)) return null;
    tx.update(t.registrantMessages)
      .set({ ...input, updatedAt: nowIso })
      .where(eq(t.registrantMessages.id, id))
      .run();
    if (found.status === "scheduled") audit(tx, by.id, "update", "message", id, { sendAt: found.sendAt, subject: input.subject });
    return id;
  });
}

export type SendResult = { ok: true; queued: number | null } | { ok: false; problem: string };

const EMPTY_AUDIENCE =
  "Personne ne recevrait ce message : aucune inscription ne correspond à ces statuts (les inscriptions annulées, les personnes effacées et, pour des nouvelles, celles qui ne les ont pas acceptées ne sont jamais comptées). Rien n’a été envoyé.";

/**
 * Sends the message at `sendAtIso` (local time already read in the series' zone), or now when
 * `sendAtIso` is null: then its emails are queued at once. Refused for an empty audience.
 */
export function sendMessage(db: AppDatabase, by: By, seriesId: number, id: number, sendAtIso: string | null, nowIso: string): SendResult {
  return db.transaction(
    (tx): SendResult => {
      const m = findMessage(tx, seriesId, id);
      if (!m || !isEditable(m)) return { ok: false, problem: "Ce message est déjà parti ou a été annulé : il ne peut plus être envoyé." };
      const count = countAudience(tx, m);
      if (!count) return { ok: false, problem: EMPTY_AUDIENCE };
      const at = sendAtIso ?? nowIso;
      tx.update(t.registrantMessages).set({ status: "scheduled", sendAt: at, updatedAt: nowIso }).where(eq(t.registrantMessages.id, id)).run();
      audit(tx, by.id, sendAtIso ? "schedule" : "send", "message", id, { sendAt: at, subject: m.subject, audience: m.audience, expected: count });
      if (sendAtIso) return { ok: true, queued: null };
      return { ok: true, queued: queueMessage(tx, { ...m, sendAt: at }, nowIso) };
    },
    { behavior: "immediate" },
  );
}

/** Cancels a scheduled message before it leaves (and any of its emails still waiting). */
export function cancelMessage(db: AppDatabase, by: By, seriesId: number, id: number, nowIso: string): boolean {
  return db.transaction((tx) => {
    const m = findMessage(tx, seriesId, id);
    if (!m || m.status !== "scheduled") return false;
    tx.update(t.registrantMessages).set({ status: "cancelled", updatedAt: nowIso }).where(eq(t.registrantMessages.id, id)).run();
    tx.run(sql`update outbox set status = 'cancelled', last_error = 'message annulé'
               where kind = 'message' and status = 'pending' and json_extract(payload, '$.messageId') = cast(${id} as integer)`);
    audit(tx, by.id, "cancel", "message", id, { sendAt: m.sendAt, subject: m.subject });
    return true;
  });
}

/** A test to the organiser's own address, through the outbox (its own key: each test is a new email). */
export function sendTest(db: AppDatabase, by: By, seriesId: number, id: number, nowIso: string): boolean {
  return db.transaction((tx) => {
    const m = findMessage(tx, seriesId, id);
    if (!m) return false;
    const payload: MessagePayload = { messageId: id, seriesId, test: true, accountId: by.id };
    enqueue(tx, {
      kind: "message",
      dedupeKey: dedupeKeyOf("message", { test: { messageId: id, accountId: by.id, nowIso } }),
      toAddress: by.email,
      payload,
      dueAt: nowIso,
    });
    audit(tx, by.id, "test", "message", id, { to: by.email });
    return true;
  });
}

/** Queues one email per person of the audience (one INSERT … SELECT) and marks the message sent. Returns how many. */
function queueMessage(tx: Tx | AppDatabase, m: RegistrantMessage, nowIso: string): number {
  const due = m.sendAt ?? nowIso;
  const result = tx.run(sql`
    insert into outbox (kind, dedupe_key, participant_id, session_id, series_id, to_address, payload, due_at, next_attempt_at)
    select 'message', ${MESSAGE_DEDUPE_SQL(m.id)}, r.participant_id, ${m.sessionId}, ${m.seriesId}, p.email, json_object('messageId', cast(${m.id} as integer), 'seriesId', cast(${m.seriesId} as integer)), ${due}, ${due}
    from registrations r join participants p on p.id = r.participant_id join sessions s on s.id = r.session_id
    where ${audienceWhere(m)}
    group by r.participant_id
    on conflict (dedupe_key) do nothing`);
  tx.update(t.registrantMessages)
    .set({ status: "sent", queuedAt: nowIso, recipients: sql`coalesce(${t.registrantMessages.recipients}, 0) + ${result.changes}`, updatedAt: nowIso })
    .where(eq(t.registrantMessages.id, m.id))
    .run();
  return result.changes;
}

/** The dispatch run's planner: queues the scheduled messages whose time has come. Returns how many emails. */
export function planMessages(db: AppDatabase, nowIso: string): number {
  const due = db
    .select()
    .from(t.registrantMessages)
    .where(and(eq(t.registrantMessages.status, "scheduled"), sql`${t.registrantMessages.sendAt} <= ${nowIso}`))
    .all();
  let queued = 0;
  for (const m of due)
    queued += db.transaction(
      (tx) => {
        const still = tx.select().from(t.registrantMessages).where(eq(t.registrantMessages.id, m.id)).get();
        return still?.status === "scheduled" ? queueMessage(tx, still, nowIso) : 0;
      },
      { behavior: "immediate" },
    );
  return queued;
}

export type MessageListRow = RegistrantMessage & { sessionNumber: number | null; sent: number; failed: number; waiting: number; sendAtLocal: string | null };

/** The series' messages, newest first, with their emails' outcomes from the outbox (tests left out). */
export function listMessages(db: AppDatabase, seriesId: number, zone: string): MessageListRow[] {
  const rows = db
    .select({ m: t.registrantMessages, sessionNumber: t.sessions.number })
    .from(t.registrantMessages)
    .leftJoin(t.sessions, eq(t.sessions.id, t.registrantMessages.sessionId))
    .where(eq(t.registrantMessages.seriesId, seriesId))
    .orderBy(desc(t.registrantMessages.id))
    .all();
  const counts = new Map<number, { sent: number; failed: number; waiting: number }>();
  if (rows.some((r) => r.m.queuedAt)) {
    const outcomes = db.all<{ id: number; status: string; n: number }>(sql`
      select json_extract(payload, '$.messageId') as id, status, count(*) as n from outbox
      where kind = 'message' and json_extract(payload, '$.test') is null
        and json_extract(payload, '$.messageId') in (select id from registrant_messages where series_id = ${seriesId})
      group by 1, 2`);
    for (const o of outcomes) {
      const c = counts.get(o.id) ?? { sent: 0, failed: 0, waiting: 0 };
      if (o.status === "sent") c.sent += o.n;
      else if (o.status === "failed") c.failed += o.n;
      else if (o.status === "pending" || o.status === "sending") c.waiting += o.n;
      counts.set(o.id, c);
    }
  }
  return rows.map((r) => ({
    ...r.m,
    sessionNumber: r.sessionNumber,
    ...(counts.get(r.m.id) ?? { sent: 0, failed: 0, waiting: 0 }),
    sendAtLocal: r.m.sendAt ? utcToLocalString(r.m.sendAt, zone) : null,
  }));
}
