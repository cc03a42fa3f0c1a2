/** Visible-ish text of an HTML page: tags removed, entities decoded, no-break spaces made plain. */
export function textOf(html: string): string {
  return decode(html.replace(/<script[\s\S]*?<\/script>/g, " ").replace(/<[^>]+>/g, " "))
    .replace(/[\u00a0\s]+/g, " ")
    .trim();
}

export function decode(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&");
}

/** Visible text, without the empty comments React puts between adjacent text parts. */
export const pageText = (html: string) => textOf(html.replace(/<!--.*?-->/g, ""));

/** The error shown next to a field (its aria-describedby target), or null. */
export function fieldError(html: string, field: string): string | null {
  const m = html.match(new RegExp(`id="erreur-${field}"[^>]*>(.*?)</p>`, "s"));
  return m ? pageText(m[1]).replace(/^Erreur\s: /, "") : null;
}
