// The link from the sign-in email. A GET only shows a button (mail scanners open links); the POST
// uses the single-use token, opens a server-side session and sets the cookie.
import { redirect, type ActionFunctionArgs, type HeadersFunction, type MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { consumeSignIn } from "~/accounts/accounts.server";
import { commitLogin } from "~/accounts/login.server";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store", "Referrer-Policy": "same-origin" });
export const meta: MetaFunction = () => [{ title: pageTitle("Connexion") }, { name: "robots", content: "noindex" }];

export async function action({ params, request }: ActionFunctionArgs) {
  const opened = consumeSignIn(getDb(), params.token ?? "", nowIso());
  if (!opened) throw redirect("/admin/connexion?etat=lien-invalide");
  const next = new URL(request.url).searchParams.get("suite");
  const target = next && next.startsWith("/admin") && !next.startsWith("//") ? next : "/admin";
  throw redirect(target, { headers: { "Set-Cookie": await commitLogin(opened.loginId) } });
}

export default function UseLink() {
  return (
    <>
      <h1>Connexion à l’espace organisateurs</h1>
      <Form method="post">
        <p>Confirmez pour ouvrir votre session (valable 12 heures sur cet appareil).</p>
        <button type="submit" className="button">
          Me connecter
        </button>
      </Form>
    </>
  );
}
