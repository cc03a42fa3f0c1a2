// The registrants page's table of sessions: confirmed against capacity, waiting list, cancelled,
// attendance and its rate, each session linking to its filtered list and its attendance page.
import { Link, type useLoaderData } from "@remix-run/react";
import { DataTable } from "../admin/DataTable";
import { percent } from "../admin/percent";
import type { loader } from "~/routes/admin/series/registrants";

type Session = ReturnType<typeof useLoaderData<typeof loader>>["sessions"][number];

export function SessionsTable({ slug, sessions }: { slug: string; sessions: Session[] }) {
  return (
    <DataTable
      label="Inscriptions et présence par rencontre"
      columns={[
        "Rencontre",
        { label: "Confirmé·es / jauge", num: true },
        { label: "Liste d’attente", num: true },
        { label: "Annulé·es", num: true },
        "Présence",
        { label: "Taux de présence", num: true },
      ]}
    >
      {sessions.map((s) => (
        <tr key={s.id}>
          <th scope="row">
            <Link to={`?session=${s.number}`}>
              RDV #{s.number} — {s.title}
            </Link>
            <div className="muted">
              {s.when}
              {s.status === "cancelled" ? " · annulée" : s.status === "postponed" ? " · reportée" : s.status === "draft" ? " · brouillon" : ""}
            </div>
          </th>
          <td className="num">
            {s.status === "cancelled" ? (
              <>
                annulée
                <br />
                <span className="muted">{s.confirmed} inscrit·es prévenu·es</span>
              </>
            ) : (
              <>
                {s.confirmed} / {s.capacity ?? "∞"}
              </>
            )}
          </td>
          <td className="num">{s.waiting}</td>
          <td className="num">{s.cancelled}</td>
          <td>
            {s.present} présent·es, {s.excused} excusé·es, {s.absent} absent·es, {s.unknown} non renseigné·es
            <br />
            <Link to={`/admin/series/${slug}/presence/${s.number}`}>
              Saisir la présence<span className="visually-hidden"> de RDV #{s.number}</span>
            </Link>
          </td>
          <td className="num">{s.started ? percent(s.rate) : "à venir"}</td>
        </tr>
      ))}
    </DataTable>
  );
}
