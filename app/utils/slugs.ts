// Text folded to plain lower-case ASCII letters for keys, slugs and name comparisons: accents dropped
// ("Santé" → "sante"). Client-safe. (The registrants' search folds more, œ and ß included: fold in
// app/registration/registrants.server.ts.)

/** Lower case, accents dropped (the combining marks U+0300–U+036F after NFD). */
export function lowerNoAccents(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

/** "Atelier Santé Ville d'Elbeuf" → "atelier-sante-ville-d-elbeuf": any other run of characters as one dash, none at the ends. */
export function slugOf(text: string): string {
  return lowerNoAccents(text)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
