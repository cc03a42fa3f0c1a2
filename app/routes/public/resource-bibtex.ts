// A public bibliography's references as BibTeX (JabRef, LaTeX, Zotero…).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { bibliographyExport } from "~/http/resource-responses.server";
import { visibleResourceRow } from "~/resources/resources.server";
import { PUBLIC_PAGE_CACHE } from "~/utils/cache";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const row = visibleResourceRow(getDb(), Number(params.id), { kind: "public" });
  return bibliographyExport(row, "bib", `${getEnv().APP_URL}/ressources/${row?.id}`, PUBLIC_PAGE_CACHE);
}
