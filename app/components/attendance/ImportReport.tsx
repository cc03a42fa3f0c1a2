// The form that imports a session's Zoom participants report (CSV, 2 MB at most).
import { Form } from "@remix-run/react";

export function ImportReport({ busy }: { busy: boolean }) {
  return (
    <Form method="post" encType="multipart/form-data" className="form">
      <input type="hidden" name="intent" value="import" />
      <div className="field">
        <label htmlFor="champ-rapport">Fichier CSV (2 Mo au plus)</label>
        <p className="hint" id="aide-rapport">
          Dans Zoom : Rapports › Utilisation › Participants › Exporter. Français ou anglais, séparateur « ; » ou « , ». Les personnes sont reconnues par leur
          adresse e-mail ; plusieurs connexions d’une même personne sont additionnées.
        </p>
        <input id="champ-rapport" type="file" name="rapport" accept=".csv,text/csv" required aria-describedby="aide-rapport" />
      </div>
      <button type="submit" className="button" disabled={busy}>
        Importer
      </button>
    </Form>
  );
}
