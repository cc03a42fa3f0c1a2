// An organiser downloads a resource's file, published or not, whatever its visibility.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { resourceFile } from "~/http/resource-responses.server";
import { seriesResource } from "~/resources/resource-row.server";
import { findSeries } from "~/series/series-lookup.server";
import { requireSeriesRole } from "~/accounts/series-access.server";
import { getDb } from "~/utils/db.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSeriesRole(request, params.slug, "editor");
  const db = getDb();
  const series = findSeries(db, params.slug ?? "", "organiser");
  const row = series ? seriesResource(db, series.id, Number(params.id) || -1) : null;
  return resourceFile(db, request, row, "private, no-store");
}
