// French typography for text people write (series files, back-office forms): a typographic
// apostrophe, a non-breaking space before « : ; ! ? » and inside « », the way the platform's own copy
// is written. Only spaces already typed are made non-breaking, and only quotes between two letters
// become apostrophes, so addresses, times (14:30) and codes are left as they are. Idempotent.

export const NBSP = "\u00a0";

export function frenchTypography(text: string): string {
  return text
    .replace(/(\p{L})'(\p{L})/gu, "$1’$2")
    .replace(/(\S)[ \t]+([:;!?])(?=\s|$|["”’)\]])/gu, `$1${NBSP}$2`)
    .replace(/«[ \t]*(?=\S)/g, `«${NBSP}`)
    .replace(/(\S)[ \t]*»/g, (m, before: string) => (before === NBSP ? m : `${before}${NBSP}»`));
}
