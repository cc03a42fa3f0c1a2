// One-click unsubscribe (RFC 8058): a POST with "List-Unsubscribe=One-Click", no cookie needed,
// cancels the person's upcoming registrations of the series and stops news. A GET only shows a button.
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { participantByToken, stopNews } from "~/registration/participants.server";
import { cancelRegistrations } from "~/registration/registrations.server";
import { findSeries } from "~/series/series-lookup.server";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";
import { kickScheduler } from "~/server/runtime.server";
import formsCss from "~/styles/forms.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: formsCss }];

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store", "Referrer-Policy": "same-origin" });
export const meta: MetaFunction = () => [{ title: pageTitle("Désinscription") }, { name: "robots", content: "noindex" }];

function seriesOf(request: Request) {
  const slug = new URL(request.url).searchParams.get("serie");
  return slug ? (findSeries(getDb(), slug, "registrant") ?? undefined) : undefined;
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  if (!participantByToken(getDb(), params.token ?? "")) throw new Response("Lien invalide", { status: 404 });
  const series = seriesOf(request);
  return { seriesTitle: series?.title ?? null };
}

export async function action({ params, request }: ActionFunctionArgs) {
  const db = getDb();
  const participant = participantByToken(db, params.token ?? "");
  if (!participant) throw new Response("Lien invalide", { status: 404 });
  const series = seriesOf(request);
  const now = nowIso();
  const r = cancelRegistrations(db, { participantId: participant.id, seriesId: series?.id, nowIso: now });
  stopNews(db, participant.id, now);
  if (r.promoted.length) kickScheduler();
  return data({ cancelled: r.cancelled.length });
}

export default function Unsubscribe() {
  const { seriesTitle } = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  return (
    <>
      <h1>Désinscription</h1>
      {done ? (
        <div className="success" role="status">
          <p>
            C’est fait : {done.cancelled ? `${done.cancelled} inscription(s) à venir annulée(s)` : "aucune inscription à venir à annuler"}, et vous ne
            recevrez plus d’informations sur les prochaines séries.
          </p>
        </div>
      ) : (
        <Form method="post">
          <p>
            Vous ne souhaitez plus recevoir d’e-mails{seriesTitle ? ` de la série « ${seriesTitle} »` : ""} ? Vos inscriptions à venir
            {seriesTitle ? " de cette série" : ""} seront annulées et votre place proposée à la personne suivante.
          </p>
          <button type="submit" className="button">
            Me désinscrire
          </button>
        </Form>
      )}
    </>
  );
}
