import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { JsonLd } from "~/components/JsonLd";
import { Programme } from "~/components/Programme";
import { ResourceList } from "~/components/Resources";
import { Rules } from "~/components/Rules";
import { SessionBadges } from "~/components/SessionStatus";
import { Breadcrumb } from "~/components/admin/Breadcrumb";
import { getSessionPage } from "~/series/catalog.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { pageTitle } from "~/utils/meta";
import { serializeLd, sessionLd } from "~/series/structured-data";
import { nowIso } from "~/utils/now.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const page = getSessionPage(getDb(), params.slug ?? "", params.session ?? "", nowIso());
  if (!page) throw new Response("Session introuvable", { status: 404 });
  return { ...page, appUrl: getEnv().APP_URL };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: pageTitle(`RDV #${data.session.number} : ${data.session.title}`, data.series.title) },
        { name: "description", content: `${data.session.when} — ${data.session.title}` },
      ]
    : [{ title: pageTitle("Session introuvable") }];

export default function SessionPage() {
  const { series, session, programme, rules, resources, recordings, previous, next, organisers, appUrl } = useLoaderData<typeof loader>();
  const base = `/series/${series.slug}`;
  const canRegister = series.registrationOpen && session.status === "published" && !session.past;
  return (
    <article className="session">
      <JsonLd json={serializeLd(sessionLd(session, series.slug, series.title, organisers, appUrl))} />
      <Breadcrumb trail={[{ to: "/", label: "Rencontres" }, { to: base, label: series.title }]} current={<>RDV #{session.number}</>} />
      <header className="page-header">
        <p className="session-number">RDV #{session.number}{session.theme ? ` · ${session.theme}` : ""}</p>
        <h1>{session.title}</h1>
        <p className="when">
          <time dateTime={session.startIso}>{session.when}</time>
        </p>
        <SessionBadges status={session.status} past={session.past} mode={session.mode} capacity={session.capacity} seatsLeft={session.seatsLeft} remoteCapacity={session.remoteCapacity} remoteSeatsLeft={session.remoteSeatsLeft} />
        {session.venueName ? (
          <div className="venue">
            <h2 className="h-small">Lieu</h2>
            <p>
              <strong>{session.venueName}</strong>
              {session.venueAddress ? <span className="org-line">{session.venueAddress}</span> : null}
            </p>
            {session.venueInstructions ? <p>{session.venueInstructions}</p> : null}
          </div>
        ) : null}
        {!session.past && session.status === "published" ? (
          <p className="notice">
            {session.mode === "in-person"
              ? "Rencontre sur place. Les informations pratiques (adresse, accès, accessibilité, contact) sont envoyées par e-mail deux jours avant la rencontre, uniquement aux personnes inscrites."
              : `${session.mode === "hybrid" ? "Rencontre hybride : sur place ou en visio-conférence" : "Visio-conférence"}${series.platform ? ` sur ${series.platform}` : ""}, accessible par la vidéo ou par le téléphone. Les codes d’accès sont envoyés par e-mail deux jours avant la rencontre, uniquement aux personnes inscrites${session.mode === "hybrid" ? " qui la suivent à distance ; celles qui viennent sur place reçoivent les informations pratiques" : ""}.`}{" "}
            Pensez à vérifier votre dossier « spam ».
          </p>
        ) : null}
        <ul className="actions">
          {canRegister ? (
            <li>
              <a className="button" href={`${base}/inscription?session=${session.slug}`}>
                S’inscrire à cette rencontre
              </a>
            </li>
          ) : null}
          <li>
            <a href={`${base}/sessions/${session.slug}/calendar.ics`}>Ajouter à mon agenda (.ics)</a>
          </li>
        </ul>
      </header>

      <section aria-labelledby="programme">
        <h2 id="programme">Programme</h2>
        <Programme items={programme} recordings={recordings} />
      </section>

      <Rules rules={rules} />

      {resources.length ? (
        <section aria-labelledby="ressources">
          <h2 id="ressources">Ressources de la rencontre</h2>
          <ResourceList resources={resources} showSession={false} />
          <p>
            <Link to={`/ressources?session=${session.id}`}>Chercher dans les ressources de la rencontre</Link>
          </p>
        </section>
      ) : null}

      <nav aria-label="Autres rendez-vous de la série" className="pager">
        {previous ? (
          <Link to={`${base}/sessions/${previous.slug}`} rel="prev">
            ← RDV #{previous.number} : {previous.title}
          </Link>
        ) : (
          <span />
        )}
        {next ? (
          <Link to={`${base}/sessions/${next.slug}`} rel="next">
            RDV #{next.number} : {next.title} →
          </Link>
        ) : null}
      </nav>
    </article>
  );
}

export { publicPageHeaders as headers } from "~/utils/cache";
