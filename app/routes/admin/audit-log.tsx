import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DataTable } from "~/components/admin/DataTable";
import { listAudit } from "~/accounts/audit.server";
import { requireAccount } from "~/accounts/login.server";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/meta";

export const meta: MetaFunction = () => [{ title: pageTitle("Journal des modifications") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccount(request, { role: "admin" });
  return { entries: listAudit(getDb()) };
}

const ACTIONS: Record<string, string> = {
  "sign-in": "connexion",
  invite: "invitation",
  disable: "désactivation",
  enable: "réactivation",
  create: "création",
  update: "modification",
  import: "import",
  duplicate: "duplication",
  cancel: "annulation",
  promote: "promotion",
  attendance: "présence",
  resend: "renvoi",
  send: "envoi",
  schedule: "envoi programmé",
  test: "envoi de test",
};

export default function Journal() {
  const { entries } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Journal des modifications</h1>
      <p>Qui a changé quoi, et quand (les 200 dernières entrées).</p>
      <DataTable label="Journal" columns={["Quand (UTC)", "Qui", "Action", "Objet", "Détail"]}>
        {entries.map((e) => (
          <tr key={e.id}>
            <td>{e.createdAt}</td>
            <td>{e.who ?? "système"}</td>
            <td>{ACTIONS[e.action] ?? e.action}</td>
            <td>
              {e.entity}
              {e.entityId ? ` #${e.entityId}` : ""}
            </td>
            <td>
              <code>{Object.keys(e.detail ?? {}).length ? JSON.stringify(e.detail) : ""}</code>
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
