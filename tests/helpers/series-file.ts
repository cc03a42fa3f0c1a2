// A series file (rendez-vous.series/1) for the tests that write their own: seriesFile gives the fields
// every such test repeats (format, zone Europe/Paris, status published) around the slug, title and
// sessions it chooses, then applies an optional change (a test's variant of its base file);
// fileSession gives one session, its slug derived from its number.

/** A published series file in Europe/Paris: `fields` (slug, title, sessions, anything else), then `change` applied to it. */
export function seriesFile(fields: { slug: string; title: string; sessions: unknown[]; [field: string]: unknown }, change: (f: any) => void = () => {}): any {
  const { slug, title, ...rest } = fields;
  const f: any = { format: "rendez-vous.series/1", slug, title, timezone: "Europe/Paris", status: "published", ...rest };
  change(f);
  return f;
}

/** Session `number` (slug "s<number>"), from `start` to `end` (local times in the series' zone), with `rest` (mode, access, venue…). */
export function fileSession(number: number, title: string, start: string, end: string, rest: Record<string, unknown> = {}): Record<string, any> {
  return { number, slug: `s${number}`, title, start, end, ...rest };
}
