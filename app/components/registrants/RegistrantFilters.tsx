// The registrants page's filters (session, status, participation, attendance, a search on name, email
// and structure) and the CSV export of the current selection.
import { Link } from "@remix-run/react";
import { FilterBar, FilterSearch, FilterSelect } from "../admin/Filters";
import { ATTENDANCE_LABELS, REGISTRATION_STATUS_LABELS } from "~/utils/admin-labels";
import { PARTICIPATION_LABELS } from "~/utils/formats";

const ATTENDANCE_OPTIONS: [string, string][] = [...Object.entries(ATTENDANCE_LABELS), ["unknown", "Non renseignée"]];

type Props = {
  sessions: { id: number; number: number; title: string }[];
  filter: { session: number | null; status: string | null; participation?: string | null; attendance?: string | null; q: string };
  filtered: boolean;
  exportHref: string;
};

export function RegistrantFilters({ sessions, filter, filtered, exportHref }: Props) {
  return (
    <FilterBar label="Filtrer les inscriptions">
      <FilterSelect id="filtre-session" name="session" label="Rencontre" defaultValue={filter.session} all="Toutes les rencontres">
        {sessions.map((s) => (
          <option key={s.id} value={s.number}>
            RDV #{s.number} — {s.title}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect
        id="filtre-statut"
        name="status"
        label="Statut"
        defaultValue={filter.status}
        all="Tous les statuts"
        options={Object.entries(REGISTRATION_STATUS_LABELS)}
      />
      <FilterSelect
        id="filtre-participation"
        name="participation"
        label="Participation"
        defaultValue={filter.participation ?? null}
        all="Sur place et à distance"
        options={Object.entries(PARTICIPATION_LABELS)}
      />
      <FilterSelect id="filtre-presence" name="presence" label="Présence" defaultValue={filter.attendance ?? null} all="Toutes" options={ATTENDANCE_OPTIONS} />
      <FilterSearch id="filtre-recherche" name="q" label="Rechercher (nom, e-mail, structure)" defaultValue={filter.q} />
      <button type="submit" className="button-secondary">
        Filtrer
      </button>
      {filtered ? <Link to=".">Tout afficher</Link> : null}
      <a href={exportHref} download>
        Exporter {filtered ? "cette sélection" : "la liste"} (CSV pour Excel)
      </a>
    </FilterBar>
  );
}
