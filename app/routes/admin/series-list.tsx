// Series in the back-office: the list, and a new series (a draft, completed on its own page).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, TextField } from "~/components/Field";
import { listSeriesForAdmin } from "~/series/admin-series.server";
import { Pagination } from "~/components/Pagination";
import { requestedPage } from "~/utils/pagination";
import { createSeries } from "~/series/series-editor.server";
import { problemsUnder } from "~/utils/problems";
import { requireAccount } from "~/accounts/login.server";
import { seriesScope } from "~/accounts/series-access.server";
import { ADMIN_SERIES_ORDER_LABEL, SERIES_STATUS_LABELS } from "~/utils/admin-labels";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Séries", "Organisateurs") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const me = await requireAccount(request);
  const page = requestedPage(new URL(request.url).searchParams);
  return listSeriesForAdmin(getDb(), seriesScope(getDb(), me), { nowIso: nowIso(), page });
}

type Result = { errors: Record<string, string>; values: { title: string; territory: string; slug: string } };

export async function action({ request }: ActionFunctionArgs) {
  const me = await requireAccount(request);
  const form = await request.formData();
  const values = {
    title: String(form.get("title") ?? "").trim(),
    territory: String(form.get("territory") ?? "").trim(),
    slug: String(form.get("slug") ?? "").trim(),
  };
  if (!values.title) return data<Result>({ errors: { title: "Indiquez le titre de la série." }, values }, { status: 400 });
  const r = createSeries(getDb(), me, values, nowIso());
  if (!r.ok) {
    const p = problemsUnder(r.problems, "");
    return data<Result>({ errors: { title: p.title, slug: p.slug, territory: p.territory }, values }, { status: 400 });
  }
  throw redirect(`/admin/series/${r.slug}`);
}

export default function SeriesList() {
  const { series, window } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const errors = result?.errors ?? {};
  const field = (name: "title" | "territory" | "slug", label: string, hint?: string, required?: boolean) => (
    <TextField name={name} label={label} hint={hint} required={required} defaultValue={result?.values[name]} error={errors[name]} />
  );
  return (
    <>
      <h1>Séries</h1>
      <p className="muted">
        {window.total} série{window.total > 1 ? "s" : ""} ; ordre : {ADMIN_SERIES_ORDER_LABEL}.
      </p>
      <ul className="directory">
        {series.map((s) => (
          <li key={s.slug}>
            <Link to={s.home}>{s.title}</Link> <span className="status">{SERIES_STATUS_LABELS[s.status]}</span>{" "}
            <span className="muted">
              {s.sessions} rencontre(s){s.period ? `, ${s.period}` : ""} · {s.confirmed} inscription(s) confirmée(s)
            </span>
          </li>
        ))}
      </ul>
      <Pagination page={window.page} pages={window.pages} pathname="/admin/series" filters={{}} />
      <p>
        <Link to="/admin/series/importer">Importer un fichier de série (JSON)</Link>
      </p>
      <h2 id="nouvelle">Créer une série</h2>
      <Form method="post" noValidate className="form" aria-labelledby="nouvelle">
        <ErrorSummary errors={errors} labels={{ title: "Titre", slug: "Adresse", territory: "Territoire" }} />
        {field("title", "Titre", undefined, true)}
        {field("territory", "Territoire", "Par exemple : Seine-Maritime (76)")}
        {field("slug", "Adresse de la série", "Lettres minuscules sans accent, chiffres et tirets ; laissée vide, elle est tirée du titre.")}
        <button type="submit" className="button">
          Créer la série (brouillon)
        </button>
      </Form>
    </>
  );
}
