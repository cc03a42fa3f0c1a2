// A public bibliography's references as BibTeX (JabRef, LaTeX, Zotero…).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { bibliographyExport } from "~/http/resource-responses.server";
import { citedPageUrl } from "~/resources/resource-views";
import { visibleResourceRow } from "~/resources/visibility.server";
import { PUBLIC_PAGE_CACHE } from "~/utils/cache";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const row = visibleResourceRow(getDb(), Number(params.id), { kind: "public" });
  return bibliographyExport(row, "bib", citedPageUrl(row, getEnv().APP_URL), PUBLIC_PAGE_CACHE);
}
