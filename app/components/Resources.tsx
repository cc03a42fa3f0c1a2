import { RESOURCE_TYPE_LABELS } from "~/utils/labels";

type Resource = { id: number; type: string; title: string; description: string | null; authors: string[]; year: number | null; url: string | null };

export function ResourceList({ resources }: { resources: Resource[] }) {
  return (
    <ul className="resources">
      {resources.map((r) => (
        <li key={r.id}>
          <span className="badge">{RESOURCE_TYPE_LABELS[r.type]}</span>{" "}
          {r.url ? (
            <a href={r.url} rel="noopener noreferrer">
              {r.title}
            </a>
          ) : (
            <span>{r.title}</span>
          )}
          {r.authors.length || r.year ? (
            <span className="muted">
              {" "}
              — {[r.authors.join(", "), r.year].filter(Boolean).join(", ")}
            </span>
          ) : null}
          {r.description ? <p className="muted">{r.description}</p> : null}
        </li>
      ))}
    </ul>
  );
}
