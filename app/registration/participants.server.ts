// A participant's own space without an account: personal links (unguessable token, only its hash
// stored, revocable), what the space shows, data export, erasure and news opt-out.
import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import { prepared } from "~/utils/prepared.server";
import { formatSessionWhen } from "~/utils/dates.server";
import { oneTapDial } from "../../emails/access-codes";
import type { Venue } from "../../emails/access-codes";
import { codesVisible, infoVisible } from "../access-codes/access-codes.server";
import { participationOf, type Participation } from "~/utils/formats";
import { dedupeKeyOf } from "~/notifications/email-kinds.server";
import { enqueue } from "../notifications/outbox.server";
import { registrationsWithSessions } from "../notifications/message-parts.server";
import { participantAnswers } from "../questions/questions.server";
import { cancelRegistrationsIn, normaliseEmail, participantDetails } from "./registrations.server";
import { waitingPositionsOf } from "./waiting-list.server";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new personal link for one email; the raw token exists only in that email. */
export function createPersonalLink(db: AppDatabase, participantId: number, nowIso: string): string {
  const token = randomBytes(24).toString("base64url");
  prepared(db, "links.insert", (d) =>
    d
      .insert(t.personalLinks)
      .values({ participantId: sql.placeholder("participantId"), tokenHash: sql.placeholder("tokenHash"), createdAt: sql.placeholder("createdAt") })
      .prepare(),
  ).run({ participantId, tokenHash: hashToken(token), createdAt: nowIso });
  return token;
}

export type Participant = typeof t.participants.$inferSelect;

export function participantByToken(db: AppDatabase, token: string): Participant | null {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  // Prepared once per connection: every personal page and action starts here.
  const row = prepared(db, "participant.byToken", (d) =>
    d
      .select({ p: t.participants })
      .from(t.personalLinks)
      .innerJoin(t.participants, eq(t.participants.id, t.personalLinks.participantId))
      .where(and(eq(t.personalLinks.tokenHash, sql.placeholder("hash")), isNull(t.personalLinks.revokedAt), isNull(t.participants.erasedAt)))
      .prepare(),
  ).get({ hash: hashToken(token) });
  return row?.p ?? null;
}

export function revokeLinks(db: AppDatabase, participantId: number, nowIso: string): void {
  db.update(t.personalLinks)
    .set({ revokedAt: nowIso })
    .where(and(eq(t.personalLinks.participantId, participantId), isNull(t.personalLinks.revokedAt)))
    .run();
}

/** "Recevoir à nouveau mon lien": queues an email when the address is known; says nothing either way. */
export function requestPersonalLink(db: AppDatabase, email: string, nowIso: string): void {
  const p = db
    .select()
    .from(t.participants)
    .where(and(eq(t.participants.email, normaliseEmail(email)), isNull(t.participants.erasedAt)))
    .get();
  if (!p) return;
  enqueue(db, {
    kind: "personal-link",
    dedupeKey: dedupeKeyOf("personal-link", p.id, nowIso),
    toAddress: p.email,
    participantId: p.id,
    dueAt: nowIso,
  });
}

export type SpaceCodes = {
  provider: string | null;
  joinUrl: string | null;
  meetingId: string | null;
  passcode: string | null;
  dialIn: { label: string; number: string; oneTap: string }[];
  instructions: string | null;
};

export type SpaceRegistration = {
  /** The session's access codes, from their due instant on, for a confirmed registration only. */
  codes: SpaceCodes | null;
  id: number;
  status: "confirmed" | "waiting" | "cancelled";
  waitingPosition: number | null;
  sessionId: number;
  sessionSlug: string;
  number: number;
  title: string;
  when: string;
  past: boolean;
  sessionStatus: string;
  mode: string;
  participation: Participation;
  /** Whoever comes on site: the practical information, from the same due instant as the codes. */
  practical: Venue | null;
};
export type SpaceSeries = { id: number; slug: string; title: string; registrations: SpaceRegistration[] };

export function personalSpace(db: AppDatabase, participantId: number, nowIso: string): SpaceSeries[] {
  const rows = prepared(db, "participant.space", (d) =>
    registrationsWithSessions(d)
      .where(eq(t.registrations.participantId, sql.placeholder("participantId")))
      .orderBy(asc(t.sessions.startsAt))
      .prepare(),
  ).all({ participantId });
  // Every waiting registration's place in one query (not one per registration).
  const places = rows.some((x) => x.r.status === "waiting") ? waitingPositionsOf(db, participantId) : null;
  const bySeries = new Map<number, SpaceSeries>();
  for (const { r, s, series, access } of rows) {
    const entry = bySeries.get(series.id) ?? { id: series.id, slug: series.slug, title: series.title, registrations: [] };
    bySeries.set(series.id, entry);
    const visible = access !== null && codesVisible(s, r, nowIso) && s.endsAt > nowIso;
    const participation = participationOf(s.mode, r.participation);
    entry.registrations.push({
      codes: visible
        ? {
            provider: access.provider,
            joinUrl: access.joinUrl,
            meetingId: access.meetingId,
            passcode: access.passcode,
            dialIn: access.dialIn.map((d) => ({ ...d, oneTap: oneTapDial(d.number, access.meetingId, access.passcode) })),
            instructions: access.instructions,
          }
        : null,
      id: r.id,
      status: r.status,
      waitingPosition: r.status === "waiting" ? (places?.get(r.id) ?? null) : null,
      sessionId: s.id,
      sessionSlug: s.slug,
      number: s.number,
      title: s.title,
      when: formatSessionWhen(s.startsAt, s.endsAt, series.timezone),
      past: s.endsAt <= nowIso,
      sessionStatus: s.status,
      mode: s.mode,
      participation,
      practical:
        participation === "onsite" && infoVisible(s, r, nowIso) && s.endsAt > nowIso
          ? { name: s.venueName, address: s.venueAddress, instructions: s.venueInstructions, accessibility: s.venueAccessibility, contact: s.venueContact }
          : null,
    });
  }
  return [...bySeries.values()];
}

/** Everything stored about the person, as JSON (right of access and portability). */
export function exportParticipantData(db: AppDatabase, participantId: number) {
  const p = db.select().from(t.participants).where(eq(t.participants.id, participantId)).get()!;
  const regs = db
    .select({ r: t.registrations, session: t.sessions.title, number: t.sessions.number, startsAt: t.sessions.startsAt, series: t.series.title })
    .from(t.registrations)
    .innerJoin(t.sessions, eq(t.sessions.id, t.registrations.sessionId))
    .innerJoin(t.series, eq(t.series.id, t.sessions.seriesId))
    .where(eq(t.registrations.participantId, participantId))
    .all();
  const emails = db
    .select({ kind: t.outbox.kind, subject: t.outbox.subject, status: t.outbox.status, sentAt: t.outbox.sentAt, createdAt: t.outbox.createdAt })
    .from(t.outbox)
    .where(eq(t.outbox.participantId, participantId))
    .all();
  return {
    format: "rendez-vous.personal-data/1",
    person: {
      email: p.email,
      ...participantDetails(p),
      dataConsentAt: p.dataConsentAt,
      newsConsent: p.newsConsent,
      newsConsentAt: p.newsConsentAt,
      minutesConsentAt: p.minutesConsentAt,
      createdAt: p.createdAt,
    },
    registrations: regs.map(({ r, session, number, startsAt, series }) => ({
      series,
      session: `RDV #${number} — ${session}`,
      sessionStartsAt: startsAt,
      status: r.status,
      createdAt: r.createdAt,
      confirmedAt: r.confirmedAt,
      cancelledAt: r.cancelledAt,
    })),
    emails,
    // Answers to the organisers' questions, with each question as it was asked.
    answers: participantAnswers(db, participantId).map(({ series, label, answer }) => ({ series, question: label, answer })),
    // Attendance certificates issued (app/certificates/), with their verification codes.
    certificates: db
      .select({
        number: t.sessions.number,
        session: t.sessions.title,
        code: t.certificates.code,
        issuedAt: t.certificates.issuedAt,
        revokedAt: t.certificates.revokedAt,
      })
      .from(t.certificates)
      .innerJoin(t.registrations, eq(t.registrations.id, t.certificates.registrationId))
      .innerJoin(t.sessions, eq(t.sessions.id, t.registrations.sessionId))
      .where(eq(t.registrations.participantId, participantId))
      .all()
      .map(({ number, session, ...c }) => ({ session: `RDV #${number} — ${session}`, ...c })),
  };
}

export function stopNews(db: AppDatabase, participantId: number, nowIso: string): void {
  db.update(t.participants).set({ newsConsent: false, newsConsentAt: null, updatedAt: nowIso }).where(eq(t.participants.id, participantId)).run();
}

/** Gives (dated now) or withdraws the « consentement à figurer » in minutes; giving it again keeps nothing of the old date. */
export function setMinutesConsent(db: AppDatabase, participantId: number, consent: boolean, nowIso: string): void {
  db.update(t.participants)
    .set({ minutesConsentAt: consent ? nowIso : null, updatedAt: nowIso })
    .where(eq(t.participants.id, participantId))
    .run();
}

/**
 * Erases the person's data: upcoming registrations are cancelled (seats go to the waiting list),
 * identity fields are blanked, links revoked, queued emails cancelled. Past registrations remain as
 * anonymous counts (structure type and territory are dropped too).
 */
export function eraseParticipant(db: AppDatabase, participantId: number, nowIso: string): void {
  db.transaction(
    (tx) => {
      cancelRegistrationsIn(tx, { participantId, nowIso });
      const original = tx.select({ email: t.participants.email }).from(t.participants).where(eq(t.participants.id, participantId)).get()!.email;
      tx.delete(t.devMailbox).where(eq(t.devMailbox.toAddress, original)).run();
      tx.delete(t.registrationAnswers).where(eq(t.registrationAnswers.participantId, participantId)).run();
      tx.update(t.participants)
        .set({
          email: `efface-${participantId}@invalid`,
          firstName: "",
          lastName: "",
          organisation: null,
          jobTitle: null,
          structureType: null,
          territory: null,
          newsConsent: false,
          newsConsentAt: null,
          minutesConsentAt: null,
          erasedAt: nowIso,
          updatedAt: nowIso,
        })
        .where(eq(t.participants.id, participantId))
        .run();
      tx.update(t.personalLinks).set({ revokedAt: nowIso }).where(eq(t.personalLinks.participantId, participantId)).run();
      tx.update(t.outbox)
        .set({ status: "cancelled", lastError: "données effacées à la demande de la personne", toAddress: `efface-${participantId}@invalid` })
        .where(and(eq(t.outbox.participantId, participantId), eq(t.outbox.status, "pending")))
        .run();
      tx.update(t.outbox)
        .set({ toAddress: `efface-${participantId}@invalid` })
        .where(eq(t.outbox.participantId, participantId))
        .run();
    },
    { behavior: "immediate" },
  );
}
