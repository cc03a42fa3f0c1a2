// The trail above a page's title ("Fil d’Ariane"): links to the pages above, then the current page,
// marked aria-current. One markup for every page that has one (styles: .breadcrumb).
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

export type Crumb = { to: string; label: ReactNode };

export function Breadcrumb({ trail, current }: { trail: Crumb[]; current: ReactNode }) {
  return (
    <nav aria-label="Fil d’Ariane" className="breadcrumb">
      <ol>
        {trail.map((c) => (
          <li key={c.to}>
            <Link to={c.to}>{c.label}</Link>
          </li>
        ))}
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  );
}

/** The first steps of a series' back-office pages: the series list (or the dashboard), then the series. */
export const seriesTrail = (series: { slug: string; title: string }, from: "series" | "dashboard" = "series"): Crumb[] => [
  from === "series" ? { to: "/admin/series", label: "Séries" } : { to: "/admin", label: "Tableau de bord" },
  { to: `/admin/series/${series.slug}`, label: series.title },
];
