// The answers to the organisers' questions on the registrants page: a short list in each row (an
// accessibility answer carries a badge), and above the list the people who told accessibility needs.
type Answer = { label: string; answer: string; accessibility: boolean };

export function AccessibilityBadge() {
  return <span className="status status-accessibility">Besoin d’accessibilité</span>;
}

export function RowAnswers({ answers }: { answers: Answer[] }) {
  if (!answers.length) return <>—</>;
  return (
    <dl className="answers">
      {answers.map((a) => (
        <div key={a.label}>
          <dt>
            {a.label}
            {a.accessibility ? (
              <>
                {" "}
                <AccessibilityBadge />
              </>
            ) : null}
          </dt>
          <dd>{a.answer}</dd>
        </div>
      ))}
    </dl>
  );
}

export function AccessibilityNeeds({
  needs,
}: {
  needs: { participantId: number; name: string; sessions: number[]; answers: { label: string; answer: string }[] }[];
}) {
  if (!needs.length) return null;
  return (
    <section className="notice accessibility-needs" aria-labelledby="besoins-accessibilite">
      <h2 id="besoins-accessibilite">Besoins d’accessibilité ({needs.length})</h2>
      <p>Ces personnes ont répondu à une question sur leurs besoins d’accessibilité. Prévoyez l’accueil en conséquence.</p>
      <ul>
        {needs.map((n) => (
          <li key={n.participantId}>
            <strong>{n.name}</strong> ({n.sessions.map((s) => `RDV #${s}`).join(", ")}) :{" "}
            {n.answers.map((a) => (
              <span key={a.label} className="need">
                {a.answer}
              </span>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
