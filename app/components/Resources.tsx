// Lists of resources (series and session pages, the library, the personal space): each title leads to
// the resource's own page, where its file, link, chapters or references are.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { ResourceCard } from "~/resources/resource-views";
import { RESOURCE_TYPE_LABELS } from "~/utils/labels";

/** What a list shows of a resource's card. */
type ResourceItem = Pick<
  ResourceCard,
  "id" | "href" | "type" | "title" | "description" | "authors" | "year" | "session" | "item" | "fileLabel" | "duration" | "visibility"
>;

/** Authors, year, where it belongs in the series, what the file is. */
export function ResourceMeta({ r, showSession = true }: { r: ResourceItem; showSession?: boolean }) {
  const parts: ReactNode[] = [];
  if (r.authors.length) parts.push(r.authors.join(", "));
  if (r.year) parts.push(String(r.year));
  if (showSession && r.session) parts.push(`RDV #${r.session.number}`);
  if (r.item) parts.push(`${showSession ? "" : "Point "}${r.item.path}. ${r.item.title}`);
  if (r.duration) parts.push(`durée ${r.duration}`);
  if (r.fileLabel) parts.push(r.fileLabel);
  if (r.visibility === "registrants") parts.push("réservé aux inscrits");
  if (!parts.length) return null;
  return <span className="muted resource-meta">{parts.join(" · ")}</span>;
}

export function ResourceList({ resources, showSession = true }: { resources: ResourceItem[]; showSession?: boolean }) {
  return (
    <ul className="resources">
      {resources.map((r) => (
        <li key={r.id}>
          <span className="badge">{RESOURCE_TYPE_LABELS[r.type]}</span> <Link to={r.href}>{r.title}</Link> <ResourceMeta r={r} showSession={showSession} />
          {r.description ? <p className="muted">{r.description}</p> : null}
        </li>
      ))}
    </ul>
  );
}
