// The file of a resource seen through a personal link (registrants-only resources included).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { resourceFile } from "~/http/resource-responses.server";
import { personalResourceRow } from "~/resources/visibility.server";
import { getDb } from "~/utils/db.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const db = getDb();
  const response = resourceFile(db, request, personalResourceRow(db, params.token ?? "", Number(params.id)), "private, no-store");
  response.headers.set("Referrer-Policy", "same-origin");
  return response;
}
