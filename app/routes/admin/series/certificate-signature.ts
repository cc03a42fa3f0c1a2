// The series' signature image, shown on its certificate settings page (organisers only).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireSeriesRole } from "~/accounts/series-access.server";
import { certificateSettings } from "~/certificates/certificate-settings.server";
import { findSeries } from "~/series/series-lookup.server";
import { getDb } from "~/utils/db.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSeriesRole(request, params.slug, "organiser");
  const db = getDb();
  const series = findSeries(db, params.slug ?? "", "organiser");
  const settings = series ? certificateSettings(db, series.id) : null;
  if (!settings?.signatureImage) throw new Response("Aucune signature", { status: 404 });
  return new Response(new Uint8Array(settings.signatureImage), {
    headers: { "Content-Type": settings.signatureType ?? "image/png", "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" },
  });
}
