// Back-office layout. Its loader guards the layout's own data; every child route guards itself too.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Outlet, useLoaderData } from "@remix-run/react";
import adminCss from "~/styles/admin.css?url";
import formsCss from "~/styles/forms.css?url";
import { requireAccount } from "~/accounts/login.server";
import { seriesScope } from "~/accounts/series-access.server";
import { getDb } from "~/utils/db.server";
import { NavItems } from "~/components/NavItems";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: formsCss },
  { rel: "stylesheet", href: adminCss },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const account = await requireAccount(request);
  const scope = seriesScope(getDb(), account);
  // What the menu offers follows app/accounts/series-access.server.ts: emails and letter for organisers.
  const organiser = !scope || [...scope.values()].includes("organiser");
  return { account: { email: account.email, name: account.name, role: account.role }, organiser };
}

export default function AdminLayout() {
  const { account, organiser } = useLoaderData<typeof loader>();
  return (
    <div className="admin">
      <nav aria-label="Espace organisateurs" className="admin-nav">
        <ul>
          <NavItems
            items={[
              { to: "/admin", label: "Tableau de bord", end: true },
              { to: "/admin/series", label: "Séries" },
              ...(organiser ? [{ to: "/admin/emails", label: "E-mails" }] : []),
              ...(account.role === "admin" ? [{ to: "/admin/organisateurs", label: "Organisateurs" }] : []),
              ...(organiser ? [{ to: "/admin/lettre", label: "Lettre" }] : []),
              ...(account.role === "admin" ? [{ to: "/admin/journal", label: "Journal" }] : []),
            ]}
          />
        </ul>
        <Form method="post" action="/admin/deconnexion" className="admin-who">
          <span>
            {account.name ?? account.email} ({account.role === "admin" ? "administrateur" : "équipe de série"})
          </span>{" "}
          <button type="submit" className="button-secondary">
            Se déconnecter
          </button>
        </Form>
      </nav>
      <Outlet />
    </div>
  );
}
