// The messages to registrants of a series (/admin/series/<slug>/messages): each with its audience, its
// status (brouillon, programmé, envoyé, annulé), when it leaves or left, and its emails' outcomes from
// the outbox (sent, failed, waiting). Writing one: message-editor.tsx.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumb, seriesTrail } from "~/components/admin/Breadcrumb";
import { DataTable } from "~/components/admin/DataTable";
import { requireSeriesRole } from "~/accounts/series-access.server";
import { localWhen } from "~/messages/message-pages.server";
import { listMessages } from "~/messages/messages.server";
import { MESSAGE_AUDIENCE_LABELS, MESSAGE_STATUS_LABELS } from "~/messages/message-form";
import { findSeries } from "~/series/series-lookup.server";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Messages aux inscrit·es", data?.series.title ?? "", "Organisateurs") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSeriesRole(request, params.slug, "organiser");
  const series = findSeries(getDb(), params.slug ?? "", "organiser");
  if (!series) throw new Response("Série introuvable", { status: 404 });
  const rows = listMessages(getDb(), series.id, series.timezone).map((m) => ({
    id: m.id,
    subject: m.subject,
    kind: m.kind,
    scope: m.sessionNumber ? `RDV #${m.sessionNumber}` : "Toute la série",
    audience: m.audience.map((a) => MESSAGE_AUDIENCE_LABELS[a]).join(", "),
    status: m.status,
    when: m.sendAt ? localWhen(m.sendAt, series.timezone) : null,
    recipients: m.recipients,
    sent: m.sent,
    failed: m.failed,
    waiting: m.waiting,
  }));
  return { series: { id: series.id, slug: series.slug, title: series.title, timezone: series.timezone }, rows };
}

const STATUS_CLASS = { draft: "pending", scheduled: "pending", sent: "sent", cancelled: "cancelled" } as const;

export default function Messages() {
  const { series, rows } = useLoaderData<typeof loader>();
  const base = `/admin/series/${series.slug}/messages`;
  return (
    <>
      <Breadcrumb trail={seriesTrail(series)} current="Messages" />
      <h1>Messages aux inscrit·es</h1>
      <p>
        Écrivez aux personnes inscrites à la série ou à l’une de ses rencontres, choisies par statut. Une information de service part à toutes les personnes
        choisies ; des nouvelles seulement à celles qui ont accepté d’en recevoir. Heures en {series.timezone}.
      </p>
      <p>
        <Link to={`${base}/nouveau`} className="button">
          Écrire un message
        </Link>
      </p>
      {rows.length ? (
        <DataTable label="Messages de la série" columns={["Objet", "Destinataires", "Statut", { label: "E-mails", num: true }]}>
          {rows.map((m) => (
            <tr key={m.id}>
              <td>
                <Link to={`${base}/${m.id}`}>{m.subject}</Link>
                <br />
                <span className="badge">{m.kind === "news" ? "Nouvelles" : "Service"}</span>
              </td>
              <td>
                {m.scope} · {m.audience}
              </td>
              <td>
                <span className={`status status-${STATUS_CLASS[m.status]}`}>{MESSAGE_STATUS_LABELS[m.status]}</span>
                {m.when ? <> {m.status === "sent" ? `parti le ${m.when}` : m.status === "scheduled" ? `le ${m.when}` : ""}</> : null}
              </td>
              <td className="num">
                {m.recipients === null ? (
                  "—"
                ) : (
                  <Link to={`/admin/emails?type=message&cible=serie-${series.id}`}>
                    {m.sent} envoyé{m.sent > 1 ? "s" : ""}
                    {m.failed ? `, ${m.failed} en échec` : ""}
                    {m.waiting ? `, ${m.waiting} en attente` : ""}
                    <span className="visually-hidden"> (journal des e-mails)</span>
                  </Link>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p>Aucun message pour l’instant.</p>
      )}
    </>
  );
}
