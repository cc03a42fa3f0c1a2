// Attendance certificates (« attestations de présence »): who may have one (a confirmed registration
// marked présent·e, in a series whose certificates are enabled), the verification code (issued once per
// registration, printed on every download), revocation while the person is no longer présent·e, what
// the public verification page may say, and the certificates a person sees in their space. The PDF is
// drawn by certificate-pdf.server.ts; the email by certificate-emails.server.ts.
import { randomInt } from "node:crypto";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase, Tx } from "~/utils/db.server";
import { fromUtcIso } from "~/utils/dates.server";
import { prepared } from "~/utils/prepared.server";
import { participationOf } from "~/utils/formats";
import { certificateSettings, type CertificateSettings } from "./certificate-settings.server";
import type { CertificateData } from "./certificate-pdf.server";

/** The code's alphabet: no 0/O, 1/I/L, so that it can be typed from paper. 12 characters ≈ 59 bits. */
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export const CODE_LENGTH = 12;

export function newCertificateCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** "ABCD-EFGH-JKMN", as printed. */
export const formatCode = (code: string) => code.replace(/(.{4})(?=.)/g, "$1-");

/** A code as typed or linked (dashes, spaces, lower case) back to its stored form, or null when it cannot be one. */
export function normaliseCode(value: string): string | null {
  const code = value.toUpperCase().replace(/[\s-]/g, "");
  return code.length === CODE_LENGTH && [...code].every((c) => CODE_ALPHABET.includes(c)) ? code : null;
}

/** The verification page's path for a code. */
export const verificationPath = (code: string) => `/attestations/${formatCode(code)}`;

type Db = AppDatabase | Tx;

function registrationRow(db: Db, registrationId: number) {
  return db
    .select({ r: t.registrations, p: t.participants, s: t.sessions, series: t.series })
    .from(t.registrations)
    .innerJoin(t.participants, eq(t.participants.id, t.registrations.participantId))
    .innerJoin(t.sessions, eq(t.sessions.id, t.registrations.sessionId))
    .innerJoin(t.series, eq(t.series.id, t.sessions.seriesId))
    .where(eq(t.registrations.id, registrationId))
    .get();
}

export type Refusal = { ok: false; status: 404 | 409; reason: "not-found" | "disabled" | "not-present"; message: string };
export type Eligible = { ok: true; found: NonNullable<ReturnType<typeof registrationRow>>; settings: CertificateSettings };

export const NO_CERTIFICATES = "Les attestations de présence ne sont pas proposées pour cette série.";

/**
 * Whether this registration may have a certificate: it exists (in this series, or of this person, when
 * given: anyone else's is as unknown as a missing one), the series
 * offers certificates, and the person was marked présent·e. Otherwise why not, in French.
 */
export function certificateEligibility(db: Db, registrationId: number, scope: { seriesId?: number; participantId?: number } = {}): Eligible | Refusal {
  const found = Number.isInteger(registrationId) ? registrationRow(db, registrationId) : undefined;
  const outOfScope =
    found &&
    ((scope.seriesId !== undefined && found.series.id !== scope.seriesId) || (scope.participantId !== undefined && found.p.id !== scope.participantId));
  if (!found || found.p.erasedAt || outOfScope)
    return { ok: false, status: 404, reason: "not-found", message: "Aucune inscription ne correspond à cette attestation." };
  const settings = certificateSettings(db, found.series.id);
  if (!settings.enabled) return { ok: false, status: 409, reason: "disabled", message: NO_CERTIFICATES };
  if (found.r.status !== "confirmed" || found.r.attendance !== "present") {
    const how =
      found.r.status !== "confirmed"
        ? "n’a pas d’inscription confirmée à"
        : found.r.attendance === null
          ? "n’a pas été noté·e présent·e à"
          : found.r.attendance === "excused"
            ? "a été excusé·e pour"
            : "a été noté·e absent·e à";
    return {
      ok: false,
      status: 409,
      reason: "not-present",
      message: `Pas d’attestation de présence\u00a0: ${found.p.firstName} ${found.p.lastName} ${how} la rencontre RDV #${found.s.number} «\u00a0${found.s.title}\u00a0». Une attestation n’est délivrée qu’aux personnes notées présentes.`,
    };
  }
  return { ok: true, found, settings };
}

/** The certificate of an eligible registration: issued once (its code then never changes), revived if it had been revoked. */
export function issueCertificate(db: Db, registrationId: number, nowIso: string): typeof t.certificates.$inferSelect {
  const existing = db.select().from(t.certificates).where(eq(t.certificates.registrationId, registrationId)).get();
  if (existing) {
    if (!existing.revokedAt) return existing;
    db.update(t.certificates).set({ revokedAt: null }).where(eq(t.certificates.id, existing.id)).run();
    return { ...existing, revokedAt: null };
  }
  // A collision of 59 random bits is unheard of, but the unique index would say so: draw again.
  for (;;) {
    const row = db.insert(t.certificates).values({ registrationId, code: newCertificateCode(), issuedAt: nowIso }).onConflictDoNothing().returning().get();
    if (row) return row;
    const raced = db.select().from(t.certificates).where(eq(t.certificates.registrationId, registrationId)).get();
    if (raced) return raced;
  }
}

/** The certificate already issued for a registration, if any (reads only). */
export function issuedCertificate(db: Db, registrationId: number) {
  return db.select().from(t.certificates).where(eq(t.certificates.registrationId, registrationId)).get() ?? null;
}

/** The series' organising structures, as printed when the settings name no issuing organisation. */
function organisersOf(db: Db, seriesId: number): string[] {
  return db
    .select({ name: t.organisations.name })
    .from(t.seriesOrganisations)
    .innerJoin(t.organisations, eq(t.organisations.id, t.seriesOrganisations.organisationId))
    .where(and(eq(t.seriesOrganisations.seriesId, seriesId), eq(t.seriesOrganisations.role, "organiser")))
    .orderBy(asc(t.seriesOrganisations.position))
    .all()
    .map((o) => o.name);
}

/** What the PDF prints, from an eligible registration and its certificate. */
export function certificateData(db: Db, eligible: Eligible, certificate: { code: string; issuedAt: string }, appUrl: string): CertificateData {
  const { found, settings } = eligible;
  const zone = found.series.timezone;
  return {
    firstName: found.p.firstName,
    lastName: found.p.lastName,
    organisation: found.p.organisation,
    sessionNumber: found.s.number,
    sessionTitle: found.s.title,
    seriesTitle: found.series.title,
    start: fromUtcIso(found.s.startsAt, zone),
    end: fromUtcIso(found.s.endsAt, zone),
    issuedOn: fromUtcIso(certificate.issuedAt, zone),
    // Where this person took part: the venue only for who came on site (a hybrid session's remote registrants too are « à distance »).
    place:
      participationOf(found.s.mode, found.r.participation) === "remote"
        ? "à distance (en ligne)"
        : [found.s.venueName, found.s.venueAddress].filter(Boolean).join(", ") || null,
    issuer: settings.organisationName || organisersOf(db, found.series.id).join(", ") || found.series.title,
    signatoryName: settings.signatoryName,
    signatoryTitle: settings.signatoryTitle,
    signature: settings.signatureImage ? { data: settings.signatureImage, type: settings.signatureType ?? "image/png" } : null,
    code: formatCode(certificate.code),
    verificationUrl: `${appUrl}${verificationPath(certificate.code)}`,
  };
}

/** The file name of a downloaded or attached certificate. */
export const certificateFileName = (sessionNumber: number) => `attestation-presence-rdv-${sessionNumber}.pdf`;

/**
 * After an attendance change, in its transaction: a registration now présent·e in a series that
 * offers certificates gets its certificate (revived if it had been revoked); one no longer présent·e
 * has it revoked, so the verification page stops confirming it. Returns the registrations now eligible.
 */
export function syncCertificates(tx: Tx, registrationIds: number[], nowIso: string): number[] {
  if (!registrationIds.length) return [];
  const eligible: number[] = [];
  for (const id of registrationIds) {
    const e = certificateEligibility(tx, id);
    if (e.ok) {
      issueCertificate(tx, id, nowIso);
      eligible.push(id);
    }
  }
  const gone = registrationIds.filter((id) => !eligible.includes(id));
  if (gone.length)
    tx.update(t.certificates)
      .set({ revokedAt: nowIso })
      .where(and(inArray(t.certificates.registrationId, gone), isNull(t.certificates.revokedAt)))
      .run();
  return eligible;
}

export type Verification =
  { status: "valid"; name: string; sessionTitle: string; seriesTitle: string; date: string } | { status: "revoked" } | { status: "unknown" };

/**
 * What the public verification page may say about a code: the name, the session and its date, and
 * nothing else (no address, no structure, no link). A certificate whose person is no longer présent·e,
 * has erased their data, or whose series no longer offers certificates is « révoquée ».
 */
export function verifyCertificate(db: AppDatabase, rawCode: string): Verification {
  const code = normaliseCode(rawCode);
  if (!code) return { status: "unknown" };
  const cert = db.select().from(t.certificates).where(eq(t.certificates.code, code)).get();
  if (!cert) return { status: "unknown" };
  if (cert.revokedAt) return { status: "revoked" };
  const e = certificateEligibility(db, cert.registrationId);
  if (!e.ok) return { status: "revoked" };
  const zone = e.found.series.timezone;
  const day = fromUtcIso(e.found.s.startsAt, zone).setLocale("fr");
  return {
    status: "valid",
    name: `${e.found.p.firstName} ${e.found.p.lastName}`.trim(),
    sessionTitle: `RDV #${e.found.s.number} — ${e.found.s.title}`,
    seriesTitle: e.found.series.title,
    date: `${day.toFormat("cccc")} ${day.day === 1 ? "1er" : day.day} ${day.toFormat("LLLL yyyy")}`,
  };
}

/** The certificates a person may download from their space: every session where they were présent·e, in a series that offers them. */
export function participantCertificates(db: AppDatabase, participantId: number) {
  // Prepared once per connection: every personal page asks.
  return prepared(db, "certificates.ofParticipant", (d) =>
    d
      .select({ registrationId: t.registrations.id, number: t.sessions.number, title: t.sessions.title, seriesId: t.series.id, startsAt: t.sessions.startsAt })
      .from(t.registrations)
      .innerJoin(t.sessions, eq(t.sessions.id, t.registrations.sessionId))
      .innerJoin(t.series, eq(t.series.id, t.sessions.seriesId))
      .innerJoin(t.certificateSettings, and(eq(t.certificateSettings.seriesId, t.series.id), eq(t.certificateSettings.enabled, true)))
      .where(
        and(
          eq(t.registrations.participantId, sql.placeholder("participantId")),
          eq(t.registrations.status, "confirmed"),
          eq(t.registrations.attendance, "present"),
        ),
      )
      .orderBy(asc(t.sessions.startsAt))
      .prepare(),
  ).all({ participantId });
}

/** The registrations of a series marked présent·e (confirmed): those a certificate is owed to when the series starts offering them. */
export function presentRegistrationsOfSeries(db: Db, seriesId: number): number[] {
  return db
    .select({ id: t.registrations.id })
    .from(t.registrations)
    .innerJoin(t.sessions, eq(t.sessions.id, t.registrations.sessionId))
    .where(and(eq(t.sessions.seriesId, seriesId), eq(t.registrations.status, "confirmed"), eq(t.registrations.attendance, "present")))
    .all()
    .map((r) => r.id);
}

/** Whether a series offers certificates (the attendance page shows a download link per présent·e). */
export const certificatesEnabled = (db: AppDatabase, seriesId: number) => certificateSettings(db, seriesId).enabled;
