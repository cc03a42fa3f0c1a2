// The file of a public resource, with its detected type, its name and its size (byte ranges for
// audio and video). Not kept by the server's page cache (max-age=0); revalidated by ETag.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { resourceFile } from "~/http/resource-responses.server";
import { visibleResourceRow } from "~/resources/visibility.server";
import { getDb } from "~/utils/db.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const db = getDb();
  return resourceFile(db, request, visibleResourceRow(db, Number(params.id), { kind: "public" }), "public, max-age=0, must-revalidate");
}
