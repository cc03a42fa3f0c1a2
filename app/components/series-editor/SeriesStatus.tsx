// The series' status (draft, published, archived) with the buttons that change it (organisers), and
// the links to its other back-office pages and exports, those the reader's role opens.
import { Form, Link } from "@remix-run/react";
import { OtherProblems } from "../AdminFields";
import type { Doc } from "./types";
import { SERIES_STATUS_LABELS } from "~/utils/admin-labels";

export function SeriesStatus({
  doc,
  canExportCodes,
  organiser,
  problems,
}: {
  doc: Doc;
  canExportCodes: boolean;
  /** Organisers change the status and open the pages with personal data; editors do not. */
  organiser: boolean;
  problems: { path: string; message: string }[] | null;
}) {
  return (
    <>
      <p>
        Statut : <strong>{SERIES_STATUS_LABELS[doc.status ?? "draft"]}</strong>
        {doc.status !== "draft" ? (
          <>
            {" "}
            · <Link to={`/series/${doc.slug}`}>voir la page publique</Link>
          </>
        ) : null}
      </p>
      {organiser ? <StatusButtons doc={doc} /> : null}
      {problems ? <OtherProblems problems={problems} /> : null}
      <ul className="inline-list">
        <li>
          <Link to={`/admin/series/${doc.slug}/acteurs`}>Organisations et intervenants</Link>
        </li>
        <li>
          <Link to={`/admin/series/${doc.slug}/ressources`}>Ressources</Link>
        </li>
        {organiser ? (
          <li>
            <Link to={`/admin/series/${doc.slug}/inscrits`}>Inscrits</Link>
          </li>
        ) : null}
        <li>
          {organiser ? <Link to={`/admin/series/${doc.slug}/rappels`}>Rappels</Link> : null}
          <Link to={`/admin/series/${doc.slug}/questions`}>Questions d’inscription</Link>
          {organiser ? <Link to={`/admin/series/${doc.slug}/messages`}>Messages aux inscrit·es</Link> : null}
        </li>
        <li>
          <Link to={`/admin/series/${doc.slug}/bilan`}>Bilan</Link>
        </li>
        {organiser ? (
          <li>
            <Link to={`/admin/series/${doc.slug}/attestations`}>Attestations de présence</Link>
          </li>
        ) : null}
        {organiser ? (
          <li>
            <Link to={`/admin/series/${doc.slug}/equipe`}>Équipe</Link>
          </li>
        ) : null}
        <li>
          <a href={`/admin/series/${doc.slug}/export.json`}>Exporter (JSON, sans les codes d’accès)</a>
        </li>
        {canExportCodes ? (
          <li>
            <a href={`/admin/series/${doc.slug}/export.json?codes=1`}>Exporter avec les codes d’accès (confidentiel, noté au journal)</a>
          </li>
        ) : null}
      </ul>
    </>
  );
}

function StatusButtons({ doc }: { doc: Doc }) {
  return (
    <>
      <Form method="post" className="toolbar">
        <input type="hidden" name="intent" value="status" />
        {doc.status !== "published" ? (
          <button type="submit" name="status" value="published" className="button">
            Publier
          </button>
        ) : null}
        {doc.status !== "archived" ? (
          <button type="submit" name="status" value="archived" className="button-secondary">
            Archiver
          </button>
        ) : null}
        {doc.status !== "draft" ? (
          <button type="submit" name="status" value="draft" className="button-secondary">
            Repasser en brouillon
          </button>
        ) : null}
      </Form>
    </>
  );
}
