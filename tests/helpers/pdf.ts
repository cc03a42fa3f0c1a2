// Reads a PDF back as text with pdfjs (what a person copying from the PDF would get): each page's
// text items joined, whitespace (no-break spaces included) folded to single spaces.
export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(
      content.items
        .map((i) => ("str" in i ? i.str + (i.hasEOL ? " " : "") : ""))
        .join("")
        .replace(/\s+/g, " "),
    );
  }
  await doc.destroy();
  return pages;
}

export const pdfText = async (bytes: Uint8Array) => (await pdfPages(bytes)).join(" ");
