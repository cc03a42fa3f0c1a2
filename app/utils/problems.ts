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
