// The resource library's rules: stable keys, writing resources from the series file (upsert by key)
// or the back-office, who may see what (public / registrants only / unpublished), the read models of
// the pages, and the "recording available" emails: queued when a session's recording is published,
// never before the session has ended (recordingEmailsDue, planRecordingEmails).
import { DateTime } from "luxon";
import { and, asc, desc, eq, gt, inArray, isNull, lte, ne, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import * as t from "../../db/schema";
import type { AppDatabase, Tx } from "~/utils/db.server";
import { fromUtcIso, toUtcIso } from "~/utils/dates.server";
import { clockLabel, formatDuration, isoDuration, secondsToHms, videoLink } from "~/utils/media";
import { formatReference, type Segment } from "~/utils/references";
import { audit } from "../accounts/audit.server";
import type { Account } from "../accounts/accounts.server";
import { RECORDING_DEDUPE_SQL, dedupeKeyOf, type EmailKind } from "~/notifications/email-kinds.server";
import { enqueue } from "../notifications/outbox.server";
import {
  frenchErrors,
  hmsToSeconds,
  resourceProblems,
  resourceSchema,
  formatPath,
  type FormatProblem,
  type ResourceFile,
} from "../series-file/series-format.server";
import { formatBytes, kindByMime } from "./uploads.server";

type Db = AppDatabase | Tx;
export type ResourceRow = typeof t.resources.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Keys: a resource's identity in its series. Given in the file (`key`), or derived from the title:
// the title's slug, with "-2", "-3"… when an earlier resource of the file took it.

export function slugKey(title: string): string {
  return (
    title
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80)
      .replace(/-+$/, "") || "ressource"
  );
}

/** The key of each resource of a file, in order: explicit keys first reserved, then derived ones. */
export function deriveKeys(list: { key?: string | null; title: string }[]): string[] {
  const taken = new Set(list.map((r) => r.key).filter((k): k is string => Boolean(k)));
  return list.map((r) => {
    if (r.key) return r.key;
    const base = slugKey(r.title);
    let key = base;
    for (let i = 2; taken.has(key); i++) key = `${base}-${i}`;
    taken.add(key);
    return key;
  });
}

/**
 * Which stored keys an export must write: none when the title gives them back, so that a file
 * without keys exports as it was imported; the others explicitly (a renamed resource keeps its key).
 */
export function keysToExport(rows: { key: string | null; title: string }[]): (string | undefined)[] {
  const explicit = new Set<number>();
  for (;;) {
    const derived = deriveKeys(rows.map((r, i) => ({ key: explicit.has(i) ? r.key : null, title: r.title })));
    const differing = rows.map((r, i) => i).filter((i) => !explicit.has(i) && rows[i].key !== null && derived[i] !== rows[i].key);
    if (!differing.length) break;
    differing.forEach((i) => explicit.add(i));
  }
  return rows.map((r, i) => (explicit.has(i) ? r.key! : undefined));
}

// ---------------------------------------------------------------------------------------------
// Programme points: "3" is a session's 3rd item, "3.2" the 2nd part of its 3rd item.

export type ProgrammePoint = { id: number; path: string; title: string; kind: string | null; startsAt: string | null; sessionId: number };

/** Every item and part of these sessions with its path, in programme order. */
export function programmePoints(db: Db, sessionIds: number[]): ProgrammePoint[] {
  if (!sessionIds.length) return [];
  const items = db
    .select()
    .from(t.programmeItems)
    .where(inArray(t.programmeItems.sessionId, sessionIds))
    .orderBy(asc(t.programmeItems.sessionId), asc(t.programmeItems.position), asc(t.programmeItems.id))
    .all();
  const out: ProgrammePoint[] = [];
  for (const sessionId of sessionIds) {
    const top = items.filter((i) => i.sessionId === sessionId && i.parentId === null);
    top.forEach((item, i) => {
      out.push({ id: item.id, path: String(i + 1), title: item.title, kind: item.kind, startsAt: item.startsAt, sessionId });
      items
        .filter((p) => p.parentId === item.id)
        .forEach((part, j) => out.push({ id: part.id, path: `${i + 1}.${j + 1}`, title: part.title, kind: part.kind, startsAt: null, sessionId }));
    });
  }
  return out;
}

/** A session's programme in the shape `resourceProblems` checks paths against. */
function programmeShape(points: ProgrammePoint[]): { parts: unknown[] }[] {
  const top = points.filter((p) => !p.path.includes("."));
  return top.map((p) => ({ parts: points.filter((x) => x.path.startsWith(`${p.path}.`)) }));
}

export const anchorOf = (path: string) => `programme-${path.replace(".", "-")}`;

// ---------------------------------------------------------------------------------------------
// Writing

function stripNullish<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;
}

function valuesOf(r: ResourceFile, sessionId: number | null, programmeItemId: number | null) {
  return {
    sessionId,
    programmeItemId,
    type: r.type,
    title: r.title,
    description: r.description ?? null,
    authors: r.authors,
    year: r.year ?? null,
    url: r.url ?? null,
    visibility: r.visibility,
    // Empty lists are dropped too: a reference stores (and exports) only the fields it has.
    references: r.references.map((ref) =>
      Object.fromEntries(Object.entries(ref).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && !v.length))),
    ) as t.Reference[],
    chapters: r.chapters.map((c) => stripNullish(c)) as t.Chapter[],
    themes: r.themes,
    territory: r.territory ?? null,
    durationSeconds: r.duration ? hmsToSeconds(r.duration) : null,
    summary: r.summary ?? null,
    transcript: r.transcript ?? null,
    published: r.published,
  };
}

/** Publishing a session's recording tells its registrants (once per registration, ever). */
function isRecordingPublication(before: Pick<ResourceRow, "published"> | null, after: { type: string; published: boolean; sessionId: number | null }) {
  return after.type === "recording" && after.published && after.sessionId !== null && !(before?.published ?? false);
}

export type ProgrammeIds = Map<number, Map<string, number>>;

/**
 * The series file's resources, upserted by key in the import's transaction: a resource keeps its id
 * and its uploaded file across imports; resources no longer in the file are removed (their stored
 * files are returned, to be deleted once the transaction has committed).
 */
export function writeFileResources(
  tx: Tx,
  args: { seriesId: number; resources: ResourceFile[]; sessionIds: Map<number, number>; itemIds: ProgrammeIds; nowIso: string },
): { removedFiles: string[]; emails: number } {
  const existing = tx.select().from(t.resources).where(eq(t.resources.seriesId, args.seriesId)).orderBy(asc(t.resources.position), asc(t.resources.id)).all();
  // Rows written before keys existed are known by the key their title gives.
  const legacy = deriveKeys(existing.map((r) => ({ key: r.key, title: r.title })));
  const byKey = new Map(existing.map((r, i) => [r.key ?? legacy[i], r]));
  const keys = deriveKeys(args.resources);
  const wanted = new Set(keys);
  const removed = existing.filter((r, i) => !wanted.has(r.key ?? legacy[i]));
  if (removed.length)
    tx.delete(t.resources)
      .where(
        inArray(
          t.resources.id,
          removed.map((r) => r.id),
        ),
      )
      .run();
  let emails = 0;
  args.resources.forEach((r, position) => {
    const sessionId = r.session != null ? (args.sessionIds.get(r.session) ?? null) : null;
    const itemId = r.item && r.session != null ? (args.itemIds.get(r.session)?.get(r.item) ?? null) : null;
    const values = { ...valuesOf(r, sessionId, itemId), key: keys[position], position };
    const old = byKey.get(keys[position]) ?? null;
    let id: number;
    if (old) {
      id = old.id;
      tx.update(t.resources)
        .set({ ...values, updatedAt: args.nowIso })
        .where(eq(t.resources.id, old.id))
        .run();
    } else {
      id = tx
        .insert(t.resources)
        .values({ seriesId: args.seriesId, ...values, createdAt: args.nowIso, updatedAt: args.nowIso })
        .returning({ id: t.resources.id })
        .get().id;
    }
    if (isRecordingPublication(old, values)) emails += queueRecordingEmails(tx, id, sessionId!, args.nowIso);
  });
  return { removedFiles: removed.map((r) => r.fileStoredName).filter((f): f is string => Boolean(f)), emails };
}

// ---------------------------------------------------------------------------------------------
// "Recording available" emails

export const RECORDING_EMAIL = "recording-available" satisfies EmailKind;
/** The reason given to an email held back because the recording was unpublished before it left. */
export const RECORDING_WITHDRAWN = "enregistrement retiré avant l’envoi";

/** How long after its end a session is still looked at by planRecordingEmails (a server down for a while). */
const RECORDING_LOOKBACK_DAYS = 7;

/**
 * When a recording's registrants are told: once the session has ended, never before (a recording
 * published ahead of time waits; planRecordingEmails queues it at the end, late registrants included).
 */
export function recordingEmailsDue(session: { endsAt: string; status: string }, nowIso: string): boolean {
  return session.status === "published" && session.endsAt <= nowIso;
}

/** A recording published for this session now waits for its end before its emails leave. */
export function recordingWaits(db: Db, sessionId: number, nowIso: string): boolean {
  const session = db.select({ endsAt: t.sessions.endsAt, status: t.sessions.status }).from(t.sessions).where(eq(t.sessions.id, sessionId)).get();
  return !session || !recordingEmailsDue(session, nowIso);
}

/**
 * Queues one email per confirmed registration of the session, keyed by session and registration: a
 * second publication (after an unpublication) queues nothing new; an email held back because the
 * recording had been withdrawn before it left becomes due again. Nothing before recordingEmailsDue.
 */
export function queueRecordingEmails(tx: Tx, resourceId: number, sessionId: number, nowIso: string): number {
  if (recordingWaits(tx, sessionId, nowIso)) return 0;
  const regs = tx
    .select({ id: t.registrations.id, participantId: t.participants.id, email: t.participants.email })
    .from(t.registrations)
    .innerJoin(t.participants, eq(t.participants.id, t.registrations.participantId))
    .where(and(eq(t.registrations.sessionId, sessionId), eq(t.registrations.status, "confirmed"), isNull(t.participants.erasedAt)))
    .all();
  let queued = 0;
  for (const reg of regs) {
    const id = enqueue(tx, {
      kind: RECORDING_EMAIL,
      dedupeKey: dedupeKeyOf(RECORDING_EMAIL, sessionId, reg.id),
      toAddress: reg.email,
      participantId: reg.participantId,
      sessionId,
      payload: { resourceId, registrationId: reg.id },
      dueAt: nowIso,
    });
    if (id !== null) queued++;
  }
  const revived = tx
    .update(t.outbox)
    .set({ status: "pending", nextAttemptAt: nowIso, lastError: null, payload: sql`json_set(${t.outbox.payload}, '$.resourceId', ${resourceId})` })
    .where(
      and(eq(t.outbox.kind, RECORDING_EMAIL), eq(t.outbox.sessionId, sessionId), eq(t.outbox.status, "cancelled"), eq(t.outbox.lastError, RECORDING_WITHDRAWN)),
    )
    .run();
  return queued + revived.changes;
}

/**
 * Run before each dispatch: for every session that has ended (within RECORDING_LOOKBACK_DAYS) and has
 * a published recording, queues the emails its publication could not queue yet (it came before the
 * end). Idempotent: the dedupe key makes an email already queued, sent or withdrawn a no-op.
 */
export function planRecordingEmails(db: AppDatabase, nowIso: string): number {
  const lookback = toUtcIso(DateTime.fromISO(nowIso).minus({ days: RECORDING_LOOKBACK_DAYS }));
  const ended = db
    .select({ sessionId: t.sessions.id, resourceId: sql<number>`min(${t.resources.id})` })
    .from(t.sessions)
    .innerJoin(t.resources, and(eq(t.resources.sessionId, t.sessions.id), eq(t.resources.type, "recording"), eq(t.resources.published, true)))
    .where(and(eq(t.sessions.status, "published"), lte(t.sessions.endsAt, nowIso), gt(t.sessions.endsAt, lookback)))
    .groupBy(t.sessions.id)
    .all();
  let queued = 0;
  for (const s of ended) {
    queued += db.run(sql`
      insert into outbox (kind, dedupe_key, participant_id, session_id, to_address, payload, due_at, next_attempt_at)
      select ${RECORDING_EMAIL}, ${RECORDING_DEDUPE_SQL},
             r.participant_id, r.session_id, p.email,
             json_object('resourceId', ${s.resourceId}, 'registrationId', r.id), ${nowIso}, ${nowIso}
      from registrations r join participants p on p.id = r.participant_id
      where r.session_id = ${s.sessionId} and r.status = 'confirmed' and p.erased_at is null
      on conflict (dedupe_key) do nothing`).changes;
  }
  return queued;
}

/** The session's published recording an email should point to: the one it was queued for, or another. */
export function publishedRecording(db: AppDatabase, sessionId: number, preferredId: number): ResourceRow | null {
  const rows = db
    .select()
    .from(t.resources)
    .where(and(eq(t.resources.sessionId, sessionId), eq(t.resources.type, "recording"), eq(t.resources.published, true)))
    .orderBy(asc(t.resources.position))
    .all();
  return rows.find((r) => r.id === preferredId) ?? rows[0] ?? null;
}

/** One resource of a series, published or not, whatever its visibility (organisers), or null. */
export function seriesResource(db: AppDatabase, seriesId: number, id: number): ResourceRow | null {
  return (
    db
      .select()
      .from(t.resources)
      .where(and(eq(t.resources.id, id), eq(t.resources.seriesId, seriesId)))
      .get() ?? null
  );
}

// ---------------------------------------------------------------------------------------------
// Who may see what

/** Public: published, public, in a published or archived series, not on a draft session. */
export type Audience = { kind: "public" } | { kind: "participant"; participantId: number };

/** Series in which the person holds a registration that is not cancelled. */
export function registeredSeriesIds(db: AppDatabase, participantId: number): number[] {
  return db
    .selectDistinct({ id: t.sessions.seriesId })
    .from(t.registrations)
    .innerJoin(t.sessions, eq(t.sessions.id, t.registrations.sessionId))
    .where(and(eq(t.registrations.participantId, participantId), ne(t.registrations.status, "cancelled")))
    .all()
    .map((r) => r.id);
}

const parentItem = alias(t.programmeItems, "parent_item");

function visibleRows(db: AppDatabase, audience: Audience, scope: { seriesId?: number; sessionId?: number; id?: number; registrantsOnly?: boolean } = {}) {
  const seriesIds = audience.kind === "participant" ? registeredSeriesIds(db, audience.participantId) : [];
  const visibility =
    audience.kind === "public"
      ? eq(t.resources.visibility, "public")
      : scope.registrantsOnly
        ? and(eq(t.resources.visibility, "registrants"), inArray(t.resources.seriesId, seriesIds.length ? seriesIds : [-1]))
        : or(eq(t.resources.visibility, "public"), inArray(t.resources.seriesId, seriesIds.length ? seriesIds : [-1]));
  return db
    .select({
      r: t.resources,
      series: { id: t.series.id, slug: t.series.slug, title: t.series.title, timezone: t.series.timezone },
      session: { id: t.sessions.id, number: t.sessions.number, slug: t.sessions.slug, title: t.sessions.title, startsAt: t.sessions.startsAt },
      item: { title: t.programmeItems.title, position: t.programmeItems.position, parentId: t.programmeItems.parentId },
      parentPosition: parentItem.position,
    })
    .from(t.resources)
    .innerJoin(t.series, eq(t.series.id, t.resources.seriesId))
    .leftJoin(t.sessions, eq(t.sessions.id, t.resources.sessionId))
    .leftJoin(t.programmeItems, eq(t.programmeItems.id, t.resources.programmeItemId))
    .leftJoin(parentItem, eq(parentItem.id, t.programmeItems.parentId))
    .where(
      and(
        eq(t.resources.published, true),
        inArray(t.series.status, ["published", "archived"]),
        or(isNull(t.resources.sessionId), ne(t.sessions.status, "draft")),
        visibility,
        scope.seriesId === undefined ? undefined : eq(t.resources.seriesId, scope.seriesId),
        scope.sessionId === undefined ? undefined : eq(t.resources.sessionId, scope.sessionId),
        scope.id === undefined ? undefined : eq(t.resources.id, scope.id),
      ),
    )
    .orderBy(desc(t.series.id), asc(t.resources.position))
    .all();
}
type VisibleRow = ReturnType<typeof visibleRows>[number];

export type ResourceCard = {
  id: number;
  href: string;
  type: string;
  title: string;
  description: string | null;
  authors: string[];
  /** The resource's year, or its session's. */
  year: number | null;
  themes: string[];
  territory: string | null;
  visibility: "public" | "registrants";
  series: { id: number; slug: string; title: string };
  session: { id: number; number: number; slug: string; title: string } | null;
  item: { path: string; title: string } | null;
  url: string | null;
  /** "PDF, 1,2 Mo" for an uploaded file. */
  fileLabel: string | null;
  duration: string | null;
  hasChapters: boolean;
  searchText: string;
};

function itemPathOf(row: VisibleRow): string | null {
  if (!row.item?.title || row.item.position === null) return null;
  // Parts are numbered within their item, items within the session (positions follow the file's order).
  return row.parentPosition !== null && row.parentPosition !== undefined ? `${row.parentPosition + 1}.${row.item.position + 1}` : `${row.item.position + 1}`;
}

function card(row: VisibleRow, base: string): ResourceCard {
  const { r } = row;
  const kind = kindByMime(r.fileType);
  const sessionYear = row.session?.startsAt ? fromUtcIso(row.session.startsAt, row.series.timezone).year : null;
  const path = itemPathOf(row);
  return {
    id: r.id,
    href: `${base}/${r.id}`,
    type: r.type,
    title: r.title,
    description: r.description,
    authors: r.authors,
    year: r.year ?? sessionYear,
    themes: r.themes,
    territory: r.territory,
    visibility: r.visibility,
    series: { id: row.series.id, slug: row.series.slug, title: row.series.title },
    session: row.session?.id ? { id: row.session.id, number: row.session.number, slug: row.session.slug, title: row.session.title } : null,
    item: path && row.item ? { path, title: row.item.title } : null,
    url: r.url,
    fileLabel: r.fileStoredName && r.fileSize !== null ? `${kind?.label ?? "fichier"}, ${formatBytes(r.fileSize)}` : null,
    duration: r.durationSeconds ? formatDuration(r.durationSeconds) : null,
    hasChapters: r.chapters.length > 0,
    searchText: "",
  };
}

export const PUBLIC_BASE = "/ressources";
export const personalBase = (token: string) => `/moi/${token}/ressources`;

/** Resources a visitor sees, for the library, a series page or a session page. */
export function visibleResources(
  db: AppDatabase,
  audience: Audience,
  scope: { seriesId?: number; sessionId?: number; registrantsOnly?: boolean } = {},
  base = PUBLIC_BASE,
): ResourceCard[] {
  return visibleRows(db, audience, scope).map((row) => card(row, base));
}

/** Whether a series holds resources only its registrants see (the series page says so, without titles). */
export function hasRegistrantsOnly(db: AppDatabase, seriesId: number): boolean {
  return (
    db
      .select({ id: t.resources.id })
      .from(t.resources)
      .where(and(eq(t.resources.seriesId, seriesId), eq(t.resources.visibility, "registrants"), eq(t.resources.published, true)))
      .limit(1)
      .get() !== undefined
  );
}

// ---------------------------------------------------------------------------------------------
// The resource page

export type ChapterView = {
  n: number;
  seconds: number;
  hms: string;
  clock: string;
  title: string;
  href: string | null;
  item: { path: string; title: string; href: string } | null;
};

export type ResourcePage = ResourceCard & {
  seriesHref: string;
  sessionHref: string | null;
  itemHref: string | null;
  when: string | null;
  video: { provider: string; providerLabel: string; watchUrl: string; embedUrl: string } | null;
  file: { href: string; playHref: string; name: string; typeLabel: string; sizeLabel: string; media: "video" | "audio" | null; mime: string } | null;
  durationSeconds: number | null;
  durationIso: string | null;
  chapters: ChapterView[];
  summary: string | null;
  transcript: string | null;
  references: Segment[][];
  exports: { ris: string; bib: string } | null;
};

export function resourcePage(db: AppDatabase, id: number, audience: Audience, base = PUBLIC_BASE): ResourcePage | null {
  if (!Number.isInteger(id) || id < 1) return null;
  const row = visibleRows(db, audience, { id })[0];
  if (!row) return null;
  const c = card(row, base);
  const r = row.r;
  const sessionHref = c.session ? `/series/${c.series.slug}/sessions/${c.session.slug}` : null;
  const points = c.session ? programmePoints(db, [c.session.id]) : [];
  const pointHref = (path: string) => (sessionHref ? `${sessionHref}#${anchorOf(path)}` : null);
  const video = videoLink(r.url);
  const kind = kindByMime(r.fileType);
  const file =
    r.fileStoredName && r.fileName && r.fileType && r.fileSize !== null
      ? {
          href: `${c.href}/fichier`,
          playHref: `${c.href}/fichier?lecture=1`,
          name: r.fileName,
          typeLabel: kind?.label ?? r.fileType,
          sizeLabel: formatBytes(r.fileSize),
          media: kind?.media ?? null,
          mime: r.fileType,
        }
      : null;
  const mediaHref = (seconds: number): string | null => {
    if (file?.media) return `${file.playHref}#t=${seconds}`;
    if (video) return video.watchUrl(seconds);
    if (r.url) return `${r.url.replace(/#.*$/, "")}#t=${seconds}`;
    return null;
  };
  const session = row.session?.startsAt ? row.session : null;
  return {
    ...c,
    seriesHref: `/series/${c.series.slug}`,
    sessionHref,
    itemHref: c.item ? pointHref(c.item.path) : null,
    when: session ? fromUtcIso(session.startsAt, row.series.timezone).setLocale("fr").toFormat("d LLLL yyyy") : null,
    video: video ? { provider: video.provider, providerLabel: video.providerLabel, watchUrl: video.watchUrl(), embedUrl: video.embedUrl() } : null,
    file,
    durationSeconds: r.durationSeconds,
    durationIso: r.durationSeconds ? isoDuration(r.durationSeconds) : null,
    chapters: r.chapters.map((ch, i) => {
      const seconds = hmsToSeconds(ch.at);
      const point = ch.item ? points.find((p) => p.path === ch.item) : undefined;
      return {
        n: i + 1,
        seconds,
        hms: secondsToHms(seconds),
        clock: clockLabel(seconds),
        title: ch.title,
        href: mediaHref(seconds),
        item: point ? { path: point.path, title: point.title, href: pointHref(point.path)! } : null,
      };
    }),
    summary: r.summary,
    transcript: r.transcript,
    references: r.references.map(formatReference),
    exports: r.type === "bibliography" && r.references.length ? { ris: `${c.href}.ris`, bib: `${c.href}.bib` } : null,
  };
}

/** The rows behind a bibliography export or a file download, under the same visibility rules. */
export function visibleResourceRow(db: AppDatabase, id: number, audience: Audience): (ResourceRow & { seriesSlug: string }) | null {
  if (!Number.isInteger(id) || id < 1) return null;
  const row = visibleRows(db, audience, { id })[0];
  return row ? { ...row.r, seriesSlug: row.series.slug } : null;
}

/**
 * Per programme point of a session, the published recordings' chapters that cover it (the session
 * page offers "revoir ce passage" next to the talk). Only what the audience may see.
 */
export function recordingLinks(
  db: AppDatabase,
  sessionId: number,
  audience: Audience = { kind: "public" },
): Record<string, { href: string; clock: string; title: string }[]> {
  const out: Record<string, { href: string; clock: string; title: string }[]> = {};
  for (const row of visibleRows(db, audience, { sessionId })) {
    if (row.r.type !== "recording" && row.r.type !== "video") continue;
    row.r.chapters.forEach((ch, i) => {
      if (!ch.item) return;
      (out[ch.item] ??= []).push({ href: `${PUBLIC_BASE}/${row.r.id}#chapitre-${i + 1}`, clock: clockLabel(hmsToSeconds(ch.at)), title: row.r.title });
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Back-office

export type AdminResource = ResourceRow & { sessionNumber: number | null; itemPath: string | null; itemTitle: string | null };

export function adminResources(db: AppDatabase, seriesId: number): AdminResource[] {
  const rows = db
    .select({ r: t.resources, sessionNumber: t.sessions.number })
    .from(t.resources)
    .leftJoin(t.sessions, eq(t.sessions.id, t.resources.sessionId))
    .where(eq(t.resources.seriesId, seriesId))
    .orderBy(asc(t.resources.position), asc(t.resources.id))
    .all();
  const sessionIds = [...new Set(rows.map((x) => x.r.sessionId).filter((x): x is number => x !== null))];
  const points = programmePoints(db, sessionIds);
  return rows.map(({ r, sessionNumber }) => {
    const point = r.programmeItemId ? points.find((p) => p.id === r.programmeItemId) : undefined;
    return { ...r, sessionNumber: sessionNumber ?? null, itemPath: point?.path ?? null, itemTitle: point?.title ?? null };
  });
}

export type AttachmentOption = { value: string; label: string; group: string };

/** "" the whole series, "s:2" session 2, "i:2:3.1" a point of session 2's programme. */
export function attachmentOptions(db: AppDatabase, seriesId: number): AttachmentOption[] {
  const sessions = db.select().from(t.sessions).where(eq(t.sessions.seriesId, seriesId)).orderBy(asc(t.sessions.number)).all();
  const points = programmePoints(
    db,
    sessions.map((s) => s.id),
  );
  const out: AttachmentOption[] = [{ value: "", label: "Toute la série", group: "Série" }];
  for (const s of sessions) {
    const group = `RDV #${s.number} — ${s.title}`;
    out.push({ value: `s:${s.number}`, label: `La rencontre RDV #${s.number} entière`, group });
    for (const p of points.filter((x) => x.sessionId === s.id)) {
      out.push({ value: `i:${s.number}:${p.path}`, label: `${p.path.includes(".") ? "    " : ""}${p.path}. ${p.title}`, group });
    }
  }
  return out;
}

/** Programme points of each session by number (for the chapters' select and the suggestions). */
export function sessionPoints(db: AppDatabase, seriesId: number): { number: number; title: string; startsAt: string; points: ProgrammePoint[] }[] {
  const sessions = db.select().from(t.sessions).where(eq(t.sessions.seriesId, seriesId)).orderBy(asc(t.sessions.number)).all();
  const points = programmePoints(
    db,
    sessions.map((s) => s.id),
  );
  return sessions.map((s) => ({ number: s.number, title: s.title, startsAt: s.startsAt, points: points.filter((p) => p.sessionId === s.id) }));
}

/** Chapters proposed from a session's timed programme: each item's start, counted from the session's start. */
export function suggestedChapters(db: AppDatabase, seriesId: number, sessionNumber: number): { at: string; title: string; item: string }[] {
  const s = sessionPoints(db, seriesId).find((x) => x.number === sessionNumber);
  if (!s) return [];
  const start = Date.parse(s.startsAt);
  return s.points
    .filter((p) => p.startsAt && p.kind !== "break")
    .map((p) => ({ at: secondsToHms(Math.max(0, Math.round((Date.parse(p.startsAt!) - start) / 1000))), title: p.title, item: p.path }));
}

export type SaveInput = {
  /** The resource as the series file would write it (without key, which the server keeps). */
  resource: Record<string, unknown>;
  /** An upload to attach (already checked), or a request to remove the current file. */
  file?: { storedName: string; name: string; type: string; size: number } | null;
  removeFile?: boolean;
};

export type SaveOutcome =
  { ok: true; id: number; replacedFile: string | null; emails: number; waitsForEnd: boolean } | { ok: false; problems: FormatProblem[] };

/** A chapter linked to a point of the session's programme and left without a title takes the point's title. */
function chapterTitles(input: Record<string, unknown>, points: ProgrammePoint[] | undefined): Record<string, unknown> {
  if (!points || !Array.isArray(input.chapters)) return input;
  const chapters = input.chapters.map((c: Record<string, unknown>) => {
    const point = typeof c?.item === "string" ? points.find((p) => p.path === c.item) : undefined;
    return point && !String(c.title ?? "").trim() ? { ...c, title: point.title } : c;
  });
  return { ...input, chapters };
}

/**
 * Checks a resource from the back-office form with the file format's rules; paths as in the file
 * ("chapters[1].at"). A chapter linked to a programme point takes its title when none is typed.
 */
export function checkResource(
  db: AppDatabase,
  seriesId: number,
  input: Record<string, unknown>,
  hasFile: boolean,
): { ok: true; value: ResourceFile } | { ok: false; problems: FormatProblem[] } {
  const sessions = sessionPoints(db, seriesId);
  const given = typeof input.session === "number" ? sessions.find((s) => s.number === input.session) : undefined;
  const parsed = resourceSchema.safeParse(chapterTitles(input, given?.points), { errorMap: frenchErrors });
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => ({ path: formatPath(i.path) || "(ressource)", message: i.message })) };
  const value = parsed.data;
  const problems: FormatProblem[] = [];
  const session = value.session != null ? sessions.find((s) => s.number === value.session) : undefined;
  if (value.session != null && !session) problems.push({ path: "session", message: `aucune rencontre ne porte le numéro ${value.session}` });
  problems.push(...resourceProblems(value, session ? programmeShape(session.points) : null));
  if (!value.url && !hasFile && !(value.type === "bibliography" && value.references.length)) {
    problems.push({ path: "url", message: "indiquez une adresse web ou joignez un fichier (une bibliographie peut n’avoir que ses références)" });
  }
  if (value.type !== "bibliography" && value.references.length) problems.push({ path: "references", message: "seules les bibliographies ont des références" });
  return problems.length ? { ok: false, problems } : { ok: true, value };
}

/**
 * Creates or updates a resource from the back-office, in one IMMEDIATE transaction with its audit
 * entry and, when it publishes a session's recording, the registrants' emails.
 */
export function saveResource(
  db: AppDatabase,
  by: Account,
  args: { seriesId: number; id: number | null; value: ResourceFile; file?: SaveInput["file"]; removeFile?: boolean; nowIso: string },
): SaveOutcome {
  return db.transaction(
    (tx) => {
      const sessions = tx.select().from(t.sessions).where(eq(t.sessions.seriesId, args.seriesId)).all();
      const sessionId = args.value.session != null ? (sessions.find((s) => s.number === args.value.session)?.id ?? null) : null;
      const itemId = sessionId !== null && args.value.item ? (programmePoints(tx, [sessionId]).find((p) => p.path === args.value.item)?.id ?? null) : null;
      const values = valuesOf(args.value, sessionId, itemId);
      const all = tx
        .select({ id: t.resources.id, key: t.resources.key, title: t.resources.title, position: t.resources.position })
        .from(t.resources)
        .where(eq(t.resources.seriesId, args.seriesId))
        .orderBy(asc(t.resources.position), asc(t.resources.id))
        .all();
      const keys = deriveKeys(all);
      const fileValues =
        args.file !== undefined && args.file !== null
          ? { fileStoredName: args.file.storedName, fileName: args.file.name, fileType: args.file.type, fileSize: args.file.size }
          : args.removeFile
            ? { fileStoredName: null, fileName: null, fileType: null, fileSize: null }
            : {};
      let id: number;
      let before: ResourceRow | null = null;
      if (args.id !== null) {
        before =
          tx
            .select()
            .from(t.resources)
            .where(and(eq(t.resources.id, args.id), eq(t.resources.seriesId, args.seriesId)))
            .get() ?? null;
        if (!before) return { ok: false as const, problems: [{ path: "(ressource)", message: "ressource introuvable" }] };
        id = before.id;
        const key = before.key ?? keys[all.findIndex((x) => x.id === before!.id)];
        tx.update(t.resources)
          .set({ ...values, ...fileValues, key, updatedAt: args.nowIso })
          .where(eq(t.resources.id, id))
          .run();
      } else {
        const taken = new Set(keys);
        const base = slugKey(args.value.title);
        let key = base;
        for (let i = 2; taken.has(key); i++) key = `${base}-${i}`;
        const position = all.reduce((m, x) => Math.max(m, x.position + 1), 0);
        id = tx
          .insert(t.resources)
          .values({ seriesId: args.seriesId, key, position, ...values, ...fileValues, createdAt: args.nowIso, updatedAt: args.nowIso })
          .returning({ id: t.resources.id })
          .get().id;
      }
      const publication = isRecordingPublication(before, values);
      const emails = publication ? queueRecordingEmails(tx, id, sessionId!, args.nowIso) : 0;
      const waitsForEnd = publication && recordingWaits(tx, sessionId!, args.nowIso);
      audit(tx, by.id, before ? "update" : "create", "resource", id, {
        title: values.title,
        published: values.published,
        visibility: values.visibility,
        ...(args.file ? { file: args.file.name } : args.removeFile ? { file: null } : {}),
        ...(emails ? { recordingEmails: emails } : {}),
        ...(waitsForEnd ? { recordingEmailsAtEnd: true } : {}),
      });
      const replacedFile = before?.fileStoredName && (args.file || args.removeFile) ? before.fileStoredName : null;
      return { ok: true as const, id, replacedFile, emails, waitsForEnd };
    },
    { behavior: "immediate" },
  );
}

/** `waitsForEnd`: a recording published before its session ended; its emails leave at the end. */
export function setPublished(
  db: AppDatabase,
  by: Account,
  seriesId: number,
  id: number,
  published: boolean,
  nowIso: string,
): { ok: boolean; emails: number; waitsForEnd?: boolean } {
  return db.transaction(
    (tx) => {
      const before = tx
        .select()
        .from(t.resources)
        .where(and(eq(t.resources.id, id), eq(t.resources.seriesId, seriesId)))
        .get();
      if (!before) return { ok: false, emails: 0 };
      tx.update(t.resources).set({ published, updatedAt: nowIso }).where(eq(t.resources.id, id)).run();
      const publication = isRecordingPublication(before, { ...before, published });
      const emails = publication ? queueRecordingEmails(tx, id, before.sessionId!, nowIso) : 0;
      const waits = publication && recordingWaits(tx, before.sessionId!, nowIso);
      audit(tx, by.id, published ? "publish" : "unpublish", "resource", id, {
        title: before.title,
        ...(emails ? { recordingEmails: emails } : {}),
        ...(waits ? { recordingEmailsAtEnd: true } : {}),
      });
      return { ok: true, emails, waitsForEnd: waits };
    },
    { behavior: "immediate" },
  );
}

/** Removes a resource; returns its stored file (to delete once committed). */
export function deleteResource(db: AppDatabase, by: Account, seriesId: number, id: number): { ok: boolean; file: string | null } {
  return db.transaction(
    (tx) => {
      const before = tx
        .select()
        .from(t.resources)
        .where(and(eq(t.resources.id, id), eq(t.resources.seriesId, seriesId)))
        .get();
      if (!before) return { ok: false, file: null };
      tx.delete(t.resources).where(eq(t.resources.id, id)).run();
      audit(tx, by.id, "delete", "resource", id, { title: before.title });
      return { ok: true, file: before.fileStoredName };
    },
    { behavior: "immediate" },
  );
}

/** The stored resource in the shape of the series file (what the form edits). */
export function resourceAsFile(r: AdminResource): ResourceFile {
  return {
    key: r.key,
    type: r.type,
    title: r.title,
    description: r.description,
    session: r.sessionNumber,
    item: r.itemPath,
    authors: r.authors,
    year: r.year,
    themes: r.themes,
    territory: r.territory,
    url: r.url,
    visibility: r.visibility,
    published: r.published,
    duration: r.durationSeconds ? secondsToHms(r.durationSeconds) : null,
    summary: r.summary,
    transcript: r.transcript,
    references: r.references.map((ref) => ({ ...ref, authors: ref.authors ?? [], editors: ref.editors ?? [] })),
    chapters: r.chapters,
  };
}
