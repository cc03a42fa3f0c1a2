// The email log's filters: status, kind, series or session (the sessions of the chosen series only), recipient.
import { Link } from "@remix-run/react";
import { FilterBar, FilterSearch, FilterSelect } from "../admin/Filters";
import { EMAIL_KIND_LABELS } from "~/notifications/email-kinds";
import { OUTBOX_STATUS_LABELS } from "~/utils/admin-labels";

type Props = {
  filters: { status?: string | null; kind?: string | null; target?: string | null; q?: string | null };
  /** The most recent series (« Autres séries… » lists them all); the chosen one comes with its sessions (a menu of every session would weigh on every page). */
  targets: {
    series: { id: number; title: string }[];
    more: boolean;
    chosen: { id: number; title: string; sessions: { id: number; number: number; title: string }[] } | null;
  };
};

export function EmailFilters({ filters, targets }: Props) {
  return (
    <FilterBar label="Filtrer les e-mails" action="/admin/emails">
      <FilterSelect id="filtre-statut" name="statut" label="Statut" defaultValue={filters.status} all="Tous" options={Object.entries(OUTBOX_STATUS_LABELS)} />
      <FilterSelect id="filtre-type" name="type" label="Type" defaultValue={filters.kind} all="Tous" options={Object.entries(EMAIL_KIND_LABELS)} />
      <FilterSelect id="filtre-cible" name="cible" label="Série (ses rencontres une fois choisie)" defaultValue={filters.target} all="Toutes">
        {targets.series.map((s) =>
          s.id === targets.chosen?.id ? (
            <optgroup key={s.id} label={s.title}>
              <option value={`serie-${s.id}`}>Toute la série : {s.title}</option>
              {targets.chosen.sessions.map((x) => (
                <option key={x.id} value={`rdv-${x.id}`}>
                  RDV #{x.number} — {x.title}
                </option>
              ))}
            </optgroup>
          ) : (
            <option key={s.id} value={`serie-${s.id}`}>
              {s.title}
            </option>
          ),
        )}
        {targets.more ? <option value="autres">Autres séries…</option> : null}
      </FilterSelect>
      <FilterSearch
        id="filtre-destinataire"
        name="destinataire"
        label="Destinataire (adresse ou début d’adresse)"
        defaultValue={filters.q}
        autoComplete="off"
        spellCheck={false}
      />
      <button type="submit" className="button">
        Filtrer
      </button>
      <Link to="/admin/emails">Tout afficher</Link>
    </FilterBar>
  );
}
