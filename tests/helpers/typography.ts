// French typography checks for the guard test: the visible text of a page (or an email's HTML part),
// keeping its no-break spaces, and the places where that text breaks the house rules: an ASCII
// apostrophe between two letters, « : ; ! ? » without a no-break space before, « » without no-break
// spaces inside.
import { decode } from "./html";

const NB = "[\\u00a0\\u202f]";
const INLINE = new Set([
  "a",
  "abbr",
  "b",
  "bdi",
  "cite",
  "em",
  "i",
  "mark",
  "q",
  "s",
  "small",
  "span",
  "strong",
  "sub",
  "sup",
  "time",
  "u",
  "data",
  "label",
  "output",
]);

/** What a reader sees: text nodes (inline tags joined, blocks on their own lines) and the attributes read aloud or shown. */
export function visibleText(html: string): string {
  const attrs: string[] = [];
  for (const [, name, value] of html.matchAll(/\s(aria-label|title|alt|placeholder)="([^"]*)"/g)) if (name && value) attrs.push(decode(value));
  for (const [, value] of html.matchAll(/<meta name="description" content="([^"]*)"/g)) attrs.push(decode(value));
  const body = html
    .replace(/<!--[\s\S]*?-->/g, "")
    // References quote titles as published: an English title keeps its glued « ? » (Why health equity?);
    // the rest of the citation (« Paris : HCSP ») follows the rules.
    .replace(/<ol class="references">[\s\S]*?<\/ol>/g, (list) => list.replace(/(\p{L})[?!](?=\s|<)/gu, "$1"))
    .replace(/<(script|style|code|kbd|samp|textarea)\b[\s\S]*?<\/\1>/gi, "\n")
    .replace(/<\/?([a-zA-Z][\w-]*)\b[^>]*>/g, (_, tag: string) => (INLINE.has(tag.toLowerCase()) ? "" : "\n"));
  return [decode(body), ...attrs].join("\n");
}

export type TypographyProblem = { where: string; rule: string; excerpt: string };

const RULES: Array<[string, RegExp]> = [
  ["apostrophe droite (’ attendue)", /\p{L}'\p{L}/gu],
  [`espace insécable manquante avant « : ; ! ? »`, new RegExp(`(?<!${NB})[:;!?](?=\\s|$)`, "gmu")],
  ["espace insécable manquante après «", new RegExp(`«(?!${NB})`, "gu")],
  ["espace insécable manquante avant »", new RegExp(`(?<!${NB})»`, "gu")],
];

export function typographyProblems(text: string, where: string): TypographyProblem[] {
  const found: TypographyProblem[] = [];
  for (const [rule, re] of RULES) {
    for (const m of text.matchAll(re)) {
      const at = m.index ?? 0;
      found.push({
        where,
        rule,
        excerpt: text
          .slice(Math.max(0, at - 40), at + 20)
          .replace(/[\u00a0\u202f]/g, "⍽")
          .replace(/\s+/g, " "),
      });
    }
  }
  return found;
}
