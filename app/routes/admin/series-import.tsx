// Import a series file from the browser: same format and rules as `npm run series:import`.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { OtherProblems } from "~/components/AdminFields";
import { readSmallUpload } from "~/http/small-upload.server";
import { audit } from "~/accounts/audit.server";
import { importSeries } from "~/series-file/series-import.server";
import { requireAccount } from "~/accounts/login.server";
import { ensureMayImport } from "~/accounts/series-access.server";
import { joinAsCreator } from "~/teams/team.server";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";
import { kickScheduler } from "~/server/runtime.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Importer une série", "Organisateurs") }];
const MAX_BYTES = 5 * 1024 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccount(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const me = await requireAccount(request);
  const upload = await readSmallUpload(request, MAX_BYTES);
  if (!upload.ok) return data({ problems: [{ path: "(fichier)", message: "le fichier dépasse 5 Mo ou n’a pas pu être lu" }] }, { status: 400 });
  const form = upload.form;
  const file = form.get("file");
  const text = file && typeof file !== "string" ? await file.text() : String(form.get("json") ?? "");
  if (!text.trim()) return data({ problems: [{ path: "(fichier)", message: "choisissez un fichier JSON ou collez son contenu" }] }, { status: 400 });
  const db = getDb();
  ensureMayImport(db, me, text);
  const r = importSeries(db, text, { nowIso: nowIso() });
  if (!r.ok) return data({ problems: r.problems }, { status: 400 });
  if (r.created) joinAsCreator(db, me, r.seriesId, nowIso());
  audit(db, me.id, "import", "series", r.slug, { created: r.created, changes: r.changes.filter((c) => !c.kinds.includes("created")) });
  kickScheduler();
  throw redirect(`/admin/series/${r.slug}?etat=importee`);
}

export default function ImportSeries() {
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>Importer une série</h1>
      <p>
        Un fichier au format <code>rendez-vous.series/1</code> (celui de l’export). Si une série porte déjà la même adresse (slug), elle est mise à jour et
        garde ses inscriptions ; un changement d’horaire, de codes ou de statut prévient les personnes concernées. Un fichier contenant une erreur ne modifie
        rien.
      </p>
      {result ? <OtherProblems problems={result.problems} /> : null}
      <Form method="post" encType="multipart/form-data" className="form">
        <div className="field">
          <label htmlFor="champ-file">Fichier JSON</label>
          <input id="champ-file" type="file" name="file" accept="application/json,.json" />
        </div>
        <div className="field">
          <label htmlFor="champ-json">ou contenu du fichier</label>
          <textarea id="champ-json" name="json" rows={6} />
        </div>
        <button type="submit" className="button">
          Importer
        </button>
      </Form>
    </>
  );
}
