// On a session's attendance page: the certificate of each person marked présent·e (PDF), or how to
// turn certificates on for the series.
import { Link } from "@remix-run/react";

type Row = { registrationId: number; firstName: string; lastName: string; attendance: string | null };

export function AttendanceCertificates({ slug, enabled, rows }: { slug: string; enabled: boolean; rows: Row[] }) {
  const present = rows.filter((r) => r.attendance === "present");
  return (
    <section aria-labelledby="attestations">
      <h2 id="attestations">Attestations de présence</h2>
      {!enabled ? (
        <p>
          Les attestations ne sont pas proposées pour cette série. <Link to={`/admin/series/${slug}/attestations`}>Régler les attestations de présence</Link>
        </p>
      ) : present.length ? (
        <ul>
          {present.map((r) => (
            <li key={r.registrationId}>
              <a href={`/admin/series/${slug}/attestations/${r.registrationId}.pdf`} download>
                Attestation de {r.firstName} {r.lastName} (PDF)
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p>Personne n’est encore noté·e présent·e à cette rencontre.</p>
      )}
    </section>
  );
}
