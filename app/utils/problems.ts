// Client-safe helpers for save problems (JSON path + French message) shown next to form fields.
export type Problem = { path: string; message: string };

/** Problems under `prefix` ("sessions[2]") keyed by the rest of their path ("start", "access.joinUrl"). */
export function problemsUnder(problems: Problem[], prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problems) {
    if (prefix && p.path !== prefix && !p.path.startsWith(`${prefix}.`) && !p.path.startsWith(`${prefix}[`)) continue;
    const key = prefix ? p.path.slice(prefix.length).replace(/^\./, "") || "_" : p.path;
    out[key] ??= p.message;
  }
  return out;
}

/**
 * Each problem next to the form field `place` finds for it (the first per field wins, after any error
 * already in `errors`), with the text `place` gives; every problem without a field for the summary.
 */
export function placeProblems(
  problems: Problem[],
  place: (p: Problem) => { field: string; message: string } | null,
  errors: Record<string, string> = {},
): { errors: Record<string, string>; others: Problem[] } {
  const others: Problem[] = [];
  for (const p of problems) {
    const at = place(p);
    if (!at) others.push(p);
    else if (!errors[at.field]) errors[at.field] = at.message;
  }
  return { errors, others };
}
