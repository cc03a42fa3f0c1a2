// Folding text for searching: lower-case, no accents (é → e, œ → oe), no apostrophes, other
// punctuation as spaces. The same function is registered in SQLite as `fold(text)` on every connection
// the app opens (app/utils/db.server.ts), so a search filters in SQL exactly as it would in JavaScript.

const ASCII = /^[\x00-\x7f]*$/;

export function fold(value: string): string {
  // Plain ASCII (most addresses, many names): the same result without Unicode normalisation, several times faster.
  if (ASCII.test(value))
    return value
      .toLowerCase()
      .replace(/['`]/g, "")
      .replace(/[^a-z0-9@]+/g, " ")
      .trim();
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
    .replace(/[^\p{L}\p{N}@]+/gu, " ")
    .trim();
}

/** The words of a search, folded: every one must appear in the text searched. */
export function searchWords(query: string): string[] {
  return fold(query).split(" ").filter(Boolean);
}
