import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { revokeSession } from "~/accounts/organisers.server";
import { clearAdminSession, requireOrganiser, sessionIdFrom } from "~/accounts/admin-session.server";
import { getDb } from "~/utils/db.server";
import { nowIso } from "~/utils/now.server";

export async function loader() {
  throw redirect("/admin");
}

export async function action({ request }: ActionFunctionArgs) {
  await requireOrganiser(request);
  const id = await sessionIdFrom(request);
  if (id) revokeSession(getDb(), id, nowIso());
  throw redirect("/admin/connexion?etat=deconnecte", { headers: { "Set-Cookie": await clearAdminSession() } });
}
