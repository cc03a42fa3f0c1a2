import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listPublicSeries, type SeriesCard } from "~/series/catalog.server";
import { getDb } from "~/utils/db.server";
import { MODE_LABELS } from "~/utils/labels";
import { pageTitle } from "~/utils/meta";
import { requestedPage } from "~/utils/pagination";
import { Pagination } from "~/components/Pagination";
import { nowIso } from "~/utils/now.server";

export const meta: MetaFunction = () => [
  { title: pageTitle("Rencontres") },
  {
    name: "description",
    content: "Programmes, inscriptions et ressources des rencontres en ligne et en présentiel des acteurs de la santé publique.",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  return listPublicSeries(getDb(), nowIso(), requestedPage(new URL(request.url).searchParams));
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
  const { upcoming, archived, archivedWindow } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Les rencontres des acteurs de la santé</h1>
      <p className="lead">
        Des rendez-vous en visio-conférence et en présentiel pour les professionnels, bénévoles, élus et habitants qui agissent
        pour la santé. Consultez les programmes, inscrivez-vous, et retrouvez les enregistrements et documents des rencontres
        passées.
      </p>
      <section aria-labelledby="a-venir">
        <h2 id="a-venir">À venir</h2>
        {upcoming.length ? (
          <ul className="cards">
            {upcoming.map((c) => (
              <Card key={c.slug} card={c} />
            ))}
          </ul>
        ) : (
          <p>Aucune rencontre n’est programmée pour le moment.</p>
        )}
      </section>
      <section aria-labelledby="archives">
        <h2 id="archives">Archives</h2>
        {archived.length ? (
          <>
            <ul className="cards">
              {archived.map((c) => (
                <Card key={c.slug} card={c} />
              ))}
            </ul>
            <Pagination page={archivedWindow.page} pages={archivedWindow.pages} pathname="/" filters={{}} />
          </>
        ) : (
          <p>Aucune série passée.</p>
        )}
      </section>
    </>
  );
}

export { publicPageHeaders as headers } from "~/utils/cache";
