/** Renders pre-serialised JSON-LD (see serializeLd: "<" is escaped, so the script cannot be closed early). */
export function JsonLd({ json }: { json: string }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: json }} />;
}
