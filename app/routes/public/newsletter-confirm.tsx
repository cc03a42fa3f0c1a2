// /lettres/confirmation/<token>: the double opt-in. The GET only shows a button (mail scanners follow
// links); the POST confirms. An unknown link is a 404; an expired one says how to ask again.
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { confirmSubscription, confirmationState, type ConfirmState } from "~/newsletter/subscriptions.server";
import formsCss from "~/styles/forms.css?url";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: formsCss }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store", "Referrer-Policy": "same-origin" });
export const meta: MetaFunction = () => [{ title: pageTitle("Confirmer mon abonnement") }, { name: "robots", content: "noindex" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const state = confirmationState(getDb(), params.token ?? "", nowIso());
  if (state === "invalid") throw new Response("Lien invalide", { status: 404 });
  return { state };
}

export async function action({ params }: ActionFunctionArgs) {
  const state = confirmSubscription(getDb(), params.token ?? "", nowIso());
  if (state === "invalid") throw new Response("Lien invalide", { status: 404 });
  return data<{ state: ConfirmState }>({ state }, { status: state === "expired" ? 410 : 200 });
}

export default function NewsletterConfirm() {
  const loaded = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const state = done?.state ?? loaded.state;
  return (
    <>
      <h1>Lettre d’information</h1>
      {state === "confirmed" ? (
        <div className="success" role="status">
          <p>
            Votre abonnement est confirmé : vous recevrez la prochaine lettre. Chaque lettre contient un lien pour vous désabonner en un clic.
          </p>
          <p>
            <Link to="/lettres">Lire les lettres déjà parues</Link>
          </p>
        </div>
      ) : state === "expired" ? (
        <div className="notice" role="status">
          <p>
            Ce lien de confirmation a expiré. <Link to="/lettres/abonnement">Demandez-en un nouveau</Link> : il suffit d’indiquer à nouveau votre adresse.
          </p>
        </div>
      ) : (
        <Form method="post">
          <p>Pour recevoir la lettre d’information des nouvelles ressources, confirmez votre abonnement.</p>
          <button type="submit" className="button">
            Confirmer mon abonnement
          </button>
        </Form>
      )}
    </>
  );
}
