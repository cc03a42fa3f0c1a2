// Development mailbox: with SMTP_URL unset, the emails the platform "sent". Never served in
// production (the back-office will show it to signed-in organisers).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDevMessage, listDevMailbox } from "~/models/dev-mailbox.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = () => [{ title: pageTitle("Boîte de développement") }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const env = getEnv();
  if (env.isProduction || env.SMTP_URL) throw new Response("Page introuvable", { status: 404 });
  const id = Number(new URL(request.url).searchParams.get("message"));
  const db = getDb();
  return { messages: listDevMailbox(db), open: Number.isInteger(id) && id > 0 ? getDevMessage(db, id) : null };
}

export default function DevMailbox() {
  const { messages, open } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Boîte de développement</h1>
      <p className="notice">
        Aucun serveur d'envoi n'est configuré (<code>SMTP_URL</code>) : les e-mails sont gardés ici au lieu d'être envoyés. Cette page
        n'existe pas en production.
      </p>
      {open ? (
        <section aria-labelledby="message-titre">
          <h2 id="message-titre">{open.subject}</h2>
          <p>
            À : {open.toAddress} — {open.createdAt}
          </p>
          <h3>Version texte</h3>
          <pre className="mail-text">{open.text}</pre>
          <h3>Version HTML</h3>
          <iframe title={`Version HTML : ${open.subject}`} sandbox="" srcDoc={open.html} className="mail-html" />
          <p>
            <Link to="/boite-de-developpement">Retour à la liste</Link>
          </p>
        </section>
      ) : null}
      <h2>{messages.length ? `${messages.length} message(s), le plus récent d'abord` : "Aucun message"}</h2>
      <ul className="directory">
        {messages.map((m) => (
          <li key={m.id}>
            <Link to={`?message=${m.id}`}>{m.subject}</Link> <span className="muted">— {m.toAddress}, {m.createdAt}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
