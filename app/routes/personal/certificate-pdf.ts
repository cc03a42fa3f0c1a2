// A person's attendance certificate (PDF), from their space: their own registration only, marked
// présent·e, in a series that offers certificates; otherwise the certificate's page says why.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { certificateFile, pdfResponse, personalCertificate } from "~/certificates/certificate-download.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { nowIso } from "~/utils/now.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const db = getDb();
  const asked = personalCertificate(db, params.token ?? "", params.registration);
  if (!asked) throw new Response("Lien invalide", { status: 404 });
  const { id, eligibility: e } = asked;
  if (!e.ok) throw redirect(`/moi/${params.token}/attestations/${Number.isNaN(id) ? 0 : id}`, 303);
  return pdfResponse(await certificateFile(db, e, getEnv().APP_URL, nowIso()));
}
