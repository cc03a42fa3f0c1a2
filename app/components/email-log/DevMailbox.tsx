// The development mailbox on the email log: with no SMTP server configured, the emails are kept in
// the database and read here (list, then one message as text and as sandboxed HTML).
import { Link } from "@remix-run/react";

export type DevMailboxData = {
  messages: { id: number; toAddress: string; subject: string; created: string | null }[];
  open: { id: number; toAddress: string; subject: string; text: string; html: string; created: string | null } | null;
};

export function DevMailbox({ mailbox }: { mailbox: DevMailboxData }) {
  const { messages, open } = mailbox;
  return (
    <section aria-labelledby="boite-titre">
      <h2 id="boite-titre">Boîte de développement</h2>
      <p className="notice">
        Aucun serveur d’envoi n’est configuré (<code>SMTP_URL</code>) : les e-mails ne partent pas, ils sont gardés ici. Seuls les organisateurs connectés
        peuvent les lire.
      </p>
      {open ? (
        <article aria-labelledby="message-titre" className="fieldset-box">
          <h3 id="message-titre">{open.subject}</h3>
          <p>
            À : {open.toAddress} — {open.created}
          </p>
          <h4>Version texte</h4>
          <pre className="mail-text">{open.text}</pre>
          <h4>Version HTML</h4>
          <iframe title={`Version HTML : ${open.subject}`} sandbox="" srcDoc={open.html} className="mail-html" />
          <p>
            <Link to="/admin/emails#boite-titre">Fermer le message</Link>
          </p>
        </article>
      ) : null}
      <p>{messages.length ? `${messages.length} message(s), le plus récent d’abord (100 au plus).` : "Aucun message."}</p>
      <ul className="directory">
        {messages.map((m) => (
          <li key={m.id}>
            <Link to={`/admin/emails?message=${m.id}#message-titre`}>{m.subject}</Link>{" "}
            <span className="muted">
              — {m.toAddress}, {m.created}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
