// Back-office layout. Its loader guards the layout's own data; every child route guards itself too.
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import adminCss from "~/styles/admin.css?url";
import formsCss from "~/styles/forms.css?url";
import { requireAccount } from "~/accounts/login.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: formsCss },
  { rel: "stylesheet", href: adminCss },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const account = await requireAccount(request);
  return { account: { email: account.email, name: account.name, role: account.role } };
}

export default function AdminLayout() {
  const { account } = useLoaderData<typeof loader>();
  return (
    <div className="admin">
      <nav aria-label="Espace organisateurs" className="admin-nav">
        <ul>
          <li>
            <NavLink to="/admin" end>
              Tableau de bord
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/series">Séries</NavLink>
          </li>
          <li>
            <NavLink to="/admin/emails">E-mails</NavLink>
          </li>
          {account.role === "admin" ? (
            <li>
              <NavLink to="/admin/organisateurs">Organisateurs</NavLink>
            </li>
          ) : null}
          <li>
            <NavLink to="/admin/lettre">Lettre</NavLink>
          </li>
          <li>
            <NavLink to="/admin/journal">Journal</NavLink>
          </li>
        </ul>
        <Form method="post" action="/admin/deconnexion" className="admin-who">
          <span>
            {account.name ?? account.email} ({account.role === "admin" ? "administrateur" : "éditeur"})
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
