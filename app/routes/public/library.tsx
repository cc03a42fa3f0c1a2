// The resource library: every public resource of every series, filtered (type, series, session,
// theme, year; the session menu once a series is chosen) and searched in full text (accents and plurals folded, matches highlighted), shown by
// pages of 20 (all of it in SQL: app/resources/library-query.server.ts). A GET form: works without
// JavaScript, and every search and page has its own address.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { FilterSelect } from "~/components/admin/Filters";
import { Highlight } from "~/components/Highlight";
import { ResourceMeta } from "~/components/Resources";
import { NewsletterBox } from "~/components/NewsletterSubscribe";
import { Pagination } from "~/components/Pagination";
import { library, readFilters } from "~/resources/library.server";
import { EVERY_SERIES } from "~/resources/library-menu";
import formsCss from "~/styles/forms.css?url";
import { getDb } from "~/utils/db.server";
import { RESOURCE_TYPE_LABELS } from "~/utils/labels";
import { pageTitle } from "~/utils/meta";

export const links = () => [{ rel: "stylesheet", href: formsCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  return library(getDb(), readFilters(new URL(request.url)));
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.filters.q ? pageTitle(`Recherche « ${data.filters.q} »`, "Ressources") : pageTitle("Ressources") },
  { name: "description", content: "Enregistrements, diaporamas, bibliographies, notes statistiques et fiches de données des rencontres." },
];

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

export default function Library() {
  const { filters, results, found, total, page, pages, searched, emptyQuery, noWord, options } = useLoaderData<typeof loader>();
  const filtered = Object.entries(filters).some(([k, v]) => k !== "q" && k !== "page" && v && !(k === "serie" && v === EVERY_SERIES));
  return (
    <>
      <h1>Ressources</h1>
      <p className="lead">
        Les enregistrements, diaporamas, bibliographies, notes statistiques et fiches de données des rencontres. Certaines ressources sont
        réservées aux personnes inscrites : elles les retrouvent dans leur espace personnel.
      </p>

      <div role="search" aria-labelledby="chercher">
        {/* Keyed by the search shown: its fields show it again after a navigation back to another one. */}
        <Form key={JSON.stringify(filters)} method="get" className="form library-form">
          <h2 id="chercher" className="visually-hidden">
            Chercher et filtrer
          </h2>
          <div className="field">
            <label htmlFor="champ-q">Rechercher</label>
            <p className="hint" id="aide-q">
              Un ou plusieurs mots : titre, auteurs, résumé, références… Les accents et le pluriel ne comptent pas.
            </p>
            <input type="search" id="champ-q" name="q" defaultValue={filters.q} aria-describedby="aide-q" />
          </div>
          <div className="field-row">
            <FilterSelect id="champ-type" name="type" label="Type" all="Tous les types" defaultValue={filters.type} options={options.types} />
            <FilterSelect id="champ-serie" name="serie" label="Série" all="Toutes les séries" defaultValue={filters.serie}>
              {options.series.map(([slug, title]) => (
                <option key={slug} value={slug}>
                  {title}
                </option>
              ))}
              {options.moreSeries ? <option value={EVERY_SERIES}>Autres séries…</option> : null}
            </FilterSelect>
            {options.sessions.length ? (
              <FilterSelect id="champ-session" name="session" label="Rencontre" all="Toutes les rencontres" defaultValue={filters.session}>
                {options.sessions.map((group) => (
                  <optgroup key={group.series} label={group.series}>
                    {group.options.map(([value, label]) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </FilterSelect>
            ) : (
              // The session menu lists the chosen series' sessions only (the catalogue may hold hundreds).
              <p className="hint field">Pour choisir une rencontre, choisissez d’abord une série puis lancez la recherche.</p>
            )}
            <FilterSelect
              id="champ-theme"
              name="theme"
              label="Thème"
              all="Tous les thèmes"
              defaultValue={filters.theme}
              options={options.themes.map((th) => [th, th] as [string, string])}
            />
            <FilterSelect
              id="champ-annee"
              name="annee"
              label="Année"
              all="Toutes les années"
              defaultValue={filters.annee}
              options={options.years.map((y) => [String(y), String(y)] as [string, string])}
            />
          </div>
          <div className="toolbar">
            <button type="submit" className="button">
              Rechercher
            </button>
            {searched || filtered ? <Link to="/ressources">Tout afficher</Link> : null}
          </div>
        </Form>
      </div>

      <section aria-labelledby="resultats">
        <h2 id="resultats">{searched || filtered ? "Résultats" : "Toutes les ressources"}</h2>
        <p role="status">
          {noWord
            ? `« ${filters.q} » ne contient aucun mot à chercher : ${plural(found, "ressource affichée", "ressources affichées")}.`
            : emptyQuery
              ? `Les mots « ${filters.q} » sont trop courants pour une recherche : ${plural(found, "ressource affichée", "ressources affichées")}.`
              : searched || filtered
                ? found
                  ? `${plural(found, "ressource trouvée", "ressources trouvées")}${searched ? ` pour « ${filters.q} »` : ""} (sur ${total}).`
                  : `Aucune ressource ne correspond${searched ? ` à « ${filters.q} »` : ""}${filtered ? " avec ces filtres" : ""}.`
                : plural(total, "ressource", "ressources") + "."}
          {pages > 1 ? ` Page ${page} sur ${pages}.` : ""}
        </p>
        {!results.length && (searched || filtered) ? (
          <p>
            Essayez un autre mot ou un mot plus court, retirez un filtre, ou <Link to="/ressources">affichez toutes les ressources</Link>.
          </p>
        ) : null}
        <ol className="library-results">
          {results.map((r) => (
            <li key={r.id} className="library-result">
              <p className="result-type">
                <span className="badge">{RESOURCE_TYPE_LABELS[r.type]}</span> <span className="muted">{r.series.title}</span>
              </p>
              <h3>
                <Link to={r.href}>{r.match ? <Highlight text={r.match.title} /> : r.title}</Link>
              </h3>
              {r.match && r.authors.length ? (
                <p className="muted">
                  <Highlight text={r.match.authors} />
                </p>
              ) : null}
              <ResourceMeta r={{ ...r, authors: r.match ? [] : r.authors }} />
              {r.description ? <p>{r.match ? <Highlight text={r.match.description} /> : r.description}</p> : null}
              {r.match?.excerpt ? (
                <p className="excerpt">
                  <span className="visually-hidden">Extrait : </span>
                  <Highlight text={r.match.excerpt} />
                </p>
              ) : null}
            </li>
          ))}
        </ol>
        <Pagination pathname="/ressources" filters={{ ...filters, page: null }} page={page} pages={pages} />
      </section>
      <NewsletterBox />
    </>
  );
}

export { publicPageHeaders as headers } from "~/utils/cache";
