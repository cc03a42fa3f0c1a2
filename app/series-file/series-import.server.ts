// Importing a series file: one IMMEDIATE transaction, keyed by slug (an existing series is updated in
// place and keeps its registrations). Sessions are matched by number; what changed for each is
// reported so that the caller (CLI, back-office) can tell registrants (access-codes issue).
import { and, eq, inArray } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase, Tx } from "~/utils/db.server";
import { formatSessionWhen, localToUtc } from "~/utils/dates.server";
import { parseSeriesFile, type FormatProblem, type SeriesFile, type SessionFile } from "./series-format.server";
import { onSessionChanged, refreshDueInstants } from "../access-codes/access-codes.server";
import { writeFileResources, type ProgrammeIds } from "../resources/series-file-resources.server";
import { diffSession, placeLine, type SessionBefore, type SessionChangeKind } from "../series/sessions.server";
import { removeStored } from "../resources/uploads.server";
import { writeFileReminders } from "../reminders/series-file-reminders.server";
import { writeFileQuestions } from "../questions/series-file-questions.server";

/** Thrown inside the import transaction to roll it back with problems to report. */
class ImportRefused extends Error {
  constructor(public readonly problems: FormatProblem[]) {
    super("import refused");
  }
}

export type SessionChange = { number: number; sessionId: number; kinds: SessionChangeKind[]; before?: SessionBefore };
export type ImportResult =
  | { ok: true; seriesId: number; slug: string; created: boolean; sessions: number; changes: SessionChange[]; recordingEmails: number }
  | { ok: false; problems: FormatProblem[] };

function utc(local: string, zone: string): string {
  const r = localToUtc(local, zone);
  if (!r.ok) throw new Error(`heure locale invalide ${local}`); // parseSeriesFile already refused these
  return r.utc;
}

/**
 * Imports (or updates in place) a series. A changed session time, status or access information has
 * the same effects as in the back-office: due instants recomputed, corrections and cancellations
 * queued (app/access-codes/access-codes.server.ts), in the same transaction.
 */
export function importSeries(db: AppDatabase, input: unknown, options: { nowIso: string }): ImportResult {
  const parsed = parseSeriesFile(input);
  if (!parsed.ok) return parsed;
  const file = parsed.file;
  const now = options.nowIso;
  try {
    const { result, removedFiles } = db.transaction(
      (tx) => {
        const written = writeSeries(tx, file, now);
        if (written.result.ok) {
          refreshDueInstants(tx, written.result.seriesId);
          for (const change of written.result.changes) onSessionChanged(tx, change.sessionId, change.kinds, now, change.before);
        }
        return written;
      },
      { behavior: "immediate" },
    );
    // Files of resources no longer in the file go once the change is committed.
    removeStored(db, removedFiles);
    return result;
  } catch (error) {
    if (error instanceof ImportRefused) return { ok: false, problems: error.problems };
    throw error;
  }
}

function upsertOrganisations(tx: Tx, file: SeriesFile, now: string): Map<string, number> {
  const ids = new Map<string, number>();
  for (const o of file.organisations) {
    const values = {
      name: o.name,
      shortName: o.shortName ?? null,
      address: o.address ?? null,
      phone: o.phone ?? null,
      email: o.email ?? null,
      website: o.website ?? null,
    };
    const row = tx
      .insert(t.organisations)
      .values({ key: o.key, ...values })
      .onConflictDoUpdate({ target: t.organisations.key, set: { ...values, updatedAt: now } })
      .returning({ id: t.organisations.id })
      .get();
    ids.set(o.key, row.id);
  }
  return ids;
}

function upsertPeople(tx: Tx, file: SeriesFile, orgIds: Map<string, number>, now: string): Map<string, number> {
  const ids = new Map<string, number>();
  for (const p of file.people) {
    const values = {
      name: p.name,
      role: p.role ?? null,
      organisationId: p.organisation ? (orgIds.get(p.organisation) ?? null) : null,
      bio: p.bio ?? null,
    };
    const row = tx
      .insert(t.people)
      .values({ key: p.key, ...values })
      .onConflictDoUpdate({ target: t.people.key, set: { ...values, updatedAt: now } })
      .returning({ id: t.people.id })
      .get();
    ids.set(p.key, row.id);
  }
  return ids;
}

function writeSeries(tx: Tx, file: SeriesFile, now: string): { result: ImportResult; removedFiles: string[] } {
  const zone = file.timezone;
  const orgIds = upsertOrganisations(tx, file, now);
  const personIds = upsertPeople(tx, file, orgIds, now);

  const seriesValues = {
    title: file.title,
    subtitle: file.subtitle ?? null,
    territory: file.territory ?? null,
    timezone: zone,
    status: file.status,
    summary: file.summary ?? null,
    question: file.question ?? null,
    objectives: file.objectives,
    audience: file.audience ?? null,
    mode: file.mode ?? null,
    platform: file.platform ?? null,
    registrationRequired: file.registration.required,
    multipleSessions: file.registration.multipleSessions,
    registrationOpensAt: file.registration.opensAt ? utc(file.registration.opensAt, zone) : null,
    registrationClosesAt: file.registration.closesAt ? utc(file.registration.closesAt, zone) : null,
    accessDaysBefore: file.accessCodes.daysBefore,
    accessSendAt: file.accessCodes.sendAt,
  };
  const existing = tx.select({ id: t.series.id }).from(t.series).where(eq(t.series.slug, file.slug)).get();
  let seriesId: number;
  if (existing) {
    seriesId = existing.id;
    tx.update(t.series)
      .set({ ...seriesValues, updatedAt: now })
      .where(eq(t.series.id, seriesId))
      .run();
  } else {
    seriesId = tx
      .insert(t.series)
      .values({ slug: file.slug, ...seriesValues })
      .returning({ id: t.series.id })
      .get().id;
  }

  // Lists owned by the series are replaced as a whole, in the file's order.
  tx.delete(t.seriesOrganisations).where(eq(t.seriesOrganisations.seriesId, seriesId)).run();
  file.organisations.forEach((o, position) => {
    tx.insert(t.seriesOrganisations)
      .values({ seriesId, organisationId: orgIds.get(o.key)!, role: o.role, position })
      .run();
  });
  tx.delete(t.seriesPeople).where(eq(t.seriesPeople.seriesId, seriesId)).run();
  file.people.forEach((p, position) => {
    tx.insert(t.seriesPeople)
      .values({ seriesId, personId: personIds.get(p.key)!, position })
      .run();
  });
  tx.delete(t.keyFigures).where(eq(t.keyFigures.seriesId, seriesId)).run();
  file.keyFigures.forEach((k, position) =>
    tx
      .insert(t.keyFigures)
      .values({ seriesId, position, ...k })
      .run(),
  );
  tx.delete(t.seriesRules).where(eq(t.seriesRules.seriesId, seriesId)).run();
  file.rules.forEach((text, position) => tx.insert(t.seriesRules).values({ seriesId, position, text }).run());

  const before = tx.select().from(t.sessions).where(eq(t.sessions.seriesId, seriesId)).all();
  const byNumber = new Map(before.map((s) => [s.number, s]));
  const byNumberBefore = new Map(byNumber);
  const changes: SessionChange[] = [];
  const sessionIds = new Map<number, number>();
  const itemIds: ProgrammeIds = new Map();
  // Free every slug first so that two sessions may swap slugs in one import.
  for (const s of before)
    tx.update(t.sessions)
      .set({ slug: `~${s.id}` })
      .where(eq(t.sessions.id, s.id))
      .run();

  for (const s of file.sessions) {
    const values = {
      slug: s.slug,
      title: s.title,
      theme: s.theme ?? null,
      startsAt: utc(s.start, zone),
      endsAt: utc(s.end, zone),
      mode: s.mode,
      status: s.status,
      capacity: s.capacity ?? null,
      remoteCapacity: s.remoteCapacity ?? null,
      venueName: s.venue?.name ?? null,
      venueAddress: s.venue?.address ?? null,
      venueInstructions: s.venue?.instructions ?? null,
      venueAccessibility: s.venue?.accessibility ?? null,
      venueContact: s.venue?.contact ?? null,
    };
    const old = byNumber.get(s.number);
    let sessionId: number;
    const kinds: SessionChangeKind[] = [];
    if (old) {
      sessionId = old.id;
      const oldAccess = tx.select().from(t.sessionAccess).where(eq(t.sessionAccess.sessionId, old.id)).get();
      // A file exported without its access codes leaves them as they are.
      kinds.push(...diffSession(old, values, oldAccess, s.access ?? null).filter((k) => !(file.accessOmitted && k === "access")));
      // The calendar version (calendar.server.ts calendarSequence): every change a calendar copy shows.
      const bump = kinds.some((k) => k === "time" || k === "place" || k === "status" || k === "access");
      tx.update(t.sessions)
        .set({ ...values, sequence: old.sequence + (bump ? 1 : 0), updatedAt: now })
        .where(eq(t.sessions.id, old.id))
        .run();
      byNumber.delete(s.number);
    } else {
      sessionId = tx
        .insert(t.sessions)
        .values({ seriesId, number: s.number, ...values })
        .returning({ id: t.sessions.id })
        .get().id;
      kinds.push("created");
    }
    sessionIds.set(s.number, sessionId);
    if (!file.accessOmitted) writeAccess(tx, sessionId, s.access ?? null, kinds.includes("access"), now);
    itemIds.set(s.number, writeProgramme(tx, sessionId, s, zone, orgIds, personIds));
    const was = byNumberBefore.get(s.number);
    if (kinds.length)
      changes.push({
        number: s.number,
        sessionId,
        kinds,
        before: was ? { when: formatSessionWhen(was.startsAt, was.endsAt, zone), place: placeLine(was) } : undefined,
      });
  }
  // Sessions no longer in the file: removed, unless people registered (then cancel it instead).
  const withPeople = [...byNumber.values()].filter(
    (s) => tx.select({ id: t.registrations.id }).from(t.registrations).where(eq(t.registrations.sessionId, s.id)).limit(1).get() !== undefined,
  );
  if (withPeople.length) {
    throw new ImportRefused(
      withPeople.map((s) => ({
        path: "sessions",
        message: `la session n° ${s.number} (« ${s.title} ») a des inscriptions : elle ne peut pas être supprimée ; passez-la au statut « cancelled » (annulée) pour prévenir les inscrits`,
      })),
    );
  }
  const removed = [...byNumber.values()].map((s) => s.id);
  if (removed.length)
    tx.delete(t.sessions)
      .where(and(eq(t.sessions.seriesId, seriesId), inArray(t.sessions.id, removed)))
      .run();

  // Resources are upserted by key: ids and uploaded files survive re-imports (app/resources/series-file-resources.server.ts).
  writeFileReminders(tx, seriesId, file.reminders, now);
  writeFileQuestions(tx, { seriesId, questions: file.questions, sessionIds, nowIso: now });
  const { removedFiles, emails } = writeFileResources(tx, { seriesId, resources: file.resources, sessionIds, itemIds, nowIso: now });

  return {
    result: { ok: true, seriesId, slug: file.slug, created: !existing, sessions: file.sessions.length, changes, recordingEmails: emails },
    removedFiles,
  };
}

function writeAccess(tx: Tx, sessionId: number, access: SessionFile["access"], changed: boolean, now: string) {
  if (!access) {
    tx.delete(t.sessionAccess).where(eq(t.sessionAccess.sessionId, sessionId)).run();
    return;
  }
  const values = {
    provider: access.provider ?? null,
    joinUrl: access.joinUrl ?? null,
    meetingId: access.meetingId ?? null,
    passcode: access.passcode ?? null,
    dialIn: access.dialIn,
    instructions: access.instructions ?? null,
  };
  const old = tx.select({ revision: t.sessionAccess.revision }).from(t.sessionAccess).where(eq(t.sessionAccess.sessionId, sessionId)).get();
  if (!old)
    tx.insert(t.sessionAccess)
      .values({ sessionId, ...values })
      .run();
  else if (changed) {
    tx.update(t.sessionAccess)
      .set({ ...values, revision: old.revision + 1, updatedAt: now })
      .where(eq(t.sessionAccess.sessionId, sessionId))
      .run();
  }
}

function writeProgramme(
  tx: Tx,
  sessionId: number,
  s: SessionFile,
  zone: string,
  orgIds: Map<string, number>,
  personIds: Map<string, number>,
): Map<string, number> {
  // Items are rewritten as a whole; resources attached to them are attached again by their path ("3", "3.2").
  const ids = new Map<string, number>();
  tx.delete(t.programmeItems).where(eq(t.programmeItems.sessionId, sessionId)).run();
  const day = s.start.slice(0, 10);
  const writeSpeakers = (itemId: number, speakers: SessionFile["programme"][number]["speakers"]) =>
    speakers.forEach((sp, position) =>
      tx
        .insert(t.programmeSpeakers)
        .values({
          itemId,
          personId: sp.person ? personIds.get(sp.person)! : null,
          organisationId: sp.organisation ? orgIds.get(sp.organisation)! : null,
          speakerRole: sp.part,
          position,
        })
        .run(),
    );
  s.programme.forEach((item, position) => {
    const itemId = tx
      .insert(t.programmeItems)
      .values({
        sessionId,
        position,
        startsAt: item.start ? utc(`${day}T${item.start}`, zone) : null,
        endsAt: item.end ? utc(`${day}T${item.end}`, zone) : null,
        kind: item.kind,
        title: item.title,
        description: item.description ?? null,
      })
      .returning({ id: t.programmeItems.id })
      .get().id;
    ids.set(String(position + 1), itemId);
    writeSpeakers(itemId, item.speakers);
    item.parts.forEach((part, partPosition) => {
      const partId = tx
        .insert(t.programmeItems)
        .values({
          sessionId,
          parentId: itemId,
          position: partPosition,
          kind: part.kind ?? null,
          title: part.title,
          description: part.description ?? null,
        })
        .returning({ id: t.programmeItems.id })
        .get().id;
      ids.set(`${position + 1}.${partPosition + 1}`, partId);
      writeSpeakers(partId, part.speakers);
    });
  });
  return ids;
}
