// The series file as a download (content only, no personal data). Editors and organisers of the series get it without the access codes (`accessOmitted`:
// importing it back leaves the codes as they are); only administrators get the confidential file
// with them (`?codes=1`), and each such export is written to the audit log.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { audit } from "~/accounts/audit.server";
import { exportSeries } from "~/series-file/series-export.server";
import { requireAccount } from "~/accounts/login.server";
import { requireSeriesRole } from "~/accounts/series-access.server";
import { getDb } from "~/utils/db.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const withCodes = new URL(request.url).searchParams.get("codes") === "1";
  const me = withCodes ? await requireAccount(request, { role: "admin" }) : (await requireSeriesRole(request, params.slug, "editor")).account;
  const db = getDb();
  const file = exportSeries(db, params.slug ?? "", { accessCodes: withCodes });
  if (!file) throw new Response("Série introuvable", { status: 404 });
  audit(db, me.id, withCodes ? "export-with-codes" : "export", "series", file.slug);
  return new Response(JSON.stringify(file, null, 2) + "\n", {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.slug}${withCodes ? ".confidentiel" : ""}.series.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
