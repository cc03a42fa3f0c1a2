// Previews of every kind of email, filled with data from the database (a real registrant when there
// is one, otherwise clearly labelled sample data), rendered by the dispatcher's own renderer, which
// only reads; sample rows live in a scratch copy (app/notifications/email-previews.server.ts): opening this page
// changes nothing.
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { renderPreviews } from "~/notifications/email-previews.server";
import { requireAccount } from "~/accounts/login.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Aperçu des e-mails", "Organisateurs") }, { name: "robots", content: "noindex" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export async function loader({ request }: LoaderFunctionArgs) {
  const me = await requireAccount(request, { role: "admin" });
  return renderPreviews(getDb(), { appUrl: getEnv().APP_URL, nowIso: nowIso(), account: { id: me.id, email: me.email, name: me.name } });
}

/** Nothing to post here; the guard still comes first. */
export async function action({ request }: ActionFunctionArgs) {
  await requireAccount(request, { role: "admin" });
  throw new Response("Méthode non autorisée", { status: 405, headers: { Allow: "GET" } });
}

export default function EmailPreviews() {
  const { source, sample, previews } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="no-print">
        <Link to="/admin/emails">← Journal des e-mails</Link>
      </p>
      <h1>Aperçu des e-mails</h1>
      <p className="notice">
        {sample ? <strong>Exemple fictif. </strong> : null}
        {source} Les liens personnels et de connexion de ces aperçus ne fonctionnent pas : rien n’est enregistré ni envoyé.
      </p>
      <nav aria-labelledby="sommaire-titre">
        <h2 id="sommaire-titre">Modèles</h2>
        <ul>
          {previews.map((p) => (
            <li key={p.kind}>
              <a href={`#apercu-${p.kind}`}>{p.label}</a>
            </li>
          ))}
        </ul>
      </nav>
      {previews.map((p) => (
        <section key={p.kind} aria-labelledby={`apercu-${p.kind}`} className="preview">
          <h2 id={`apercu-${p.kind}`}>{p.label}</h2>
          <p className="muted">{p.note}</p>
          {"unavailable" in p ? (
            <p className="notice">{p.unavailable}</p>
          ) : (
            <>
              <dl>
                <dt>Objet</dt>
                <dd>{p.subject}</dd>
                <dt>Pièces jointes</dt>
                <dd>{p.attachments.length ? p.attachments.join(", ") : "aucune"}</dd>
              </dl>
              <h3>Version texte</h3>
              <pre className="mail-text">{p.text}</pre>
              <h3>Version HTML</h3>
              <iframe title={`Version HTML : ${p.subject}`} sandbox="" srcDoc={p.html} className="mail-html" loading="lazy" />
            </>
          )}
        </section>
      ))}
    </>
  );
}
