// Reading a posted form's text fields by name (client-safe, no dependency): "" for a field that is
// absent or not text (a file where text was expected).

/** The named text fields of a posted form. */
export function formTexts<const K extends string>(form: FormData, names: readonly K[]): Record<K, string> {
  return Object.fromEntries(
    names.map((name) => {
      const value = form.get(name);
      return [name, typeof value === "string" ? value : ""];
    }),
  ) as Record<K, string>;
}
