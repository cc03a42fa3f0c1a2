import type { LoaderFunctionArgs } from "@remix-run/node";
import { audit } from "~/models/audit.server";
import { exportSeries } from "~/models/series-export.server";
import { requireOrganiser } from "~/utils/admin-session.server";
import { getDb } from "~/utils/db.server";

/** The series file, access codes included: a private download for organisers. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const me = await requireOrganiser(request);
  const db = getDb();
  const file = exportSeries(db, params.slug ?? "");
  if (!file) throw new Response("Série introuvable", { status: 404 });
  audit(db, me.id, "export", "series", file.slug);
  return new Response(JSON.stringify(file, null, 2) + "\n", {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.slug}.series.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
