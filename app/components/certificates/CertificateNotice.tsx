// The page of one certificate (personal space and back-office): the download link, or why there is
// none (absent, excusé·e, not registered, certificates not offered), in French.
import { Link } from "@remix-run/react";

export type CertificatePageData =
  { ok: true; title: string; href: string; code: string | null } | { ok: false; message: string; back: { to: string; label: string } };

export function CertificateNotice({ page, back }: { page: CertificatePageData; back: { to: string; label: string } }) {
  if (!page.ok)
    return (
      <>
        <h1>Attestation de présence indisponible</h1>
        <p className="error-summary" role="alert">
          {page.message}
        </p>
        <p>
          <Link to={page.back.to}>{page.back.label}</Link>
        </p>
      </>
    );
  return (
    <>
      <h1>Attestation de présence</h1>
      <p>{page.title}</p>
      <p>
        <a className="button" href={page.href} download>
          Télécharger l’attestation (PDF)
        </a>
      </p>
      {page.code ? (
        <p>
          Code de vérification{"\u00a0"}: {page.code}
        </p>
      ) : null}
      <p>
        <Link to={back.to}>{back.label}</Link>
      </p>
    </>
  );
}
