// A person's place in the registrants list (registrations.sort_name, ADR 021): last name, a space, first
// name, with ASCII letters in lower case, the accented Latin letters of French and its neighbours
// folded to their base letters (É → e, œ → oe), apostrophes dropped and hyphens as spaces. The rule is
// written twice, in one table: here, for the app's inserts, and as SQL in the view
// `participant_sort_names` (db/migrations, "registration_counts_triggers", generated from this table by
// sortNameSql), which the triggers use for any other writer — SQLite's own functions only, so a
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

/** The same rule as an SQL expression over the text `value` (the view's definition). */
export function sortNameSql(value: string): string {
  let sql = `lower(${value})`;
  for (const [from, to] of Object.entries(SORT_NAME_FOLDS)) sql = `replace(${sql}, '${from.replace(/'/g, "''")}', '${to}')`;
  return sql;
}
