// Registrants of a series: filters (session, status, participation, attendance), an accent-insensitive
// search, pages of 50 (all read in SQL: app/registration/registrants-query.server.ts), the CSV export,
// attendance per session, and the organisers' changes (add by hand, cancel, promote). Plain forms:
// everything works without JavaScript.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Breadcrumb, seriesTrail } from "~/components/admin/Breadcrumb";
import { Pagination } from "~/components/Pagination";
import { AddRegistrant } from "~/components/registrants/AddRegistrant";
import { AccessibilityNeeds } from "~/components/registrants/Answers";
import { RegistrantFilters } from "~/components/registrants/RegistrantFilters";
import { RegistrantsTable } from "~/components/registrants/RegistrantsTable";
import { SessionsTable } from "~/components/registrants/SessionsTable";
import { addRegistrant, addedMessage, cancelRegistration, changedMessage, promoteRegistration } from "~/registration/registrant-changes.server";
import { registrantsPage } from "~/registration/registrants.server";
import { echoRegistrationValues, readRegistrationForm, type FieldErrors, type RegistrationValues } from "~/registration/registration-form.server";
import { findSeries } from "~/series/series-lookup.server";
import { requireSeriesRole } from "~/accounts/series-access.server";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";
import { kickScheduler } from "~/server/runtime.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSeriesRole(request, params.slug, "organiser");
  const db = getDb();
  const series = findSeries(db, params.slug ?? "", "organiser");
  if (!series) throw new Response("Série introuvable", { status: 404 });
  return registrantsPage(db, series, new URL(request.url).searchParams, nowIso());
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Inscrits", data?.series.title ?? "Série", "Organisateurs") }];

type ActionResult =
  | { intent: "add"; ok: true; message: string; stamp: number }
  | { intent: "add"; ok: false; errors: FieldErrors; values: RegistrationValues }
  | { intent: "cancel" | "promote"; ok: true; message: string }
  | { intent: "cancel" | "promote" | "unknown"; ok: false; registrationId: number | null; message: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const { account } = await requireSeriesRole(request, params.slug, "organiser");
  const db = getDb();
  const series = findSeries(db, params.slug ?? "", "organiser");
  if (!series) throw new Response("Série introuvable", { status: 404 });
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");

  if (intent === "add") {
    const values = readRegistrationForm(form);
    const r = addRegistrant(db, { seriesId: series.id, accountId: account.id, values, nowIso: nowIso() });
    if (!r.ok) return data<ActionResult>({ intent: "add", ok: false, errors: r.errors, values: echoRegistrationValues(values) }, { status: 400 });
    if (r.emailQueued) kickScheduler();
    return data<ActionResult>({ intent: "add", ok: true, message: addedMessage(values, r), stamp: Date.now() });
  }

  if (intent === "cancel" || intent === "promote") {
    const registrationId = Number(form.get("registration"));
    if (!Number.isInteger(registrationId) || registrationId <= 0) {
      return data<ActionResult>({ intent, ok: false, registrationId: null, message: "Cette inscription n’existe pas dans cette série." }, { status: 400 });
    }
    const args = { seriesId: series.id, registrationId, accountId: account.id, nowIso: nowIso() };
    const r = intent === "cancel" ? cancelRegistration(db, args) : promoteRegistration(db, args);
    if (!r.ok) return data<ActionResult>({ intent, ok: false, registrationId, message: r.message }, { status: 400 });
    if (r.emailQueued) kickScheduler();
    return data<ActionResult>({ intent, ok: true, message: changedMessage(intent, r) });
  }

  return data<ActionResult>({ intent: "unknown", ok: false, registrationId: null, message: "Action inconnue." }, { status: 400 });
}

export default function Registrants() {
  const { series, sessions, filter, query, filtered, total, page, pages, exportHref, rows, addOptions, registrationOpen, structureTypes, accessibilityNeeds } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const addFailed = result?.intent === "add" && !result.ok ? result : null;
  const rowError = result && !result.ok && result.intent !== "add" ? result : null;

  return (
    <>
      <Breadcrumb trail={seriesTrail(series, "dashboard")} current="Inscrits" />
      <h1>Inscrits — {series.title}</h1>

      {result?.ok ? (
        <p className="success" role="status">
          {result.message}
        </p>
      ) : null}
      {rowError ? (
        <p className="error-summary" role="alert">
          {rowError.message}
        </p>
      ) : null}

      <AccessibilityNeeds needs={accessibilityNeeds} />

      <h2>Rencontres</h2>
      <SessionsTable slug={series.slug} sessions={sessions} />

      <h2 id="liste">Inscriptions</h2>
      <RegistrantFilters sessions={sessions} filter={filter} filtered={filtered} exportHref={exportHref} />

      <p role="status">
        {total} inscription{total > 1 ? "s" : ""}
        {filtered ? " pour cette sélection" : ""}
        {pages > 1 ? ` — page ${page} sur ${pages}` : ""}.
      </p>
      {rows.length ? (
        <RegistrantsTable rows={rows} rowError={rowError} />
      ) : (
        <p className="notice">Aucune inscription{filtered ? " ne correspond à cette sélection" : " pour le moment"}.</p>
      )}
      <Pagination page={page} pages={pages} pathname={`/admin/series/${series.slug}/inscrits`} filters={query} />

      <h2 id="ajouter">Ajouter une inscription</h2>
      <AddRegistrant
        addOptions={addOptions}
        registrationOpen={registrationOpen}
        structureTypes={structureTypes as [string, string][]}
        errors={addFailed?.errors ?? {}}
        values={addFailed?.values ?? {}}
        formKey={result?.intent === "add" && result.ok ? result.stamp : "ajout"}
      />
    </>
  );
}
