import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listPublicSeries, type SeriesCard } from "~/series/catalog.server";
import { getDb } from "~/utils/db.server";
import { MODE_LABELS } from "~/utils/labels";
import { pageTitle } from "~/utils/meta";
import { requestedPage } from "~/utils/pagination";
import { Pagination } from "~/components/Pagination";
import { FilterBar, FilterSelect } from "~/components/admin/Filters";
import { nowIso } from "~/utils/now.server";

export const meta: MetaFunction = () => [
  { title: pageTitle("Rencontres") },
  {
    name: "description",
    content: "Programmes, inscriptions et ressources des rencontres en ligne et en présentiel des acteurs de la santé publique.",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const cards = listPublicSeries(getDb(), nowIso(), requestedPage(params), params.get("territoire")?.trim() || null);
  if (!cards) throw new Response("Aucune série publiée pour ce territoire.", { status: 404 });
  return cards;
}

function Card({ card }: { card: SeriesCard }) {
  return (
    <li className="card">
      <h3>
        <Link to={`/series/${card.slug}`}>{card.title}</Link>
      </h3>
      {card.subtitle ? <p className="card-subtitle">{card.subtitle}</p> : null}
      <ul className="facts">
        {card.territory ? <li>{card.territory}</li> : null}
        {card.period ? <li>{card.period}</li> : null}
        <li>
          {card.sessionCount} rencontre{card.sessionCount > 1 ? "s" : ""}
        </li>
        {card.mode ? <li>{MODE_LABELS[card.mode]}</li> : null}
      </ul>
      {card.next ? (
        <p className="card-next">
          <strong>Prochaine rencontre :</strong> RDV #{card.next.number}, {card.next.when}
        </p>
      ) : null}
    </li>
  );
}

export default function Home() {
  const { upcoming, archived, archivedWindow, territories, territory } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Les rencontres des acteurs de la santé</h1>
      <p className="lead">
        Des rendez-vous en visio-conférence et en présentiel pour les professionnels, bénévoles, élus et habitants qui agissent
        pour la santé. Consultez les programmes, inscrivez-vous, et retrouvez les enregistrements et documents des rencontres
        passées.
      </p>
      {territories.length > 1 ? (
        <FilterBar label="Choisir un territoire">
          <FilterSelect
            id="filtre-territoire"
            name="territoire"
            label="Territoire"
            all="Tous les territoires"
            defaultValue={territory}
            options={territories.map((x) => [x, x])}
          />
          <button type="submit" className="button">
            Afficher
          </button>
        </FilterBar>
      ) : null}
      <section aria-labelledby="a-venir">
        <h2 id="a-venir">{territory ? `À venir — ${territory}` : "À venir"}</h2>
        {upcoming.length ? (
          <ul className="cards">
            {upcoming.map((c) => (
              <Card key={c.slug} card={c} />
            ))}
          </ul>
        ) : (
          <p>{territory ? "Aucune rencontre n’est programmée pour le moment sur ce territoire." : "Aucune rencontre n’est programmée pour le moment."}</p>
        )}
      </section>
      <section aria-labelledby="archives">
        <h2 id="archives">{territory ? `Archives — ${territory}` : "Archives"}</h2>
        {archived.length ? (
          <>
            <ul className="cards">
              {archived.map((c) => (
                <Card key={c.slug} card={c} />
              ))}
            </ul>
            <Pagination page={archivedWindow.page} pages={archivedWindow.pages} pathname="/" filters={{ territoire: territory }} />
          </>
        ) : (
          <p>{territory ? "Aucune série passée sur ce territoire." : "Aucune série passée."}</p>
        )}
      </section>
    </>
  );
}

export { publicPageHeaders as headers } from "~/utils/cache";
