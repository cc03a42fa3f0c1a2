// An attendance certificate (PDF) downloaded by an organiser: any registration of the series marked
// présent·e, when the series offers certificates; otherwise the certificate's page says why.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requireSeriesRole } from "~/accounts/series-access.server";
import { certificateFile, pdfResponse, registrationParam, requestedCertificate } from "~/certificates/certificate-download.server";
import { findSeries } from "~/series/series-lookup.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { nowIso } from "~/utils/now.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSeriesRole(request, params.slug, "organiser");
  const db = getDb();
  const series = findSeries(db, params.slug ?? "", "organiser");
  if (!series) throw new Response("Série introuvable", { status: 404 });
  const id = registrationParam(params.registration);
  const e = requestedCertificate(db, id, { seriesId: series.id });
  if (!e.ok) throw redirect(`/admin/series/${series.slug}/attestations/${Number.isNaN(id) ? 0 : id}`, 303);
  return pdfResponse(await certificateFile(db, e, getEnv().APP_URL, nowIso()));
}
