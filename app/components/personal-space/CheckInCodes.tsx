// The person's check-in codes (codes d’accueil) in their personal space: for each session they come
// to on site, the QR to show at the door and the code to read out.

type PersonalCheckIn = { registrationId: number; number: number; title: string; seriesTitle: string; code: string; qr: string };

export function CheckInCodes({ codes }: { codes: PersonalCheckIn[] }) {
  if (!codes.length) return null;
  return (
    <section aria-labelledby="codes-accueil-titre" className="check-in-codes">
      <h2 id="codes-accueil-titre">Vos codes d’accueil</h2>
      <p>À l’arrivée, montrez ce QR code ou dites ce code : l’accueil vous enregistre en un geste. Il vous est personnel.</p>
      <ul className="plain-list">
        {codes.map((c) => (
          <li key={c.registrationId} className="check-in-code">
            <h3 className="h-small">
              RDV #{c.number} — {c.title}
            </h3>
            <p className="muted">{c.seriesTitle}</p>
            <img src={c.qr} width={184} height={184} alt={`QR code de votre code d’accueil ${c.code}`} />
            <p>
              Code d’accueil&nbsp;: <strong className="check-in-code-text">{c.code}</strong>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
