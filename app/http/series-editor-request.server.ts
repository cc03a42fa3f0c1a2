// What every action of a series' editing pages starts with: the signed-in account (else the sign-in
// page), the series as its file (404 if unknown), the posted form and its intent.
import { requireAccount } from "~/accounts/login.server";
import { loadDoc } from "~/series/series-editor.server";
import { getDb } from "~/utils/db.server";

export async function readSeriesEditorPost(request: Request, slug: string | undefined) {
  const me = await requireAccount(request);
  const db = getDb();
  const doc = loadDoc(db, slug ?? "");
  if (!doc) throw new Response("Série introuvable", { status: 404 });
  const form = await request.formData();
  return { me, db, doc, form, intent: String(form.get("intent") ?? "") };
}
