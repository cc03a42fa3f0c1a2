// Back-office view of the outbox: the email log (filters, pagination), resending one message, and
// previews of every kind of email (app/notifications/email-kinds.ts) filled with data from the
// database by the dispatcher's own (pure) renderer: opening them writes nothing.
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, ne, sql, type SQL } from "drizzle-orm";
import { DateTime } from "luxon";
import * as t from "../../db/schema";
import { applyPragmas, type AppDatabase } from "~/utils/db.server";
import { formatSessionWhen } from "~/utils/dates.server";
import { OUTBOX_STATUS_LABELS } from "~/utils/admin-labels";
import { EMAIL_KIND_LABELS, isEmailKind, resendDedupeKey, type EmailKind } from "~/notifications/email-kinds.server";
import { pageWindow, requestedPage } from "~/utils/pagination";
import { audit } from "../accounts/audit.server";
import { renderMessage } from "./messages.server";
import { enqueue, type OutboxRow } from "./outbox.server";
import type { Account } from "../accounts/accounts.server";

export const EMAIL_LOG_PAGE_SIZE = 50;
/** Times of the log are shown at Paris time (the platform's reference zone). */
export const EMAIL_LOG_ZONE = "Europe/Paris";

export type EmailLogFilters = {
  status: string | null;
  kind: EmailKind | null;
  /** "serie-<id>" (every email about a series) or "rdv-<id>" (about one session). */
  target: string | null;
  /** Part of the recipient's address. */
  q: string | null;
  page: number;
};

/** Reads the filters from the query string; unknown values are ignored rather than refused. */
export function parseEmailLogFilters(params: URLSearchParams): EmailLogFilters {
  const pick = (name: string) => {
    const v = params.get(name)?.trim();
    return v ? v : null;
  };
  const status = pick("statut");
  const kind = pick("type");
  const target = pick("cible");
  return {
    status: status && status in OUTBOX_STATUS_LABELS ? status : null,
    kind: kind && isEmailKind(kind) ? kind : null,
    target: target && /^(serie|rdv)-\d{1,9}$/.test(target) ? target : null,
    q: pick("destinataire")?.slice(0, 254) ?? null,
    page: requestedPage(params),
  };
}

/** The filters as query parameters (the names of the filter form), for the links between pages. */
export function emailLogQuery(f: EmailLogFilters): Record<string, string | null> {
  return { statut: f.status, type: f.kind, cible: f.target, destinataire: f.q };
}

function conditions(f: EmailLogFilters): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (f.status) parts.push(sql`${t.outbox.status} = ${f.status}`);
  if (f.kind) parts.push(eq(t.outbox.kind, f.kind));
  if (f.q) parts.push(sql`${t.outbox.toAddress} like ${`%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`);
  if (f.target) {
    const id = Number(f.target.split("-")[1]);
    if (f.target.startsWith("serie-")) {
      // Session emails through their session; confirmations (one per registration form) through their payload.
      parts.push(
        sql`(${t.outbox.sessionId} in (select id from sessions where series_id = ${id}) or (${t.outbox.sessionId} is null and json_extract(${t.outbox.payload}, '$.seriesId') = ${id}))`,
      );
    } else {
      parts.push(
        sql`(${t.outbox.sessionId} = ${id} or (${t.outbox.kind} = 'confirmation' and exists (select 1 from json_each(${t.outbox.payload}, '$.registrationIds') j join registrations r on r.id = j.value where r.session_id = ${id})))`,
      );
    }
  }
  return and(...parts);
}

export type EmailLogRow = {
  id: number;
  kind: string;
  toAddress: string;
  status: string;
  attempts: number;
  lastError: string | null;
  subject: string | null;
  dueAt: string;
  sentAt: string | null;
  /** "RDV #2", "RDV #1, #3" for a confirmation, or null. */
  sessions: string | null;
  seriesTitle: string | null;
  /** The copy kept in the development mailbox, when there is one. */
  devMessageId: number | null;
  /** A message can be sent again once it has left the queue. */
  resendable: boolean;
};

export function listEmailLog(db: AppDatabase, f: EmailLogFilters): { rows: EmailLogRow[]; total: number; page: number; pages: number } {
  const where = conditions(f);
  const total = db.select({ n: count() }).from(t.outbox).where(where).get()?.n ?? 0;
  const { page, pages, limit, offset } = pageWindow(total, f.page, EMAIL_LOG_PAGE_SIZE);
  const raw = db
    .select({
      o: t.outbox,
      sessionNumber: t.sessions.number,
      seriesTitle: t.series.title,
      devMessageId: sql<number | null>`(select max(d.id) from dev_mailbox d where d.outbox_id = ${t.outbox.id})`,
    })
    .from(t.outbox)
    .leftJoin(t.sessions, eq(t.sessions.id, t.outbox.sessionId))
    .leftJoin(t.series, eq(t.series.id, t.sessions.seriesId))
    .where(where)
    .orderBy(desc(t.outbox.id))
    .limit(limit)
    .offset(offset)
    .all();

  // Confirmations name their series and registrations in the payload: look them up once per page.
  const payloadOf = (o: OutboxRow) => (o.payload ?? {}) as { seriesId?: number; registrationIds?: number[] };
  const seriesIds = [...new Set(raw.map((r) => (r.o.sessionId ? undefined : payloadOf(r.o).seriesId)).filter((v): v is number => typeof v === "number"))];
  const registrationIds = [...new Set(raw.flatMap((r) => (r.o.kind === "confirmation" ? (payloadOf(r.o).registrationIds ?? []) : [])))].filter(
    (v) => typeof v === "number",
  );
  const seriesTitles = new Map(
    seriesIds.length
      ? db
          .select({ id: t.series.id, title: t.series.title })
          .from(t.series)
          .where(inArray(t.series.id, seriesIds))
          .all()
          .map((s) => [s.id, s.title])
      : [],
  );
  const numbers = new Map(
    registrationIds.length
      ? db
          .select({ id: t.registrations.id, number: t.sessions.number })
          .from(t.registrations)
          .innerJoin(t.sessions, eq(t.sessions.id, t.registrations.sessionId))
          .where(inArray(t.registrations.id, registrationIds))
          .all()
          .map((r) => [r.id, r.number])
      : [],
  );

  const rows = raw.map(({ o, sessionNumber, seriesTitle, devMessageId }): EmailLogRow => {
    let sessions: string | null = sessionNumber === null ? null : `RDV #${sessionNumber}`;
    let title = seriesTitle;
    if (!o.sessionId) {
      const p = payloadOf(o);
      if (typeof p.seriesId === "number") title = seriesTitles.get(p.seriesId) ?? null;
      const list = [...new Set((p.registrationIds ?? []).map((id) => numbers.get(id)).filter((n): n is number => n !== undefined))].sort((a, b) => a - b);
      if (list.length) sessions = `RDV ${list.map((n) => `#${n}`).join(", ")}`;
    }
    return {
      id: o.id,
      kind: o.kind,
      toAddress: o.toAddress,
      status: o.status,
      attempts: o.attempts,
      lastError: o.lastError,
      subject: o.subject,
      dueAt: o.dueAt,
      sentAt: o.sentAt,
      sessions,
      seriesTitle: title,
      devMessageId: devMessageId ?? null,
      resendable: o.status !== "pending" && o.status !== "sending",
    };
  });
  return { rows, total, page, pages };
}

/** Series and their sessions, for the "série ou rencontre" filter. */
export function emailLogTargets(db: AppDatabase) {
  const series = db.select({ id: t.series.id, title: t.series.title }).from(t.series).orderBy(asc(t.series.title)).all();
  const sessions = db
    .select({ id: t.sessions.id, seriesId: t.sessions.seriesId, number: t.sessions.number, title: t.sessions.title })
    .from(t.sessions)
    .orderBy(asc(t.sessions.number))
    .all();
  return series.map((s) => ({ ...s, sessions: sessions.filter((x) => x.seriesId === s.id).map(({ id, number, title }) => ({ id, number, title })) }));
}

/** "22/11/2026 10:00" at Paris time. */
export function formatLogTime(iso: string | null): string | null {
  if (!iso) return null;
  const dt = DateTime.fromISO(iso, { zone: "utc" }).setZone(EMAIL_LOG_ZONE);
  return dt.isValid ? dt.setLocale("fr").toFormat("dd/MM/yyyy HH:mm") : iso;
}

export type ResendResult = { ok: true; id: number; to: string } | { ok: false; message: string };

/**
 * Sends a message again: a new outbox row with the same kind, recipient and payload, under a new
 * dedupe key, so that the dispatcher renders it afresh (current data, a new personal link). Audited.
 */
export function resendMessage(db: AppDatabase, by: Pick<Account, "id">, outboxId: number, nowIso: string): ResendResult {
  return db.transaction(
    (tx) => {
      const row = tx.select().from(t.outbox).where(eq(t.outbox.id, outboxId)).get();
      if (!row) return { ok: false as const, message: "Ce message n’existe pas." };
      if (row.status === "pending" || row.status === "sending") {
        return { ok: false as const, message: "Ce message n’est pas encore parti : il sera envoyé à l’heure prévue." };
      }
      if (row.kind !== "sign-in") {
        const person = row.participantId
          ? tx.select({ erasedAt: t.participants.erasedAt }).from(t.participants).where(eq(t.participants.id, row.participantId)).get()
          : undefined;
        if (!person || person.erasedAt) return { ok: false as const, message: "La personne a effacé ses données : ce message ne peut plus être envoyé." };
      }
      if (!isEmailKind(row.kind)) return { ok: false as const, message: "Ce type de message n’existe plus : il ne peut pas être renvoyé." };
      const id = enqueue(tx, {
        kind: row.kind,
        dedupeKey: resendDedupeKey(row.id, nowIso),
        toAddress: row.toAddress,
        participantId: row.participantId,
        sessionId: row.sessionId,
        payload: row.payload ?? {},
        dueAt: nowIso,
      });
      if (id === null) return { ok: false as const, message: "Ce message vient d’être renvoyé ; réessayez dans quelques secondes si besoin." };
      audit(tx, by.id, "resend", "outbox", row.id, { newId: id, kind: row.kind, to: row.toAddress });
      return { ok: true as const, id, to: row.toAddress };
    },
    { behavior: "immediate" },
  );
}

// ---------------------------------------------------------------------------------------------
// Previews

export type Preview = {
  kind: string;
  label: string;
  /** What the example shows (which case, which data). */
  note: string;
} & ({ subject: string; text: string; html: string; attachments: string[] } | { unavailable: string });

export type PreviewSet = {
  /** Where the data comes from, in French, for the page. */
  source: string;
  sample: boolean;
  previews: Preview[];
};

const SAMPLE_SESSION_UPDATED_AT = "1970-01-01T00:00:00Z";

type Picked = { registrationId: number; participantId: number; email: string; seriesId: number; source: string; sample: boolean };

/** A confirmed registration to an upcoming session: a real one, else sample rows (in the scratch copy only). */
function pickRegistration(db: AppDatabase, nowIso: string): Picked {
  const real = db
    .select({ r: t.registrations, p: t.participants, s: t.sessions, series: t.series })
    .from(t.registrations)
    .innerJoin(t.participants, eq(t.participants.id, t.registrations.participantId))
    .innerJoin(t.sessions, eq(t.sessions.id, t.registrations.sessionId))
    .innerJoin(t.series, eq(t.series.id, t.sessions.seriesId))
    .where(
      and(
        eq(t.registrations.status, "confirmed"),
        isNull(t.participants.erasedAt),
        eq(t.sessions.status, "published"),
        gt(t.sessions.startsAt, nowIso),
        ne(t.series.status, "draft"),
      ),
    )
    .orderBy(asc(t.sessions.startsAt), asc(t.registrations.id))
    .limit(1)
    .get();
  if (real) {
    return {
      registrationId: real.r.id,
      participantId: real.p.id,
      email: real.p.email,
      seriesId: real.series.id,
      sample: false,
      source: `Données réelles : ${real.p.firstName} ${real.p.lastName}, inscrit·e à la rencontre RDV #${real.s.number} « ${real.s.title} » de la série « ${real.series.title} ».`,
    };
  }

  let session = db
    .select({ s: t.sessions, series: t.series })
    .from(t.sessions)
    .innerJoin(t.series, eq(t.series.id, t.sessions.seriesId))
    .where(and(eq(t.sessions.status, "published"), gt(t.sessions.startsAt, nowIso), ne(t.series.status, "draft")))
    .orderBy(asc(t.sessions.startsAt))
    .limit(1)
    .get();
  let source: string;
  if (session) {
    source = `Personne fictive (Camille Exemple) : personne n’est encore inscrit·e à une rencontre à venir. Rencontre réelle : RDV #${session.s.number} « ${session.s.title} » de la série « ${session.series.title} ».`;
  } else {
    // No upcoming session at all: a sample series and session, in the scratch copy only.
    const start = DateTime.fromISO(nowIso, { zone: "utc" }).plus({ days: 10 }).set({ hour: 8, minute: 0, second: 0 });
    const seriesId = db
      .insert(t.series)
      .values({ slug: `apercu-${randomBytes(6).toString("hex")}`, title: "Série d'exemple", status: "published", updatedAt: SAMPLE_SESSION_UPDATED_AT })
      .returning({ id: t.series.id })
      .get().id;
    const sessionId = db
      .insert(t.sessions)
      .values({
        seriesId,
        number: 1,
        slug: "rencontre-exemple",
        title: "Rencontre d'exemple",
        startsAt: start.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'"),
        endsAt: start.plus({ hours: 2, minutes: 30 }).toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'"),
        mode: "online",
        status: "published",
        updatedAt: SAMPLE_SESSION_UPDATED_AT,
      })
      .returning({ id: t.sessions.id })
      .get().id;
    db.insert(t.sessionAccess)
      .values({
        sessionId,
        provider: "Zoom",
        joinUrl: "https://zoom.us/j/00000000000?pwd=EXEMPLE",
        meetingId: "000 0000 0000",
        passcode: "000000",
        dialIn: [{ label: "France", number: "+33 1 00 00 00 00" }],
      })
      .run();
    session = db
      .select({ s: t.sessions, series: t.series })
      .from(t.sessions)
      .innerJoin(t.series, eq(t.series.id, t.sessions.seriesId))
      .where(eq(t.sessions.id, sessionId))
      .get()!;
    source = "Données d’exemple : la base ne contient aucune rencontre à venir. Série, rencontre, codes et personne sont fictifs.";
  }
  let email = "camille.exemple@example.org";
  if (db.select({ id: t.participants.id }).from(t.participants).where(eq(t.participants.email, email)).get())
    email = `camille.exemple.${randomBytes(4).toString("hex")}@example.org`;
  const participantId = db
    .insert(t.participants)
    .values({
      email,
      firstName: "Camille",
      lastName: "Exemple",
      organisation: "Structure d'exemple",
      structureType: "association",
      territory: "Exemple",
      dataConsentAt: nowIso,
      createdAt: nowIso,
      updatedAt: nowIso,
    })
    .returning({ id: t.participants.id })
    .get().id;
  const registrationId = db
    .insert(t.registrations)
    .values({ participantId, sessionId: session.s.id, status: "confirmed", confirmedAt: nowIso, createdAt: nowIso, updatedAt: nowIso })
    .returning({ id: t.registrations.id })
    .get().id;
  return { registrationId, participantId, email, seriesId: session.series.id, source, sample: true };
}

/**
 * Every kind of email, rendered by the dispatcher's own renderer from synthetic outbox rows about real
 * data. Rendering only reads (app/notifications/messages.server.ts) and the links it would carry are not
 * made: the previews show a placeholder token. The sample rows some cases need (a fictional person, a
 * registration to the session with a recording or on site) are written to a scratch in-memory copy
 * of the database, never to the database itself: opening the previews writes nothing.
 */
export function renderPreviews(db: AppDatabase, ctx: { appUrl: string; nowIso: string; account: Pick<Account, "id" | "email" | "name"> }): PreviewSet {
  const image = db.$client.serialize();
  // A WAL database's image says so (header bytes 18–19); in memory it must be a plain journal one.
  image[18] = image[19] = 1;
  const scratch = new Database(image);
  try {
    applyPragmas(scratch);
    return buildPreviews(drizzle(scratch, { schema: t }) as AppDatabase, ctx);
  } finally {
    scratch.close();
  }
}

/** The token shown in previews' links: not a real one (nothing is made), so they open nothing. */
export const PREVIEW_TOKEN = "apercu-lien-non-valable";

function buildPreviews(db: AppDatabase, ctx: { appUrl: string; nowIso: string; account: Pick<Account, "id" | "email" | "name"> }): PreviewSet {
  const picked = pickRegistration(db, ctx.nowIso);
  const target = db
    .select({ s: t.sessions, series: t.series })
    .from(t.registrations)
    .innerJoin(t.sessions, eq(t.sessions.id, t.registrations.sessionId))
    .innerJoin(t.series, eq(t.series.id, t.sessions.seriesId))
    .where(eq(t.registrations.id, picked.registrationId))
    .get()!;
  // The confirmation lists every live registration of that person in the series.
  const sameSeries = db
    .select({ id: t.registrations.id })
    .from(t.registrations)
    .innerJoin(t.sessions, eq(t.sessions.id, t.registrations.sessionId))
    .where(and(eq(t.registrations.participantId, picked.participantId), eq(t.sessions.seriesId, picked.seriesId), ne(t.registrations.status, "cancelled")))
    .orderBy(asc(t.sessions.startsAt))
    .all()
    .map((r) => r.id);
  const when = formatSessionWhen(target.s.startsAt, target.s.endsAt, target.series.timezone);
  const rdv = `RDV #${target.s.number}`;

  const row = (kind: EmailKind, extra: Partial<OutboxRow>): OutboxRow => ({
    id: 0,
    kind,
    dedupeKey: `apercu:${kind}`,
    participantId: picked.participantId,
    sessionId: null,
    toAddress: picked.email,
    payload: {},
    dueAt: ctx.nowIso,
    status: "pending",
    attempts: 0,
    nextAttemptAt: ctx.nowIso,
    leaseUntil: null,
    leaseOwner: null,
    lastError: null,
    subject: null,
    messageId: null,
    sentAt: null,
    createdAt: ctx.nowIso,
    ...extra,
  });
  const inviter = ctx.account.name ?? ctx.account.email;
  // "Recording available": a published recording of some session, and (in the scratch copy) the
  // picked person registered to that session if they were not.
  const recording = db
    .select({ id: t.resources.id, sessionId: t.resources.sessionId })
    .from(t.resources)
    .where(and(eq(t.resources.type, "recording"), eq(t.resources.published, true), isNotNull(t.resources.sessionId)))
    .orderBy(asc(t.resources.id))
    .get();
  let recordingRegistration: number | null = null;
  if (recording?.sessionId) {
    const existing = db
      .select({ id: t.registrations.id, status: t.registrations.status })
      .from(t.registrations)
      .where(and(eq(t.registrations.participantId, picked.participantId), eq(t.registrations.sessionId, recording.sessionId)))
      .get();
    if (existing) db.update(t.registrations).set({ status: "confirmed" }).where(eq(t.registrations.id, existing.id)).run();
    recordingRegistration =
      existing?.id ??
      db
        .insert(t.registrations)
        .values({
          participantId: picked.participantId,
          sessionId: recording.sessionId,
          status: "confirmed",
          confirmedAt: ctx.nowIso,
          createdAt: ctx.nowIso,
          updatedAt: ctx.nowIso,
        })
        .returning({ id: t.registrations.id })
        .get().id;
  }
  // The J-2 email of whoever comes on site: the picked person on site at an in-person or hybrid
  // session (in the scratch copy).
  const onsite = db
    .select({ id: t.sessions.id })
    .from(t.sessions)
    .where(and(ne(t.sessions.mode, "online"), eq(t.sessions.status, "published")))
    .orderBy(asc(t.sessions.startsAt))
    .get();
  let onsiteRegistration: number | null = null;
  if (onsite) {
    const existing = db
      .select({ id: t.registrations.id })
      .from(t.registrations)
      .where(and(eq(t.registrations.participantId, picked.participantId), eq(t.registrations.sessionId, onsite.id)))
      .get();
    if (existing) db.update(t.registrations).set({ status: "confirmed", participation: "onsite" }).where(eq(t.registrations.id, existing.id)).run();
    onsiteRegistration =
      existing?.id ??
      db
        .insert(t.registrations)
        .values({
          participantId: picked.participantId,
          sessionId: onsite.id,
          status: "confirmed",
          participation: "onsite",
          confirmedAt: ctx.nowIso,
          createdAt: ctx.nowIso,
          updatedAt: ctx.nowIso,
        })
        .returning({ id: t.registrations.id })
        .get().id;
  }
  type Case = { kind: string; label: string; note: string; row: OutboxRow };
  const L = EMAIL_KIND_LABELS;
  // One entry per kind (the compiler asks for a new kind's preview), shown in this order.
  const byKind: Record<EmailKind, Case[]> = {
    confirmation: [
      {
        kind: "confirmation",
        label: L.confirmation,
        note: "Après le formulaire d’inscription : une ligne par rencontre choisie.",
        row: row("confirmation", { payload: { seriesId: picked.seriesId, registrationIds: sameSeries, alreadyIds: [] } }),
      },
    ],
    promotion: [
      {
        kind: "promotion",
        label: L.promotion,
        note: `Quand une place se libère et que la personne quitte la liste d’attente (${rdv}).`,
        row: row("promotion", { sessionId: target.s.id, payload: { registrationId: picked.registrationId } }),
      },
    ],
    "personal-link": [
      {
        kind: "personal-link",
        label: L["personal-link"],
        note: "Quand la personne redemande le lien de son espace.",
        row: row("personal-link", {}),
      },
    ],
    "access-codes": [
      {
        kind: "access-codes",
        label: L["access-codes"],
        note: `Envoyé ${target.series.accessDaysBefore === 0 ? "le jour" : `${target.series.accessDaysBefore} jour(s) avant`} la rencontre, à ${target.series.accessSendAt}, aux inscrit·es confirmé·es (${rdv}, ${when}).`,
        row: row("access-codes", { sessionId: target.s.id, payload: { registrationId: picked.registrationId } }),
      },
    ],
    correction: [
      {
        kind: "correction",
        label: L.correction,
        note: "Exemple : l’horaire et les codes de connexion ont changé après l’envoi des codes.",
        row: row("correction", { sessionId: target.s.id, payload: { registrationId: picked.registrationId, changes: ["time", "access"] } }),
      },
    ],
    "practical-info":
      onsite && onsiteRegistration
        ? [
            {
              kind: "practical-info",
              label: L["practical-info"],
              note: "Envoyé à la même heure que les codes, à qui vient sur place (rencontre en présentiel, ou hybride choisie « sur place ») : l’adresse, l’accès, l’accessibilité, le contact ; jamais les codes.",
              row: row("practical-info", { sessionId: onsite.id, payload: { registrationId: onsiteRegistration } }),
            },
          ]
        : [],
    "session-cancelled": [
      {
        kind: "session-cancelled",
        label: L["session-cancelled"],
        note: `Si la rencontre ${rdv} était annulée (exemple : elle ne l’est pas).`,
        row: row("session-cancelled", { sessionId: target.s.id, payload: { registrationId: picked.registrationId } }),
      },
    ],
    "session-postponed": [
      {
        kind: "session-postponed",
        label: L["session-postponed"],
        note: `Si la rencontre ${rdv} était reportée (exemple : la date affichée est sa date actuelle).`,
        row: row("session-postponed", { sessionId: target.s.id, payload: { registrationId: picked.registrationId } }),
      },
    ],
    "recording-available":
      recording?.sessionId && recordingRegistration
        ? [
            {
              kind: "recording-available",
              label: L["recording-available"],
              note: "Quand l’enregistrement d’une rencontre est publié : une fois par inscrit·e confirmé·e de cette rencontre.",
              row: row("recording-available", { sessionId: recording.sessionId, payload: { resourceId: recording.id, registrationId: recordingRegistration } }),
            },
          ]
        : [],
    "sign-in": [
      {
        kind: "sign-in",
        label: L["sign-in"],
        note: `Lien de connexion à l’espace organisateurs, ici pour votre propre compte (${ctx.account.email}).`,
        row: row("sign-in", { participantId: null, toAddress: ctx.account.email, payload: { organiserId: ctx.account.id } }),
      },
      {
        kind: "invitation",
        label: "Invitation d’un organisateur",
        note: `Invitation envoyée par un administrateur (ici : ${inviter}), adressée pour l’exemple à votre propre compte.`,
        row: row("sign-in", {
          dedupeKey: "apercu:invitation",
          participantId: null,
          toAddress: ctx.account.email,
          payload: { organiserId: ctx.account.id, invitedBy: inviter },
        }),
      },
    ],
  };
  const cases = Object.values(byKind).flat();

  const previews = cases.map(({ kind, label, note, row: r }): Preview => {
    try {
      const draft = renderMessage(db, r, { appUrl: ctx.appUrl, nowIso: ctx.nowIso });
      if ("skip" in draft) return { kind, label, note, unavailable: `Ce message ne serait pas envoyé dans ce cas : ${draft.reason}.` };
      const m = draft.complete(PREVIEW_TOKEN);
      return { kind, label, note, subject: m.subject, text: m.text, html: m.html, attachments: (m.attachments ?? []).map((a) => a.filename) };
    } catch (error) {
      return { kind, label, note, unavailable: `Aperçu impossible : ${(error as Error).message}` };
    }
  });
  return { source: picked.source, sample: picked.sample, previews };
}
