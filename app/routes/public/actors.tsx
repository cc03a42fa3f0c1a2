import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDirectory } from "~/series/directory.server";
import { getDb } from "~/utils/db.server";
import { SPEAKER_ROLE_TITLES } from "~/utils/labels";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = () => [
  { title: pageTitle("Annuaire des acteurs") },
  { name: "description", content: "Les personnes et structures intervenues lors des rencontres, avec leurs interventions." },
];

export async function loader() {
  return getDirectory(getDb());
}

type Appearance = { seriesSlug: string; sessionSlug: string; sessionNumber: number; sessionTitle: string; when: string; speakerRole: string; itemTitle: string; seriesTitle: string };

function Appearances({ list, via }: { list: (Appearance & { via?: string | null })[]; via?: boolean }) {
  if (!list.length) return <p className="muted">Pas encore d’intervention programmée.</p>;
  return (
    <ul className="appearances">
      {list.map((a, i) => (
        <li key={`${a.seriesSlug}-${a.sessionSlug}-${i}`}>
          <Link to={`/series/${a.seriesSlug}/sessions/${a.sessionSlug}`}>
            RDV #{a.sessionNumber} : {a.sessionTitle}
          </Link>{" "}
          <span className="muted">
            ({a.when}) — {a.itemTitle}
            {a.speakerRole !== "speaker" ? `, ${SPEAKER_ROLE_TITLES[a.speakerRole].one.toLowerCase()}` : ""}
            {via && a.via ? `, par ${a.via}` : ""}
          </span>
        </li>
      ))}
    </ul>
  );
}

export default function Directory() {
  const { people, organisations } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Annuaire des acteurs</h1>
      <p className="lead">Les personnes et les structures qui interviennent dans les rencontres, et les sessions où elles ont pris la parole.</p>
      <nav aria-label="Sections de l’annuaire">
        <ul className="inline-list">
          <li>
            <a href="#personnes">Personnes ({people.length})</a>
          </li>
          <li>
            <a href="#structures">Structures ({organisations.length})</a>
          </li>
        </ul>
      </nav>
      <section aria-labelledby="personnes">
        <h2 id="personnes">Personnes</h2>
        <ul className="directory">
          {people.map((p) => (
            <li key={p.key} id={`personne-${p.key}`}>
              <h3>{p.name}</h3>
              {p.role || p.organisation ? <p>{[p.role, p.organisation].filter(Boolean).join(", ")}</p> : null}
              <Appearances list={p.appearances} />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="structures">
        <h2 id="structures">Structures</h2>
        <ul className="directory">
          {organisations.map((o) => (
            <li key={o.key} id={`structure-${o.key}`}>
              <h3>
                {o.name}
                {o.shortName ? ` (${o.shortName})` : ""}
              </h3>
              {o.website ? (
                <p>
                  <a href={o.website} rel="noopener noreferrer">
                    Site web<span className="visually-hidden"> de {o.name}</span>
                  </a>
                </p>
              ) : null}
              <Appearances list={o.appearances} via />
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

export { publicPageHeaders as headers } from "~/utils/cache";
