// Reads a PDF back as text with pdfjs-dist (Mozilla's PDF reader, legacy build for Node): one string
// per page, the text items joined by a space (no-break spaces read as plain ones), so tests check
// what a reader would copy out of it.
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(
      content.items
        .map((item) => ("str" in item ? item.str : ""))
        .filter((s) => s.trim())
        .join(" ")
        .replace(/\u00a0/g, " "),
    );
  }
  await doc.destroy();
  return pages;
}
