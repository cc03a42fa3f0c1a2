// A resource's stable page: /ressources/<id> (the id survives re-imports of the series file). Public
// resources only; a registrants-only or unpublished one is "not found" here, whoever asks.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { MinutesListsView } from "~/components/MinutesLists";
import { ResourceDetail } from "~/components/ResourceDetail";
import { hasMinutesLists, minutesLists } from "~/minutes/minutes.server";
import { resourcePage } from "~/resources/resource-views.server";
import { getDb } from "~/utils/db.server";
import { RESOURCE_TYPE_LABELS } from "~/utils/labels";
import { pageTitle } from "~/utils/meta";

export async function loader({ params }: LoaderFunctionArgs) {
  const db = getDb();
  const resource = resourcePage(db, Number(params.id), { kind: "public" });
  if (!resource) throw new Response("Ressource introuvable", { status: 404 });
  // A public compte rendu names only the people who consented (app/minutes/minutes.server.ts).
  const minutes = hasMinutesLists(resource) ? minutesLists(db, resource.session.id, { allNames: false }) : null;
  return { resource, minutes };
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: pageTitle(data.resource.title, "Ressources") },
        { name: "description", content: data.resource.description ?? `${RESOURCE_TYPE_LABELS[data.resource.type]} — ${data.resource.series.title}` },
      ]
    : [{ title: pageTitle("Ressource introuvable") }];

export default function ResourcePageRoute() {
  const { resource, minutes } = useLoaderData<typeof loader>();
  return (
    <ResourceDetail
      r={resource}
      back={{ href: "/ressources", label: "Ressources" }}
      library="/ressources"
      afterText={minutes ? <MinutesListsView minutes={minutes} /> : null}
    />
  );
}

export { publicPageHeaders as headers } from "~/utils/cache";
