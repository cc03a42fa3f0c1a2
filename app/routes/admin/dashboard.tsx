import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DataTable } from "~/components/admin/DataTable";
import { listSeriesForAdmin } from "~/series/admin-series.server";
import { Pagination } from "~/components/Pagination";
import { requestedPage } from "~/utils/pagination";
import { nowIso } from "~/utils/now.server";
import { requireAccount } from "~/accounts/login.server";
import { seriesScope } from "~/accounts/series-access.server";
import { ADMIN_SERIES_ORDER_LABEL, SERIES_STATUS_LABELS } from "~/utils/admin-labels";
import { SERIES_ROLE_LABELS } from "~/accounts/series-roles";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = () => [{ title: pageTitle("Tableau de bord", "Organisateurs") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const me = await requireAccount(request);
  const page = requestedPage(new URL(request.url).searchParams);
  return listSeriesForAdmin(getDb(), seriesScope(getDb(), me), { nowIso: nowIso(), page });
}

export default function Dashboard() {
  const { series, window } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Tableau de bord</h1>
      <p>
        <Link className="button" to="/admin/series#nouvelle">
          Créer une série
        </Link>{" "}
        <Link to="/admin/series/importer">Importer un fichier de série (JSON)</Link>
      </p>
      <p className="muted">
        {window.total} série{window.total > 1 ? "s" : ""} ; ordre : {ADMIN_SERIES_ORDER_LABEL}.
      </p>
      <DataTable
        label="Séries et inscriptions"
        columns={[
          "Série",
          "Statut",
          "Période",
          { label: "Rencontres", num: true },
          { label: "Inscriptions confirmées", num: true },
          { label: "Liste d’attente", num: true },
          { label: "Personnes", num: true },
        ]}
      >
        {series.map((s) => (
          <tr key={s.slug}>
            <th scope="row">
              <Link to={s.home}>{s.title}</Link>
              {s.territory ? <div className="muted">{s.territory}</div> : null}
              {s.role === "organiser" ? (
                <div>
                  <Link to={`/admin/series/${s.slug}/inscrits`}>Inscrits et présence</Link>
                </div>
              ) : (
                <div className="muted">Votre rôle : {SERIES_ROLE_LABELS[s.role].toLowerCase()}</div>
              )}
            </th>
            <td>{SERIES_STATUS_LABELS[s.status]}</td>
            <td>{s.period ?? "—"}</td>
            <td className="num">{s.sessions}</td>
            <td className="num">{s.confirmed}</td>
            <td className="num">{s.waiting}</td>
            <td className="num">{s.people}</td>
          </tr>
        ))}
      </DataTable>
      <Pagination page={window.page} pages={window.pages} pathname="/admin" filters={{}} />
    </>
  );
}
