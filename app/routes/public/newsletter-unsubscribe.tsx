// /lettres/desinscription/<token>: leaving the lettre d'information in one click (RFC 8058). A POST
// (mail clients send "List-Unsubscribe=One-Click", no cookie) unsubscribes; a GET only shows a button
// (mail scanners follow links). Unknown link: 404. Unsubscribing twice says the same.
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { subscriberByLink, unsubscribeByLink } from "~/newsletter/subscriptions.server";
import formsCss from "~/styles/forms.css?url";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: formsCss }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store", "Referrer-Policy": "same-origin" });
export const meta: MetaFunction = () => [{ title: pageTitle("Se désabonner de la lettre d’information") }, { name: "robots", content: "noindex" }];

export async function loader({ params }: LoaderFunctionArgs) {
  if (!subscriberByLink(getDb(), params.token ?? "", "unsubscribe")) throw new Response("Lien invalide", { status: 404 });
  return null;
}

export async function action({ params }: ActionFunctionArgs) {
  if (!unsubscribeByLink(getDb(), params.token ?? "", nowIso())) throw new Response("Lien invalide", { status: 404 });
  return data({ done: true });
}

export default function NewsletterUnsubscribe() {
  const done = useActionData<typeof action>();
  return (
    <>
      <h1>Se désabonner de la lettre d’information</h1>
      {done ? (
        <div className="success" role="status">
          <p>C’est fait : vous ne recevrez plus la lettre d’information. Vos inscriptions aux rencontres ne changent pas.</p>
          <p>
            Vous changez d’avis ? <Link to="/lettres/abonnement">Abonnez-vous à nouveau</Link>.
          </p>
        </div>
      ) : (
        <Form method="post">
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <p>Vous ne souhaitez plus recevoir la lettre d’information des nouvelles ressources ?</p>
          <button type="submit" className="button">
            Me désabonner
          </button>
        </Form>
      )}
    </>
  );
}
