// Back-office view of the outbox: the email log (filters, pagination), resending one message, and
// previews of every email template filled with data from the database, rendered without side effects.
import { randomBytes } from "node:crypto";
import { and, asc, count, desc, eq, gt, inArray, isNotNull, isNull, ne, sql, type SQL } from "drizzle-orm";
import { DateTime } from "luxon";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import { formatSessionWhen } from "~/utils/dates.server";
import { OUTBOX_KIND_LABELS, OUTBOX_STATUS_LABELS } from "~/utils/admin-labels";
import { pageWindow, requestedPage } from "~/utils/pagination";
import { audit } from "./audit.server";
import { renderMessage } from "./messages.server";
import { enqueue, type OutboxRow } from "./outbox.server";
import type { Organiser } from "./organisers.server";

export const EMAIL_LOG_PAGE_SIZE = 50;
/** Times of the log are shown at Paris time (the platform's reference zone). */
export const EMAIL_LOG_ZONE = "Europe/Paris";

export type EmailLogFilters = {
  status: string | null;
  kind: string | null;
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
    kind: kind && kind in OUTBOX_KIND_LABELS ? kind : null,
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
  const registrationIds = [...new Set(raw.flatMap((r) => (r.o.kind === "confirmation" ? (payloadOf(r.o).registrationIds ?? []) : [])))].filter((v) => typeof v === "number");
  const seriesTitles = new Map(
    seriesIds.length ? db.select({ id: t.series.id, title: t.series.title }).from(t.series).where(inArray(t.series.id, seriesIds)).all().map((s) => [s.id, s.title]) : [],
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
export function resendMessage(db: AppDatabase, by: Pick<Organiser, "id">, outboxId: number, nowIso: string): ResendResult {
  return db.transaction(
    (tx) => {
      const row = tx.select().from(t.outbox).where(eq(t.outbox.id, outboxId)).get();
      if (!row) return { ok: false as const, message: "Ce message n’existe pas." };
      if (row.status === "pending" || row.status === "sending") {
        return { ok: false as const, message: "Ce message n’est pas encore parti : il sera envoyé à l’heure prévue." };
      }
      if (row.kind !== "sign-in") {
        const person = row.participantId ? tx.select({ erasedAt: t.participants.erasedAt }).from(t.participants).where(eq(t.participants.id, row.participantId)).get() : undefined;
        if (!person || person.erasedAt) return { ok: false as const, message: "La personne a effacé ses données : ce message ne peut plus être envoyé." };
      }
      const id = enqueue(tx, {
        kind: row.kind,
        dedupeKey: `resend:${row.id}:${nowIso}`,
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

class Rollback extends Error {
  constructor() {
    super("preview rollback");
  }
}

const SAMPLE_SESSION_UPDATED_AT = "1970-01-01T00:00:00Z";

type Picked = { registrationId: number; participantId: number; email: string; seriesId: number; source: string; sample: boolean };

/** A confirmed registration to an upcoming session: a real one, else sample rows (rolled back with the rest). */
function pickRegistration(db: AppDatabase, nowIso: string): Picked {
  const real = db
    .select({ r: t.registrations, p: t.participants, s: t.sessions, series: t.series })
    .from(t.registrations)
    .innerJoin(t.participants, eq(t.participants.id, t.registrations.participantId))
    .innerJoin(t.sessions, eq(t.sessions.id, t.registrations.sessionId))
    .innerJoin(t.series, eq(t.series.id, t.sessions.seriesId))
    .where(and(eq(t.registrations.status, "confirmed"), isNull(t.participants.erasedAt), eq(t.sessions.status, "published"), gt(t.sessions.startsAt, nowIso), ne(t.series.status, "draft")))
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
    // No upcoming session at all: a sample series and session, never committed.
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
      .values({ sessionId, provider: "Zoom", joinUrl: "https://zoom.us/j/00000000000?pwd=EXEMPLE", meetingId: "000 0000 0000", passcode: "000000", dialIn: [{ label: "France", number: "+33 1 00 00 00 00" }] })
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
  if (db.select({ id: t.participants.id }).from(t.participants).where(eq(t.participants.email, email)).get()) email = `camille.exemple.${randomBytes(4).toString("hex")}@example.org`;
  const participantId = db
    .insert(t.participants)
    .values({ email, firstName: "Camille", lastName: "Exemple", organisation: "Structure d'exemple", structureType: "association", territory: "Exemple", dataConsentAt: nowIso, createdAt: nowIso, updatedAt: nowIso })
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
 * Every template, rendered by the dispatcher's own renderer from synthetic outbox rows about real
 * data. Rendering creates personal links and sign-in tokens: it all happens in a transaction that is
 * rolled back, so nothing is left in the database (no outbox row, no link, no token). The event loop
 * is not yielded during the transaction, so no other request's writes can be caught in it.
 */
export function renderPreviews(db: AppDatabase, ctx: { appUrl: string; nowIso: string; organiser: Pick<Organiser, "id" | "email" | "name"> }): PreviewSet {
  const out: { set?: PreviewSet } = {};
  try {
    db.transaction(() => {
      out.set = buildPreviews(db, ctx);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return out.set!;
}

function buildPreviews(db: AppDatabase, ctx: { appUrl: string; nowIso: string; organiser: Pick<Organiser, "id" | "email" | "name"> }): PreviewSet {
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

  const row = (kind: string, extra: Partial<OutboxRow>): OutboxRow => ({
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
  const inviter = ctx.organiser.name ?? ctx.organiser.email;
  // "Recording available": a published recording of some session, and (inside this rolled-back
  // transaction) the picked person registered to that session if they were not.
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
        .values({ participantId: picked.participantId, sessionId: recording.sessionId, status: "confirmed", confirmedAt: ctx.nowIso, createdAt: ctx.nowIso, updatedAt: ctx.nowIso })
        .returning({ id: t.registrations.id })
        .get().id;
  }
  // The J-2 email of whoever comes on site: the picked person on site at an in-person or hybrid
  // session (inside this rolled-back transaction).
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
        .values({ participantId: picked.participantId, sessionId: onsite.id, status: "confirmed", participation: "onsite", confirmedAt: ctx.nowIso, createdAt: ctx.nowIso, updatedAt: ctx.nowIso })
        .returning({ id: t.registrations.id })
        .get().id;
  }
  const cases: { kind: string; label: string; note: string; row: OutboxRow }[] = [
    {
      kind: "confirmation",
      label: OUTBOX_KIND_LABELS.confirmation,
      note: "Après le formulaire d’inscription : une ligne par rencontre choisie.",
      row: row("confirmation", { payload: { seriesId: picked.seriesId, registrationIds: sameSeries, alreadyIds: [] } }),
    },
    {
      kind: "promotion",
      label: OUTBOX_KIND_LABELS.promotion,
      note: `Quand une place se libère et que la personne quitte la liste d’attente (${rdv}).`,
      row: row("promotion", { sessionId: target.s.id, payload: { registrationId: picked.registrationId } }),
    },
    {
      kind: "personal-link",
      label: OUTBOX_KIND_LABELS["personal-link"],
      note: "Quand la personne redemande le lien de son espace.",
      row: row("personal-link", {}),
    },
    {
      kind: "access-codes",
      label: OUTBOX_KIND_LABELS["access-codes"],
      note: `Envoyé ${target.series.accessDaysBefore === 0 ? "le jour" : `${target.series.accessDaysBefore} jour(s) avant`} la rencontre, à ${target.series.accessSendAt}, aux inscrit·es confirmé·es (${rdv}, ${when}).`,
      row: row("access-codes", { sessionId: target.s.id, payload: { registrationId: picked.registrationId } }),
    },
    {
      kind: "correction",
      label: OUTBOX_KIND_LABELS.correction,
      note: "Exemple : l’horaire et les codes de connexion ont changé après l’envoi des codes.",
      row: row("correction", { sessionId: target.s.id, payload: { registrationId: picked.registrationId, changes: ["time", "access"] } }),
    },
    ...(onsite && onsiteRegistration
      ? [
          {
            kind: "practical-info",
            label: "Informations pratiques (sur place)",
            note: "Envoyé à la même heure que les codes, à qui vient sur place (rencontre en présentiel, ou hybride choisie « sur place ») : l’adresse, l’accès, l’accessibilité, le contact ; jamais les codes.",
            row: row("access-codes", { sessionId: onsite.id, payload: { registrationId: onsiteRegistration } }),
          },
        ]
      : []),
    {
      kind: "session-cancelled",
      label: OUTBOX_KIND_LABELS["session-cancelled"],
      note: `Si la rencontre ${rdv} était annulée (exemple : elle ne l’est pas).`,
      row: row("session-cancelled", { sessionId: target.s.id, payload: { registrationId: picked.registrationId } }),
    },
    {
      kind: "session-postponed",
      label: OUTBOX_KIND_LABELS["session-postponed"],
      note: `Si la rencontre ${rdv} était reportée (exemple : la date affichée est sa date actuelle).`,
      row: row("session-postponed", { sessionId: target.s.id, payload: { registrationId: picked.registrationId } }),
    },
    ...(recording?.sessionId && recordingRegistration
      ? [
          {
            kind: "recording-available",
            label: OUTBOX_KIND_LABELS["recording-available"] ?? "Enregistrement disponible",
            note: "Quand l’enregistrement d’une rencontre est publié : une fois par inscrit·e confirmé·e de cette rencontre.",
            row: row("recording-available", { sessionId: recording.sessionId, payload: { resourceId: recording.id, registrationId: recordingRegistration } }),
          },
        ]
      : []),
    {
      kind: "sign-in",
      label: OUTBOX_KIND_LABELS["sign-in"],
      note: `Lien de connexion à l’espace organisateurs, ici pour votre propre compte (${ctx.organiser.email}).`,
      row: row("sign-in", { participantId: null, toAddress: ctx.organiser.email, payload: { organiserId: ctx.organiser.id } }),
    },
    {
      kind: "invitation",
      label: "Invitation d’un organisateur",
      note: `Invitation envoyée par un administrateur (ici : ${inviter}), adressée pour l’exemple à votre propre compte.`,
      row: row("sign-in", { dedupeKey: "apercu:invitation", participantId: null, toAddress: ctx.organiser.email, payload: { organiserId: ctx.organiser.id, invitedBy: inviter } }),
    },
  ];

  const previews = cases.map(({ kind, label, note, row: r }): Preview => {
    try {
      const m = renderMessage(db, r, { appUrl: ctx.appUrl, nowIso: ctx.nowIso });
      if ("skip" in m) return { kind, label, note, unavailable: `Ce message ne serait pas envoyé dans ce cas : ${m.reason}.` };
      return { kind, label, note, subject: m.subject, text: m.text, html: m.html, attachments: (m.attachments ?? []).map((a) => a.filename) };
    } catch (error) {
      return { kind, label, note, unavailable: `Aperçu impossible : ${(error as Error).message}` };
    }
  });
  return { source: picked.source, sample: picked.sample, previews };
}
