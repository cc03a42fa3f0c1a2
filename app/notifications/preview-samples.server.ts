// The data the email previews are filled with (app/notifications/email-previews.server.ts): a real
// confirmed registration to an upcoming session when there is one, else a fictional person (and, with
// no upcoming session at all, a fictional series and session); and the registrations the "recording
// available" and on-site cases need. Everything written here goes to the previews' scratch copy of
// the database, never to the database itself.
import { randomBytes } from "node:crypto";
import { and, asc, eq, gt, isNotNull, isNull, ne } from "drizzle-orm";
import { DateTime } from "luxon";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import { issueCheckInCode } from "../check-in/check-in-codes.server";
import { currentDraft } from "../newsletter/digest.server";
import { registrationsWithSessionAndPerson } from "../registration/registration-joins.server";

const SAMPLE_SESSION_UPDATED_AT = "1970-01-01T00:00:00Z";

export type Picked = { registrationId: number; participantId: number; email: string; seriesId: number; source: string; sample: boolean };

/** A published session still ahead, in a series that is not a draft. */
const upcoming = (nowIso: string) => and(eq(t.sessions.status, "published"), gt(t.sessions.startsAt, nowIso), ne(t.series.status, "draft"));

/** A confirmed registration to an upcoming session: a real one, else sample rows (in the scratch copy only). */
export function pickRegistration(db: AppDatabase, nowIso: string): Picked {
  const real = registrationsWithSessionAndPerson(db, {
    r: { id: t.registrations.id },
    p: { id: t.participants.id, email: t.participants.email, firstName: t.participants.firstName, lastName: t.participants.lastName },
    s: { number: t.sessions.number, title: t.sessions.title },
    series: { id: t.series.id, title: t.series.title },
  })
    .innerJoin(t.series, eq(t.series.id, t.sessions.seriesId))
    .where(and(eq(t.registrations.status, "confirmed"), isNull(t.participants.erasedAt), upcoming(nowIso)))
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
    .where(upcoming(nowIso))
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
  const registrationId = confirmedRegistration(db, participantId, session.s.id, nowIso);
  return { registrationId, participantId, email, seriesId: session.series.id, source, sample: true };
}

/** The person's registration to a session, made confirmed (and on site when asked): theirs if they have one, else a new one. */
function confirmedRegistration(db: AppDatabase, participantId: number, sessionId: number, nowIso: string, extra: { participation?: "onsite" } = {}): number {
  const existing = db
    .select({ id: t.registrations.id })
    .from(t.registrations)
    .where(and(eq(t.registrations.participantId, participantId), eq(t.registrations.sessionId, sessionId)))
    .get();
  if (existing) {
    db.update(t.registrations)
      .set({ status: "confirmed", ...extra })
      .where(eq(t.registrations.id, existing.id))
      .run();
    issueCheckInCode(db, existing.id);
    return existing.id;
  }
  const id = db
    .insert(t.registrations)
    .values({ participantId, sessionId, status: "confirmed", ...extra, confirmedAt: nowIso, createdAt: nowIso, updatedAt: nowIso })
    .returning({ id: t.registrations.id })
    .get().id;
  // The on-site preview shows a check-in code, like the real email (app/check-in/).
  issueCheckInCode(db, id);
  return id;
}

/** "Recording available": a published recording of some session, and the person registered to that session if they were not. */
export function recordingSample(
  db: AppDatabase,
  participantId: number,
  nowIso: string,
): { resourceId: number; sessionId: number; registrationId: number } | null {
  const recording = db
    .select({ id: t.resources.id, sessionId: t.resources.sessionId })
    .from(t.resources)
    .where(and(eq(t.resources.type, "recording"), eq(t.resources.published, true), isNotNull(t.resources.sessionId)))
    .orderBy(asc(t.resources.id))
    .get();
  if (!recording?.sessionId) return null;
  return { resourceId: recording.id, sessionId: recording.sessionId, registrationId: confirmedRegistration(db, participantId, recording.sessionId, nowIso) };
}

/** The J-2 email of whoever comes on site: the person on site at an in-person or hybrid session. */
export function onsiteSample(db: AppDatabase, participantId: number, nowIso: string): { sessionId: number; registrationId: number } | null {
  const onsite = db
    .select({ id: t.sessions.id })
    .from(t.sessions)
    .where(and(ne(t.sessions.mode, "online"), eq(t.sessions.status, "published")))
    .orderBy(asc(t.sessions.startsAt))
    .get();
  if (!onsite) return null;
  return { sessionId: onsite.id, registrationId: confirmedRegistration(db, participantId, onsite.id, nowIso, { participation: "onsite" }) };
}

/** Lettre d'information: a pending and a confirmed fictional subscriber and the draft letter (written to the previews' scratch copy only). */
export function newsletterSample(db: AppDatabase, nowIso: string) {
  const subscriber = (email: string, status: "pending" | "confirmed") =>
    db
      .insert(t.newsletterSubscribers)
      .values({ email, status, source: "library", createdAt: nowIso, requestedAt: nowIso, updatedAt: nowIso })
      .onConflictDoUpdate({ target: t.newsletterSubscribers.email, set: { status } })
      .returning()
      .get();
  return {
    pending: subscriber("apercu.abonnement@example.org", "pending"),
    confirmed: subscriber("apercu.lettre@example.org", "confirmed"),
    draftId: currentDraft(db, nowIso).id,
  };
}

/** A sample message to the registrants of a session (in the scratch copy only): its id. */
export function messageSample(db: AppDatabase, seriesId: number, sessionId: number, nowIso: string): number {
  return db
    .insert(t.registrantMessages)
    .values({
      seriesId,
      sessionId,
      kind: "service",
      audience: ["confirmed"],
      subject: "Changement de salle pour la rencontre",
      body: "La rencontre aura lieu dans la grande salle, au rez-de-chaussée.\n\nLe plan d’accès : https://example.org/plan\nÀ bientôt !",
      status: "sent",
      sendAt: nowIso,
      createdAt: nowIso,
      updatedAt: nowIso,
    })
    .returning({ id: t.registrantMessages.id })
    .get().id;
}
