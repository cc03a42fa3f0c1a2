// The registration form of a series: one form, one or several sessions. Works without JavaScript
// (plain POST, the page comes back with the result or the errors); with it, no full reload.
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState, type FormEvent } from "react";
import { ErrorSummary } from "~/components/Field";
import { ConsentFields, ParticipantFields, REGISTRATION_LABELS, SessionChoices } from "~/components/RegistrationFields";
import { Breadcrumb } from "~/components/admin/Breadcrumb";
import { NewsletterConsent } from "~/components/NewsletterSubscribe";
import { requestSubscription } from "~/newsletter/subscriptions.server";
import { QuestionFields } from "~/components/QuestionFields";
import { questionField } from "~/questions/question-kinds";
import { useHydrated } from "~/components/use-hydrated";
import { checkAnswers, echoAnswers, publicQuestions, readAnswers, registerAnswering, seriesQuestions, type AnswerValues } from "~/questions/questions.server";
import { STRUCTURE_TYPE_LABELS, echoRegistrationValues, readRegistrationForm, validateRegistration, type FieldErrors, type RegistrationValues } from "~/registration/registration-form.server";
import { registrationOptions } from "~/registration/registration-view.server";
import { findSeriesId } from "~/series/series-lookup.server";
import formsCss from "~/styles/forms.css?url";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";
import { limiter, tooManyRequests } from "~/utils/rate-limit.server";
import { writeRegistrationFlash } from "~/utils/flash.server";
import { kickScheduler } from "~/server/runtime.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: formsCss }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const page = registrationOptions(getDb(), params.slug ?? "", nowIso());
  if (!page) throw new Response("Série introuvable", { status: 404 });
  const wanted = new URL(request.url).searchParams.getAll("session");
  return {
    ...page,
    preselected: page.options.filter((o) => !o.closed && wanted.includes(o.slug)).map((o) => String(o.id)),
    questions: publicQuestions(seriesQuestions(getDb(), page.series.id)),
    structureTypes: Object.entries(STRUCTURE_TYPE_LABELS),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle("Inscription", data?.series.title ?? "Série") },
  { name: "robots", content: "noindex" },
];

const LABELS: Record<keyof RegistrationValues, string> = REGISTRATION_LABELS;

type ActionResult = { ok: false; errors: FieldErrors & Record<string, string>; values: RegistrationValues; answers: AnswerValues; lettre?: boolean };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const env = getEnv();
  const db = getDb();
  const form = await request.formData();
  // Honeypot: a field people never see nor fill.
  if (String(form.get("website") ?? "") !== "") throw new Response("Requête refusée", { status: 400 });
  const ipLimit = limiter("register-ip", env.RATE_LIMIT_PER_IP, env.RATE_LIMIT_WINDOW_SECONDS);
  const ip = String((context as { clientIp?: string }).clientIp ?? "unknown");
  if (!ipLimit.hit(ip)) throw tooManyRequests(ipLimit.retryAfterSeconds(ip));

  const seriesId = findSeriesId(db, params.slug ?? "", "public");
  if (seriesId === null) throw new Response("Série introuvable", { status: 404 });
  const values = readRegistrationForm(form);
  const lettre = form.get("lettre") === "oui";
  const parsed = validateRegistration(values);
  // The organisers' questions, checked for the sessions chosen; every wrong field is reported at once.
  const questions = seriesQuestions(db, seriesId);
  const answerValues = readAnswers(form, questions);
  const checked = checkAnswers(questions, answerValues, values.sessions.map(Number));
  // In the form's order: the person, the questions, then the consent box.
  const refuse = ({ consent, ...errors }: FieldErrors) =>
    data<ActionResult>(
      {
        ok: false,
        errors: { ...errors, ...(checked.ok ? {} : checked.errors), ...(consent ? { consent } : {}) },
        values: echoRegistrationValues(values),
        answers: echoAnswers(answerValues),
        lettre,
      },
      { status: 400 },
    );
  if (!parsed.ok || !checked.ok) return refuse(parsed.ok ? {} : parsed.errors);

  const emailLimit = limiter("register-email", env.RATE_LIMIT_PER_EMAIL, env.RATE_LIMIT_WINDOW_SECONDS);
  const emailKey = parsed.participant.email.toLowerCase();
  if (!emailLimit.hit(emailKey)) throw tooManyRequests(emailLimit.retryAfterSeconds(emailKey));

  const result = registerAnswering(db, {
    seriesId,
    sessionIds: parsed.sessionIds,
    participation: parsed.participation,
    participant: parsed.participant,
    answers: checked.answers,
    nowIso: nowIso(),
  });
  if (!result.ok) return refuse(result.errors);
  // The lettre d'information: its own consent, confirmed by its own email (double opt-in).
  const letter = lettre ? requestSubscription(db, { email: parsed.participant.email, source: "registration", nowIso: nowIso() }) : null;
  if (result.confirmationId || letter !== null) kickScheduler();
  // POST → redirect → GET: the result page is a page of its own, a refresh never submits twice.
  throw redirect(`/series/${params.slug}/inscription/merci`, {
    status: 303,
    headers: {
      "Set-Cookie": await writeRegistrationFlash({
        participantId: result.participantId,
        created: result.created.map((c) => c.registrationId),
        already: result.already.map((c) => c.registrationId),
      }),
    },
  });
}

export default function Registration() {
  const { series, options, preselected, structureTypes, organisers, questions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const navigation = useNavigation();
  const errors = result?.errors ?? {};
  const values: Partial<RegistrationValues> = result?.values ?? { sessions: preselected };
  const chosen = new Set(values.sessions ?? []);
  const openOptions = options.filter((o) => !o.closed);
  // With JavaScript, the questions follow the sessions ticked (a question for RDV #2 shows when it is ticked).
  const live = useHydrated();
  const [ticked, setTicked] = useState<Set<string> | null>(null);
  const followSessions = (event: FormEvent<HTMLFormElement>) => {
    if ((event.target as HTMLInputElement).name === "sessions") setTicked(new Set(new FormData(event.currentTarget).getAll("sessions").map(String)));
  };
  const labels = { ...LABELS, ...Object.fromEntries(questions.map((q) => [questionField(q.id), q.label])) };

  useEffect(() => {
    if (result) document.getElementById("erreurs")?.focus();
  }, [result]);

  return (
    <>
      <Breadcrumb trail={[{ to: "/", label: "Rencontres" }, { to: `/series/${series.slug}`, label: series.title }]} current="Inscription" />
      <h1>Inscription</h1>
      <p className="lead">
        {series.title}. L’inscription est obligatoire
        {series.multipleSessions ? " ; vous pouvez vous inscrire à une ou plusieurs rencontres avec ce seul formulaire" : ""}.
      </p>
      {!openOptions.length ? (
        <p className="notice">Aucune rencontre de cette série n’est ouverte à l’inscription pour le moment.</p>
      ) : (
        <Form method="post" noValidate className="form" aria-describedby="champs-obligatoires" onChange={followSessions}>
          <ErrorSummary errors={errors} labels={labels} />
          <p id="champs-obligatoires">Les champs marqués « obligatoire » doivent être remplis.</p>

          <SessionChoices options={options} chosen={chosen} error={errors.sessions} legend="Rencontres choisies" participation={values?.participation} participationError={errors.participation} />

          <fieldset className="group">
            <legend>Vous</legend>
            <ParticipantFields values={values} errors={errors} structureTypes={structureTypes as [string, string][]} self />
          </fieldset>

          <QuestionFields
            questions={questions}
            values={result?.answers ?? {}}
            errors={errors}
            chosen={ticked ?? chosen}
            numbers={new Map(options.map((o) => [o.id, o.number]))}
            live={live}
          />

          <div className="honeypot" aria-hidden="true">
            <label htmlFor="champ-website">Ne remplissez pas ce champ</label>
            <input id="champ-website" type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
          </div>

          <fieldset className="group">
            <legend>Vos données</legend>
            <div className="notice privacy" id="aide-consent">
              <p>
                <strong>{organisers.map((o) => o.name).join(" et ") || "Les organisateurs de la série"}</strong> {organisers.length === 1 ? "utilise" : "utilisent"} ces informations
                pour gérer votre inscription, vous envoyer les codes d’accès et les informations pratiques des rencontres, et établir un
                bilan anonyme (nombre d’inscrits, types de structures, territoires).
              </p>
              <p>
                Elles sont conservées un an après la dernière rencontre de la série, puis effacées. Vous pouvez à tout moment les
                consulter, les télécharger, les corriger ou les effacer depuis votre espace personnel (lien dans chaque e-mail) ; vous
                pouvez aussi saisir la CNIL.
              </p>
            </div>
            <ConsentFields
              consent={values.consent}
              news={values.news}
              minutes={values.minutes}
              error={errors.consent}
              described
              consentLabel="J’accepte ce traitement de mes données pour mon inscription"
              newsLabel="Je souhaite être informé·e des prochaines séries de rencontres (facultatif)"
              minutesLabel="J’accepte que mon nom et ma structure figurent dans les comptes rendus publiés des rencontres (présent·es, excusé·es, absent·es ; facultatif : sinon je suis seulement compté·e)"
            />
            <NewsletterConsent checked={result?.lettre} />
          </fieldset>

          <p>
            <button type="submit" className="button" disabled={navigation.state === "submitting"}>
              {navigation.state === "submitting" ? "Envoi en cours…" : "Je m’inscris"}
            </button>
          </p>
        </Form>
      )}
    </>
  );
}
