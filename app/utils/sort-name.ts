// A person's place in the registrants list (registrations.sort_name, ADR 021): last name, a space, first
// name, with ASCII letters in lower case, the accented Latin letters of French and its neighbours
// folded to their base letters (É → e, œ → oe), apostrophes dropped and hyphens as spaces. The rule is
// written twice, in one table: here, for the app's inserts, and as SQL in the view
// `participant_sort_names` (db/migrations, "sort_names_staged", generated from this table by
// sortNameViewsSql), which the triggers use for any other writer — SQLite's own functions only, so a
// maintenance `sqlite3` session can write registrations too. tests/integration/registration-counts.test.ts
// checks that both give the same key.

/** Each folded character and what it becomes (upper and lower case: SQLite's lower() is ASCII only). */
export const SORT_NAME_FOLDS: Record<string, string> = {
  ...spread("àâäáãåÀÂÄÁÃÅ", "a"),
  ...spread("çÇ", "c"),
  ...spread("éèêëÉÈÊË", "e"),
  ...spread("îïíìÎÏÍÌ", "i"),
  ...spread("ñÑ", "n"),
  ...spread("ôöóòõøÔÖÓÒÕØ", "o"),
  ...spread("ùûüúÙÛÜÚ", "u"),
  ...spread("ÿýŸÝ", "y"),
  ...spread("œŒ", "oe"),
  ...spread("æÆ", "ae"),
  ß: "ss",
  ...spread("'’‘`´", ""),
  "-": " ",
};

function spread(chars: string, to: string): Record<string, string> {
  return Object.fromEntries([...chars].map((c) => [c, to]));
}

/** The sort key of a person's registrations. */
export function nameSortKey(firstName: string, lastName: string): string {
  let out = "";
  for (const c of `${lastName} ${firstName}`) out += c >= "A" && c <= "Z" ? c.toLowerCase() : (SORT_NAME_FOLDS[c] ?? c);
  return out;
}

/**
 * Folds per view of the chain below. The system's `sqlite3` command line (3.40, Debian 12's) stops at
 * about a hundred nested calls ("parser stack overflow") and then cannot even open the database: the
 * rule is applied in steps of this many replace() calls, one view each.
 */
export const FOLDS_PER_VIEW = 15;

/**
 * The view `participant_sort_names` (participant_id, sort_name) as SQL statements: a chain of views
 * `participant_sort_names_1…` each applying FOLDS_PER_VIEW folds to the previous one's `name`, the last
 * one named `participant_sort_names`. What the migration "sort_names_staged" holds.
 */
export function sortNameViewsSql(): string[] {
  const folds = Object.entries(SORT_NAME_FOLDS);
  const steps: [string, string][][] = [];
  for (let i = 0; i < folds.length; i += FOLDS_PER_VIEW) steps.push(folds.slice(i, i + FOLDS_PER_VIEW));
  const apply = (value: string, step: [string, string][]) => step.reduce((sql, [from, to]) => `replace(${sql}, '${from.replace(/'/g, "''")}', '${to}')`, value);
  return steps.map((step, i) => {
    const last = i === steps.length - 1;
    const name = last ? "participant_sort_names" : `participant_sort_names_${i + 1}`;
    const from = i === 0 ? "`participants` p" : `\`participant_sort_names_${i}\``;
    const id = i === 0 ? "p.`id` AS `participant_id`" : "`participant_id`";
    const value = i === 0 ? "lower(p.`last_name` || ' ' || p.`first_name`)" : "`name`";
    return `CREATE VIEW \`${name}\` AS SELECT ${id}, ${apply(value, step)} AS \`${last ? "sort_name" : "name"}\` FROM ${from};`;
  });
}
