// A bibliography seen through a personal link, as BibTeX.
// The file names the public page when there is one, never the personal link (citedPageUrl).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { bibliographyExport } from "~/http/resource-responses.server";
import { citedPageUrl } from "~/resources/resource-views";
import { personalResourceRow } from "~/resources/visibility.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const row = personalResourceRow(getDb(), params.token ?? "", Number(params.id));
  return bibliographyExport(row, "bib", citedPageUrl(row, getEnv().APP_URL), "private, no-store");
}
