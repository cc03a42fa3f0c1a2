// One programme item: times, kind, title, description, speakers (speaker, moderator, panellists —
// people or organisations of the series), and its parts (the talks of "Interventions", the round
// tables of "Tables rondes"), each with their speakers. Works without JavaScript: empty rows are
// offered for new speakers and a new part; saving adds more.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { OtherProblems, Select, TextArea } from "~/components/AdminFields";
import { ErrorSummary, TextField } from "~/components/Field";
import { loadDoc, saveDoc } from "~/models/series-editor.server";
import { problemsUnder } from "~/utils/problems";
import { requireOrganiser } from "~/utils/admin-session.server";
import { getDb } from "~/utils/db.server";
import { KIND_LABELS } from "~/utils/labels";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Programme", "Organisateurs") }];

type Speaker = { person?: string | null; organisation?: string | null; part?: "speaker" | "moderator" | "panellist" };
type Part = { kind?: string | null; title: string; description?: string | null; speakers?: Speaker[] };
type Item = Part & { start?: string | null; end?: string | null; parts?: Part[] };

function locate(params: { slug?: string; number?: string; index?: string }) {
  const doc = loadDoc(getDb(), params.slug ?? "");
  if (!doc) throw new Response("Série introuvable", { status: 404 });
  const sessionIndex = doc.sessions.findIndex((s) => String(s.number) === params.number);
  if (sessionIndex < 0) throw new Response("Rencontre introuvable", { status: 404 });
  const programme = (doc.sessions[sessionIndex].programme ?? []) as Item[];
  const itemIndex = params.index === "nouveau" ? programme.length : Number(params.index);
  if (!Number.isInteger(itemIndex) || itemIndex < 0 || itemIndex > programme.length) throw new Response("Élément introuvable", { status: 404 });
  return { doc, sessionIndex, programme, itemIndex, item: programme[itemIndex] as Item | undefined };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOrganiser(request);
  const { doc, sessionIndex, item, itemIndex } = locate(params);
  const who: [string, string][] = [
    ["", "— personne —"],
    ...doc.people.map((p) => [`p:${p.key}`, p.name] as [string, string]),
    ...doc.organisations.map((o) => [`o:${o.key}`, `${o.name} (structure)`] as [string, string]),
  ];
  return { slug: doc.slug, title: doc.title, number: doc.sessions[sessionIndex].number, sessionTitle: doc.sessions[sessionIndex].title, item: item ?? null, itemIndex, who, isNew: !item };
}

function readSpeakers(form: FormData, prefix: string): Speaker[] {
  const out: Speaker[] = [];
  for (let i = 0; i < 30; i++) {
    const who = String(form.get(`${prefix}speaker.${i}.who`) ?? "");
    if (!who) continue;
    const part = String(form.get(`${prefix}speaker.${i}.part`) ?? "speaker") as Speaker["part"];
    out.push(who.startsWith("o:") ? { organisation: who.slice(2), part } : { person: who.slice(2), part });
  }
  return out;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const me = await requireOrganiser(request);
  const { doc, sessionIndex, programme, itemIndex } = locate(params);
  const form = await request.formData();
  const str = (n: string) => String(form.get(n) ?? "").trim();
  const parts: Part[] = [];
  for (let j = 0; j < 20; j++) {
    const title = str(`part.${j}.title`);
    if (!title) continue;
    parts.push({ title, kind: str(`part.${j}.kind`) || undefined, description: str(`part.${j}.description`) || undefined, speakers: readSpeakers(form, `part.${j}.`) });
  }
  const item: Item = {
    start: str("start") || undefined,
    end: str("end") || undefined,
    kind: str("kind") || "other",
    title: str("title"),
    description: str("description") || undefined,
    speakers: readSpeakers(form, ""),
    parts,
  };
  const next = [...programme];
  next[itemIndex] = item;
  // Validated by the import (unknown kinds or speakers come back as problems with their JSON path).
  const sessions = doc.sessions.map((s, i) => (i === sessionIndex ? { ...s, programme: next as NonNullable<typeof s.programme> } : s));
  const r = saveDoc(getDb(), me, { ...doc, sessions }, nowIso(), "update", { part: "programme", session: doc.sessions[sessionIndex].number, item: itemIndex });
  if (!r.ok) return data({ problems: r.problems, item }, { status: 400 });
  if (form.get("then") === "continuer") throw redirect(`/admin/series/${doc.slug}/sessions/${doc.sessions[sessionIndex].number}/programme/${itemIndex}?etat=enregistre`);
  throw redirect(`/admin/series/${doc.slug}/sessions/${doc.sessions[sessionIndex].number}`);
}

const PARTS: [string, string][] = [
  ["speaker", "Intervenant·e"],
  ["moderator", "Animation (modérateur·rice)"],
  ["panellist", "Participant·e à la table ronde"],
];

function SpeakerRows({ prefix, speakers, who, extra }: { prefix: string; speakers: Speaker[]; who: [string, string][]; extra: number }) {
  const rows = [...speakers, ...Array.from({ length: extra }, () => ({}) as Speaker)];
  return (
    <fieldset className="fieldset-box">
      <legend>Intervenants</legend>
      {rows.map((s, i) => (
        <div className="field-row" key={i}>
          <Select
            name={`${prefix}speaker.${i}.who`}
            label={`Intervenant ${i + 1}`}
            defaultValue={s.person ? `p:${s.person}` : s.organisation ? `o:${s.organisation}` : ""}
            options={who}
          />
          <Select name={`${prefix}speaker.${i}.part`} label={`Rôle de l'intervenant ${i + 1}`} defaultValue={s.part ?? "speaker"} options={PARTS} />
        </div>
      ))}
    </fieldset>
  );
}

export default function ItemEditor() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const item: Item = result?.item ?? loaded.item ?? { title: "", kind: "talk", speakers: [], parts: [] };
  const prefix = result?.problems.find((p) => /^sessions\[\d+\]\.programme\[\d+\]/.test(p.path))?.path.match(/^sessions\[\d+\]\.programme\[\d+\]/)?.[0];
  const p = prefix && result ? problemsUnder(result.problems, prefix) : {};
  const others = result ? result.problems.filter((x) => !prefix || !x.path.startsWith(prefix)) : [];
  const errors = { title: p.title, start: p.start, end: p.end, kind: p.kind };
  return (
    <>
      <nav aria-label="Fil d'Ariane" className="breadcrumb">
        <ol>
          <li>
            <Link to="/admin/series">Séries</Link>
          </li>
          <li>
            <Link to={`/admin/series/${loaded.slug}`}>{loaded.title}</Link>
          </li>
          <li>
            <Link to={`/admin/series/${loaded.slug}/sessions/${loaded.number}`}>RDV #{loaded.number}</Link>
          </li>
          <li aria-current="page">{loaded.isNew ? "Nouvel élément" : item.title}</li>
        </ol>
      </nav>
      <h1>{loaded.isNew ? "Ajouter un élément au programme" : `Programme : ${item.title}`}</h1>
      <OtherProblems problems={others.concat(Object.entries(p).filter(([k]) => !(k in errors)).map(([k, m]) => ({ path: k, message: m })))} />
      <Form method="post" noValidate className="form">
        <ErrorSummary errors={errors} labels={{ title: "Titre", start: "Début", end: "Fin", kind: "Type" }} />
        <div className="field-row">
          <TextField name="start" label="Début" type="time" defaultValue={item.start ?? ""} error={errors.start} />
          <TextField name="end" label="Fin" type="time" defaultValue={item.end ?? ""} error={errors.end} />
          <Select name="kind" label="Type" defaultValue={item.kind ?? "talk"} options={Object.entries(KIND_LABELS)} error={errors.kind} />
        </div>
        <TextField name="title" label="Titre" required defaultValue={item.title} error={errors.title} />
        <TextArea name="description" label="Description" rows={2} defaultValue={item.description ?? ""} />
        <SpeakerRows prefix="" speakers={item.speakers ?? []} who={loaded.who} extra={2} />
        <h2>Parties</h2>
        <p className="hint">Les interventions d'un bloc « Interventions », les tables rondes d'un bloc « Tables rondes »… Une partie sans titre est ignorée.</p>
        {[...(item.parts ?? []), { title: "" } as Part].map((part, j) => (
          <fieldset className="fieldset-box" key={j}>
            <legend>{part.title ? `Partie ${j + 1} : ${part.title}` : "Nouvelle partie"}</legend>
            <div className="field-row">
              <TextField name={`part.${j}.title`} label={`Titre de la partie ${j + 1}`} defaultValue={part.title} />
              <Select name={`part.${j}.kind`} label={`Type de la partie ${j + 1}`} defaultValue={part.kind ?? ""} options={[["", "—"], ...Object.entries(KIND_LABELS)]} />
            </div>
            <TextArea name={`part.${j}.description`} label={`Description de la partie ${j + 1}`} rows={2} defaultValue={part.description ?? ""} />
            <SpeakerRows prefix={`part.${j}.`} speakers={part.speakers ?? []} who={loaded.who} extra={part.title ? 2 : 3} />
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
      <p className="hint">
        Il manque une personne ou une structure dans la liste ? <Link to={`/admin/series/${loaded.slug}/acteurs`}>Ajoutez-la aux intervenants de la série</Link>.
      </p>
    </>
  );
}
