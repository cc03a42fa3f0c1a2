// Back-office view of the outbox: the email log (filters read from the query string, pagination,
// the series to filter by, and the chosen series' sessions) and its times at Paris time. Every filter reads its rows newest
// first through an index of its own (outbox_series_idx, outbox_to_idx, outbox_status_idx,
// outbox_kind_idx: db/schema/outbox.ts); the recipient filter is an exact address or the start of one
// (an index range, never `like '%…%'`); counts stop at COUNT_CAP, beyond which the log says « plus de
// 1 000 » and pages on without a last page, as mature tools do (docs/decisions/017-back-office-costs.md). Sending a message again is in
// app/notifications/email-resend.server.ts, the previews of every kind in email-previews.server.ts.
import { and, asc, count, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { DateTime } from "luxon";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import { OUTBOX_STATUS_LABELS } from "~/utils/admin-labels";
import { isEmailKind, type EmailKind } from "~/notifications/email-kinds.server";
import { pageWindow, requestedPage } from "~/utils/pagination";
import type { OutboxRow } from "./outbox.server";
import { SERIES_MENU_SIZE } from "~/utils/series-menu";

export const EMAIL_LOG_PAGE_SIZE = 50;
/** Times of the log are shown at Paris time (the platform's reference zone). */
export const EMAIL_LOG_ZONE = "Europe/Paris";

export type EmailLogFilters = {
  status: string | null;
  kind: EmailKind | null;
  /** "serie-<id>" (every email about a series) or "rdv-<id>" (about one session). */
  target: string | null;
  /** The recipient's address, or its start (lower-cased). */
  q: string | null;
  /** « Autres séries… » chosen (`cible=autres`): the series menu lists every series, not the most recent ones. */
  everySeries: boolean;
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
    everySeries: target === "autres",
    page: requestedPage(params),
  };
}

/** The filters as query parameters (the names of the filter form), for the links between pages. */
export function emailLogQuery(f: EmailLogFilters): Record<string, string | null> {
  return { statut: f.status, type: f.kind, cible: f.target ?? (f.everySeries ? "autres" : null), destinataire: f.q };
}

/** The addresses that start with `prefix`: [prefix, prefix with its last character + 1), an index range. */
export function prefixRange(prefix: string): [from: string, to: string] {
  const last = prefix.codePointAt(prefix.length - 1)!;
  return [prefix, prefix.slice(0, -1) + String.fromCodePoint(last + 1)];
}

/** The emails about some series, by the outbox's own indexed series column (an organiser's scope). */
function aboutSeries(ids: number[]): SQL {
  return ids.length ? inArray(t.outbox.seriesId, ids) : sql`0`;
}

/** The series among these ids (none for an empty scope). */
function aboutSeriesIds(ids: number[]): SQL {
  return ids.length ? inArray(t.series.id, ids) : sql`0`;
}

/** `scope`: the series an organiser may see (app/accounts/series-access.server.ts); null for all. */
function conditions(f: EmailLogFilters, scope: number[] | null = null): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (scope) parts.push(aboutSeries(scope));
  if (f.status) parts.push(sql`${t.outbox.status} = ${f.status}`);
  if (f.kind) parts.push(eq(t.outbox.kind, f.kind));
  if (f.q) {
    const [from, to] = prefixRange(f.q.toLowerCase());
    parts.push(gte(t.outbox.toAddress, from), lt(t.outbox.toAddress, to));
  }
  if (f.target) {
    const id = Number(f.target.split("-")[1]);
    if (f.target.startsWith("serie-")) parts.push(eq(t.outbox.seriesId, id));
    else {
      // The session's emails, and the confirmations (one per registration form, no session) that name one of its registrations.
      parts.push(
        sql`${t.outbox.seriesId} = (select series_id from sessions where id = ${id})`,
        sql`(${t.outbox.sessionId} = ${id} or (${t.outbox.sessionId} is null and ${t.outbox.kind} = 'confirmation' and exists (select 1 from json_each(${t.outbox.payload}, '$.registrationIds') j join registrations r on r.id = j.value where r.session_id = ${id})))`,
      );
    }
  }
  return and(...parts);
}

/** Counts stop here: past it the log says « plus de 1 000 messages » (a count never scans the whole outbox). */
export const COUNT_CAP = 1000;

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

export type EmailLogPage = {
  rows: EmailLogRow[];
  /** The count of the selection, or null past COUNT_CAP (then `pages` is null too). */
  total: number | null;
  page: number;
  pages: number | null;
  /** Whether a next page exists (known even when the total is not). */
  hasNext: boolean;
};

export function listEmailLog(db: AppDatabase, f: EmailLogFilters, scope: number[] | null = null): EmailLogPage {
  const where = conditions(f, scope);
  const capped = db.get<{ n: number }>(sql`select count(*) as n from (select 1 from ${t.outbox} where ${where ?? sql`1`} limit ${COUNT_CAP + 1})`)?.n ?? 0;
  // Past the cap, the page asked for is read as is; only a page past the end costs a full count (to show the last page).
  const total = capped <= COUNT_CAP ? capped : null;
  let window = pageWindow(total ?? Number.MAX_SAFE_INTEGER, f.page, EMAIL_LOG_PAGE_SIZE);
  let raw = readPage(db, where, window.offset);
  if (total === null && !raw.length && window.page > 1) {
    window = pageWindow(db.select({ n: count() }).from(t.outbox).where(where).get()?.n ?? 0, f.page, EMAIL_LOG_PAGE_SIZE);
    raw = readPage(db, where, window.offset);
  }
  const hasNext = raw.length > EMAIL_LOG_PAGE_SIZE;
  raw = raw.slice(0, EMAIL_LOG_PAGE_SIZE);

  // Confirmations name their registrations in the payload: their sessions' numbers, looked up once per page.
  const payloadOf = (o: OutboxRow) => (o.payload ?? {}) as { registrationIds?: number[] };
  const registrationIds = [...new Set(raw.flatMap((r) => (r.o.kind === "confirmation" ? (payloadOf(r.o).registrationIds ?? []) : [])))].filter(
    (v) => typeof v === "number",
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
    if (!o.sessionId) {
      const p = payloadOf(o);
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
      seriesTitle,
      devMessageId: devMessageId ?? null,
      resendable: o.status !== "pending" && o.status !== "sending",
    };
  });
  return { rows, total, page: window.page, pages: total === null ? null : window.pages, hasNext };
}

/** One page of the log, newest first, and one row more (is there a next page?). */
function readPage(db: AppDatabase, where: SQL | undefined, offset: number) {
  return db
    .select({
      o: t.outbox,
      sessionNumber: t.sessions.number,
      seriesTitle: t.series.title,
      devMessageId: sql<number | null>`(select max(d.id) from dev_mailbox d where d.outbox_id = ${t.outbox.id})`,
    })
    .from(t.outbox)
    .leftJoin(t.sessions, eq(t.sessions.id, t.outbox.sessionId))
    .leftJoin(t.series, eq(t.series.id, t.outbox.seriesId))
    .where(where)
    .orderBy(desc(t.outbox.id))
    .limit(EMAIL_LOG_PAGE_SIZE + 1)
    .offset(offset)
    .all();
}

export { SERIES_MENU_SIZE };

export type EmailLogTargets = {
  /** The series the account may see, most recent first: SERIES_MENU_SIZE of them (and the chosen one) unless every one is asked for. */
  series: { id: number; title: string }[];
  /** Whether more series exist than the menu lists (then it offers « Autres séries… »). */
  more: boolean;
  /** The chosen series (that of `serie-<id>`, or of `rdv-<id>`) with its sessions; null when none is chosen. */
  chosen: { id: number; title: string; sessions: { id: number; number: number; title: string }[] } | null;
};

/**
 * The choices of the "série ou rencontre" filter: the most recent series (every one on demand), and
 * the sessions of the chosen series only: a menu of every series and session of the database (100
 * and 500 on bench:scale's) would weigh on every page of the log.
 */
export function emailLogTargets(db: AppDatabase, scope: number[] | null = null, target: string | null = null, every = false): EmailLogTargets {
  const visible = scope ? aboutSeriesIds(scope) : undefined;
  const listed = db
    .select({ id: t.series.id, title: t.series.title })
    .from(t.series)
    .where(visible)
    .orderBy(desc(t.series.id))
    .limit(every ? -1 : SERIES_MENU_SIZE + 1)
    .all();
  const more = !every && listed.length > SERIES_MENU_SIZE;
  const series = more ? listed.slice(0, SERIES_MENU_SIZE) : listed;
  const id = target ? Number(target.split("-")[1]) : null;
  const seriesId = !id
    ? null
    : target!.startsWith("serie-")
      ? id
      : (db.select({ seriesId: t.sessions.seriesId }).from(t.sessions).where(eq(t.sessions.id, id)).get()?.seriesId ?? null);
  const chosen =
    seriesId === null
      ? undefined
      : (series.find((s) => s.id === seriesId) ??
        db
          .select({ id: t.series.id, title: t.series.title })
          .from(t.series)
          .where(and(eq(t.series.id, seriesId), visible))
          .get());
  if (!chosen) return { series, more, chosen: null };
  const sessions = db
    .select({ id: t.sessions.id, number: t.sessions.number, title: t.sessions.title })
    .from(t.sessions)
    .where(eq(t.sessions.seriesId, chosen.id))
    .orderBy(asc(t.sessions.number))
    .all();
  return { series: series.includes(chosen) ? series : [chosen, ...series], more, chosen: { ...chosen, sessions } };
}

/** Whether an email of the log is about one of these series (null: every email). */
export function emailInScope(db: AppDatabase, outboxId: number, scope: number[] | null): boolean {
  return (
    !scope ||
    Boolean(
      db
        .select({ id: t.outbox.id })
        .from(t.outbox)
        .where(and(eq(t.outbox.id, outboxId), aboutSeries(scope)))
        .get(),
    )
  );
}

/** "22/11/2026 10:00" at Paris time. */
export function formatLogTime(iso: string | null): string | null {
  if (!iso) return null;
  const dt = DateTime.fromISO(iso, { zone: "utc" }).setZone(EMAIL_LOG_ZONE);
  return dt.isValid ? dt.setLocale("fr").toFormat("dd/MM/yyyy HH:mm") : iso;
}
