// The letter's introduction as pages show it: paragraphs (blank line), line breaks, and links written
// in full (https://…, mailto:…) — the same reading as the email's (emails/plain-text.ts), given to the
// page as data, so that React escapes every piece and no HTML is ever built from it.
import { LinkifyIt } from "linkify-it";
import { tidyText } from "../../emails/plain-text";

export type IntroSegment = { text: string; href?: string };
/** Paragraphs, each a list of lines, each a list of segments. */
export type IntroParagraphs = IntroSegment[][][];

const linkify = new LinkifyIt({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false }).add("ftp:", null).add("//", null);

function segments(line: string): IntroSegment[] {
  const out: IntroSegment[] = [];
  let at = 0;
  for (const m of linkify.match(line) ?? []) {
    if (m.index > at) out.push({ text: line.slice(at, m.index) });
    out.push({ text: m.text, href: m.url });
    at = m.lastIndex;
  }
  if (at < line.length) out.push({ text: line.slice(at) });
  return out;
}

export function introParagraphs(text: string): IntroParagraphs {
  return tidyText(text)
    .split("\n\n")
    .filter(Boolean)
    .map((p) => p.split("\n").map(segments));
}
