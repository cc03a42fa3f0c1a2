// The page of one registration's certificate in the back-office: the download link and the code, or
// why there is none (404 or 409). Linked from the attendance page.
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Breadcrumb, seriesTrail } from "~/components/admin/Breadcrumb";
import { CertificateNotice, type CertificatePageData } from "~/components/certificates/CertificateNotice";
import { requireSeriesRole } from "~/accounts/series-access.server";
import { registrationParam, requestedCertificate } from "~/certificates/certificate-download.server";
import { formatCode, issuedCertificate } from "~/certificates/certificates.server";
import { findSeries } from "~/series/series-lookup.server";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle("Attestation de présence", data?.series.title ?? "Série", "Organisateurs") },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSeriesRole(request, params.slug, "organiser");
  const db = getDb();
  const found = findSeries(db, params.slug ?? "", "organiser");
  if (!found) throw new Response("Série introuvable", { status: 404 });
  const series = { slug: found.slug, title: found.title };
  const id = registrationParam(params.registration);
  const e = requestedCertificate(db, id, { seriesId: found.id });
  const back = { to: `/admin/series/${found.slug}/attestations`, label: "Réglages des attestations de la série" };
  if (!e.ok) return data({ series, page: { ok: false, message: e.message, back } satisfies CertificatePageData, back }, { status: e.status });
  const issued = issuedCertificate(db, id);
  const title = `${e.found.p.firstName} ${e.found.p.lastName} — RDV #${e.found.s.number} ${e.found.s.title}${issued ? "" : " (pas encore téléchargée\u00a0: le code sera attribué au premier téléchargement)"}`;
  const presence = { to: `/admin/series/${found.slug}/presence/${e.found.s.number}`, label: `Présence du RDV #${e.found.s.number}` };
  return {
    series,
    page: {
      ok: true,
      title,
      href: `/admin/series/${found.slug}/attestations/${id}.pdf`,
      code: issued && !issued.revokedAt ? formatCode(issued.code) : null,
    } satisfies CertificatePageData,
    back: presence,
  };
}

export default function Certificate() {
  const { series, page, back } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumb trail={seriesTrail(series, "dashboard")} current="Attestation de présence" />
      <CertificateNotice page={page} back={back} />
    </>
  );
}
