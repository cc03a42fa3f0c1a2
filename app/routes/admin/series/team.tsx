// A series' team (/admin/series/<slug>/equipe), for its organisers: the members and their role
// (organiser, editor, viewer: app/accounts/series-roles.ts), a role changed or a member removed in
// one click (never the last organiser), and an invitation by email (app/teams/team.server.ts).
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Select } from "~/components/AdminFields";
import { ErrorSummary, TextField } from "~/components/Field";
import { Breadcrumb, seriesTrail } from "~/components/admin/Breadcrumb";
import { DataTable } from "~/components/admin/DataTable";
import { RowAction } from "~/components/admin/RowAction";
import { requireSeriesRole } from "~/accounts/series-access.server";
import { SERIES_ROLES, SERIES_ROLE_LABELS, SERIES_ROLE_NOTES } from "~/accounts/series-roles";
import { formatLogTime } from "~/notifications/email-log.server";
import { changeMemberRole, inviteMember, listTeam, removeMember, type TeamErrors } from "~/teams/team.server";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";
import { kickScheduler } from "~/server/runtime.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Équipe", data?.series.title ?? "", "Organisateurs") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { account, series } = await requireSeriesRole(request, params.slug, "organiser");
  return {
    series: { slug: series.slug, title: series.title },
    me: account.id,
    members: listTeam(getDb(), series.id).map((m) => ({ ...m, since: formatLogTime(m.since) })),
  };
}

type Values = { email: string; name: string; role: string };
type Result = { ok: true; message: string } | { ok: false; member: number | null; errors: TeamErrors; values?: Values };

export async function action({ request, params }: ActionFunctionArgs) {
  const { account, series } = await requireSeriesRole(request, params.slug, "organiser");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const db = getDb();
  const member = Number(form.get("member"));
  const role = String(form.get("role") ?? "");
  if (intent === "invite") {
    const values = { email: String(form.get("email") ?? ""), name: String(form.get("name") ?? ""), role };
    const r = inviteMember(db, account, series, values, nowIso());
    if (!r.ok) return data<Result>({ ok: false, member: null, errors: r.errors, values }, { status: 400 });
    kickScheduler();
    return data<Result>(r);
  }
  if ((intent === "role" || intent === "remove") && Number.isInteger(member) && member > 0) {
    const r = intent === "role" ? changeMemberRole(db, account, series, member, role, nowIso()) : removeMember(db, account, series, member);
    return data<Result>(r.ok ? r : { ok: false, member, errors: r.errors }, { status: r.ok ? 200 : 400 });
  }
  return data<Result>({ ok: false, member: null, errors: { member: "Action inconnue : rechargez la page." } }, { status: 400 });
}

const ROLE_OPTIONS: [string, string][] = SERIES_ROLES.map((r) => [r, SERIES_ROLE_LABELS[r]]);

export default function Team() {
  const { series, members, me } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const failed = result && !result.ok ? result : null;
  const inviteErrors = failed && failed.member === null && failed.values ? failed.errors : {};
  const values = failed?.values ?? { email: "", name: "", role: "viewer" };
  return (
    <>
      <Breadcrumb trail={seriesTrail(series)} current="Équipe" />
      <h1>Équipe de la série</h1>
      <p>Chaque personne de l’équipe a un rôle sur cette série seulement. Les administrateur·rices de la plateforme ont accès à toutes les séries.</p>
      <ul>
        {SERIES_ROLES.map((r) => (
          <li key={r}>
            <strong>{SERIES_ROLE_LABELS[r]}</strong> : {SERIES_ROLE_NOTES[r]}.
          </li>
        ))}
      </ul>
      {result?.ok ? (
        <p className="success" role="status">
          {result.message}
        </p>
      ) : null}
      {failed && failed.member === null && !failed.values ? (
        <p className="error-summary" role="alert">
          {failed.errors.member}
        </p>
      ) : null}
      {members.length ? (
        <DataTable label="Membres de l’équipe" columns={["Personne", "Rôle", "Invitée par", "Depuis", "Retirer"]}>
          {members.map((m) => {
            const error = failed?.member === m.id ? (failed.errors.role ?? failed.errors.member) : undefined;
            const errorId = `erreur-membre-${m.id}`;
            return (
              <tr key={m.id}>
                <td>
                  {m.email}
                  {m.name ? <div className="muted">{m.name}</div> : null}
                  {m.accountId === me ? <div className="muted">(vous)</div> : null}
                </td>
                <td>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="member" value={m.id} />
                    <label htmlFor={`role-${m.id}`} className="visually-hidden">
                      Rôle de {m.email}
                    </label>
                    <select
                      id={`role-${m.id}`}
                      name="role"
                      defaultValue={m.role}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? errorId : undefined}
                    >
                      {ROLE_OPTIONS.map(([value, label]) => (
                        <option key={value} value={value}>
                          {label}
                        </option>
                      ))}
                    </select>{" "}
                    <button type="submit" name="intent" value="role" className="button-secondary">
                      Changer<span className="visually-hidden"> le rôle de {m.email}</span>
                    </button>
                  </Form>
                  {error ? (
                    <p id={errorId} className="field-error" role="alert">
                      {error}
                    </p>
                  ) : null}
                </td>
                <td>{m.invitedBy ?? "—"}</td>
                <td>{m.since ?? "—"}</td>
                <td>
                  <RowAction intent="remove" fields={{ member: m.id }} label="Retirer" context={` ${m.email} de l’équipe`} />
                </td>
              </tr>
            );
          })}
        </DataTable>
      ) : (
        <p className="notice">Personne n’est encore dans l’équipe de cette série.</p>
      )}
      <h2 id="inviter">Inviter quelqu’un</h2>
      <p>La personne reçoit un e-mail avec un lien de connexion ; son compte est créé s’il n’existe pas.</p>
      <Form method="post" noValidate className="form" aria-labelledby="inviter">
        <ErrorSummary errors={inviteErrors} labels={{ email: "Adresse e-mail", role: "Rôle" }} />
        <input type="hidden" name="intent" value="invite" />
        <TextField name="email" label="Adresse e-mail" type="email" required autoComplete="off" defaultValue={values.email} error={inviteErrors.email} />
        <TextField name="name" label="Nom (facultatif)" autoComplete="off" defaultValue={values.name} />
        <Select name="role" label="Rôle" defaultValue={values.role} error={inviteErrors.role} options={ROLE_OPTIONS} />
        <button type="submit" className="button">
          Envoyer l’invitation
        </button>
      </Form>
    </>
  );
}
