// The page of one of a person's certificates: the download link, or why there is none (404 or 409).
import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CertificateNotice, type CertificatePageData } from "~/components/certificates/CertificateNotice";
import { personalCertificate } from "~/certificates/certificate-download.server";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/meta";

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store", "Referrer-Policy": "same-origin", "X-Robots-Tag": "noindex" });
export const meta: MetaFunction = () => [{ title: pageTitle("Attestation de présence", "Mon espace") }, { name: "robots", content: "noindex" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const db = getDb();
  const asked = personalCertificate(db, params.token ?? "", params.registration);
  if (!asked) throw new Response("Lien invalide", { status: 404 });
  const { id, eligibility: e } = asked;
  const back = { to: `/moi/${params.token}`, label: "Revenir à mon espace" };
  if (!e.ok) return data({ page: { ok: false, message: e.message, back } satisfies CertificatePageData, back }, { status: e.status });
  const title = `RDV #${e.found.s.number} — ${e.found.s.title} (${e.found.series.title})`;
  return { page: { ok: true, title, href: `/moi/${params.token}/attestations/${id}.pdf`, code: null } satisfies CertificatePageData, back };
}

export default function Certificate() {
  const { page, back } = useLoaderData<typeof loader>();
  return <CertificateNotice page={page} back={back} />;
}
