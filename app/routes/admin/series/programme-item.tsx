// One programme item: times, kind, title, description, any number of speakers (picked from the
// series or typed in place as new people, with their role: speaker, moderator, panellist), and its
// parts (the talks of "Interventions", the round tables of "Tables rondes"), each with their
// speakers. New people and organisations are created with the item on save (app/series/
// programme-editor.server.ts). Works without JavaScript: "Ajouter une ligne" comes back with one
// more row, values kept; with JavaScript rows are added and removed in place.
import { Breadcrumb, seriesTrail } from "~/components/admin/Breadcrumb";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useState, type FormEvent } from "react";
import { OtherProblems, Select, TextArea } from "~/components/AdminFields";
import { ErrorSummary, TextField } from "~/components/Field";
import { ROW_FIELD_LABELS, SpeakerRows } from "~/components/SpeakerRows";
import { readItemForm, saveProgrammeItem, speakerChoices } from "~/series/programme-editor.server";
import { loadDoc } from "~/series/series-editor.server";
import { requireSeriesRole } from "~/accounts/series-access.server";
import { getDb } from "~/utils/db.server";
import { KIND_LABELS } from "~/utils/labels";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";
import type { Problem } from "~/utils/problems";
import { addRow, itemForm, refreshRoles, rowsKind, rowsPrefix, type ItemForm } from "~/utils/programme-form";

export const meta: MetaFunction = () => [{ title: pageTitle("Programme", "Organisateurs") }];

function locate(params: { slug?: string; number?: string; index?: string }) {
  const doc = loadDoc(getDb(), params.slug ?? "");
  if (!doc) throw new Response("Série introuvable", { status: 404 });
  const session = doc.sessions.find((s) => String(s.number) === params.number);
  if (!session) throw new Response("Rencontre introuvable", { status: 404 });
  const programme = session.programme ?? [];
  const index = params.index === "nouveau" ? programme.length : Number(params.index);
  if (!Number.isInteger(index) || index < 0 || index > programme.length) throw new Response("Élément introuvable", { status: 404 });
  return { doc, session, isNew: index === programme.length, index, item: programme[index] };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSeriesRole(request, params.slug, "editor");
  const { doc, session, isNew, index, item } = locate(params);
  // ?type=round-table: a new item of that kind (its rows already a moderator and a panellist).
  const type = new URL(request.url).searchParams.get("type") ?? "";
  return {
    slug: doc.slug,
    title: doc.title,
    number: session.number,
    isNew,
    index,
    form: itemForm(item, Object.hasOwn(KIND_LABELS, type) ? type : "talk"),
    choices: speakerChoices(getDb(), doc),
  };
}

type Result = { form: ItemForm; errors: Record<string, string>; others: Problem[]; rev: number };

export async function action({ request, params }: ActionFunctionArgs) {
  const { account: me } = await requireSeriesRole(request, params.slug, "editor");
  const { doc, session, isNew, index } = locate(params);
  const posted = await request.formData();
  const form = readItemForm(posted);
  // Counts the answers, so that each one remounts the form with the answer's values.
  const rev = (Number(posted.get("rev")) || 0) + 1;
  const intent = String(posted.get("intent") ?? "");
  if (intent.startsWith("add-row:")) return data<Result>({ form: refreshRoles(addRow(form, intent.slice("add-row:".length))), errors: {}, others: [], rev });
  const r = saveProgrammeItem(getDb(), me, { slug: doc.slug, number: session.number, index: isNew ? "new" : index }, form, nowIso());
  if (!r.ok) return data<Result>({ form: refreshRoles(form), errors: r.errors, others: r.others, rev }, { status: 400 });
  const base = `/admin/series/${doc.slug}/sessions/${session.number}`;
  throw redirect(posted.get("then") === "continuer" ? `${base}/programme/${r.index}?etat=enregistre` : base);
}

const ITEM_LABELS: Record<string, string> = { title: "Titre", start: "Début", end: "Fin", kind: "Type", description: "Description" };

/** "part.1.speaker.0.lastName" → "Partie 2, intervenant·e 1 : nom" */
function labelOf(name: string): string {
  const m = /^(?:part\.(\d+)\.)?speaker\.(\d+)\.(\w+)$/.exec(name);
  if (m) return `${m[1] !== undefined ? `Partie ${Number(m[1]) + 1}, i` : "I"}ntervenant·e ${Number(m[2]) + 1} : ${ROW_FIELD_LABELS[m[3]] ?? m[3]}`;
  const p = /^part\.(\d+)\.(\w+)$/.exec(name);
  if (p) return `Partie ${Number(p[1]) + 1} : ${(ITEM_LABELS[p[2]] ?? p[2]).toLowerCase()}`;
  return ITEM_LABELS[name] ?? name;
}

const ORGANISATIONS_LIST = "structures-connues";

function ItemFields({ form, errors, pick, rev }: { form: ItemForm; errors: Record<string, string>; pick: [string, string][]; rev: number }) {
  // The kinds the rows follow, as chosen in the form.
  const [kinds, setKinds] = useState<Record<string, string>>(() => ({
    kind: form.kind,
    ...Object.fromEntries(form.parts.map((p, j) => [`part.${j}.kind`, p.kind])),
  }));
  const track = (event: FormEvent<HTMLFormElement>) => {
    const target = event.target as HTMLSelectElement;
    if (target.name === "kind" || /^part\.\d+\.kind$/.test(target.name)) setKinds((k) => ({ ...k, [target.name]: target.value }));
  };
  const kind = kinds.kind ?? form.kind;
  return (
    <Form method="post" noValidate className="form" onChange={track}>
      <input type="hidden" name="rev" value={rev} />
      <ErrorSummary errors={errors} labels={Object.fromEntries(Object.keys(errors).map((k) => [k, labelOf(k)]))} />
      <div className="field-row">
        <TextField name="start" label="Début" type="time" defaultValue={form.start} error={errors.start} />
        <TextField name="end" label="Fin" type="time" defaultValue={form.end} error={errors.end} />
        <Select name="kind" label="Type" defaultValue={form.kind} options={Object.entries(KIND_LABELS)} error={errors.kind} />
      </div>
      <TextField name="title" label="Titre" required defaultValue={form.title} error={errors.title} />
      <TextArea name="description" label="Description" rows={2} defaultValue={form.description} error={errors.description} />
      <SpeakerRows
        prefix={rowsPrefix(null)}
        legend="Intervenant·es"
        rows={form.speakers}
        kind={kind}
        pick={pick}
        organisationList={ORGANISATIONS_LIST}
        errors={errors}
      />
      <h2>Parties</h2>
      <p className="hint">
        Les interventions d’un bloc « Interventions », les tables rondes d’un bloc « Tables rondes »… Une partie sans titre ni intervenant·e est ignorée.
      </p>
      {form.parts.map((part, j) => (
        <fieldset className="fieldset-box" key={j}>
          <legend>{part.title ? `Partie ${j + 1} : ${part.title}` : `Nouvelle partie (partie ${j + 1})`}</legend>
          <div className="field-row">
            <TextField name={`part.${j}.title`} label={`Titre de la partie ${j + 1}`} defaultValue={part.title} error={errors[`part.${j}.title`]} />
            <Select
              name={`part.${j}.kind`}
              label={`Type de la partie ${j + 1}`}
              defaultValue={part.kind}
              options={[["", "—"], ...Object.entries(KIND_LABELS)]}
              error={errors[`part.${j}.kind`]}
            />
          </div>
          <TextArea
            name={`part.${j}.description`}
            label={`Description de la partie ${j + 1}`}
            rows={2}
            defaultValue={part.description}
            error={errors[`part.${j}.description`]}
          />
          <SpeakerRows
            prefix={rowsPrefix(j)}
            legend={`Intervenant·es de la partie ${j + 1}`}
            rows={part.speakers}
            kind={rowsKind(kinds[`part.${j}.kind`] ?? part.kind, kind)}
            pick={pick}
            organisationList={ORGANISATIONS_LIST}
            errors={errors}
          />
        </fieldset>
      ))}
      <p>
        <button type="submit" name="then" value="continuer" className="button-secondary">
          Enregistrer et continuer (ajouter une partie)
        </button>{" "}
        <button type="submit" name="then" value="retour" className="button">
          Enregistrer
        </button>
      </p>
    </Form>
  );
}

export default function ItemEditor() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const form = result?.form ?? loaded.form;
  // A new page (another item, or this one after "Enregistrer et continuer") or an answer remounts the form.
  const formKey = `${useLocation().key}:${result?.rev ?? 0}`;
  const heading = loaded.isNew ? "Ajouter un élément au programme" : `Programme : ${loaded.form.title}`;
  return (
    <>
      <Breadcrumb
        trail={[...seriesTrail(loaded), { to: `/admin/series/${loaded.slug}/sessions/${loaded.number}`, label: <>RDV #{loaded.number}</> }]}
        current={loaded.isNew ? "Nouvel élément" : loaded.form.title}
      />
      <h1>{heading}</h1>
      <OtherProblems problems={result?.others ?? []} />
      <datalist id={ORGANISATIONS_LIST}>
        {loaded.choices.organisations.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <ItemFields key={formKey} rev={result?.rev ?? 0} form={form} errors={result?.errors ?? {}} pick={loaded.choices.pick} />
      <p className="hint">
        Pour compléter une personne (présentation) ou une structure (adresse, site web, rôle dans la série) :{" "}
        <Link to={`/admin/series/${loaded.slug}/acteurs`}>organisations et intervenants de la série</Link>.
      </p>
    </>
  );
}
