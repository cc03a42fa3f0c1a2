// The series' status (draft, published, archived) with the buttons that change it, and the links
// to its other back-office pages and exports.
import { Form, Link } from "@remix-run/react";
import { OtherProblems } from "../AdminFields";
import type { Doc } from "./types";
import { SERIES_STATUS_LABELS } from "~/utils/admin-labels";

export function SeriesStatus({ doc, canExportCodes, problems }: { doc: Doc; canExportCodes: boolean; problems: { path: string; message: string }[] | null }) {
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
      {problems ? <OtherProblems problems={problems} /> : null}
      <ul className="inline-list">
        <li>
          <Link to={`/admin/series/${doc.slug}/acteurs`}>Organisations et intervenants</Link>
        </li>
        <li>
          <Link to={`/admin/series/${doc.slug}/ressources`}>Ressources</Link>
        </li>
        <li>
          <Link to={`/admin/series/${doc.slug}/inscrits`}>Inscrits</Link>
        </li>
        <li>
          <Link to={`/admin/series/${doc.slug}/rappels`}>Rappels</Link>
          <Link to={`/admin/series/${doc.slug}/questions`}>Questions d’inscription</Link>
          <Link to={`/admin/series/${doc.slug}/messages`}>Messages aux inscrit·es</Link>
        </li>
        <li>
          <Link to={`/admin/series/${doc.slug}/attestations`}>Attestations de présence</Link>
        </li>
        <li>
          <Link to={`/admin/series/${doc.slug}/bilan`}>Bilan</Link>
        </li>
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
