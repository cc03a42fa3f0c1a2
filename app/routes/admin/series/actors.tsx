// Organisations (organiser, support, partner, contributor, with contacts) and people of a series:
// add, edit, remove. People and organisations are shared by all series (the directory of actors).
import { Breadcrumb, seriesTrail } from "~/components/admin/Breadcrumb";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { RowAction } from "~/components/admin/RowAction";
import { OtherProblems, Select, TextArea } from "~/components/AdminFields";
import { ErrorSummary, TextField } from "~/components/Field";
import { directoryKeys, loadDoc, saveDoc, uniqueKey, type SeriesDoc } from "~/series/series-editor.server";
import { problemsUnder } from "~/utils/problems";
import { requireSeriesRole } from "~/accounts/series-access.server";
import { readSeriesEditorPost } from "~/http/series-editor-request.server";
import { getDb, type AppDatabase } from "~/utils/db.server";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";
import { echoFormValues } from "~/utils/form-echo.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Organisations et intervenants", "Organisateurs") }];

const ROLES: [string, string][] = [
  ["organiser", "Organisateur"],
  ["support", "Appui"],
  ["partner", "Partenaire"],
  ["contributor", "Structure intervenante"],
  ["funder", "Financeur"],
];
const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSeriesRole(request, params.slug, "editor");
  const doc = loadDoc(getDb(), params.slug ?? "");
  if (!doc) throw new Response("Série introuvable", { status: 404 });
  const editing = new URL(request.url).searchParams.get("modifier") ?? "";
  const editOrg = editing.startsWith("o:") ? (doc.organisations.find((o) => o.key === editing.slice(2)) ?? null) : null;
  const editPerson = editing.startsWith("p:") ? (doc.people.find((p) => p.key === editing.slice(2)) ?? null) : null;
  return { slug: doc.slug, title: doc.title, organisations: doc.organisations, people: doc.people, editOrg, editPerson };
}

type Result = { form: "org" | "person" | "remove"; problems: { path: string; message: string }[]; values: Record<string, string> };

/** The list with `entry` in place of the one keyed `editKey`, or added at its end under a new key made from `name`. */
function place<T extends { key: string }>(
  db: AppDatabase,
  table: "organisations" | "people",
  list: T[],
  editKey: string | undefined,
  entry: Omit<T, "key">,
  name: string,
) {
  const index = editKey ? list.findIndex((x) => x.key === editKey) : list.length;
  const key = editKey ?? uniqueKey(name, [...directoryKeys(db, table), ...list.map((x) => x.key)]);
  const next = [...list];
  next[index] = { key, ...entry } as T;
  return { list: next, index };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { me, db, doc, form, intent } = await readSeriesEditorPost(request, params.slug, "editor");
  const s = (n: string) => String(form.get(n) ?? "").trim() || undefined;
  const values = echoFormValues(form);
  const editKey = s("key");
  let next: SeriesDoc = doc;
  let path = "";
  if (intent === "org") {
    const org = {
      name: s("oName") ?? "",
      shortName: s("oShortName"),
      role: (s("oRole") ?? "contributor") as "organiser",
      address: s("oAddress"),
      phone: s("oPhone"),
      email: s("oEmail"),
      website: s("oWebsite"),
    };
    const placed = place(db, "organisations", doc.organisations, editKey, org, org.name || "structure");
    next = { ...doc, organisations: placed.list };
    path = `organisations[${placed.index}]`;
  } else if (intent === "person") {
    const person = { name: s("pName") ?? "", role: s("pRole"), organisation: s("pOrganisation"), bio: s("pBio") };
    const placed = place(db, "people", doc.people, editKey, person, person.name || "personne");
    next = { ...doc, people: placed.list };
    path = `people[${placed.index}]`;
  } else if (intent === "org-remove") next = { ...doc, organisations: doc.organisations.filter((o) => o.key !== editKey) };
  else if (intent === "person-remove") next = { ...doc, people: doc.people.filter((p) => p.key !== editKey) };
  const r = saveDoc(db, me, next, nowIso(), "update", { part: intent, key: editKey });
  if (!r.ok) {
    const prefix = intent === "org" ? "o" : "p";
    const own = path ? problemsUnder(r.problems, path) : {};
    const problems = [
      ...Object.entries(own).map(([k, m]) => ({ path: `${prefix}${cap(k)}`, message: m })),
      ...r.problems.filter((p) => !path || !p.path.startsWith(path)).map((p) => ({ path: `@${p.path}`, message: p.message })),
    ];
    return data<Result>({ form: intent.endsWith("remove") ? "remove" : (intent as "org" | "person"), problems, values }, { status: 400 });
  }
  throw redirect(`/admin/series/${doc.slug}/acteurs?etat=${intent.endsWith("remove") ? "retire" : "enregistre"}`);
}

export default function Actors() {
  const { slug, title, organisations, people, editOrg, editPerson } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const errorsOf = (form: string) =>
    result?.form === form ? Object.fromEntries(result.problems.filter((p) => !p.path.startsWith("@")).map((p) => [p.path, p.message])) : {};
  const othersOf = (form: string) =>
    result?.form === form ? result.problems.filter((p) => p.path.startsWith("@")).map((p) => ({ path: p.path.slice(1), message: p.message })) : [];
  const oe = errorsOf("org");
  const pe = errorsOf("person");
  // A field's value: what was sent (after an error), else the entry being edited ("oShortName" → shortName).
  const valueOf = (form: string, editing: object | null) => (n: string) =>
    result?.form === form ? result.values[n] : ((editing as Record<string, string | null> | null)?.[n.slice(1, 2).toLowerCase() + n.slice(2)] ?? "");
  const ov = valueOf("org", editOrg);
  const pv = valueOf("person", editPerson);
  const orgOptions: [string, string][] = [["", "—"], ...organisations.map((o) => [o.key, o.name] as [string, string])];
  return (
    <>
      <Breadcrumb trail={seriesTrail({ slug, title })} current="Organisations et intervenants" />
      <h1>Organisations et intervenants</h1>
      <OtherProblems problems={othersOf("remove").concat(errorsOf("remove") ? [] : [])} />

      <ActorSection
        id="structures"
        title="Structures"
        entries={organisations.map((o) => (
          <Entry key={o.key} name={o.name} edit={`o:${o.key}#form-structure`} remove={{ intent: "org-remove", key: o.key }}>
            {" "}
            <span className="muted">— {ROLES.find(([r]) => r === o.role)?.[1]}</span>
          </Entry>
        ))}
      >
        <EntryForm
          id="structure"
          intent="org"
          editing={editOrg}
          add={["Ajouter une structure", "Ajouter la structure", "Enregistrer la structure"]}
          errors={oe}
          labels={{ oName: "Nom", oEmail: "E-mail", oWebsite: "Site web", oRole: "Rôle" }}
          others={othersOf("org")}
        >
          <TextField name="oName" label="Nom de la structure" required defaultValue={ov("oName")} error={oe.oName} />
          <div className="field-row">
            <TextField name="oShortName" label="Sigle" defaultValue={ov("oShortName")} error={oe.oShortName} />
            <Select name="oRole" label="Rôle dans la série" defaultValue={ov("oRole") || "contributor"} options={ROLES} error={oe.oRole} />
          </div>
          <TextField name="oAddress" label="Adresse" defaultValue={ov("oAddress")} error={oe.oAddress} />
          <div className="field-row">
            <TextField name="oPhone" label="Téléphone" type="tel" defaultValue={ov("oPhone")} error={oe.oPhone} />
            <TextField name="oEmail" label="E-mail" type="email" defaultValue={ov("oEmail")} error={oe.oEmail} />
            <TextField name="oWebsite" label="Site web" type="url" defaultValue={ov("oWebsite")} error={oe.oWebsite} />
          </div>
        </EntryForm>
      </ActorSection>

      <ActorSection
        id="personnes"
        title="Personnes"
        entries={people.map((p) => (
          <Entry key={p.key} name={p.name} edit={`p:${p.key}#form-personne`} remove={{ intent: "person-remove", key: p.key }}>
            {p.role ? <span className="muted"> — {p.role}</span> : null}
          </Entry>
        ))}
      >
        <EntryForm
          id="personne"
          intent="person"
          editing={editPerson}
          add={["Ajouter une personne", "Ajouter la personne", "Enregistrer la personne"]}
          errors={pe}
          labels={{ pName: "Nom" }}
          others={othersOf("person")}
        >
          <TextField name="pName" label="Nom de la personne" required defaultValue={pv("pName")} error={pe.pName} />
          <TextField name="pRole" label="Fonction" defaultValue={pv("pRole")} error={pe.pRole} />
          <Select name="pOrganisation" label="Structure de la personne" defaultValue={pv("pOrganisation")} options={orgOptions} error={pe.pOrganisation} />
          <TextArea name="pBio" label="Présentation" rows={2} defaultValue={pv("pBio")} />
        </EntryForm>
      </ActorSection>
    </>
  );
}

/** One structure or person of the list: its name, what follows it, a link to edit it and a button to remove it. */
function Entry(props: { name: string; edit: string; remove: { intent: string; key: string }; children: ReactNode }) {
  return (
    <li>
      <strong>{props.name}</strong>
      {props.children}{" "}
      <Link to={`?modifier=${props.edit}`}>
        Modifier<span className="visually-hidden"> {props.name}</span>
      </Link>{" "}
      <RowAction intent={props.remove.intent} fields={{ key: props.remove.key }} label="Retirer" context={` ${props.name}`} />
    </li>
  );
}

/** The form that adds an entry or edits the one chosen: its heading, the entry's key, its problems, its fields (children) and its button. */
function EntryForm(props: {
  id: string;
  intent: string;
  editing: { key: string; name: string } | null;
  /** Heading when adding, button when adding, button when editing. */
  add: [string, string, string];
  errors: Record<string, string>;
  labels: Record<string, string>;
  others: { path: string; message: string }[];
  children: ReactNode;
}) {
  const { id, editing } = props;
  return (
    <Form method="post" noValidate className="form fieldset-box" aria-labelledby={`form-${id}`} key={editing?.key ?? `new-${id}`}>
      <h3 id={`form-${id}`}>{editing ? `Modifier ${editing.name}` : props.add[0]}</h3>
      <input type="hidden" name="intent" value={props.intent} />
      {editing ? <input type="hidden" name="key" value={editing.key} /> : null}
      <ErrorSummary errors={props.errors} labels={props.labels} id={`erreurs-${id}`} />
      <OtherProblems problems={props.others} />
      {props.children}
      <button type="submit" className="button">
        {editing ? props.add[2] : props.add[1]}
      </button>
    </Form>
  );
}

/** A section of the page: its heading, the list of its entries, then its form (children). */
function ActorSection(props: { id: string; title: string; entries: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      <ul className="directory">{props.entries}</ul>
      {props.children}
    </section>
  );
}
