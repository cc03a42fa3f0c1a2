// Administrators invite organisers (administrator, or team member: rights given per series on each
// series' team page, /admin/series/:slug/equipe) and can disable an account.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Select } from "~/components/AdminFields";
import { ErrorSummary, TextField } from "~/components/Field";
import { DataTable } from "~/components/admin/DataTable";
import { inviteAccount, listAccounts, setAccountDisabled } from "~/accounts/accounts.server";
import { requireAccount } from "~/accounts/login.server";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";
import { kickScheduler } from "~/server/runtime.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Organisateurs") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const me = await requireAccount(request, { role: "admin" });
  return {
    me: me.id,
    organisers: listAccounts(getDb()).map((o) => ({
      id: o.id,
      email: o.email,
      name: o.name,
      role: o.role,
      disabled: Boolean(o.disabledAt),
      lastSignInAt: o.lastSignInAt,
    })),
  };
}

type Result = { ok: true; message: string } | { ok: false; errors: { email?: string; role?: string }; values: { email: string; name: string; role: string } };

export async function action({ request }: ActionFunctionArgs) {
  const me = await requireAccount(request, { role: "admin" });
  const form = await request.formData();
  const intent = String(form.get("intent"));
  if (intent === "invite") {
    const values = { email: String(form.get("email") ?? ""), name: String(form.get("name") ?? ""), role: String(form.get("role") ?? "") };
    const r = inviteAccount(getDb(), me, values, nowIso());
    if (!r.ok) return data<Result>({ ok: false, errors: r.errors, values }, { status: 400 });
    kickScheduler();
    return data<Result>({ ok: true, message: `Invitation envoyée à ${values.email.trim().toLowerCase()}.` });
  }
  const id = Number(form.get("organiser"));
  if ((intent === "disable" || intent === "enable") && Number.isInteger(id) && id !== me.id) {
    setAccountDisabled(getDb(), me, id, intent === "disable", nowIso());
    return data<Result>({ ok: true, message: intent === "disable" ? "Compte désactivé ; ses sessions sont fermées." : "Compte réactivé." });
  }
  return data<Result>({ ok: true, message: "Rien à faire." }, { status: 400 });
}

export default function Accounts() {
  const { me, organisers } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const errors = result && !result.ok ? result.errors : {};
  const values = result && !result.ok ? result.values : { email: "", name: "", role: "editor" };
  return (
    <>
      <h1>Organisateurs</h1>
      {result?.ok ? (
        <p className="success" role="status">
          {result.message}
        </p>
      ) : null}
      <DataTable label="Comptes organisateurs" columns={["Adresse", "Nom", "Rôle", "Dernière connexion", "Compte"]}>
        {organisers.map((o) => (
          <tr key={o.id}>
            <td>{o.email}</td>
            <td>{o.name ?? "—"}</td>
            <td>{o.role === "admin" ? "Administrateur" : "Équipes de séries"}</td>
            <td>{o.lastSignInAt ?? "jamais"}</td>
            <td>
              {o.id === me ? (
                "Vous"
              ) : (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="organiser" value={o.id} />
                  <button type="submit" name="intent" value={o.disabled ? "enable" : "disable"} className="button-secondary">
                    {o.disabled ? "Réactiver" : "Désactiver"}
                    <span className="visually-hidden"> {o.email}</span>
                  </button>
                </Form>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      <h2>Inviter un organisateur</h2>
      <Form method="post" noValidate className="form">
        <ErrorSummary errors={errors} labels={{ email: "Adresse e-mail", role: "Rôle" }} />
        <input type="hidden" name="intent" value="invite" />
        <TextField name="email" label="Adresse e-mail" type="email" required autoComplete="off" defaultValue={values.email} error={errors.email} />
        <TextField name="name" label="Nom" autoComplete="off" defaultValue={values.name} />
        <Select
          name="role"
          label="Rôle"
          defaultValue={values.role}
          error={errors.role}
          options={[
            ["editor", "Équipes de séries : les séries qu’il crée et celles où on l’invite"],
            ["admin", "Administrateur : tout, et gère les organisateurs"],
          ]}
        />
        <button type="submit" className="button">
          Envoyer l’invitation
        </button>
      </Form>
    </>
  );
}
