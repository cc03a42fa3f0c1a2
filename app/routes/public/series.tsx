import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { JsonLd } from "~/components/JsonLd";
import { ResourceList } from "~/components/Resources";
import { Rules } from "~/components/Rules";
import { SessionBadges } from "~/components/SessionStatus";
import { getSeriesPage } from "~/series/catalog.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { receiveSentence, receivesOfModes, seriesFormatLine } from "~/utils/formats";
import { ROLE_GROUPS } from "~/utils/labels";
import { pageTitle } from "~/utils/meta";
import { serializeLd, seriesLd } from "~/series/structured-data";
import { nowIso } from "~/utils/now.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const page = getSeriesPage(getDb(), params.slug ?? "", nowIso());
  if (!page) throw new Response("Série introuvable", { status: 404 });
  return { ...page, appUrl: getEnv().APP_URL };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: pageTitle(data.series.title) },
        { name: "description", content: data.series.summary ?? data.series.title },
      ]
    : [{ title: pageTitle("Série introuvable") }];

export default function SeriesPage() {
  const page = useLoaderData<typeof loader>();
  const { series, keyFigures, rules, sessions, organisations, resources, registrantsOnlyResources } = page;
  const registerHref = `/series/${series.slug}/inscription`;
  return (
    <article className="series">
      <JsonLd json={serializeLd(seriesLd(page, page.appUrl))} />
      <nav aria-label="Fil d’Ariane" className="breadcrumb">
        <ol>
          <li>
            <Link to="/">Rencontres</Link>
          </li>
          <li aria-current="page">{series.title}</li>
        </ol>
      </nav>
      <header className="page-header">
        <h1>{series.title}</h1>
        {series.subtitle ? <p className="subtitle">{series.subtitle}</p> : null}
        <ul className="facts">
          {series.territory ? <li>{series.territory}</li> : null}
          {series.period ? <li>{series.period}</li> : null}
          <li>{seriesFormatLine(sessions.map((s) => s.mode), series.platform)}</li>
          {series.status === "archived" ? <li>Série terminée</li> : null}
        </ul>
      </header>

      {series.registrationRequired && series.status === "published" ? (
        <aside className="cta" aria-labelledby="inscription-titre">
          <h2 id="inscription-titre">Inscription obligatoire</h2>
          {series.registrationOpen ? (
            <>
              <p>
                {series.multipleSessions ? "Vous pouvez vous inscrire à une ou plusieurs sessions avec un seul formulaire. " : ""}
                {receiveSentence(receivesOfModes(sessions.filter((s) => s.status === "published" && !s.past).map((s) => s.mode)), series.daysBefore)}
              </p>
              <p>
                <a className="button" href={registerHref}>
                  S’inscrire
                </a>
              </p>
            </>
          ) : (
            <p>Les inscriptions ne sont pas ouvertes pour le moment.</p>
          )}
        </aside>
      ) : null}

      {series.summary ? <p className="lead">{series.summary}</p> : null}
      {series.question ? (
        <p className="question">
          <strong>La question posée :</strong> {series.question}
        </p>
      ) : null}

      <div className="grid-2">
        {series.objectives.length ? (
          <section aria-labelledby="objectifs">
            <h2 id="objectifs">Objectifs</h2>
            <ul>
              {series.objectives.map((o) => (
                <li key={o}>{o}</li>
              ))}
            </ul>
          </section>
        ) : null}
        <section aria-labelledby="public">
          <h2 id="public">Pour qui ?</h2>
          <p>{series.audience ?? "Tout public."}</p>
          <h3>Format</h3>
          <p>
            {sessions.length ? `${seriesFormatLine(sessions.map((s) => s.mode), series.platform)}.` : "À préciser."}
            {sessions.some((s) => s.mode !== "in-person") ? " Les visio-conférences sont accessibles par la vidéo et par le téléphone." : ""}
          </p>
        </section>
      </div>

      {keyFigures.length ? (
        <section aria-labelledby="chiffres">
          <h2 id="chiffres">Quelques données</h2>
          <ul className="key-figures">
            {keyFigures.map((k) => (
              <li key={k.label}>
                <span className="figure">{k.value}</span> <span>{k.label}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="sessions">
        <h2 id="sessions">Les rendez-vous</h2>
        <ol className="session-list">
          {sessions.map((s) => (
            <li key={s.slug} className={`session-card${s.status === "cancelled" ? " is-cancelled" : ""}`}>
              <p className="session-number">RDV #{s.number}</p>
              <h3>
                <Link to={`/series/${series.slug}/sessions/${s.slug}`}>{s.title}</Link>
              </h3>
              <p className="when">
                <time dateTime={s.startIso}>{s.when}</time>
              </p>
              {s.venueName ? (
                <p>
                  {s.venueName}
                  {s.venueAddress ? `, ${s.venueAddress}` : ""}
                </p>
              ) : null}
              <SessionBadges status={s.status} past={s.past} mode={s.mode} capacity={s.capacity} seatsLeft={s.seatsLeft} remoteCapacity={s.remoteCapacity} remoteSeatsLeft={s.remoteSeatsLeft} />
            </li>
          ))}
        </ol>
        <p>
          <a href={`/series/${series.slug}/calendar.ics`}>S’abonner au calendrier de la série (.ics)</a>
        </p>
      </section>

      <Rules rules={rules} />

      {resources.length || registrantsOnlyResources ? (
        <section aria-labelledby="ressources">
          <h2 id="ressources">Ressources</h2>
          {resources.filter((r) => !r.session).length ? (
            <>
              <h3>Pour toute la série</h3>
              <ResourceList resources={resources.filter((r) => !r.session)} />
            </>
          ) : null}
          {sessions
            .filter((s) => resources.some((r) => r.session?.id === s.id))
            .map((s) => (
              <div key={s.id}>
                <h3>
                  RDV #{s.number} — {s.title}
                </h3>
                <ResourceList resources={resources.filter((r) => r.session?.id === s.id)} showSession={false} />
              </div>
            ))}
          {registrantsOnlyResources ? (
            <p className="notice">
              D’autres ressources sont réservées aux personnes inscrites : elles les retrouvent dans leur espace personnel, par le lien reçu
              dans leurs e-mails.
            </p>
          ) : null}
          {resources.length ? (
            <p>
              <Link to={`/ressources?serie=${series.slug}`}>Chercher dans les ressources de la série</Link>
            </p>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="organisateurs">
        <h2 id="organisateurs">Organisation et contacts</h2>
        <div className="org-groups">
          {ROLE_GROUPS.map(({ role, title }) => {
            const group = organisations.filter((o) => o.role === role);
            if (!group.length) return null;
            return (
              <div key={role}>
                <h3>{title}</h3>
                <ul className="orgs">
                  {group.map((o) => (
                    <li key={o.key}>
                      <strong>{o.name}</strong>
                      {o.address ? <span className="org-line">{o.address}</span> : null}
                      {o.phone ? (
                        <span className="org-line">
                          Tél. <a href={`tel:${o.phone.replace(/[^+\d]/g, "")}`}>{o.phone}</a>
                        </span>
                      ) : null}
                      {o.email ? (
                        <span className="org-line">
                          <a href={`mailto:${o.email}`}>{o.email}</a>
                        </span>
                      ) : null}
                      {o.website ? (
                        <span className="org-line">
                          <a href={o.website} rel="noopener noreferrer">
                            Site web<span className="visually-hidden"> de {o.name}</span>
                          </a>
                        </span>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </div>
      </section>
    </article>
  );
}

export { publicPageHeaders as headers } from "~/utils/cache";
