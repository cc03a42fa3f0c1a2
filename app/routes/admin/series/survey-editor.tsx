// A session's satisfaction survey in the back-office: settings (anonymity, delay after the end,
// closing date, introduction), questions (add, change, move, remove), and where it stands (when it
// leaves, to whom, or why it will not). Every change is audited; works without JavaScript.
import { data, type ActionFunctionArgs, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { DateTime } from "luxon";
import { Breadcrumb, seriesTrail } from "~/components/admin/Breadcrumb";
import { NEW_PREFIX, NewQuestionForm, QuestionItem, SettingsForm, SurveyStatus, questionPrefix, type Echo } from "~/components/survey/SurveyEditor";
import { sessionByNumber } from "~/attendance/attendance.server";
import { requireSeriesRole } from "~/accounts/series-access.server";
import { findSeries } from "~/series/series-lookup.server";
import { formatInstant } from "~/surveys/survey-answers.server";
import { closingDate, readQuestion, readSettings } from "~/surveys/survey-form.server";
import { surveyDueAt } from "~/surveys/survey-planner.server";
import {
  addQuestion,
  deleteQuestion,
  moveQuestion,
  saveSettings,
  surveyOfSession,
  surveyQuestions,
  surveyState,
  updateQuestion,
} from "~/surveys/surveys.server";
import formsCss from "~/styles/forms.css?url";
import { getDb } from "~/utils/db.server";
import { formatSessionWhen } from "~/utils/dates.server";
import { echoFormValues } from "~/utils/form-echo.server";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: formsCss }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(`Questionnaire RDV #${data?.session.number ?? ""}`, data?.series.title ?? "Série", "Organisateurs") },
];

function findSession(slug: string | undefined, number: string | undefined) {
  const db = getDb();
  const series = findSeries(db, slug ?? "", "organiser");
  if (!series) throw new Response("Série introuvable", { status: 404 });
  const session = /^\d{1,6}$/.test(number ?? "") ? sessionByNumber(db, series.id, Number(number)) : null;
  if (!session) throw new Response("Rencontre introuvable", { status: 404 });
  return { db, series, session };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireSeriesRole(request, params.slug, "editor");
  const { db, series, session } = findSession(params.slug, params.number);
  const survey = surveyOfSession(db, session.id);
  const zone = series.timezone;
  const state = survey ? surveyState(db, survey, session, zone, nowIso()) : null;
  const defaultCloses = DateTime.fromISO(session.endsAt, { zone: "utc" }).setZone(zone).plus({ days: 15 }).toISODate() ?? "";
  return {
    series: { slug: series.slug, title: series.title },
    session: { number: session.number, title: session.title, when: formatSessionWhen(session.startsAt, session.endsAt, zone) },
    exists: Boolean(survey),
    settings: {
      anonymous: survey?.anonymous ? "oui" : "",
      delay: String(survey?.delay ?? 1),
      delayUnit: survey?.delayUnit ?? "days",
      closes: survey ? closingDate(survey.closesAt, zone) : defaultCloses,
      intro: survey?.intro ?? "",
    },
    state: state && { ...state, dueAt: formatInstant(state.dueAt, zone) },
    questions: survey ? surveyQuestions(db, survey.id) : [],
  };
}

type Result = { ok: true; message: string } | { ok: false; message: string; target: string; echo: Echo };

export async function action({ request, params }: ActionFunctionArgs) {
  const { account } = await requireSeriesRole(request, params.slug, "editor");
  const { db, series, session } = findSession(params.slug, params.number);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const now = nowIso();
  const refuse = (target: string, errors: Record<string, string>, message = "Certaines valeurs sont à corriger.") =>
    data<Result>({ ok: false, message, target, echo: { values: echoFormValues(form), errors } }, { status: 400 });
  if (intent === "settings") {
    const read = readSettings(form, series.timezone, (delay, unit) => surveyDueAt(session.endsAt, series.timezone, delay, unit));
    if (!read.ok) return refuse("settings", read.errors);
    const saved = saveSettings(db, { sessionId: session.id, input: read.value, accountId: account.id, nowIso: now });
    if (!saved.ok) return refuse("settings", saved.errors);
    return data<Result>({ ok: true, message: "Réglages enregistrés." });
  }
  const survey = surveyOfSession(db, session.id);
  if (!survey)
    return data<Result>(
      { ok: false, message: "Enregistrez d’abord les réglages du questionnaire.", target: "", echo: { values: {}, errors: {} } },
      { status: 400 },
    );
  if (intent === "add") {
    const read = readQuestion(form, NEW_PREFIX);
    if (!read.ok) return refuse("add", read.errors);
    addQuestion(db, { surveyId: survey.id, input: read.value, accountId: account.id, nowIso: now });
    return data<Result>({ ok: true, message: "Question ajoutée." });
  }
  const questionId = Number(form.get("question"));
  if (!Number.isInteger(questionId))
    return data<Result>({ ok: false, message: "Question inconnue.", target: "", echo: { values: {}, errors: {} } }, { status: 400 });
  const target = `q${questionId}`;
  if (intent === "update") {
    const prefix = questionPrefix(questionId);
    const read = readQuestion(form, prefix);
    if (!read.ok) return refuse(target, read.errors);
    const refused = updateQuestion(db, { surveyId: survey.id, questionId, input: read.value, accountId: account.id, nowIso: now });
    if (refused) return refuse(target, { [`${prefix}type`]: refused.type });
    return data<Result>({ ok: true, message: "Question enregistrée." });
  }
  if (intent === "up" || intent === "down") {
    moveQuestion(db, { surveyId: survey.id, questionId, direction: intent === "up" ? -1 : 1, accountId: account.id });
    return data<Result>({ ok: true, message: "Ordre des questions enregistré." });
  }
  if (intent === "delete") {
    const refused = deleteQuestion(db, { surveyId: survey.id, questionId, accountId: account.id });
    if (refused) return data<Result>({ ok: false, message: refused, target: "", echo: { values: {}, errors: {} } }, { status: 409 });
    return data<Result>({ ok: true, message: "Question supprimée." });
  }
  return data<Result>({ ok: false, message: "Action inconnue.", target: "", echo: { values: {}, errors: {} } }, { status: 400 });
}

export default function SurveyEditorPage() {
  const { series, session, exists, settings, state, questions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const echoFor = (target: string) => (result && !result.ok && result.target === target ? result.echo : undefined);
  return (
    <>
      <Breadcrumb
        trail={[...seriesTrail(series), { to: `/admin/series/${series.slug}/sessions/${session.number}`, label: `RDV #${session.number}` }]}
        current="Questionnaire de satisfaction"
      />
      <h1>
        Questionnaire de satisfaction — RDV #{session.number} {session.title}
      </h1>
      <p className="lead">{session.when}</p>
      {result ? (
        <p className={result.ok ? "success" : "error-summary"} role={result.ok ? "status" : "alert"}>
          {result.message}
        </p>
      ) : null}
      {state ? <SurveyStatus {...state} bilanUrl={`/admin/series/${series.slug}/bilan#questionnaire-${session.number}`} /> : null}
      <section aria-labelledby="reglages-titre">
        <h2 id="reglages-titre">Réglages</h2>
        {exists ? null : <p>Cette rencontre n’a pas encore de questionnaire : choisissez ses réglages pour le créer, puis ajoutez des questions.</p>}
        <SettingsForm current={settings} echo={echoFor("settings")} exists={exists} locked={Boolean(state?.answers)} />
      </section>
      {exists ? (
        <>
          <section aria-labelledby="questions-titre">
            <h2 id="questions-titre">Questions</h2>
            {questions.length ? (
              <ol className="survey-questions">
                {questions.map((q, i) => (
                  <QuestionItem key={q.id} q={q} n={i + 1} last={i === questions.length - 1} echo={echoFor(`q${q.id}`)} />
                ))}
              </ol>
            ) : (
              <p>Aucune question pour l’instant.</p>
            )}
          </section>
          <section aria-labelledby="ajout-titre">
            <h2 id="ajout-titre">Ajouter une question</h2>
            <NewQuestionForm echo={echoFor("add")} />
          </section>
        </>
      ) : null}
    </>
  );
}
