// The registration questions of a series: the list (order, move, edit, remove) and the form to add or
// change one. Plain forms, no JavaScript needed; saving goes through the series file
// (app/questions/question-editor.server.ts), with a French message next to each wrong field.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Breadcrumb, seriesTrail } from "~/components/admin/Breadcrumb";
import { QuestionEditorForm, QuestionsTable } from "~/components/questions/QuestionEditor";
import { changeQuestion, questionsPage, readQuestionForm, saveQuestion, type QuestionValues } from "~/questions/question-editor.server";
import { requireSeriesRole } from "~/accounts/series-access.server";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { role } = await requireSeriesRole(request, params.slug, "editor");
  const page = questionsPage(getDb(), params.slug ?? "");
  if (!page) throw new Response("Série introuvable", { status: 404 });
  const editing = new URL(request.url).searchParams.get("modifier");
  return { ...page, editing: page.questions.find((q) => q.key === editing) ?? null, organiser: role === "organiser" };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle("Questions d’inscription", data?.series.title ?? "Série", "Organisateurs") },
];

type Result =
  | { intent: "save"; ok: true; message: string; stamp: number }
  | { intent: "save"; ok: false; errors: Record<string, string>; others: { path: string; message: string }[]; values: QuestionValues }
  | { intent: "change"; ok: boolean; message: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const { account: me } = await requireSeriesRole(request, params.slug, "editor");
  const db = getDb();
  const slug = params.slug ?? "";
  if (!questionsPage(db, slug)) throw new Response("Série introuvable", { status: 404 });
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (intent === "save") {
    const values = readQuestionForm(form);
    const r = saveQuestion(db, me, slug, values, nowIso());
    if (!r.ok) {
      const echo = { ...values, label: values.label.slice(0, 300), help: values.help.slice(0, 1000), choices: values.choices.slice(0, 7000) };
      return data<Result>({ intent, ok: false, errors: r.errors, others: r.others, values: echo }, { status: 400 });
    }
    return data<Result>({ intent, ok: true, message: r.message, stamp: Date.now() });
  }
  if (intent === "up" || intent === "down" || intent === "delete") {
    const r = changeQuestion(db, me, slug, { key: String(form.get("key") ?? ""), action: intent }, nowIso());
    return data<Result>({ intent: "change", ...r }, { status: r.ok ? 200 : 400 });
  }
  return data<Result>({ intent: "change", ok: false, message: "Action inconnue." }, { status: 400 });
}

export default function Questions() {
  const { series, questions, sessions, answerCounts, editing, organiser } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const failed = result?.intent === "save" && !result.ok ? result : null;
  const base = `/admin/series/${series.slug}/questions`;
  return (
    <>
      <Breadcrumb trail={seriesTrail(series)} current="Questions d’inscription" />
      <h1>Questions d’inscription — {series.title}</h1>
      {result?.ok ? (
        <p className="success" role="status">
          {result.message}
        </p>
      ) : null}
      {result?.intent === "change" && !result.ok ? (
        <p className="error-summary" role="alert">
          {result.message}
        </p>
      ) : null}
      <p>
        Ces questions s’ajoutent au formulaire d’inscription public. Les réponses apparaissent dans la{" "}
        {organiser ? <Link to={`/admin/series/${series.slug}/inscrits`}>liste des inscrits</Link> : "liste des inscrits"} et son export CSV. Modifier ou
        supprimer une question garde les réponses déjà reçues, telles qu’elles ont été données.
      </p>
      {questions.length ? (
        <QuestionsTable questions={questions} sessions={sessions} answerCounts={answerCounts} base={base} />
      ) : (
        <p className="notice">Aucune question pour le moment : le formulaire ne demande que les informations habituelles.</p>
      )}
      <QuestionEditorForm
        key={editing?.key ?? (result?.intent === "save" && result.ok ? result.stamp : "nouvelle")}
        editing={editing}
        sessions={sessions}
        failed={failed}
        answers={editing ? (answerCounts[editing.key] ?? 0) : 0}
        base={base}
      />
    </>
  );
}
