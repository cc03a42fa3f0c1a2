import { useNonce } from "~/utils/nonce";

/** Renders pre-serialised JSON-LD (see serializeLd: "<" is escaped, so the script cannot be closed early). */
export function JsonLd({ json }: { json: string }) {
  return <script type="application/ld+json" nonce={useNonce() || undefined} dangerouslySetInnerHTML={{ __html: json }} />;
}
