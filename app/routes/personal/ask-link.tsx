// "Recevoir à nouveau mon lien": the same answer whether or not the address is known.
import { type ActionFunctionArgs, type LinksFunction, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { LinkRequestEmail } from "~/components/LinkRequestEmail";
import { requestPersonalLink } from "~/registration/participants.server";
import formsCss from "~/styles/forms.css?url";

import { pageTitle } from "~/utils/meta";

import { answerLinkRequest, type LinkRequestAnswer } from "~/http/email-link-request.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: formsCss }];
export const meta: MetaFunction = () => [{ title: pageTitle("Recevoir mon lien personnel") }];

export async function action({ request, context }: ActionFunctionArgs) {
  return answerLinkRequest(request, context, "link", requestPersonalLink);
}

export default function RequestLink() {
  const result = useActionData<typeof action>() as LinkRequestAnswer | undefined;
  const [params] = useSearchParams();
  const state = params.get("etat");
  const sentRef = useRef<HTMLDivElement>(null);
  // As on the registration form: after a submission, focus the error summary, or the confirmation that
  // replaces the form (its button is gone, focus would be left on <body>).
  useEffect(() => {
    if (result?.sent) sentRef.current?.focus();
    else if (result) document.getElementById("erreurs")?.focus();
  }, [result]);
  return (
    <>
      {state === "donnees-effacees" ? (
        <div className="success" role="status">
          <p>Vos données personnelles sont effacées. Vos inscriptions à venir sont annulées ; il ne reste qu’un décompte anonyme.</p>
        </div>
      ) : state === "liens-desactives" ? (
        <div className="success" role="status">
          <p>Tous vos liens personnels sont désactivés. Vous pouvez en demander un nouveau ci-dessous.</p>
        </div>
      ) : null}
      <h1>Recevoir mon lien personnel</h1>
      <p className="lead">
        Votre espace personnel s’ouvre avec le lien présent dans chaque e-mail reçu après votre inscription. Vous ne le retrouvez plus ? Indiquez votre adresse.
      </p>
      {result?.sent ? (
        <div className="success" role="status" tabIndex={-1} ref={sentRef}>
          <p>
            Si l’adresse <strong>{result.email}</strong> correspond à une inscription, un e-mail contenant votre lien vient de partir. Pensez à vérifier votre
            dossier « spam ».
          </p>
        </div>
      ) : (
        <Form method="post" noValidate className="form">
          <LinkRequestEmail result={result} />
          <div className="honeypot" aria-hidden="true">
            <label htmlFor="champ-website">Ne remplissez pas ce champ</label>
            <input id="champ-website" type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
          </div>
          <button type="submit" className="button">
            Recevoir mon lien
          </button>
        </Form>
      )}
    </>
  );
}
