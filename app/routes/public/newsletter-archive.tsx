// /lettres: the letters sent, newest first, with the subscription form. Public: no subscriber data.
import { type LinksFunction, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { NewsletterForm } from "~/components/NewsletterSubscribe";
import { sentLetters } from "~/newsletter/digest.server";
import formsCss from "~/styles/forms.css?url";
import { fromUtcIso, formatDay } from "~/utils/dates.server";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: formsCss }];
export const meta: MetaFunction = () => [
  { title: pageTitle("Lettres d’information") },
  { name: "description", content: "Les lettres d’information des Rendez-vous : les nouvelles ressources de la bibliothèque." },
];

export async function loader() {
  return {
    letters: sentLetters(getDb()).map((l) => ({ number: l.number, date: formatDay(fromUtcIso(l.sentAt, "Europe/Paris")), items: l.items })),
  };
}

export default function NewsletterArchive() {
  const { letters } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Lettres d’information</h1>
      <p className="lead">Les nouvelles ressources de la <Link to="/ressources">bibliothèque</Link>, lettre après lettre.</p>
      <section aria-labelledby="parues">
        <h2 id="parues">Lettres parues</h2>
        {letters.length ? (
          <ul>
            {letters.map((l) => (
              <li key={l.number}>
                <Link to={`/lettres/${l.number}`}>Lettre n° {l.number}</Link> — {l.date} ({l.items === 1 ? "1 ressource" : `${l.items} ressources`})
              </li>
            ))}
          </ul>
        ) : (
          <p>Aucune lettre n’est encore parue.</p>
        )}
      </section>
      <section aria-labelledby="abonnement">
        <h2 id="abonnement">S’abonner</h2>
        <NewsletterForm busy={false} />
      </section>
    </>
  );
}
