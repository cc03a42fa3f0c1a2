// Registrants of a series: filters (session, status), an accent-insensitive search, the CSV export,
// attendance per session, and the organisers' changes (add by hand, cancel, promote). Plain forms:
// everything works without JavaScript.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary, FieldError, describedBy, fieldId } from "~/components/Field";
import { ParticipantFields, REGISTRATION_LABELS, SessionChoices } from "~/components/RegistrationFields";
import { PARTICIPATION_LABELS } from "~/utils/formats";
import { TableScroll } from "~/components/TableScroll";
import {
  addRegistrant,
  cancelRegistration,
  frenchDateTime,
  listRegistrants,
  promoteRegistration,
  readRegistrantFilter,
  seriesSessions,
  statusText,
} from "~/models/registrants.server";
import { STRUCTURE_TYPE_LABELS, echoRegistrationValues, readRegistrationForm, type FieldErrors, type RegistrationValues } from "~/models/registration-form.server";
import { registrationOptions } from "~/models/registrations.server";
import { findSeries } from "~/models/series-lookup.server";
import { requireOrganiser } from "~/utils/admin-session.server";
import { ATTENDANCE_LABELS, REGISTRATION_STATUS_LABELS } from "~/utils/admin-labels";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";
import { kickScheduler } from "~/utils/runtime.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOrganiser(request);
  const db = getDb();
  const series = findSeries(db, params.slug ?? "", "organiser");
  if (!series) throw new Response("Série introuvable", { status: 404 });
  const now = nowIso();
  const sessions = seriesSessions(db, series, now);
  const url = new URL(request.url);
  const filter = readRegistrantFilter(url.searchParams, sessions.map((s) => s.number));
  const rows = listRegistrants(db, series.id, filter);
  const options = registrationOptions(db, series.slug, now);
  const exportQuery = new URLSearchParams();
  if (filter.session !== null) exportQuery.set("session", String(filter.session));
  if (filter.status) exportQuery.set("status", filter.status);
  if (filter.q) exportQuery.set("q", filter.q);
  return {
    series: { slug: series.slug, title: series.title },
    sessions,
    filter,
    filtered: filter.session !== null || filter.status !== null || filter.q !== "",
    exportHref: `/admin/series/${series.slug}/inscrits.csv${exportQuery.size ? `?${exportQuery}` : ""}`,
    rows: rows.map((r) => ({
      registrationId: r.registrationId,
      name: r.erased ? "(données effacées)" : `${r.firstName} ${r.lastName}`,
      jobTitle: r.jobTitle,
      email: r.email,
      organisation: r.organisation,
      type: r.structureType ? (STRUCTURE_TYPE_LABELS[r.structureType as keyof typeof STRUCTURE_TYPE_LABELS] ?? r.structureType) : null,
      territory: r.territory,
      sessionNumber: r.sessionNumber,
      sessionTitle: r.sessionTitle,
      status: r.status,
      statusText: statusText(r),
      // A hybrid session's registrants: on site or remote.
      participation: r.sessionMode === "hybrid" ? PARTICIPATION_LABELS[r.participation] : null,
      registeredAt: frenchDateTime(r.createdAt, series.timezone),
      registeredIso: r.createdAt,
      attendance: r.attendance,
      attendedMinutes: r.attendedMinutes,
    })),
    addOptions: options ? options.options : [],
    registrationOpen: options?.series.open ?? false,
    structureTypes: Object.entries(STRUCTURE_TYPE_LABELS),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Inscrits", data?.series.title ?? "Série", "Organisateurs") }];

type ActionResult =
  | { intent: "add"; ok: true; message: string; stamp: number }
  | { intent: "add"; ok: false; errors: FieldErrors; values: RegistrationValues }
  | { intent: "cancel" | "promote"; ok: true; message: string }
  | { intent: "cancel" | "promote" | "unknown"; ok: false; registrationId: number | null; message: string };

const STATUS_WORD: Record<string, string> = { confirmed: "confirmée", waiting: "sur liste d’attente" };

export async function action({ request, params }: ActionFunctionArgs) {
  const organiser = await requireOrganiser(request);
  const db = getDb();
  const series = findSeries(db, params.slug ?? "", "organiser");
  if (!series) throw new Response("Série introuvable", { status: 404 });
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");

  if (intent === "add") {
    const values = readRegistrationForm(form);
    const r = addRegistrant(db, { seriesId: series.id, organiserId: organiser.id, values, nowIso: nowIso() });
    if (!r.ok) return data<ActionResult>({ intent: "add", ok: false, errors: r.errors, values: echoRegistrationValues(values) }, { status: 400 });
    if (r.emailQueued) kickScheduler();
    const name = `${values.firstName.trim()} ${values.lastName.trim()}`;
    const parts = [
      ...r.created.map((c) => `RDV #${c.number} (${STATUS_WORD[c.status]})`),
      ...r.already.map((c) => `RDV #${c.number} (déjà inscrit·e)`),
    ];
    const message = r.created.length
      ? `Inscription de ${name} (${r.email}) enregistrée : ${parts.join(", ")}. Un e-mail de confirmation lui est envoyé.`
      : `${name} (${r.email}) était déjà inscrit·e : ${parts.join(", ")}. Rien de nouveau n’a été enregistré.`;
    return data<ActionResult>({ intent: "add", ok: true, message, stamp: Date.now() });
  }

  if (intent === "cancel" || intent === "promote") {
    const registrationId = Number(form.get("registration"));
    if (!Number.isInteger(registrationId) || registrationId <= 0) {
      return data<ActionResult>({ intent, ok: false, registrationId: null, message: "Cette inscription n’existe pas dans cette série." }, { status: 400 });
    }
    const args = { seriesId: series.id, registrationId, organiserId: organiser.id, nowIso: nowIso() };
    const r = intent === "cancel" ? cancelRegistration(db, args) : promoteRegistration(db, args);
    if (!r.ok) return data<ActionResult>({ intent, ok: false, registrationId, message: r.message }, { status: 400 });
    if (r.emailQueued) kickScheduler();
    const promoted = r.promoted.map((p) => p.name).join(", ");
    const message =
      intent === "cancel"
        ? `Inscription de ${r.name} à RDV #${r.session} annulée.` +
          (r.promoted.length ? ` Place libérée attribuée à ${promoted} (liste d’attente), qui en est informé·e par e-mail.` : "")
        : `${r.name} passe de la liste d’attente à inscrit·e confirmé·e pour RDV #${r.session} ; un e-mail l’en informe.`;
    return data<ActionResult>({ intent, ok: true, message });
  }

  return data<ActionResult>({ intent: "unknown", ok: false, registrationId: null, message: "Action inconnue." }, { status: 400 });
}

const LABELS: Record<keyof RegistrationValues, string> = REGISTRATION_LABELS;

const percent = (rate: number | null) => (rate === null ? "—" : `${Math.round(rate * 100)}\u00a0%`);

export default function Registrants() {
  const { series, sessions, filter, filtered, exportHref, rows, addOptions, registrationOpen, structureTypes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const navigation = useNavigation();
  const addFailed = result?.intent === "add" && !result.ok ? result : null;
  const errors: FieldErrors = addFailed?.errors ?? {};
  const values: Partial<RegistrationValues> = addFailed?.values ?? {};
  const chosen = new Set(values.sessions ?? []);
  const rowError = result && !result.ok && result.intent !== "add" ? result : null;
  const openOptions = addOptions.filter((o) => !o.closed);

  return (
    <>
      <nav aria-label="Fil d’Ariane" className="breadcrumb">
        <ol>
          <li>
            <Link to="/admin">Tableau de bord</Link>
          </li>
          <li>
            <Link to={`/admin/series/${series.slug}`}>{series.title}</Link>
          </li>
          <li aria-current="page">Inscrits</li>
        </ol>
      </nav>
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

      <h2>Rencontres</h2>
      <TableScroll label="Inscriptions et présence par rencontre">
        <table className="data">
          <caption className="visually-hidden">Inscriptions et présence par rencontre</caption>
          <thead>
            <tr>
              <th scope="col">Rencontre</th>
              <th scope="col" className="num">
                Confirmé·es / jauge
              </th>
              <th scope="col" className="num">
                Liste d’attente
              </th>
              <th scope="col" className="num">
                Annulé·es
              </th>
              <th scope="col">Présence</th>
              <th scope="col" className="num">
                Taux de présence
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  <Link to={`?session=${s.number}`}>
                    RDV #{s.number} — {s.title}
                  </Link>
                  <div className="muted">
                    {s.when}
                    {s.status === "cancelled" ? " · annulée" : s.status === "postponed" ? " · reportée" : s.status === "draft" ? " · brouillon" : ""}
                  </div>
                </th>
                <td className="num">
                  {s.status === "cancelled" ? (
                    <>
                      annulée
                      <br />
                      <span className="muted">{s.confirmed} inscrit·es prévenu·es</span>
                    </>
                  ) : (
                    <>
                      {s.confirmed} / {s.capacity ?? "∞"}
                    </>
                  )}
                </td>
                <td className="num">{s.waiting}</td>
                <td className="num">{s.cancelled}</td>
                <td>
                  {s.present} présent·es, {s.excused} excusé·es, {s.absent} absent·es, {s.unknown} non renseigné·es
                  <br />
                  <Link to={`/admin/series/${series.slug}/presence/${s.number}`}>
                    Saisir la présence<span className="visually-hidden"> de RDV #{s.number}</span>
                  </Link>
                </td>
                <td className="num">{s.started ? percent(s.rate) : "à venir"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>

      <h2 id="liste">Inscriptions</h2>
      <Form method="get" className="toolbar" role="search" aria-label="Filtrer les inscriptions">
        <div className="field">
          <label htmlFor="filtre-session">Rencontre</label>
          <select id="filtre-session" name="session" defaultValue={filter.session ?? ""}>
            <option value="">Toutes les rencontres</option>
            {sessions.map((s) => (
              <option key={s.id} value={s.number}>
                RDV #{s.number} — {s.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filtre-statut">Statut</label>
          <select id="filtre-statut" name="status" defaultValue={filter.status ?? ""}>
            <option value="">Tous les statuts</option>
            {Object.entries(REGISTRATION_STATUS_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filtre-recherche">Rechercher (nom, e-mail, structure)</label>
          <input id="filtre-recherche" type="search" name="q" defaultValue={filter.q} />
        </div>
        <button type="submit" className="button-secondary">
          Filtrer
        </button>
        {filtered ? <Link to=".">Tout afficher</Link> : null}
        <a href={exportHref} download>
          Exporter {filtered ? "cette sélection" : "la liste"} (CSV pour Excel)
        </a>
      </Form>

      <p role="status">
        {rows.length} inscription{rows.length > 1 ? "s" : ""}
        {filtered ? " pour cette sélection" : ""}.
      </p>
      {rows.length ? (
        <TableScroll label="Inscriptions de la série">
          <table className="data">
            <caption className="visually-hidden">Inscriptions de la série</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">E-mail</th>
                <th scope="col">Structure</th>
                <th scope="col">Type</th>
                <th scope="col">Territoire</th>
                <th scope="col">Rencontre</th>
                <th scope="col">Statut</th>
                <th scope="col">Inscription</th>
                <th scope="col">Présence</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.registrationId} id={`inscription-${r.registrationId}`}>
                  <th scope="row">
                    {r.name}
                    {r.jobTitle ? <div className="muted">{r.jobTitle}</div> : null}
                  </th>
                  <td>{r.email}</td>
                  <td>{r.organisation ?? "—"}</td>
                  <td>{r.type ?? "—"}</td>
                  <td>{r.territory ?? "—"}</td>
                  <td>RDV #{r.sessionNumber}</td>
                  <td>
                    <span className={`status status-${r.status}`}>{r.statusText}</span>
                    {r.participation ? <span className="muted"> · {r.participation}</span> : null}
                  </td>
                  <td>
                    <time dateTime={r.registeredIso}>{r.registeredAt}</time>
                  </td>
                  <td>
                    {r.attendance ? (
                      <span className={`status status-${r.attendance}`}>
                        {ATTENDANCE_LABELS[r.attendance]}
                        {r.attendance === "present" && r.attendedMinutes !== null ? ` (${r.attendedMinutes} min)` : ""}
                      </span>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td>
                    {rowError?.registrationId === r.registrationId ? (
                      <p className="field-error" id={`erreur-inscription-${r.registrationId}`}>
                        {rowError.message}
                      </p>
                    ) : null}
                    {r.status === "waiting" ? (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="registration" value={r.registrationId} />
                        <button type="submit" name="intent" value="promote" className="button-secondary">
                          Confirmer<span className="visually-hidden"> l’inscription de {r.name} à RDV #{r.sessionNumber}</span>
                        </button>
                      </Form>
                    ) : null}{" "}
                    {r.status !== "cancelled" ? (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="registration" value={r.registrationId} />
                        <button type="submit" name="intent" value="cancel" className="button-secondary">
                          Annuler<span className="visually-hidden"> l’inscription de {r.name} à RDV #{r.sessionNumber}</span>
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : (
        <p className="notice">Aucune inscription{filtered ? " ne correspond à cette sélection" : " pour le moment"}.</p>
      )}

      <h2 id="ajouter">Ajouter une inscription</h2>
      {!openOptions.length ? (
        <p className="notice">
          {registrationOpen ? "Aucune rencontre de cette série n’est ouverte à l’inscription." : "Les inscriptions à cette série ne sont pas ouvertes."}
        </p>
      ) : (
        <Form method="post" noValidate className="form" key={result?.intent === "add" && result.ok ? result.stamp : "ajout"}>
          <ErrorSummary errors={errors} labels={LABELS} />
          <input type="hidden" name="intent" value="add" />
          <p>Mêmes règles que le formulaire public : jauge, liste d’attente et e-mail de confirmation.</p>
          <SessionChoices options={addOptions} chosen={chosen} error={errors.sessions} legend="Rencontres" idPrefix="ajout-session" showPlace={false} participation={values?.participation} participationError={errors.participation} />
          <ParticipantFields values={values} errors={errors} structureTypes={structureTypes as [string, string][]} self={false} />
          <div className={`field check${errors.consent ? " has-error" : ""}`}>
            <FieldError name="consent" error={errors.consent} />
            <input
              type="checkbox"
              id={fieldId("consent")}
              name="consent"
              value="oui"
              defaultChecked={values.consent}
              aria-invalid={errors.consent ? true : undefined}
              aria-describedby={describedBy("consent", errors.consent)}
            />
            <label htmlFor={fieldId("consent")}>
              La personne a accepté le traitement de ses données pour son inscription <span className="required">(obligatoire)</span>
            </label>
          </div>
          <div className="field check">
            <input type="checkbox" id={fieldId("news")} name="news" value="oui" defaultChecked={values.news} />
            <label htmlFor={fieldId("news")}>Elle souhaite être informée des prochaines séries (facultatif)</label>
          </div>
          <p>
            <button type="submit" className="button" disabled={navigation.state === "submitting"}>
              Ajouter l’inscription
            </button>
          </p>
        </Form>
      )}
    </>
  );
}
