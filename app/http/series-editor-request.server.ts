// What every action of a series' editing pages starts with: the signed-in account (else the sign-in
// page), the series as its file (404 if unknown), the posted form and its intent, and the account's
// role on the series, enough for that intent (else 403; app/accounts/series-access.server.ts).
import { ensureRole, requireSeriesRole, roleForIntent, type IntentRoles } from "~/accounts/series-access.server";
import { roleAllows, type SeriesRole } from "~/accounts/series-roles";
import { loadDoc } from "~/series/series-editor.server";
import { getDb } from "~/utils/db.server";

export async function readSeriesEditorPost(request: Request, slug: string | undefined, roles: SeriesRole | IntentRoles) {
  // The least role of the table first: nobody outside the team gets as far as the form.
  const access = await requireSeriesRole(request, slug, "viewer");
  const me = access.account;
  const db = getDb();
  // The access codes only for organisers (ADR 016); saving a file without them keeps them as they are.
  const doc = loadDoc(db, slug ?? "", { accessCodes: roleAllows(access.role, "organiser") });
  if (!doc) throw new Response("Série introuvable", { status: 404 });
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  ensureRole(access, roleForIntent(roles, intent));
  return { me, db, doc, form, intent, access };
}
