// Subscribing to the lettre d'information: one email field, the consent wording, a honeypot. In the
// library it answers in place (a fetcher) with JavaScript and by the page /lettres/abonnement
// without it; that page shows the same form. The answer is the same whether the address was known
// or not. NewsletterConsent is the separate, unticked box of the registration form.
import { Form, Link, useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { TextField, fieldId } from "./Field";

export type SubscribeResult = { sent: true; email: string } | { sent: false; error: string; email: string };

export const SUBSCRIBE_ACTION = "/lettres/abonnement";

function Answer({ result }: { result: { email: string } }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="success" role="status" tabIndex={-1} ref={ref}>
      <p>
        Merci. Si l’adresse <strong>{result.email}</strong> n’est pas déjà abonnée, un e-mail de confirmation vient de lui être envoyé : ouvrez le lien qu’il
        contient pour confirmer votre abonnement. Pensez à vérifier votre dossier « spam ».
      </p>
    </div>
  );
}

function Fields({ result, busy }: { result?: SubscribeResult; busy: boolean }) {
  const error = result && !result.sent ? result.error : undefined;
  return (
    <>
      <TextField name="email" label="Adresse e-mail" type="email" required autoComplete="email" defaultValue={result?.email} error={error} />
      <p className="hint">
        Votre adresse ne sert qu’à vous envoyer cette lettre ; elle n’est transmise à personne. Vous recevrez d’abord un e-mail pour confirmer, et chaque lettre
        contient un lien pour vous désabonner en un clic.
      </p>
      <div className="honeypot" aria-hidden="true">
        <label htmlFor="champ-lettre-website">Ne remplissez pas ce champ</label>
        <input id="champ-lettre-website" type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      <button type="submit" className="button" disabled={busy}>
        {busy ? "Envoi en cours…" : "Je m’abonne"}
      </button>
    </>
  );
}

const INTRO = "Une fois par mois environ, les nouvelles ressources de la bibliothèque : enregistrements, diaporamas, bibliographies, notes statistiques…";

/** The library's box: answers in place with JavaScript, through /lettres/abonnement without. */
export function NewsletterBox() {
  const fetcher = useFetcher<SubscribeResult>();
  const result = fetcher.data;
  useEffect(() => {
    if (result && !result.sent) document.getElementById(fieldId("email"))?.focus();
  }, [result]);
  return (
    <section aria-labelledby="lettre-titre" className="newsletter-box">
      <h2 id="lettre-titre">Lettre d’information</h2>
      <p>
        {INTRO} <Link to="/lettres">Lire les lettres déjà parues</Link>.
      </p>
      {result?.sent ? (
        <Answer result={result} />
      ) : (
        <fetcher.Form method="post" action={SUBSCRIBE_ACTION} noValidate className="form">
          <Fields result={result} busy={fetcher.state !== "idle"} />
        </fetcher.Form>
      )}
    </section>
  );
}

/** The same form as a page's own (the page /lettres/abonnement and the archive). */
export function NewsletterForm({ result, busy }: { result?: SubscribeResult; busy: boolean }) {
  return (
    <>
      <p>{INTRO}</p>
      {result?.sent ? (
        <Answer result={result} />
      ) : (
        <Form method="post" action={SUBSCRIBE_ACTION} noValidate className="form">
          <Fields result={result} busy={busy} />
        </Form>
      )}
    </>
  );
}

/** The registration form's own box for the letter: separate from the other consents, never ticked in advance. */
export function NewsletterConsent({ checked }: { checked?: boolean }) {
  return (
    <div className="field check">
      <input type="checkbox" id={fieldId("lettre")} name="lettre" value="oui" defaultChecked={checked} aria-describedby="aide-lettre" />
      <label htmlFor={fieldId("lettre")}>Je souhaite recevoir la lettre d’information des nouvelles ressources (facultatif)</label>
      <p className="hint" id="aide-lettre">
        Une fois par mois environ. Un e-mail vous demandera de confirmer ; chaque lettre permet de se désabonner en un clic.
      </p>
    </div>
  );
}
