// A resource seen through a personal link: public resources, and those reserved to the registrants of
// the series the person is registered in. Private page: never cached, no referrer, not indexed.
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useParams } from "@remix-run/react";
import { MinutesListsView } from "~/components/MinutesLists";
import { ResourceDetail } from "~/components/ResourceDetail";
import { hasMinutesLists, minutesLists } from "~/minutes/minutes.server";
import { personalBase } from "~/resources/resource-views";
import { resourcePage } from "~/resources/resource-views.server";
import { personalAudience } from "~/resources/visibility.server";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/meta";

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store", "Referrer-Policy": "same-origin", "X-Robots-Tag": "noindex" });

export async function loader({ params }: LoaderFunctionArgs) {
  const db = getDb();
  const audience = personalAudience(db, params.token ?? "");
  const resource = audience ? resourcePage(db, Number(params.id), audience, personalBase(params.token!)) : null;
  if (!resource) throw new Response("Ressource introuvable", { status: 404 });
  // A compte rendu reserved to registrants names everyone; a public one, only those who consented.
  const minutes = hasMinutesLists(resource) ? minutesLists(db, resource.session.id, { allNames: resource.visibility === "registrants" }) : null;
  return { resource, minutes };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data?.resource.title ?? "Ressource introuvable", "Mon espace") },
  { name: "robots", content: "noindex" },
];

export default function PersonalResource() {
  const { resource, minutes } = useLoaderData<typeof loader>();
  const { token } = useParams();
  return (
    <ResourceDetail
      r={resource}
      back={{ href: `/moi/${token}`, label: "Mon espace" }}
      library={null}
      afterText={minutes ? <MinutesListsView minutes={minutes} /> : null}
    />
  );
}
