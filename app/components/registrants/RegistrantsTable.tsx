// The registrants page's list: one row per registration (person, structure, session, status,
// participation, date, attendance) with its actions (confirm from the waiting list, cancel) and the
// error of a refused action next to them.
import type { useLoaderData } from "@remix-run/react";
import { DataTable } from "../admin/DataTable";
import { RowAction } from "../admin/RowAction";
import { RowAnswers } from "./Answers";
import type { loader } from "~/routes/admin/series/registrants";
import { ATTENDANCE_LABELS } from "~/utils/admin-labels";

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

export function RegistrantsTable({ rows, rowError }: { rows: Row[]; rowError: { registrationId: number | null; message: string } | null }) {
  return (
    <DataTable
      label="Inscriptions de la série"
      columns={["Nom", "E-mail", "Structure", "Type", "Territoire", "Rencontre", "Statut", "Inscription", "Présence", "Réponses", "Actions"]}
    >
      {rows.map((r) => (
        <tr key={r.registrationId} id={`inscription-${r.registrationId}`}>
          <th scope="row">
            {r.name}
            {r.jobTitle ? <div className="muted">{r.jobTitle}</div> : null}
          </th>
          <td>{r.email}</td>
          <td>{r.organisation ?? "—"}</td>
          <td>{r.type ?? "—"}</td>
          <td>{r.territory ?? "—"}</td>
          <td>RDV #{r.sessionNumber}</td>
          <td>
            <span className={`status status-${r.status}`}>{r.statusText}</span>
            {r.participation ? <span className="muted"> · {r.participation}</span> : null}
          </td>
          <td>
            <time dateTime={r.registeredIso}>{r.registeredAt}</time>
          </td>
          <td>
            {r.attendance ? (
              <span className={`status status-${r.attendance}`}>
                {ATTENDANCE_LABELS[r.attendance]}
                {r.attendance === "present" && r.attendedMinutes !== null ? ` (${r.attendedMinutes} min)` : ""}
              </span>
            ) : (
              "—"
            )}
          </td>
          <td>
            <RowAnswers answers={r.answers} />
          </td>
          <td>
            {rowError?.registrationId === r.registrationId ? (
              <p className="field-error" id={`erreur-inscription-${r.registrationId}`}>
                {rowError.message}
              </p>
            ) : null}
            {r.status === "waiting" ? (
              <RowAction
                intent="promote"
                fields={{ registration: r.registrationId }}
                label="Confirmer"
                context={` l’inscription de ${r.name} à RDV #${r.sessionNumber}`}
              />
            ) : null}{" "}
            {r.status !== "cancelled" ? (
              <RowAction
                intent="cancel"
                fields={{ registration: r.registrationId }}
                label="Annuler"
                context={` l’inscription de ${r.name} à RDV #${r.sessionNumber}`}
              />
            ) : null}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
