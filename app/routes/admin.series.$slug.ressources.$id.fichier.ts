// An organiser downloads a resource's file, published or not, whatever its visibility.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import * as t from "../../db/schema";
import { resourceFile } from "~/models/resource-responses.server";
import { requireOrganiser } from "~/utils/admin-session.server";
import { getDb } from "~/utils/db.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOrganiser(request);
  const db = getDb();
  const row = db
    .select({ r: t.resources })
    .from(t.resources)
    .innerJoin(t.series, eq(t.series.id, t.resources.seriesId))
    .where(and(eq(t.series.slug, params.slug ?? ""), eq(t.resources.id, Number(params.id) || -1)))
    .get();
  return resourceFile(db, request, row?.r ?? null, "private, no-store");
}
