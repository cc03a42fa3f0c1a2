// The email log's table: one row per message (kind, recipient, session, due and sent times, status
// and last error, attempts), with "Lire" (development mailbox) and "Renvoyer".
import { Link, type useLoaderData } from "@remix-run/react";
import { DataTable } from "../admin/DataTable";
import { RowAction } from "../admin/RowAction";
import type { loader } from "~/routes/admin/emails";
import { emailKindLabel } from "~/notifications/email-kinds";
import { OUTBOX_STATUS_LABELS } from "~/utils/admin-labels";

type Row = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { rows: unknown }>["rows"][number];

export function EmailLogTable({ rows, caption, devMailbox, busy }: { rows: Row[]; caption: string; devMailbox: boolean; busy: boolean }) {
  return (
    <DataTable
      label="Journal des e-mails"
      caption={caption}
      columns={[
        "N°",
        "Type",
        "Destinataire",
        { label: "Rencontre", style: { minWidth: "12rem" } },
        "Prévu le",
        "Envoyé le",
        "Statut",
        { label: "Essais", num: true },
        <span className="visually-hidden">Actions</span>,
      ]}
    >
      {rows.map((r) => (
        <tr key={r.id} id={`message-${r.id}`}>
          <td className="num">{r.id}</td>
          <td>{emailKindLabel(r.kind)}</td>
          <td>{r.toAddress}</td>
          <td>
            {r.sessions ?? "—"}
            {r.seriesTitle ? <div className="muted">{r.seriesTitle}</div> : null}
          </td>
          <td style={{ whiteSpace: "nowrap" }}>
            <time dateTime={r.dueAt}>{r.due}</time>
          </td>
          <td style={{ whiteSpace: "nowrap" }}>{r.sentAt ? <time dateTime={r.sentAt}>{r.sent}</time> : "—"}</td>
          <td>
            <span className={`status status-${r.status}`}>{OUTBOX_STATUS_LABELS[r.status] ?? r.status}</span>
            {r.lastError ? (
              <div className="muted">
                {r.status === "cancelled" || r.status === "missed" ? "Motif" : "Erreur"} : {r.lastError}
              </div>
            ) : null}
          </td>
          <td className="num">{r.attempts}</td>
          <td>
            {devMailbox && r.devMessageId ? (
              <Link to={`/admin/emails?message=${r.devMessageId}#message-titre`}>
                Lire<span className="visually-hidden"> le message n° {r.id}</span>
              </Link>
            ) : null}
            {r.resendable ? (
              <RowAction
                intent="resend"
                fields={{ id: r.id }}
                label="Renvoyer"
                context={
                  <>
                    {" "}
                    le message n° {r.id} à {r.toAddress}
                  </>
                }
                disabled={busy}
              />
            ) : null}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
