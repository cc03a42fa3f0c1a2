// Organisers sign in with their address: a single-use link arrives by email. The answer is the
// same whether the address is known or not; the form is rate-limited.
import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { LinkRequestEmail } from "~/components/LinkRequestEmail";
import { requestSignIn } from "~/accounts/accounts.server";
import formsCss from "~/styles/forms.css?url";
import { getAccount } from "~/accounts/login.server";

import { pageTitle } from "~/utils/meta";

import { answerLinkRequest, type LinkRequestAnswer } from "~/http/email-link-request.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: formsCss }];
export const meta: MetaFunction = () => [{ title: pageTitle("Connexion organisateurs") }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getAccount(request)) throw redirect("/admin");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  return answerLinkRequest(request, context, "signin", requestSignIn);
}

export default function SignIn() {
  const result = useActionData<typeof action>() as LinkRequestAnswer | undefined;
  const [params] = useSearchParams();
  return (
    <>
      <h1>Espace organisateurs</h1>
      {params.get("etat") === "deconnecte" ? (
        <p className="success" role="status">
          Vous êtes déconnecté·e.
        </p>
      ) : null}
      {params.get("etat") === "lien-invalide" ? (
        <div className="error-summary" role="alert">
          <p>Ce lien de connexion n’est plus valable (déjà utilisé ou expiré). Demandez-en un nouveau.</p>
        </div>
      ) : null}
      {result?.sent ? (
        <div className="success" role="status">
          <p>
            Si <strong>{result.email}</strong> correspond à un compte organisateur, un lien de connexion vient de partir. Il est valable 15 minutes et ne sert
            qu’une fois.
          </p>
        </div>
      ) : (
        <Form method="post" noValidate className="form">
          <p>Pas de mot de passe : indiquez votre adresse, vous recevrez un lien de connexion.</p>
          <LinkRequestEmail result={result} />
          <button type="submit" className="button">
            Recevoir un lien de connexion
          </button>
        </Form>
      )}
    </>
  );
}
