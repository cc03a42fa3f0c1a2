// People sorted the way a French reader expects: by last name, then first name, with French
// collation (accents, case and « œ » aside: « d’Arc » under A, « Œuvray » under O).
const collator = new Intl.Collator("fr", { sensitivity: "base" });

export function compareNames(a: { lastName: string; firstName: string }, b: { lastName: string; firstName: string }): number {
  return collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName);
}
