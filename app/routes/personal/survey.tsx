// A satisfaction survey answered through the personal link (no account): open from the session's end
// until the survey closes, once per person (a named survey's answers stay editable until then; an
// anonymous one's cannot be, since nothing links them to the person any more). Works without JavaScript.
import { data, type ActionFunctionArgs, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { SurveyForm, type SurveyValues } from "~/components/survey/SurveyForm";
import { participantByToken } from "~/registration/participants.server";
import { readAnswers, submitAnswers, surveyForAnswer } from "~/surveys/survey-answers.server";
import { answerField, type Answers, type SurveyQuestion } from "~/surveys/survey-shape";
import formsCss from "~/styles/forms.css?url";
import { getDb } from "~/utils/db.server";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: formsCss }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store", "Referrer-Policy": "same-origin", "X-Robots-Tag": "noindex" });
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle(data ? `Votre avis : RDV #${data.survey.session.number}` : "Questionnaire") },
  { name: "robots", content: "noindex" },
];

function find(token: string | undefined, id: string | undefined) {
  const db = getDb();
  const participant = participantByToken(db, token ?? "");
  const survey = participant && /^\d{1,9}$/.test(id ?? "") ? surveyForAnswer(db, participant.id, Number(id), nowIso()) : null;
  if (!participant || !survey) throw new Response("Questionnaire introuvable", { status: 404, statusText: "Questionnaire introuvable" });
  return { db, participant, survey };
}

const valuesOf = (answers: Answers | null): SurveyValues =>
  Object.fromEntries(Object.entries(answers ?? {}).map(([id, v]) => [answerField(Number(id)), Array.isArray(v) ? v : String(v)]));

function echo(questions: SurveyQuestion[], form: FormData): SurveyValues {
  return Object.fromEntries(
    questions.map((q) => {
      const name = answerField(q.id);
      return [name, q.type === "multiple" ? form.getAll(name).map((v) => String(v).slice(0, 500)) : String(form.get(name) ?? "").slice(0, 6_000)];
    }),
  );
}

export async function loader({ params }: LoaderFunctionArgs) {
  const { survey } = find(params.token, params.id);
  return { survey: { ...survey, previous: null }, values: valuesOf(survey.previous) };
}

type Result = { ok: true; message: string } | { ok: false; message?: string; errors: Record<string, string>; values: SurveyValues };

const REFUSALS = {
  closed: "Ce questionnaire est clos : il n’est plus possible d’y répondre.",
  "not-yet": "Ce questionnaire s’ouvrira à la fin de la rencontre.",
  answered: "Vous avez déjà répondu à ce questionnaire anonyme : vos réponses ne peuvent plus être modifiées.",
  unknown: "Ce questionnaire n’est plus disponible.",
} as const;

export async function action({ params, request }: ActionFunctionArgs) {
  const { db, participant, survey } = find(params.token, params.id);
  const form = await request.formData();
  const { answers, errors } = readAnswers(survey.questions, form);
  if (Object.keys(errors).length) return data<Result>({ ok: false, errors, values: echo(survey.questions, form) }, { status: 400 });
  const outcome = submitAnswers(db, { participantId: participant.id, surveyId: survey.surveyId, answers, nowIso: nowIso() });
  if (!outcome.ok) return data<Result>({ ok: false, message: REFUSALS[outcome.reason], errors: {}, values: echo(survey.questions, form) }, { status: 409 });
  return data<Result>({ ok: true, message: outcome.updated ? "Vos réponses sont modifiées. Merci !" : "Merci, vos réponses sont enregistrées !" });
}

export default function SurveyPage() {
  const { survey, values } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const busy = useNavigation().state === "submitting";
  const { token } = useParams();
  const messageRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (result && (result.ok || result.message)) messageRef.current?.focus();
    else if (result) document.getElementById("erreurs")?.focus();
  }, [result]);
  const open = survey.state === "open";
  return (
    <>
      <p>
        <Link to={`/moi/${token}`}>← Mon espace</Link>
      </p>
      <h1>
        Votre avis sur la rencontre RDV #{survey.session.number} — {survey.session.title}
      </h1>
      <p className="lead">
        {survey.series.title} · {survey.session.when}
      </p>
      {result && (result.ok || result.message) ? (
        <div className={result.ok ? "success" : "error-summary"} role={result.ok ? "status" : "alert"} tabIndex={-1} ref={messageRef}>
          <p>{result.message}</p>
        </div>
      ) : null}
      {survey.state === "closed" ? (
        <p className="notice">Ce questionnaire est clos depuis le {survey.closes} : il n’est plus possible d’y répondre. Merci !</p>
      ) : null}
      {survey.state === "not-yet" ? <p className="notice">Ce questionnaire s’ouvrira à la fin de la rencontre.</p> : null}
      {survey.state === "answered-anonymous" ? (
        <p className="notice">
          Vous avez répondu à ce questionnaire anonyme. Vos réponses ne sont reliées à votre nom nulle part : c’est pourquoi elles ne peuvent plus être
          modifiées.
        </p>
      ) : null}
      {open ? (
        <>
          {survey.intro ? survey.intro.split(/\n{2,}/).map((p, i) => <p key={i}>{p}</p>) : null}
          <p>
            {survey.anonymous
              ? "Ce questionnaire est anonyme : vos réponses ne seront reliées à votre nom nulle part, ni dans la base de données ni dans les exports. Une fois envoyées, elles ne pourront donc plus être modifiées."
              : `Vos réponses sont modifiables jusqu’au ${survey.closes}.`}{" "}
            {survey.anonymous ? `Vous pouvez répondre jusqu’au ${survey.closes}.` : null}
          </p>
          {survey.submitted && !result ? <p className="success">Vous avez déjà répondu : vous pouvez modifier vos réponses ci-dessous.</p> : null}
          <SurveyForm
            questions={survey.questions}
            values={result && !result.ok ? result.values : values}
            errors={result && !result.ok ? result.errors : {}}
            submitLabel={survey.submitted ? "Modifier mes réponses" : "Envoyer mes réponses"}
            busy={busy}
          />
        </>
      ) : null}
    </>
  );
}
