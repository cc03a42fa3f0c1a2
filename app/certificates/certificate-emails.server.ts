// The certificate email: queued in the transaction that records attendance (by hand or from a report),
// once per registration whatever the toggles (dedupe key `certificate:<registration>`), only when the
// series emails its certificates; sent at certificateEmailDueAt, so that a mistake noticed the same day
// can be corrected before anything leaves; not sent if the person is no longer présent·e by then (and
// queued again if they are marked présent·e once more). The renderer attaches the PDF.
import { and, eq, inArray } from "drizzle-orm";
import { DateTime } from "luxon";
import * as t from "../../db/schema";
import type { Tx } from "~/utils/db.server";
import { formatSessionWhen, toUtcIso } from "~/utils/dates.server";
import { EMAIL_KIND_SPECS as EMAILS, dedupeKeyOf, type EmailKind } from "~/notifications/email-kinds.server";
import { enqueue } from "../notifications/outbox.server";
import { skip, type Draft, type Skip, type ToParticipant } from "../notifications/message-parts.server";
import {
  certificateData,
  certificateEligibility,
  certificateFileName,
  issuedCertificate,
  presentRegistrationsOfSeries,
  syncCertificates,
  verificationPath,
} from "./certificates.server";
import { certificatePdfStream } from "./certificate-pdf.server";

export const CERTIFICATE_EMAIL = "certificate" satisfies EmailKind;
/** Why a queued certificate email did not leave: the person was no longer présent·e (queued again if they are). */
export const NO_LONGER_PRESENT = "plus noté·e présent·e à l’envoi";
/** Why a queued certificate email did not leave: the series had stopped offering certificates (queued again when it offers them again). */
export const NO_CERTIFICATES_ANY_MORE = "attestations plus proposées";
/** The email is queued again after either of these skips, never after a send. */
const REQUEUED_AFTER = [NO_LONGER_PRESENT, NO_CERTIFICATES_ANY_MORE];
/** The local hour, the day after the session, before which no certificate email leaves. */
export const CERTIFICATE_EMAIL_HOUR = 9;

/**
 * THE RULE of when a certificate email leaves: at 9 h (series' zone) the day after the session ends,
 * so that attendance recorded by mistake on the day can still be corrected; at once when attendance is
 * recorded later than that.
 */
export function certificateEmailDueAt(session: { endsAt: string }, zone: string, nowIso: string): string {
  const nextMorning = toUtcIso(
    DateTime.fromISO(session.endsAt, { zone: "utc" })
      .setZone(zone)
      .plus({ days: 1 })
      .set({ hour: CERTIFICATE_EMAIL_HOUR, minute: 0, second: 0, millisecond: 0 }),
  );
  return nextMorning > nowIso ? nextMorning : nowIso;
}

/**
 * After an attendance change, in its transaction: certificates issued or revoked (syncCertificates),
 * and for the registrations now présent·e in a series that emails its certificates, the email queued
 * once (or a skipped one queued again).
 */
export function recordAttendanceCertificates(tx: Tx, registrationIds: number[], nowIso: string): void {
  for (const id of syncCertificates(tx, registrationIds, nowIso)) {
    const e = certificateEligibility(tx, id);
    if (!e.ok || !e.settings.autoEmail) continue;
    const dedupeKey = dedupeKeyOf(CERTIFICATE_EMAIL, id);
    const dueAt = certificateEmailDueAt(e.found.s, e.found.series.timezone, nowIso);
    const queued = enqueue(tx, {
      kind: CERTIFICATE_EMAIL,
      dedupeKey,
      toAddress: e.found.p.email,
      participantId: e.found.p.id,
      sessionId: e.found.s.id,
      payload: { registrationId: id },
      dueAt,
    });
    if (queued === null)
      tx.update(t.outbox)
        .set({ status: "pending", dueAt, nextAttemptAt: dueAt, lastError: null })
        .where(and(eq(t.outbox.dedupeKey, dedupeKey), eq(t.outbox.status, "cancelled"), inArray(t.outbox.lastError, REQUEUED_AFTER)))
        .run();
  }
}

/**
 * When a series starts offering certificates, or emailing them, in that transaction: the people
 * already présent·e get theirs as if their attendance had just been recorded (each email still once).
 */
export function recordSeriesCertificates(tx: Tx, seriesId: number, nowIso: string): void {
  recordAttendanceCertificates(tx, presentRegistrationsOfSeries(tx, seriesId), nowIso);
}

/** The certificate email, rendered with fresh data: nothing leaves unless the person is still présent·e and the series still offers certificates. */
export function renderCertificate({ db, row, ctx, participant, draft, message }: ToParticipant): Draft | Skip {
  const { registrationId } = row.payload as { registrationId: number };
  const e = certificateEligibility(db, registrationId);
  if (!e.ok) return skip(e.reason === "not-present" ? NO_LONGER_PRESENT : e.reason === "disabled" ? NO_CERTIFICATES_ANY_MORE : "inscription introuvable");
  const certificate = issuedCertificate(db, registrationId);
  if (!certificate || certificate.revokedAt) return skip(NO_LONGER_PRESENT);
  const data = certificateData(db, e, certificate, ctx.appUrl);
  const fileName = certificateFileName(e.found.s.number);
  return draft((token) => {
    const content = EMAILS.certificate.template({
      firstName: participant.firstName,
      seriesTitle: e.found.series.title,
      session: { number: e.found.s.number, title: e.found.s.title, when: formatSessionWhen(e.found.s.startsAt, e.found.s.endsAt, e.found.series.timezone) },
      fileName,
      personalUrl: `${ctx.appUrl}/moi/${token}`,
      verificationUrl: `${ctx.appUrl}${verificationPath(certificate.code)}`,
    });
    return message(token, content, e.found.series.slug, [{ filename: fileName, contentType: "application/pdf", content: certificatePdfStream(data) }]);
  });
}
