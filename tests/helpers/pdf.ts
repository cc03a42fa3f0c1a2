// Reads a PDF back as text with pdfjs-dist (Mozilla's PDF reader, legacy build for Node), so tests
// check what a person copying from the PDF would get. Two readings of each page: `pdfPages` joins the
// text items as laid out (a space at each line end, every run of whitespace, no-break spaces included,
// folded to one space); `pdfItemPages` joins the non-blank items with a space (no-break spaces read as
// plain ones), for tables whose cells are separate items.
type Item = { str: string; hasEOL: boolean };

async function pageItems(bytes: Uint8Array): Promise<Item[][]> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: Item[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.flatMap((i) => ("str" in i ? [{ str: i.str, hasEOL: i.hasEOL }] : [])));
  }
  await doc.destroy();
  return pages;
}

export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  return (await pageItems(bytes)).map((items) =>
    items
      .map((i) => i.str + (i.hasEOL ? " " : ""))
      .join("")
      .replace(/\s+/g, " "),
  );
}

export async function pdfItemPages(bytes: Uint8Array): Promise<string[]> {
  return (await pageItems(bytes)).map((items) =>
    items
      .map((i) => i.str)
      .filter((s) => s.trim())
      .join(" ")
      .replace(/\u00a0/g, " "),
  );
}

export const pdfText = async (bytes: Uint8Array) => (await pdfPages(bytes)).join(" ");
