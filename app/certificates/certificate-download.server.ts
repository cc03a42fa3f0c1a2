// A certificate asked for by a person (from their space) or an organiser (from a series' pages): the
// registration must belong to them (the person's own, or one of the series'), then be eligible
// (app/certificates/certificates.server.ts). The PDF is issued on first download; its code then stays.
import type { AppDatabase } from "~/utils/db.server";
import { participantByToken } from "../registration/participants.server";
import { certificateData, certificateEligibility, certificateFileName, issueCertificate, type Eligible, type Refusal } from "./certificates.server";
import { certificatePdf } from "./certificate-pdf.server";

export type CertificateScope = { seriesId: number } | { participantId: number };

/** The registration named in an address ("12"), or NaN. */
export const registrationParam = (value: string | undefined) => (/^\d{1,9}$/.test(value ?? "") ? Number(value) : NaN);

/** A certificate asked for through a personal link (a dead link: null). */
export function personalCertificate(db: AppDatabase, token: string, registration: string | undefined) {
  const participant = participantByToken(db, token);
  if (!participant) return null;
  const id = registrationParam(registration);
  return { id, eligibility: requestedCertificate(db, id, { participantId: participant.id }) };
}

export const requestedCertificate = (db: AppDatabase, registrationId: number, scope: CertificateScope): Eligible | Refusal =>
  certificateEligibility(db, registrationId, scope);

/** The PDF of an eligible registration (issuing its certificate on the first download). */
export async function certificateFile(db: AppDatabase, eligible: Eligible, appUrl: string, nowIso: string): Promise<{ fileName: string; bytes: Buffer }> {
  const certificate = db.transaction((tx) => issueCertificate(tx, eligible.found.r.id, nowIso));
  return { fileName: certificateFileName(eligible.found.s.number), bytes: await certificatePdf(certificateData(db, eligible, certificate, appUrl)) };
}

/** The PDF as a download: private, never cached. */
export function pdfResponse(file: { fileName: string; bytes: Buffer }): Response {
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Content-Length": String(file.bytes.byteLength),
      "Cache-Control": "private, no-store",
      "Referrer-Policy": "same-origin",
      "X-Robots-Tag": "noindex",
    },
  });
}
