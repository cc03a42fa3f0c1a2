// The person's attendance certificates in their space: one PDF per session where they were présent·e.
export function MyCertificates({ token, certificates }: { token: string; certificates: { registrationId: number; number: number; title: string }[] }) {
  if (!certificates.length) return null;
  return (
    <section aria-labelledby="attestations">
      <h2 id="attestations">Attestations de présence</h2>
      <ul>
        {certificates.map((c) => (
          <li key={c.registrationId}>
            <a href={`/moi/${token}/attestations/${c.registrationId}.pdf`} download>
              Attestation de présence au RDV #{c.number} — {c.title} (PDF)
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
