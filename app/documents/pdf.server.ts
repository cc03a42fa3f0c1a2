// What every printable document of the platform shares (pdfkit): an A4 page with its margins, the
// embedded fonts and the HTTP response that hands the file over. The fonts are DejaVu Sans (fonts/,
// licence in fonts/LICENSE-DejaVu.txt), embedded and subset by pdfkit: pdfkit's standard Helvetica
// only knows WinAnsi, so a registrant named « Łukasz » or « Nguyễn » would come out garbled, while
// DejaVu covers French (é, ç, œ, ’, « ») and most Latin, Greek and Cyrillic names.
import path from "node:path";
import PDFDocument from "pdfkit";
import { projectRoot } from "~/utils/paths.server";

export const FONTS = {
  regular: path.join(projectRoot, "fonts", "DejaVuSans.ttf"),
  bold: path.join(projectRoot, "fonts", "DejaVuSans-Bold.ttf"),
} as const;

/** A4 portrait in PDF points, and the margin kept free on each side. */
export const A4 = { width: 595.28, height: 841.89, margin: 40 } as const;

export type Pdf = InstanceType<typeof PDFDocument>;

/**
 * A new A4 portrait document with the fonts registered as "regular" and "bold". Pages are buffered
 * so that "Page n / N" can be written once the number of pages is known (see numberPages).
 */
export function newA4Document(info: { title: string; subject?: string }): Pdf {
  const doc = new PDFDocument({
    size: "A4",
    margin: A4.margin,
    bufferPages: true,
    autoFirstPage: false,
    font: FONTS.regular,
    info: { Title: info.title, Subject: info.subject, Creator: "Rendez-vous", Producer: "Rendez-vous (pdfkit)" },
    lang: "fr-FR",
  });
  doc.registerFont("regular", FONTS.regular);
  doc.registerFont("bold", FONTS.bold);
  return doc;
}

/** Writes "Page n / N" at the foot of every buffered page. */
export function numberPages(doc: Pdf) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Below the bottom margin: lift it for this one line so that pdfkit does not open a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font("regular")
      .fontSize(8)
      .fillColor("#444")
      .text(`Page ${i + 1} / ${range.count}`, A4.margin, A4.height - A4.margin + 12, { width: A4.width - 2 * A4.margin, align: "right", lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

/** Ends the document and gives back its bytes. */
export function pdfBytes(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.end();
  });
}

/** The file as a download: never cached (it names people), an ASCII name and its UTF-8 form. */
export function pdfAttachment(bytes: Buffer, fileName: string): Response {
  const ascii = fileName
    .normalize("NFD")
    .replace(/[^\x20-\x7e]/g, "")
    .replace(/["\\]/g, "");
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(bytes.length),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
