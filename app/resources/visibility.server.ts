// Who may see what: a published resource of a published or archived series, not on a draft session;
// a public one by anyone, a registrants-only one through the personal link of someone registered in
// its series (404 for any other visitor). One condition (visibleWhere) serves every page, list,
// download and export (visibleRows) and the library's SQL pages and counts (library-query.server.ts),
// for an anonymous visitor or a personal link's holder.
import { and, asc, desc, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import { prepared } from "~/utils/prepared.server";
import { participantByToken } from "../registration/participants.server";
import type { ResourceRow } from "./resource-row.server";

/** Public: published, public, in a published or archived series, not on a draft session. */
export type Audience = { kind: "public" } | { kind: "participant"; participantId: number };

/** Series in which the person holds a registration that is not cancelled. */
export function registeredSeriesIds(db: AppDatabase, participantId: number): number[] {
  // Prepared once per connection: every personal page and personal download asks.
  return prepared(db, "resources.registeredSeriesIds", (d) =>
    d
      .selectDistinct({ id: t.sessions.seriesId })
      .from(t.registrations)
      .innerJoin(t.sessions, eq(t.sessions.id, t.registrations.sessionId))
      .where(and(eq(t.registrations.participantId, sql.placeholder("participantId")), ne(t.registrations.status, "cancelled")))
      .prepare(),
  )
    .all({ participantId })
    .map((r) => r.id);
}

const parentItem = alias(t.programmeItems, "parent_item");

/** The scope of a visibility query: one series, one session, one resource, a page of resources, registrants-only ones. */
export type VisibleScope = { seriesId?: number; sessionId?: number; id?: number; ids?: number[]; registrantsOnly?: boolean };

/**
 * The visibility rule as a condition over `resources` joined to its `series` and (left) its `sessions`:
 * every query that lists resources (visibleRows, the library's pages and counts) filters with it.
 */
export function visibleWhere(db: AppDatabase, audience: Audience, scope: VisibleScope = {}) {
  const seriesIds = audience.kind === "participant" ? registeredSeriesIds(db, audience.participantId) : [];
  const visibility =
    audience.kind === "public"
      ? eq(t.resources.visibility, "public")
      : scope.registrantsOnly
        ? and(eq(t.resources.visibility, "registrants"), inArray(t.resources.seriesId, seriesIds.length ? seriesIds : [-1]))
        : or(eq(t.resources.visibility, "public"), inArray(t.resources.seriesId, seriesIds.length ? seriesIds : [-1]));
  return and(
    eq(t.resources.published, true),
    inArray(t.series.status, ["published", "archived"]),
    or(isNull(t.resources.sessionId), ne(t.sessions.status, "draft")),
    visibility,
    scope.seriesId === undefined ? undefined : eq(t.resources.seriesId, scope.seriesId),
    scope.sessionId === undefined ? undefined : eq(t.resources.sessionId, scope.sessionId),
    scope.id === undefined ? undefined : eq(t.resources.id, scope.id),
    scope.ids === undefined ? undefined : inArray(t.resources.id, scope.ids.length ? scope.ids : [-1]),
  );
}

export function visibleRows(db: AppDatabase, audience: Audience, scope: VisibleScope = {}) {
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
    .where(visibleWhere(db, audience, scope))
    .orderBy(desc(t.series.id), asc(t.resources.position))
    .all();
}
export type VisibleRow = ReturnType<typeof visibleRows>[number];

/** The audience of a personal link, or null when no one holds it (unknown, revoked, erased). */
export function personalAudience(db: AppDatabase, token: string): Audience | null {
  const participant = participantByToken(db, token);
  return participant ? { kind: "participant", participantId: participant.id } : null;
}

/** The rows behind a bibliography export or a file download, under the same visibility rules. */
export function visibleResourceRow(db: AppDatabase, id: number, audience: Audience): (ResourceRow & { seriesSlug: string }) | null {
  if (!Number.isInteger(id) || id < 1) return null;
  const row = visibleRows(db, audience, { id })[0];
  return row ? { ...row.r, seriesSlug: row.series.slug } : null;
}

/** The row behind a download or an export through a personal link (none for an unknown link). */
export function personalResourceRow(db: AppDatabase, token: string, id: number): (ResourceRow & { seriesSlug: string }) | null {
  const audience = personalAudience(db, token);
  return audience ? visibleResourceRow(db, id, audience) : null;
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
