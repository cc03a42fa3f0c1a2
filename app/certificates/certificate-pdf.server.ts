// The attendance certificate as a PDF (pdfkit, A4): title, the attestation sentence (who signs, who
// attended, which session of which series, the day and times in the series' zone and the duration as
// scheduled), organiser and place, the signature image and name, and the verification code with its
// URL. Drawn from data only (no database, no clock): the email renderer stays pure.
// Font: DejaVu Sans, embedded and subset (the platform's fonts/, shared with every printed document: app/documents/pdf.server.ts), so
// that any name (accents, ’, « », ł, ő…) prints and extracts back as typed.
import type { Readable } from "node:stream";
import PDFDocument from "pdfkit";
import type { DateTime } from "luxon";
import { formatDay, formatTime } from "~/utils/dates.server";
import { FONTS } from "~/documents/pdf.server";

export type CertificateData = {
  firstName: string;
  lastName: string;
  organisation: string | null;
  sessionNumber: number;
  sessionTitle: string;
  seriesTitle: string;
  /** Start and end as scheduled, in the series' zone. */
  start: DateTime;
  end: DateTime;
  /** When the certificate was first issued, in the series' zone. */
  issuedOn: DateTime;
  place: string | null;
  /** The issuing organisation. */
  issuer: string;
  signatoryName: string;
  signatoryTitle: string;
  signature: { data: Buffer; type: string } | null;
  /** As printed ("ABCD-EFGH-JKMN"). */
  code: string;
  verificationUrl: string;
};

const NBSP = "\u00a0";

/** "2 h 30", "3 h", "45 min": the scheduled length of the session. */
export function formatScheduledDuration(start: DateTime, end: DateTime): string {
  const minutes = Math.max(0, Math.round(end.diff(start, "minutes").minutes));
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (!h) return `${m}${NBSP}min`;
  return m ? `${h}${NBSP}h${NBSP}${String(m).padStart(2, "0")}` : `${h}${NBSP}h`;
}

/** "le mardi 29 mars 2022 de 9 h 30 à 12 h", or "du … au …" for a session over several days. */
export function formatCertificateWhen(start: DateTime, end: DateTime): string {
  if (start.hasSame(end, "day")) return `le ${formatDay(start)} de ${formatTime(start)} à ${formatTime(end)}`;
  return `du ${formatDay(start)} à ${formatTime(start)} au ${formatDay(end)} à ${formatTime(end)}`;
}

/** The attestation itself, one sentence. */
export function certificateSentence(d: CertificateData): string {
  const who = `${d.firstName} ${d.lastName}`.trim() + (d.organisation ? ` (${d.organisation})` : "");
  return (
    `Je soussigné·e ${d.signatoryName}, ${d.signatoryTitle}, atteste que ${who} a participé à la rencontre ` +
    `RDV #${d.sessionNumber} «${NBSP}${d.sessionTitle}${NBSP}» de la série «${NBSP}${d.seriesTitle}${NBSP}», ` +
    `${formatCertificateWhen(d.start, d.end)}, soit une durée de ${formatScheduledDuration(d.start, d.end)}.`
  );
}

/** The PDF's bytes. */
export async function certificatePdf(d: CertificateData): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of certificatePdfStream(d)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * The PDF as a stream (an email attachment reads it as it is sent). Drawing is synchronous, but
 * pdfkit decodes a PNG's transparency asynchronously before it writes the file's end: read the stream
 * to its end, never the buffer right after drawing.
 */
export function certificatePdfStream(d: CertificateData): Readable {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 64, bottom: 56, left: 64, right: 64 },
    info: {
      Title: `Attestation de présence — ${d.firstName} ${d.lastName} — RDV #${d.sessionNumber}`,
      Author: d.issuer,
      Subject: d.sessionTitle,
      CreationDate: d.issuedOn.toJSDate(),
    },
    lang: "fr-FR",
  });
  doc.registerFont("regular", FONTS.regular);
  doc.registerFont("bold", FONTS.bold);
  const width = doc.page.width - 128;
  const left = 64;

  doc.font("bold").fontSize(11).fillColor("#1d4f91").text(d.issuer, { width });
  doc.moveDown(3);
  doc.font("bold").fontSize(26).fillColor("#1b1f24").text("Attestation de présence", { width, align: "center" });
  doc.moveDown(2);
  doc.font("regular").fontSize(12.5).text(certificateSentence(d), { width, align: "justify", lineGap: 5 });
  doc.moveDown(1.5);
  const line = (label: string, value: string) => {
    doc.font("bold").text(`${label}${NBSP}: `, { continued: true, width }).font("regular").text(value, { width });
    doc.moveDown(0.4);
  };
  line("Organisation", d.issuer);
  if (d.place) line("Lieu", d.place);
  doc.moveDown(1.5);
  doc.text(`Fait pour servir et valoir ce que de droit, le ${formatDay(d.issuedOn)}.`, { width });
  doc.moveDown(2);

  // The signature block, on the right half.
  const blockX = left + width / 2;
  const blockWidth = width / 2;
  if (d.signature) {
    const top = doc.y;
    doc.image(d.signature.data, blockX, top, { fit: [blockWidth, 90] });
    doc.y = top + 96;
  }
  doc.font("bold").fontSize(12).text(d.signatoryName, blockX, doc.y, { width: blockWidth });
  doc.font("regular").fontSize(11).text(d.signatoryTitle, blockX, doc.y, { width: blockWidth });

  // The verification box, at the foot of the page; the URL on a line of its own (never broken at a hyphen).
  const boxTop = doc.page.height - 56 - 88;
  doc.rect(left, boxTop, width, 80).lineWidth(0.8).strokeColor("#8a96a3").stroke();
  doc
    .font("regular")
    .fontSize(10)
    .fillColor("#1b1f24")
    .text(`Code de vérification${NBSP}: `, left + 12, boxTop + 12, { width: width - 24, continued: true })
    .font("bold")
    .text(d.code);
  doc.font("regular").text(`Pour vérifier cette attestation, ouvrez${NBSP}:`, left + 12, doc.y + 4, { width: width - 24 });
  doc.fillColor("#1d4f91").text(d.verificationUrl, left + 12, doc.y + 2, { link: d.verificationUrl, underline: true, lineBreak: false });

  doc.end();
  return doc;
}
