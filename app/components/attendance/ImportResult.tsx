// What an import of a Zoom participants report found: its lines that match no confirmed registrant,
// and the confirmed registrants missing from it.
import { DataTable } from "../admin/DataTable";
import { ATTENDANCE_LABELS } from "~/utils/admin-labels";

type Outcome = {
  unmatched: { name: string; email: string; minutes: number; reason: string }[];
  missing: { registrationId: number; name: string; email: string; attendance: keyof typeof ATTENDANCE_LABELS | null }[];
};

export function ImportResult({ outcome }: { outcome: Outcome }) {
  return (
    <section aria-labelledby="resultat-import">
      <h2 id="resultat-import">Résultat de l’import</h2>
      {outcome.unmatched.length ? (
        <DataTable
          label="Participant·es du rapport non reconnu·es"
          id="non-reconnus"
          visibleCaption
          caption={<>Participant·es du rapport non reconnu·es ({outcome.unmatched.length}) : à noter à la main si besoin</>}
          columns={["Nom dans le rapport", "E-mail", { label: "Minutes", num: true }, "Pourquoi"]}
        >
          {outcome.unmatched.map((u, i) => (
            <tr key={i}>
              <td>{u.name || "—"}</td>
              <td>{u.email || "—"}</td>
              <td className="num">{u.minutes}</td>
              <td>{u.reason}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p>Toutes les lignes du rapport correspondent à des inscrit·es confirmé·es.</p>
      )}
      {outcome.missing.length ? (
        <>
          <h3>Inscrit·es confirmé·es absent·es du rapport ({outcome.missing.length})</h3>
          <ul id="absents-du-rapport">
            {outcome.missing.map((m) => (
              <li key={m.registrationId}>
                {m.name} ({m.email}) : {m.attendance ? ATTENDANCE_LABELS[m.attendance] : "non renseigné"}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
