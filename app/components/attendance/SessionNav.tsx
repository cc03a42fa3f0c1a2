// The attendance page's links to the other sessions of the series, the current one marked.
import { Link } from "@remix-run/react";

export function SessionNav({ slug, current, sessions }: { slug: string; current: number; sessions: { number: number; title: string }[] }) {
  return (
    <nav aria-label="Autres rencontres" className="no-print">
      <ul className="inline-list">
        {sessions.map((s) => (
          <li key={s.number}>
            {s.number === current ? (
              <strong aria-current="page">RDV #{s.number}</strong>
            ) : (
              <Link to={`/admin/series/${slug}/presence/${s.number}`}>RDV #{s.number}</Link>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
