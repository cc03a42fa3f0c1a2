export function Rules({ rules, headingLevel = 2 }: { rules: string[]; headingLevel?: 2 | 3 }) {
  if (!rules.length) return null;
  const H = `h${headingLevel}` as const;
  return (
    <section aria-labelledby="consignes" className="rules">
      <H id="consignes">Avant de démarrer : quelques consignes</H>
      <ul>
        {rules.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
    </section>
  );
}
