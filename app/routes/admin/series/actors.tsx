// Organisations (organiser, support, partner, contributor, with contacts) and people of a series:
// add, edit, remove. People and organisations are shared by all series (the directory of actors).
import { Breadcrumb } from "~/components/admin/Breadcrumb";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { OtherProblems, Select, TextArea } from "~/components/AdminFields";
import { ErrorSummary, TextField } from "~/components/Field";
import { directoryKeys, loadDoc, saveDoc, uniqueKey, type SeriesDoc } from "~/series/series-editor.server";
import { problemsUnder } from "~/utils/problems";
import { requireAccount } from "~/accounts/login.server";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";
import { echoFormValues } from "~/utils/form-echo.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Organisations et intervenants", "Organisateurs") }];

const ROLES: [string, string][] = [
  ["organiser", "Organisateur"],
  ["support", "Appui"],
  ["partner", "Partenaire"],
  ["contributor", "Structure intervenante"],
];
const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAccount(request);
  const doc = loadDoc(getDb(), params.slug ?? "");
  if (!doc) throw new Response("Série introuvable", { status: 404 });
  const editing = new URL(request.url).searchParams.get("modifier") ?? "";
  const editOrg = editing.startsWith("o:") ? (doc.organisations.find((o) => o.key === editing.slice(2)) ?? null) : null;
  const editPerson = editing.startsWith("p:") ? (doc.people.find((p) => p.key === editing.slice(2)) ?? null) : null;
  return { slug: doc.slug, title: doc.title, organisations: doc.organisations, people: doc.people, editOrg, editPerson };
}

type Result = { form: "org" | "person" | "remove"; problems: { path: string; message: string }[]; values: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const me = await requireAccount(request);
  const db = getDb();
  const doc = loadDoc(db, params.slug ?? "");
  if (!doc) throw new Response("Série introuvable", { status: 404 });
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
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
    const i = editKey ? doc.organisations.findIndex((o) => o.key === editKey) : doc.organisations.length;
    const key = editKey ?? uniqueKey(org.name || "structure", [...directoryKeys(db, "organisations"), ...doc.organisations.map((o) => o.key)]);
    const list = [...doc.organisations];
    list[i] = { key, ...org };
    next = { ...doc, organisations: list };
    path = `organisations[${i}]`;
  } else if (intent === "person") {
    const person = { name: s("pName") ?? "", role: s("pRole"), organisation: s("pOrganisation"), bio: s("pBio") };
    const i = editKey ? doc.people.findIndex((p) => p.key === editKey) : doc.people.length;
    const key = editKey ?? uniqueKey(person.name || "personne", [...directoryKeys(db, "people"), ...doc.people.map((p) => p.key)]);
    const list = [...doc.people];
    list[i] = { key, ...person };
    next = { ...doc, people: list };
    path = `people[${i}]`;
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
  const ov = (n: string) =>
    result?.form === "org" ? result.values[n] : ((editOrg as Record<string, string | null> | null)?.[n.slice(1, 2).toLowerCase() + n.slice(2)] ?? "");
  const pv = (n: string) =>
    result?.form === "person" ? result.values[n] : ((editPerson as Record<string, string | null> | null)?.[n.slice(1, 2).toLowerCase() + n.slice(2)] ?? "");
  const orgOptions: [string, string][] = [["", "—"], ...organisations.map((o) => [o.key, o.name] as [string, string])];
  return (
    <>
      <Breadcrumb
        trail={[
          { to: "/admin/series", label: "Séries" },
          { to: `/admin/series/${slug}`, label: title },
        ]}
        current="Organisations et intervenants"
      />
      <h1>Organisations et intervenants</h1>
      <OtherProblems problems={othersOf("remove").concat(errorsOf("remove") ? [] : [])} />

      <section aria-labelledby="structures">
        <h2 id="structures">Structures</h2>
        <ul className="directory">
          {organisations.map((o) => (
            <li key={o.key}>
              <strong>{o.name}</strong> <span className="muted">— {ROLES.find(([r]) => r === o.role)?.[1]}</span>{" "}
              <Link to={`?modifier=o:${o.key}#form-structure`}>
                Modifier<span className="visually-hidden"> {o.name}</span>
              </Link>{" "}
              <Form method="post" className="inline-form">
                <input type="hidden" name="key" value={o.key} />
                <button type="submit" name="intent" value="org-remove" className="button-secondary">
                  Retirer<span className="visually-hidden"> {o.name}</span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
        <Form method="post" noValidate className="form fieldset-box" aria-labelledby="form-structure" key={editOrg?.key ?? "new-org"}>
          <h3 id="form-structure">{editOrg ? `Modifier ${editOrg.name}` : "Ajouter une structure"}</h3>
          <input type="hidden" name="intent" value="org" />
          {editOrg ? <input type="hidden" name="key" value={editOrg.key} /> : null}
          <ErrorSummary errors={oe} labels={{ oName: "Nom", oEmail: "E-mail", oWebsite: "Site web", oRole: "Rôle" }} id="erreurs-structure" />
          <OtherProblems problems={othersOf("org")} />
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
          <button type="submit" className="button">
            {editOrg ? "Enregistrer la structure" : "Ajouter la structure"}
          </button>
        </Form>
      </section>

      <section aria-labelledby="personnes">
        <h2 id="personnes">Personnes</h2>
        <ul className="directory">
          {people.map((p) => (
            <li key={p.key}>
              <strong>{p.name}</strong>
              {p.role ? <span className="muted"> — {p.role}</span> : null}{" "}
              <Link to={`?modifier=p:${p.key}#form-personne`}>
                Modifier<span className="visually-hidden"> {p.name}</span>
              </Link>{" "}
              <Form method="post" className="inline-form">
                <input type="hidden" name="key" value={p.key} />
                <button type="submit" name="intent" value="person-remove" className="button-secondary">
                  Retirer<span className="visually-hidden"> {p.name}</span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
        <Form method="post" noValidate className="form fieldset-box" aria-labelledby="form-personne" key={editPerson?.key ?? "new-person"}>
          <h3 id="form-personne">{editPerson ? `Modifier ${editPerson.name}` : "Ajouter une personne"}</h3>
          <input type="hidden" name="intent" value="person" />
          {editPerson ? <input type="hidden" name="key" value={editPerson.key} /> : null}
          <ErrorSummary errors={pe} labels={{ pName: "Nom" }} id="erreurs-personne" />
          <OtherProblems problems={othersOf("person")} />
          <TextField name="pName" label="Nom de la personne" required defaultValue={pv("pName")} error={pe.pName} />
          <TextField name="pRole" label="Fonction" defaultValue={pv("pRole")} error={pe.pRole} />
          <Select name="pOrganisation" label="Structure de la personne" defaultValue={pv("pOrganisation")} options={orgOptions} error={pe.pOrganisation} />
          <TextArea name="pBio" label="Présentation" rows={2} defaultValue={pv("pBio")} />
          <button type="submit" className="button">
            {editPerson ? "Enregistrer la personne" : "Ajouter la personne"}
          </button>
        </Form>
      </section>
    </>
  );
}
