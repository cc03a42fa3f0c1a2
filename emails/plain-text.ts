// Organisers' own words in an email (a reminder's text, a message to registrants): plain text, never
// markup. Paragraphs are separated by a blank line, a single line break is kept, and links written
// in full (https://…, mailto:…) become links; everything else is escaped. The text part is the same
// text, tidied. Links are found by linkify-it (the linkifier of markdown-it), not by a hand-written
// expression: trailing punctuation and brackets are its job.
import { LinkifyIt } from "linkify-it";
import { escapeHtml, raw, type Safe } from "./layout";

const linkify = new LinkifyIt({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false }).add("ftp:", null).add("//", null);

/** Line endings made "\n", spaces at line ends dropped, no more than one blank line in a row, no blank lines around. */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** One line, escaped, its links made <a>. */
function lineHtml(line: string): string {
  const matches = linkify.match(line) ?? [];
  let out = "";
  let at = 0;
  for (const m of matches) {
    out += escapeHtml(line.slice(at, m.index));
    out += `<a href="${escapeHtml(m.url)}" style="color:#1d4f91">${escapeHtml(m.text)}</a>`;
    at = m.lastIndex;
  }
  return out + escapeHtml(line.slice(at));
}

/** The text as HTML paragraphs (`<p>` per paragraph, `<br />` per line break). */
export function textHtml(text: string): Safe {
  const paragraphs = tidyText(text).split("\n\n").filter(Boolean);
  return raw(paragraphs.map((p) => `<p>${p.split("\n").map(lineHtml).join("<br />")}</p>`).join("\n"));
}
