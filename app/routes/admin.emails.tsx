// The email log: every message of the outbox, filtered and paginated, with "renvoyer"; and, when no
// SMTP server is configured, the development mailbox (readable here by signed-in organisers, in
// production too). Also the parent route of /admin/emails/apercu, which it simply shows.
import {
  data,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useOutlet, type ShouldRevalidateFunction } from "@remix-run/react";
import { Pagination } from "~/components/Pagination";
import { TableScroll } from "~/components/TableScroll";
import { getDevMessage, listDevMailbox } from "~/models/dev-mailbox.server";
import { emailLogQuery, emailLogTargets, formatLogTime, listEmailLog, parseEmailLogFilters, resendMessage, type EmailLogFilters } from "~/models/email-log.server";
import { requireOrganiser } from "~/utils/admin-session.server";
import { EMAIL_KIND_LABELS, emailKindLabel } from "~/notifications/email-kinds";
import { OUTBOX_STATUS_LABELS } from "~/utils/admin-labels";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";
import { kickScheduler } from "~/utils/runtime.server";

export const meta: MetaFunction = () => [{ title: pageTitle("E-mails", "Organisateurs") }, { name: "robots", content: "noindex" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

/** Children (the previews) have their own data: reload this route's whenever the path changes. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, defaultShouldRevalidate }) =>
  currentUrl.pathname !== nextUrl.pathname || defaultShouldRevalidate;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganiser(request);
  const url = new URL(request.url);
  // Under /admin/emails/apercu this route only frames its child: skip the log's queries.
  if (url.pathname.replace(/\.data$/, "").replace(/\/+$/, "") !== "/admin/emails") return { child: true as const };
  const db = getDb();
  const filters = parseEmailLogFilters(url.searchParams);
  const log = listEmailLog(db, filters);
  const devMode = !getEnv().SMTP_URL;
  const messageId = Number(url.searchParams.get("message"));
  const open = devMode && Number.isInteger(messageId) && messageId > 0 ? getDevMessage(db, messageId) : null;
  return {
    child: false as const,
    filters,
    query: emailLogQuery(filters),
    total: log.total,
    page: log.page,
    pages: log.pages,
    rows: log.rows.map((r) => ({ ...r, due: formatLogTime(r.dueAt), sent: formatLogTime(r.sentAt) })),
    targets: emailLogTargets(db),
    devMailbox: devMode
      ? {
          messages: listDevMailbox(db).map((m) => ({ ...m, created: formatLogTime(m.createdAt) })),
          open: open ? { id: open.id, toAddress: open.toAddress, subject: open.subject, text: open.text, html: open.html, created: formatLogTime(open.createdAt) } : null,
        }
      : null,
  };
}

type Result = { ok: boolean; message: string };

export async function action({ request }: ActionFunctionArgs) {
  const me = await requireOrganiser(request);
  const form = await request.formData();
  if (form.get("intent") !== "resend") return data<Result>({ ok: false, message: "Action inconnue." }, { status: 400 });
  const id = Number(form.get("id"));
  if (!Number.isInteger(id) || id <= 0) return data<Result>({ ok: false, message: "Ce message n’existe pas." }, { status: 400 });
  const result = resendMessage(getDb(), me, id, nowIso());
  if (!result.ok) return data<Result>({ ok: false, message: result.message }, { status: 400 });
  kickScheduler();
  return data<Result>({ ok: true, message: `Message n° ${id} renvoyé à ${result.to} : il part dans quelques secondes (nouveau message n° ${result.id}).` });
}

function Filters({ filters, targets }: { filters: EmailLogFilters; targets: ReturnType<typeof emailLogTargets> }) {
  return (
    <Form method="get" action="/admin/emails" className="toolbar" role="search" aria-label="Filtrer les e-mails">
      <div className="field">
        <label htmlFor="filtre-statut">Statut</label>
        <select id="filtre-statut" name="statut" defaultValue={filters.status ?? ""}>
          <option value="">Tous</option>
          {Object.entries(OUTBOX_STATUS_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filtre-type">Type</label>
        <select id="filtre-type" name="type" defaultValue={filters.kind ?? ""}>
          <option value="">Tous</option>
          {Object.entries(EMAIL_KIND_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filtre-cible">Série ou rencontre</label>
        <select id="filtre-cible" name="cible" defaultValue={filters.target ?? ""}>
          <option value="">Toutes</option>
          {targets.map((s) => (
            <optgroup key={s.id} label={s.title}>
              <option value={`serie-${s.id}`}>Toute la série : {s.title}</option>
              {s.sessions.map((x) => (
                <option key={x.id} value={`rdv-${x.id}`}>
                  RDV #{x.number} — {x.title}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filtre-destinataire">Destinataire</label>
        <input id="filtre-destinataire" name="destinataire" type="search" defaultValue={filters.q ?? ""} autoComplete="off" spellCheck={false} />
      </div>
      <button type="submit" className="button">
        Filtrer
      </button>
      <Link to="/admin/emails">Tout afficher</Link>
    </Form>
  );
}

type DevMailboxData = {
  messages: { id: number; toAddress: string; subject: string; created: string | null }[];
  open: { id: number; toAddress: string; subject: string; text: string; html: string; created: string | null } | null;
};

function DevMailbox({ mailbox }: { mailbox: DevMailboxData }) {
  const { messages, open } = mailbox;
  return (
    <section aria-labelledby="boite-titre">
      <h2 id="boite-titre">Boîte de développement</h2>
      <p className="notice">
        Aucun serveur d’envoi n’est configuré (<code>SMTP_URL</code>) : les e-mails ne partent pas, ils sont gardés ici. Seuls les organisateurs
        connectés peuvent les lire.
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

export default function EmailLog() {
  const outlet = useOutlet();
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const navigation = useNavigation();
  if (outlet) return outlet;
  if (loaded.child) return null;
  const { filters, query, rows, total, page, pages, targets, devMailbox } = loaded;
  const filtered = Boolean(filters.status || filters.kind || filters.target || filters.q);
  return (
    <>
      <h1>E-mails</h1>
      <p>
        Tous les messages de la plateforme, le plus récent d’abord. Heures de Paris. <Link to="/admin/emails/apercu">Voir l’aperçu de chaque modèle d’e-mail</Link>
        {devMailbox ? (
          <>
            {" "}
            — <a href="#boite-titre">Boîte de développement</a>
          </>
        ) : null}
      </p>
      {result ? (
        <p className={result.ok ? "success" : "error-summary"} role={result.ok ? "status" : "alert"}>
          {result.message}
        </p>
      ) : null}
      <Filters filters={filters} targets={targets} />
      <p role="status">
        {total === 0 ? (filtered ? "Aucun message ne correspond à ces filtres." : "Aucun message pour l’instant.") : `${total} message(s)${filtered ? " correspondant aux filtres" : ""}${pages > 1 ? ` — page ${page} sur ${pages}` : ""}.`}
      </p>
      {rows.length ? (
        <TableScroll label="Journal des e-mails">
          <table className="data">
            <caption className="visually-hidden">Journal des e-mails{pages > 1 ? `, page ${page} sur ${pages}` : ""}</caption>
            <thead>
              <tr>
                <th scope="col">N°</th>
                <th scope="col">Type</th>
                <th scope="col">Destinataire</th>
                <th scope="col" style={{ minWidth: "12rem" }}>
                  Rencontre
                </th>
                <th scope="col">Prévu le</th>
                <th scope="col">Envoyé le</th>
                <th scope="col">Statut</th>
                <th scope="col" className="num">
                  Essais
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} id={`message-${r.id}`}>
                  <td className="num">{r.id}</td>
                  <td>{emailKindLabel(r.kind)}</td>
                  <td>{r.toAddress}</td>
                  <td>
                    {r.sessions ?? "—"}
                    {r.seriesTitle ? <div className="muted">{r.seriesTitle}</div> : null}
                  </td>
                  <td style={{ whiteSpace: "nowrap" }}>
                    <time dateTime={r.dueAt}>{r.due}</time>
                  </td>
                  <td style={{ whiteSpace: "nowrap" }}>{r.sentAt ? <time dateTime={r.sentAt}>{r.sent}</time> : "—"}</td>
                  <td>
                    <span className={`status status-${r.status}`}>{OUTBOX_STATUS_LABELS[r.status] ?? r.status}</span>
                    {r.lastError ? <div className="muted">{r.status === "cancelled" || r.status === "missed" ? "Motif" : "Erreur"} : {r.lastError}</div> : null}
                  </td>
                  <td className="num">{r.attempts}</td>
                  <td>
                    {devMailbox && r.devMessageId ? (
                      <Link to={`/admin/emails?message=${r.devMessageId}#message-titre`}>
                        Lire<span className="visually-hidden"> le message n° {r.id}</span>
                      </Link>
                    ) : null}
                    {r.resendable ? (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="id" value={r.id} />
                        <button type="submit" name="intent" value="resend" className="button-secondary" disabled={navigation.state === "submitting"}>
                          Renvoyer<span className="visually-hidden"> le message n° {r.id} à {r.toAddress}</span>
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
      <Pagination page={page} pages={pages} pathname="/admin/emails" filters={query} />
      {devMailbox ? <DevMailbox mailbox={devMailbox} /> : null}
    </>
  );
}
