import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { revokeLogin } from "~/accounts/accounts.server";
import { clearLogin, requireAccount, loginIdFrom } from "~/accounts/login.server";
import { getDb } from "~/utils/db.server";
import { nowIso } from "~/utils/now.server";

export async function loader() {
  throw redirect("/admin");
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAccount(request);
  const id = await loginIdFrom(request);
  if (id) revokeLogin(getDb(), id, nowIso());
  throw redirect("/admin/connexion?etat=deconnecte", { headers: { "Set-Cookie": await clearLogin() } });
}
