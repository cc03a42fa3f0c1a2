// Back-office forms shown again with their problems: the values as typed, each cut at the longest
// value the series file accepts for it (5,000 characters; a resource's summary 20,000 and its
// transcript 500,000), so that a page never echoes more than a field may hold.
const LONGER: Record<string, number> = { summary: 20_000, transcript: 500_000 };
export const ECHO_MAX = 5_000;

export function echoFormValues(form: FormData, limits: Record<string, number> = LONGER): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string" || name in values) continue;
    values[name.slice(0, 100)] = value.slice(0, limits[name] ?? ECHO_MAX);
  }
  return values;
}
