// The email log: every message of the outbox, filtered and paginated, with "renvoyer"; and, when no
// SMTP server is configured, the development mailbox (readable here by signed-in organisers, in
// production too). Also the parent route of /admin/emails/apercu, which it simply shows.
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useOutlet, type ShouldRevalidateFunction } from "@remix-run/react";
import { Pagination } from "~/components/Pagination";
import { DevMailbox } from "~/components/email-log/DevMailbox";
import { EmailFilters } from "~/components/email-log/EmailFilters";
import { EmailLogTable } from "~/components/email-log/EmailLogTable";
import { getDevMessage, listDevMailbox } from "~/notifications/dev-mailbox.server";
import { COUNT_CAP, emailInScope, emailLogQuery, emailLogTargets, formatLogTime, listEmailLog, parseEmailLogFilters } from "~/notifications/email-log.server";
import { resendMessage } from "~/notifications/email-resend.server";
import { forbidden, requireOrganiserSomewhere } from "~/accounts/series-access.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";
import { kickScheduler } from "~/server/runtime.server";

export const meta: MetaFunction = () => [{ title: pageTitle("E-mails", "Organisateurs") }, { name: "robots", content: "noindex" }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

/** Children (the previews) have their own data: reload this route's whenever the path changes. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, defaultShouldRevalidate }) =>
  currentUrl.pathname !== nextUrl.pathname || defaultShouldRevalidate;

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireOrganiserSomewhere(request);
  const url = new URL(request.url);
  // Under /admin/emails/apercu this route only frames its child: skip the log's queries.
  if (url.pathname.replace(/\.data$/, "").replace(/\/+$/, "") !== "/admin/emails") return { child: true as const };
  const db = getDb();
  const filters = parseEmailLogFilters(url.searchParams);
  const log = listEmailLog(db, filters, scope);
  // The development mailbox holds every message, sign-in links included: administrators only.
  const devMode = !getEnv().SMTP_URL && scope === null;
  const messageId = Number(url.searchParams.get("message"));
  const open = devMode && Number.isInteger(messageId) && messageId > 0 ? getDevMessage(db, messageId) : null;
  return {
    child: false as const,
    everything: scope === null,
    filters,
    query: emailLogQuery(filters),
    total: log.total,
    page: log.page,
    pages: log.pages,
    hasNext: log.hasNext,
    countCap: COUNT_CAP,
    rows: log.rows.map((r) => ({ ...r, due: formatLogTime(r.dueAt), sent: formatLogTime(r.sentAt) })),
    targets: emailLogTargets(db, scope, filters.target, filters.everySeries),
    devMailbox: devMode
      ? {
          messages: listDevMailbox(db).map((m) => ({ ...m, created: formatLogTime(m.createdAt) })),
          open: open
            ? { id: open.id, toAddress: open.toAddress, subject: open.subject, text: open.text, html: open.html, created: formatLogTime(open.createdAt) }
            : null,
        }
      : null,
  };
}

type Result = { ok: boolean; message: string };

export async function action({ request }: ActionFunctionArgs) {
  const { account: me, scope } = await requireOrganiserSomewhere(request);
  const form = await request.formData();
  if (form.get("intent") !== "resend") return data<Result>({ ok: false, message: "Action inconnue." }, { status: 400 });
  const id = Number(form.get("id"));
  if (!Number.isInteger(id) || id <= 0) return data<Result>({ ok: false, message: "Ce message n’existe pas." }, { status: 400 });
  if (!emailInScope(getDb(), id, scope)) throw forbidden();
  const result = resendMessage(getDb(), me, id, nowIso());
  if (!result.ok) return data<Result>({ ok: false, message: result.message }, { status: 400 });
  kickScheduler();
  return data<Result>({ ok: true, message: `Message n° ${id} renvoyé à ${result.to} : il part dans quelques secondes (nouveau message n° ${result.id}).` });
}

export default function EmailLog() {
  const outlet = useOutlet();
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const navigation = useNavigation();
  if (outlet) return outlet;
  if (loaded.child) return null;
  const { filters, query, rows, total, page, pages, hasNext, countCap, targets, devMailbox, everything } = loaded;
  const pageText = pages === null ? `page ${page}` : pages > 1 ? `page ${page} sur ${pages}` : null;
  const filtered = Boolean(filters.status || filters.kind || filters.target || filters.q);
  return (
    <>
      <h1>E-mails</h1>
      <p>
        {everything ? "Tous les messages de la plateforme" : "Les messages des séries que vous organisez"}, le plus récent d’abord. Heures de Paris.{" "}
        {everything ? <Link to="/admin/emails/apercu">Voir l’aperçu de chaque modèle d’e-mail</Link> : null}
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
      <EmailFilters filters={filters} targets={targets} />
      <p role="status">
        {total === 0
          ? filtered
            ? "Aucun message ne correspond à ces filtres."
            : "Aucun message pour l’instant."
          : `${total === null ? `Plus de ${countCap.toLocaleString("fr-FR")} messages` : `${total} message(s)`}${filtered ? " correspondant aux filtres" : ""}${pageText ? ` — ${pageText}` : ""}.`}
      </p>
      {rows.length ? (
        <EmailLogTable
          rows={rows}
          caption={`Journal des e-mails${pageText ? `, ${pageText}` : ""}`}
          devMailbox={Boolean(devMailbox)}
          busy={navigation.state === "submitting"}
        />
      ) : null}
      <Pagination page={page} pages={pages} hasNext={hasNext} pathname="/admin/emails" filters={query} />
      {devMailbox ? <DevMailbox mailbox={devMailbox} /> : null}
    </>
  );
}
