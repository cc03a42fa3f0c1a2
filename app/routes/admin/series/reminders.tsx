// A series' reminders besides the J-2 codes (« Rappels »): the list with each one's next sending in
// the series' zone, a form to add or edit one (timing, text, on or off), and buttons to turn one on or
// off and to delete it. Saved through the series file (app/reminders/reminders-editor.server.ts).
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { Breadcrumb, seriesTrail } from "~/components/admin/Breadcrumb";
import { Check, OtherProblems, Select, TextArea } from "~/components/AdminFields";
import { ErrorSummary, TextField } from "~/components/Field";
import { requireSeriesRole } from "~/accounts/series-access.server";
import { changeReminders, reminderFromForm, remindersPage, type ReminderChange } from "~/reminders/reminders-editor.server";
import { getDb } from "~/utils/db.server";
import { echoFormValues } from "~/utils/form-echo.server";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";
import { problemsUnder } from "~/utils/problems";
import { kickScheduler } from "~/server/runtime.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Rappels", "Organisateurs") }];

const TIMINGS: [string, string][] = [
  ["days-before", "Des jours avant, à une heure donnée"],
  ["minutes-before", "Des minutes avant le début"],
];
/** The form's field for each field of a reminder in the file. */
const FIELDS: Record<string, string> = { timing: "rTiming", days: "rDays", at: "rAt", minutes: "rMinutes", message: "rMessage", enabled: "rEnabled" };
const LABELS = {
  rTiming: "Moment de l’envoi",
  rDays: "Jours avant la rencontre",
  rAt: "Heure de l’envoi",
  rMinutes: "Minutes avant le début",
  rMessage: "Texte du rappel",
  rEnabled: "Rappel actif",
};
const DONE: Record<string, string> = {
  enregistre: "Rappel enregistré.",
  supprime: "Rappel supprimé.",
  bascule: "Rappel mis à jour.",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSeriesRole(request, params.slug, "organiser");
  const page = remindersPage(getDb(), params.slug ?? "", nowIso());
  if (!page) throw new Response("Série introuvable", { status: 404 });
  const editing = new URL(request.url).searchParams.get("modifier");
  const edit = editing ? (page.reminders.find((r) => r.key === editing) ?? null) : null;
  return { slug: page.doc.slug, title: page.doc.title, timezone: page.doc.timezone, reminders: page.reminders, edit };
}

type Result = { problems: { path: string; message: string }[]; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const { account: me } = await requireSeriesRole(request, params.slug, "organiser");
  const db = getDb();
  const page = remindersPage(db, params.slug ?? "", nowIso());
  if (!page) throw new Response("Série introuvable", { status: 404 });
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const key = String(form.get("key") ?? "").trim() || null;
  let change: ReminderChange;
  if (intent === "reminder") change = { intent, key, fields: reminderFromForm(form) };
  else if ((intent === "reminder-toggle" || intent === "reminder-remove") && key) change = { intent, key };
  else return data<Result>({ problems: [{ path: "@intent", message: "action inconnue" }], values: {} }, { status: 400 });
  const r = changeReminders(db, me, page.doc, change, nowIso());
  if (!r.ok) {
    const own = r.path ? problemsUnder(r.problems, r.path) : {};
    const problems = [
      ...Object.entries(own)
        .filter(([k]) => FIELDS[k])
        .map(([k, message]) => ({ path: FIELDS[k], message })),
      ...r.problems.filter((p) => !r.path || !FIELDS[p.path.slice(r.path.length + 1)]).map((p) => ({ path: `@${p.path}`, message: p.message })),
    ];
    return data<Result>({ problems, values: intent === "reminder" ? echoFormValues(form) : {} }, { status: 400 });
  }
  kickScheduler();
  const done = intent === "reminder" ? "enregistre" : intent === "reminder-remove" ? "supprime" : "bascule";
  throw redirect(`/admin/series/${page.doc.slug}/rappels?etat=${done}`);
}

export default function Reminders() {
  const { slug, title, timezone, reminders, edit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const [params] = useSearchParams();
  // A new page (after a save, with JavaScript) starts an empty form; a refused save keeps what was typed.
  const { key: visit } = useLocation();
  const errors = Object.fromEntries((result?.problems ?? []).filter((p) => !p.path.startsWith("@")).map((p) => [p.path, p.message]));
  const others = (result?.problems ?? []).filter((p) => p.path.startsWith("@")).map((p) => ({ path: p.path.slice(1), message: p.message }));
  const typed = result?.values && Object.keys(result.values).length ? result.values : null;
  const v = (name: string, fallback: string | number | null | undefined) => (typed ? (typed[name] ?? "") : String(fallback ?? ""));
  /** A field of the reminder's timing: what was typed, else the reminder's value or the default. */
  const timingField = (
    name: "rDays" | "rAt" | "rMinutes",
    label: string,
    hint: string,
    fallback: string | number | null | undefined,
    input: { type?: string; inputMode?: "numeric" },
  ) => <TextField name={name} label={label} {...input} hint={hint} defaultValue={v(name, fallback)} error={errors[name]} />;
  const enabled = typed ? typed.rEnabled === "oui" : edit ? edit.enabled !== false : true;
  const done = DONE[params.get("etat") ?? ""];
  return (
    <>
      <Breadcrumb trail={seriesTrail({ slug, title })} current="Rappels" />
      <h1>Rappels</h1>
      <p>
        Outre les codes d’accès envoyés avant chaque rencontre, les inscrits confirmés reçoivent ces rappels, avec votre texte. Heures du fuseau {timezone}. Le
        dernier rappel avant le début redonne les informations de connexion (à distance) ou l’adresse et les informations pratiques (sur place).
      </p>
      {done ? (
        <p className="success" role="status">
          {done}
        </p>
      ) : null}
      <OtherProblems problems={others} />

      <section aria-labelledby="liste-rappels">
        <h2 id="liste-rappels">Rappels de la série</h2>
        {reminders.length ? (
          <ul className="directory">
            {reminders.map((r) => (
              <li key={r.key}>
                <h3>
                  {r.description[0].toUpperCase() + r.description.slice(1)} {r.enabled === false ? <span className="muted">(désactivé)</span> : null}
                </h3>
                <p>
                  {r.enabled === false
                    ? "Aucun envoi : rappel désactivé."
                    : r.next
                      ? `Prochain envoi : ${r.next}.`
                      : "Aucun envoi prévu : aucune rencontre à venir n’a ce rappel devant elle."}
                </p>
                <p className="muted">{r.message ? r.message.split("\n")[0] : "Texte par défaut."}</p>
                <Link to={`?modifier=${r.key}#form-rappel`}>
                  Modifier<span className="visually-hidden"> le rappel {r.description}</span>
                </Link>{" "}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="key" value={r.key} />
                  <button type="submit" name="intent" value="reminder-toggle" className="button-secondary">
                    {r.enabled === false ? "Activer" : "Désactiver"}
                    <span className="visually-hidden"> le rappel {r.description}</span>
                  </button>{" "}
                  <button type="submit" name="intent" value="reminder-remove" className="button-secondary">
                    Supprimer<span className="visually-hidden"> le rappel {r.description}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p>Aucun rappel pour l’instant.</p>
        )}
      </section>

      <Form method="post" noValidate className="form fieldset-box" aria-labelledby="form-rappel" key={`${edit?.key ?? "nouveau"}-${visit}`}>
        <h2 id="form-rappel">{edit ? `Modifier le rappel : ${edit.description}` : "Ajouter un rappel"}</h2>
        <input type="hidden" name="intent" value="reminder" />
        {edit ? <input type="hidden" name="key" value={edit.key} /> : null}
        <ErrorSummary errors={errors} labels={LABELS} id="erreurs-rappel" />
        <Select name="rTiming" label="Moment de l’envoi" defaultValue={v("rTiming", edit?.timing ?? "days-before")} options={TIMINGS} error={errors.rTiming} />
        <div className="field-row">
          {timingField("rDays", "Jours avant la rencontre", "1 : la veille ; 0 : le jour même.", edit ? edit.days : 1, { inputMode: "numeric" })}
          {timingField("rAt", "Heure de l’envoi", "Heure locale, par exemple 18:00.", edit ? edit.at : "18:00", { type: "time" })}
        </div>
        {timingField("rMinutes", "Minutes avant le début", "Pour un rappel « minutes avant le début » : 60 pour une heure avant.", edit ? edit.minutes : 60, {
          inputMode: "numeric",
        })}
        <TextArea
          name="rMessage"
          label="Texte du rappel"
          rows={5}
          hint="Texte simple : paragraphes séparés par une ligne vide, liens écrits en entier (https://…). Vide : une phrase par défaut."
          defaultValue={v("rMessage", edit?.message)}
          error={errors.rMessage}
        />
        <Check name="rEnabled" label="Rappel actif" defaultChecked={enabled} error={errors.rEnabled} />
        <button type="submit" className="button">
          {edit ? "Enregistrer le rappel" : "Ajouter le rappel"}
        </button>
        {edit ? (
          <p>
            <Link to=".">Annuler la modification</Link>
          </p>
        ) : null}
      </Form>
    </>
  );
}
