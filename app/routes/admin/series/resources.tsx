// The resources of a series in the back-office: what they are, where they belong, who may see them,
// published or not (publishing a session's recording tells its registrants, once). Add and edit on
// /admin/series/<slug>/ressources/<id>.
import { Breadcrumb, seriesTrail } from "~/components/admin/Breadcrumb";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { DataTable } from "~/components/admin/DataTable";
import { adminResources } from "~/resources/admin-resources.server";
import { setPublished } from "~/resources/resource-saving.server";
import { findSeries } from "~/series/series-lookup.server";
import { requireSeriesRole } from "~/accounts/series-access.server";
import { getDb } from "~/utils/db.server";
import { RESOURCE_TYPE_LABELS } from "~/utils/labels";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";
import { kickScheduler } from "~/server/runtime.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Ressources", data?.series.title ?? "", "Organisateurs") }];

function seriesOr404(slug: string | undefined) {
  const series = findSeries(getDb(), slug ?? "", "organiser");
  if (!series) throw new Response("Série introuvable", { status: 404 });
  return series;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSeriesRole(request, params.slug, "editor");
  const series = seriesOr404(params.slug);
  const rows = adminResources(getDb(), series.id).map((r) => ({
    id: r.id,
    type: r.type,
    title: r.title,
    visibility: r.visibility,
    published: r.published,
    sessionNumber: r.sessionNumber,
    itemPath: r.itemPath,
    itemTitle: r.itemTitle,
    fileName: r.fileName,
    url: r.url,
    chapters: r.chapters.length,
    references: r.references.length,
  }));
  return { series: { slug: series.slug, title: series.title, status: series.status }, rows };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { account: me } = await requireSeriesRole(request, params.slug, "editor");
  const series = seriesOr404(params.slug);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const id = Number(form.get("id"));
  if ((intent === "publish" || intent === "unpublish") && Number.isInteger(id)) {
    const r = setPublished(getDb(), me, series.id, id, intent === "publish", nowIso());
    if (!r.ok) return data({ error: "Ressource introuvable." }, { status: 404 });
    if (r.emails) kickScheduler();
    return data({
      ok:
        intent === "publish"
          ? `Ressource publiée.${r.emails ? ` ${r.emails} e-mail${r.emails > 1 ? "s" : ""} « enregistrement disponible » en cours d’envoi aux inscrits de la rencontre.` : ""}${r.waitsForEnd ? ` ${RECORDING_AT_END}` : ""}`
          : "Ressource retirée : elle n’est plus visible.",
    });
  }
  return data({ error: "Action inconnue." }, { status: 400 });
}

const RECORDING_AT_END = "La rencontre n’a pas encore eu lieu : ses inscrits recevront l’e-mail « enregistrement disponible » à sa fin.";

const VISIBILITY = { public: "Publique", registrants: "Inscrits seulement" } as const;

export default function AdminResources() {
  const { series, rows } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as { ok?: string; error?: string } | undefined;
  const [params] = useSearchParams();
  const base = `/admin/series/${series.slug}/ressources`;
  return (
    <>
      <Breadcrumb trail={seriesTrail(series)} current="Ressources" />
      <h1>Ressources</h1>
      {params.get("etat") === "enregistree" ? (
        <p className="success" role="status">
          Ressource enregistrée.
          {Number(params.get("courriels")) > 0
            ? ` ${params.get("courriels")} e-mail(s) « enregistrement disponible » en cours d’envoi aux inscrits de la rencontre.`
            : ""}
          {params.get("courriels") === "fin" ? ` ${RECORDING_AT_END}` : ""}
        </p>
      ) : null}
      {params.get("etat") === "supprimee" ? (
        <p className="success" role="status">
          Ressource supprimée.
        </p>
      ) : null}
      {result?.ok ? (
        <p className="success" role="status">
          {result.ok}
        </p>
      ) : null}
      {result?.error ? (
        <p className="error-summary" role="alert">
          {result.error}
        </p>
      ) : null}
      <p>
        Enregistrements, diaporamas, bibliographies, notes et fiches de la série. Une ressource publique apparaît dans la{" "}
        <Link to="/ressources">bibliothèque</Link> et sur les pages de la série ; une ressource « inscrits seulement » n’apparaît que dans l’espace personnel
        des personnes inscrites à la série. Publier l’enregistrement d’une rencontre envoie un e-mail à chacune de ses personnes inscrites (une seule fois, même
        si l’enregistrement est retiré puis publié à nouveau).
      </p>
      <p>
        <Link to={`${base}/nouvelle`} className="button">
          Ajouter une ressource
        </Link>
      </p>
      {rows.length ? (
        <DataTable label="Ressources de la série" columns={["Ressource", "Rattachement", "Accès", "Contenu", "État"]}>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <span className="badge">{RESOURCE_TYPE_LABELS[r.type]}</span>{" "}
                <Link to={`${base}/${r.id}`}>
                  {r.title}
                  <span className="visually-hidden"> (modifier)</span>
                </Link>
              </td>
              <td>
                {r.sessionNumber ? `RDV #${r.sessionNumber}` : "Série"}
                {r.itemPath ? ` › ${r.itemPath}. ${r.itemTitle}` : ""}
              </td>
              <td>{VISIBILITY[r.visibility]}</td>
              <td>
                {[
                  r.fileName ? `fichier ${r.fileName}` : "",
                  r.url ? "lien" : "",
                  r.chapters ? `${r.chapters} chapitre(s)` : "",
                  r.references ? `${r.references} référence(s)` : "",
                ]
                  .filter(Boolean)
                  .join(", ") || "—"}
              </td>
              <td>
                <span className={`status status-${r.published ? "sent" : "pending"}`}>{r.published ? "Publiée" : "Non publiée"}</span>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="id" value={r.id} />
                  <button type="submit" name="intent" value={r.published ? "unpublish" : "publish"} className="button-secondary">
                    {r.published ? "Retirer" : "Publier"}
                    <span className="visually-hidden"> « {r.title} »</span>
                  </button>
                </Form>
                {r.published && r.visibility === "public" && series.status !== "draft" ? (
                  <>
                    {" "}
                    <Link to={`/ressources/${r.id}`}>
                      voir<span className="visually-hidden"> la page publique de « {r.title} »</span>
                    </Link>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p>Aucune ressource pour l’instant.</p>
      )}
    </>
  );
}
