// The funders' report of a series: figures, SVG charts with their tables, printable (the admin
// stylesheet hides navigation and toolbars in print) and downloadable as CSV.
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useHydrated } from "~/components/use-hydrated";
import { Link, useLoaderData } from "@remix-run/react";
import { CHART_COLOURS, GroupedBarChart, HorizontalBarChart } from "~/components/charts";
import { TableScroll } from "~/components/TableScroll";
import { DataTable } from "~/components/admin/DataTable";
import { SESSION_FIGURES, type SessionFigure } from "~/report/bilan-figures";
import { SESSION_STATUS_NOTES, formatRate, seriesBilan } from "~/report/bilan.server";
import { seriesSurveyResults } from "~/report/survey-results.server";
import { bilanFor, seesPeople, surveysFor } from "~/report/funders-view.server";
import { SurveyResults } from "~/components/report/SurveyResults";
import { formatLogTime } from "~/notifications/email-log.server";
import { requireSeriesRole } from "~/accounts/series-access.server";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Bilan : ${data.bilan.series.title}` : "Bilan", "Organisateurs") },
  { name: "robots", content: "noindex" },
];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { role } = await requireSeriesRole(request, params.slug, "viewer");
  const found = seriesBilan(getDb(), params.slug ?? "");
  if (!found) throw new Response("Série introuvable", { status: 404 });
  const bilan = bilanFor(role, found);
  return {
    bilan,
    funders: role === "viewer",
    sheets: seesPeople(role),
    generatedAt: formatLogTime(nowIso()),
    rates: { total: formatRate(bilan.totals.rate), sessions: bilan.sessions.map((s) => formatRate(s.rate)) },
    notes: bilan.sessions.map((s) => SESSION_STATUS_NOTES[s.status] ?? null),
    surveys: surveysFor(role, seriesSurveyResults(getDb(), bilan.series.id)),
  };
}

/** Nothing to post here; the guard still comes first. */
export async function action({ request, params }: ActionFunctionArgs) {
  await requireSeriesRole(request, params.slug, "viewer");
  throw new Response("Méthode non autorisée", { status: 405, headers: { Allow: "GET" } });
}

/** A print button once the page runs JavaScript; before that (or without it), how to print. */
function PrintButton() {
  const scripted = useHydrated();
  return scripted ? (
    <button type="button" className="button no-print" onClick={() => window.print()}>
      Imprimer / enregistrer en PDF
    </button>
  ) : (
    <span className="hint no-print">Pour imprimer ou enregistrer en PDF : commande « Imprimer » du navigateur (Ctrl+P, ou Cmd+P sur Mac).</span>
  );
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("fr-FR")} ${n > 1 ? many : one}`;

/** A line's counted figures (app/report/bilan-figures.ts), then its attendance rate. */
function FigureCells({ figures, rate }: { figures: Record<SessionFigure, number>; rate: string }) {
  return (
    <>
      {SESSION_FIGURES.map((f) => (
        <td key={f.key} className="num">
          {figures[f.key]}
        </td>
      ))}
      <td className="num">{rate}</td>
    </>
  );
}

export default function Bilan() {
  const { bilan, generatedAt, rates, notes, surveys, funders, sheets } = useLoaderData<typeof loader>();
  const { series, totals, sessions, structureTypes, territories, repeaters } = bilan;
  const perSession = sessions
    .map((s) => `RDV #${s.number} : ${plural(s.registered, "inscrit", "inscrits")}, ${plural(s.present, "présent", "présents")}`)
    .join(" ; ");
  const typesText = structureTypes.map((l) => `${l.label} : ${l.count}`).join(" ; ");
  return (
    <article className="bilan">
      <div className="toolbar no-print">
        {funders ? <Link to="/admin">← Tableau de bord</Link> : <Link to={`/admin/series/${series.slug}`}>← Retour à la série</Link>}
        <a href={`/admin/series/${series.slug}/bilan.csv`} download>
          Télécharger les chiffres (CSV)
        </a>
        <PrintButton />
      </div>
      <h1>Bilan : {series.title}</h1>
      <p>
        {[series.period, series.territory].filter(Boolean).join(" — ")}
        {series.period || series.territory ? <br /> : null}
        Établi le {generatedAt} (heure de Paris).
      </p>

      <section aria-labelledby="bilan-resume">
        <h2 id="bilan-resume">En bref</h2>
        <ul className="stats">
          <li>
            <strong>{totals.registrations}</strong> inscriptions (hors annulations)
          </li>
          <li>
            <strong>{totals.participants}</strong> personnes distinctes inscrites
          </li>
          <li>
            <strong>{totals.present}</strong> présences
          </li>
          <li>
            <strong>{totals.attendees}</strong> personnes venues au moins une fois
          </li>
          <li>
            <strong>{rates.total}</strong> taux de présence
          </li>
          <li>
            <strong>{repeaters.count}</strong> personnes venues à plusieurs rencontres
          </li>
        </ul>
      </section>

      <section aria-labelledby="bilan-rencontres">
        <h2 id="bilan-rencontres">Par rencontre</h2>
        <TableScroll label="Inscriptions et présences par rencontre">
          <table className="data" id="tableau-rencontres">
            <caption className="visually-hidden">Inscriptions et présences par rencontre</caption>
            <thead>
              <tr>
                <th scope="col">Rencontre</th>
                <th scope="col">Date</th>
                {SESSION_FIGURES.map((f) => (
                  <th key={f.key} scope="col" className="num">
                    {f.label}
                  </th>
                ))}
                <th scope="col" className="num">
                  Taux de présence
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s, i) => (
                <tr key={s.id}>
                  <th scope="row">
                    RDV #{s.number} — {s.title}
                    {notes[i] ? <span className="muted"> ({notes[i]})</span> : null}
                  </th>
                  <td>{s.when}</td>
                  <FigureCells figures={s} rate={rates.sessions[i]} />
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  Total
                </th>
                <FigureCells figures={totals} rate={rates.total} />
              </tr>
            </tfoot>
          </table>
        </TableScroll>
        <h3>Inscrits et présents par rencontre</h3>
        <GroupedBarChart
          id="graphique-rencontres"
          title="Inscrits confirmés et présents par rencontre"
          description={
            sessions.length ? `Pour chaque rencontre, une barre des inscrits confirmés puis une barre des présents. ${perSession}.` : "Aucune rencontre."
          }
          categories={sessions.map((s) => `RDV #${s.number}`)}
          categoryNames={sessions.map((s) => `RDV #${s.number} — ${s.title}`)}
          categoryHeader="Rencontre"
          series={[
            { key: "inscrits", label: "Inscrits confirmés", colour: CHART_COLOURS.primary, values: sessions.map((s) => s.registered) },
            { key: "presents", label: "Présents", colour: CHART_COLOURS.secondary, values: sessions.map((s) => s.present) },
          ]}
        />
      </section>

      <section aria-labelledby="bilan-structures">
        <h2 id="bilan-structures">Types de structure</h2>
        <p>Les {plural(totals.participants, "personne inscrite", "personnes inscrites")}, selon le type de structure indiqué à l’inscription.</p>
        <HorizontalBarChart
          id="graphique-structures"
          title="Personnes inscrites par type de structure"
          description={`Répartition des ${totals.participants} personnes inscrites par type de structure. ${typesText}.`}
          items={structureTypes.map((l) => ({ label: l.label, value: l.count }))}
          labelHeader="Type de structure"
          valueHeader="Personnes"
        />
      </section>

      <section aria-labelledby="bilan-territoires">
        <h2 id="bilan-territoires">Territoires</h2>
        <p>Les 15 territoires les plus représentés, tels qu’indiqués à l’inscription ; les suivants sont regroupés.</p>
        {territories.length ? (
          <DataTable label="Personnes inscrites par territoire" columns={["Territoire", { label: "Personnes", num: true }]}>
            {territories.map((l) => (
              <tr key={`${l.key}-${l.label}`}>
                <th scope="row">{l.label}</th>
                <td className="num">{l.count}</td>
              </tr>
            ))}
          </DataTable>
        ) : (
          <p>Aucune personne inscrite.</p>
        )}
      </section>

      <section aria-labelledby="bilan-fideles">
        <h2 id="bilan-fideles">Personnes venues à plusieurs rencontres</h2>
        <p>
          {repeaters.count
            ? `${plural(repeaters.count, "personne est venue", "personnes sont venues")} à au moins deux rencontres de la série (présence saisie).`
            : "Personne n’est encore venu à deux rencontres ou plus (d’après les présences saisies)."}
        </p>
        {repeaters.groups.map((g) => (
          <div key={g.sessions}>
            <h3>
              Venues à {g.sessions} rencontres ({plural(g.size, "personne", "personnes")})
            </h3>
            {g.people.length ? (
              <ul>
                {g.people.map((name, i) => (
                  <li key={`${name}-${i}`}>{name}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ))}
      </section>

      <SurveyResults slug={series.slug} results={surveys} sheets={sheets} />

      <section aria-labelledby="bilan-definitions">
        <h2 id="bilan-definitions">Définitions</h2>
        <ul>
          <li>Inscriptions : inscriptions confirmées ou en liste d’attente, hors annulations ; personnes : les personnes distinctes derrière elles.</li>
          <li>Inscrits confirmés : inscriptions confirmées à la rencontre (hors liste d’attente).</li>
          <li>Présents, excusés, absents : présences saisies après la rencontre.</li>
          <li>
            Taux de présence : présents ÷ inscrits confirmés ; « — » tant qu’aucune présence n’est saisie. Le taux global ne compte que les rencontres dont les
            présences sont saisies.
          </li>
        </ul>
      </section>
    </article>
  );
}
