// Folding text for searching: lower-case, no accents (é → e, œ → oe), no apostrophes, other
// punctuation as spaces. The same function is registered in SQLite as `fold(text)` on every connection
// the app opens (app/utils/db.server.ts), so a search filters in SQL exactly as it would in JavaScript.
// SQLite calls it once per row searched or sorted: plain ASCII takes a short path, other text is
// folded character by character through a table filled as characters are met.

const ASCII = /^[\x00-\x7f]*$/;

/** The rule, on any text (fold() gives the same result faster, once trimmed: tests/unit/fold.test.ts). */
export function foldSlowly(value: string): string {
  return value
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/ß/g, "ss")
    .replace(/ø/g, "o")
    .replace(/[đð]/g, "d")
    .replace(/ł/g, "l")
    .replace(/['’‘`´ʼ]/g, "")
    .replace(/[^\p{L}\p{N}@]+/gu, " ");
}

/** Each character met, folded on its own: letters, "" (an accent, an apostrophe) or " " (punctuation). */
const byCharacter = new Map<string, string>();

export function fold(value: string): string {
  if (ASCII.test(value))
    return value
      .toLowerCase()
      .replace(/['`]/g, "")
      .replace(/[^a-z0-9@]+/g, " ")
      .trim();
  let out = "";
  for (const c of value.toLowerCase()) {
    let f = byCharacter.get(c);
    if (f === undefined) {
      f = foldSlowly(c);
      byCharacter.set(c, f);
    }
    out += f;
  }
  return out.replace(/ {2,}/g, " ").trim();
}

/** The words of a search, folded: every one must appear in the text searched. */
export function searchWords(query: string): string[] {
  return fold(query).split(" ").filter(Boolean);
}
