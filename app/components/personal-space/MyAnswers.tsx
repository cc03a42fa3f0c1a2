// The personal space: what the person answered to the organisers' questions of a series, as given.
export function MyAnswers({ answers }: { answers: { label: string; answer: string }[] }) {
  if (!answers.length) return null;
  return (
    <details className="my-answers">
      <summary>Vos réponses aux questions des organisateurs</summary>
      <dl className="answers">
        {answers.map((a) => (
          <div key={a.label}>
            <dt>{a.label}</dt>
            <dd>{a.answer}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
