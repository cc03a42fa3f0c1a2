// A participant's personal space, opened by the link of their emails (no account, no password):
// their registrations and statuses; add sessions; cancel one or all; download or erase their data;
// stop news; revoke their links.
import { MyAnswers } from "~/components/personal-space/MyAnswers";
import { participantAnswers } from "~/questions/questions.server";
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { eraseParticipant, participantByToken, personalSpace, revokeLinks, setMinutesConsent, stopNews } from "~/registration/participants.server";
import { cancelRegistrations, register } from "~/registration/registrations.server";
import { registrationOptions } from "~/registration/registration-view.server";
import { reservedResources } from "~/resources/reserved-resources.server";
import { AddSessions } from "~/components/personal-space/AddSessions";
import { MyData } from "~/components/personal-space/MyData";
import { CheckInCodes } from "~/components/personal-space/CheckInCodes";
import { personalCheckIns } from "~/check-in/personal-check-ins.server";
import { RegistrationItem } from "~/components/personal-space/RegistrationItem";
import { readParticipation } from "~/registration/registration-form.server";
import { ResourceList } from "~/components/Resources";
import formsCss from "~/styles/forms.css?url";
import { getDb } from "~/utils/db.server";
import { DEFAULT_ZONE, formatDay, fromUtcIso } from "~/utils/dates.server";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";
import { kickScheduler } from "~/server/runtime.server";
import { participantSurveys } from "~/surveys/survey-answers.server";
import { surveyPath } from "~/surveys/survey-shape";
import { participantCertificates } from "~/certificates/certificates.server";
import { MyCertificates } from "~/components/personal-space/MyCertificates";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: formsCss }];
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store", "Referrer-Policy": "same-origin", "X-Robots-Tag": "noindex" });
export const meta: MetaFunction = () => [{ title: pageTitle("Mon espace") }, { name: "robots", content: "noindex" }];

function invalidLink(): never {
  throw new Response("Lien invalide", { status: 404, statusText: "Lien personnel invalide" });
}

export async function loader({ params }: LoaderFunctionArgs) {
  const db = getDb();
  const participant = participantByToken(db, params.token ?? "");
  if (!participant) invalidLink();
  const now = nowIso();
  const series = personalSpace(db, participant.id, now);
  const answers = participantAnswers(db, participant.id);
  // Sessions of the same series still open and not chosen yet, to add in one click.
  const addable = series.map((s) => {
    const options = registrationOptions(db, s.slug, now, { openOnly: true });
    const taken = new Set(s.registrations.filter((r) => r.status !== "cancelled").map((r) => r.sessionId));
    return { seriesId: s.id, options: (options?.options ?? []).filter((o) => !o.closed && !taken.has(o.id)) };
  });
  return {
    person: {
      firstName: participant.firstName,
      lastName: participant.lastName,
      email: participant.email,
      newsConsent: participant.newsConsent,
      minutesConsentSince: participant.minutesConsentAt ? formatDay(fromUtcIso(participant.minutesConsentAt, DEFAULT_ZONE)) : null,
    },
    series: series.map((s) => ({
      ...s,
      addable: addable.find((a) => a.seriesId === s.id)?.options ?? [],
      // The person's answers to the organisers' questions (app/questions/).
      answers: answers.filter((a) => a.seriesId === s.id).map(({ label, answer }) => ({ label, answer })),
    })),
    surveys: participantSurveys(db, participant.id, now),
    // The person's check-in codes for the sessions they come to on site (app/check-in/).
    checkIns: personalCheckIns(db, participant.id, now),
    // Attendance certificates: each session where the person was présent·e, in a series that offers them.
    certificates: participantCertificates(db, participant.id),
    // Resource library: what only the registrants of the person's series may see, through the library's query
    // (app/resources/library-query.server.ts), kept per set of series (app/resources/reserved-resources.server.ts).
    reserved: reservedResources(db, participant.id, params.token!),
  };
}

type Result = { message: string; tone?: "ok" | "error" };

export async function action({ params, request }: ActionFunctionArgs) {
  const db = getDb();
  const participant = participantByToken(db, params.token ?? "");
  if (!participant) invalidLink();
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const now = nowIso();
  switch (intent) {
    case "cancel": {
      const id = Number(form.get("registration"));
      const r = cancelRegistrations(db, { participantId: participant.id, registrationIds: Number.isInteger(id) ? [id] : [], nowIso: now });
      if (r.promoted.length) kickScheduler();
      return data<Result>(
        r.cancelled.length
          ? { message: "Votre inscription est annulée. Merci d’avoir libéré votre place." }
          : { message: "Cette inscription ne peut plus être annulée.", tone: "error" },
      );
    }
    case "cancel-all": {
      const r = cancelRegistrations(db, { participantId: participant.id, nowIso: now });
      if (r.promoted.length) kickScheduler();
      return data<Result>({ message: r.cancelled.length ? `${r.cancelled.length} inscription(s) annulée(s).` : "Aucune inscription à venir à annuler." });
    }
    case "add": {
      const seriesId = Number(form.get("series"));
      const ids = form.getAll("sessions").map(Number).filter(Number.isInteger);
      if (!ids.length) return data<Result>({ message: "Cochez au moins une rencontre à ajouter.", tone: "error" }, { status: 400 });
      const r = register(db, {
        seriesId,
        sessionIds: ids,
        participant: {
          firstName: participant.firstName,
          lastName: participant.lastName,
          email: participant.email,
          organisation: participant.organisation,
          jobTitle: participant.jobTitle,
          structureType: participant.structureType,
          territory: participant.territory,
          newsConsent: participant.newsConsent,
        },
        nowIso: now,
        participation: Object.fromEntries(Object.entries(readParticipation(form)).map(([id, p]) => [Number(id), p])),
      });
      if (!r.ok) return data<Result>({ message: r.errors.sessions ?? r.errors.participation ?? "Inscription impossible.", tone: "error" }, { status: 400 });
      if (r.confirmationId) kickScheduler();
      return data<Result>({
        message: `Ajouté : ${r.created.map((c) => `RDV #${c.number} (${c.status === "confirmed" ? "confirmée" : "liste d’attente"})`).join(", ")}. Un e-mail de confirmation suit.`,
      });
    }
    case "stop-news":
      stopNews(db, participant.id, now);
      return data<Result>({ message: "C’est noté : vous ne recevrez plus d’informations sur les prochaines séries." });
    case "minutes-consent": {
      const consent = form.get("consent") === "oui";
      setMinutesConsent(db, participant.id, consent, now);
      return data<Result>({
        message: consent
          ? "C’est noté : votre nom et votre structure pourront figurer dans les comptes rendus publiés des rencontres."
          : "C’est noté : votre nom ne figurera plus dans les comptes rendus publiés ; vous y serez seulement compté·e.",
      });
    }
    case "revoke":
      revokeLinks(db, participant.id, now);
      // This link is dead now: the space cannot be shown again.
      throw redirect("/moi?etat=liens-desactives");
    case "erase": {
      if (form.get("confirm") !== "oui")
        return data<Result>({ message: "Cochez la case de confirmation pour effacer vos données.", tone: "error" }, { status: 400 });
      eraseParticipant(db, participant.id, now);
      kickScheduler();
      throw redirect("/moi?etat=donnees-effacees");
    }
    default:
      return data<Result>({ message: "Action inconnue.", tone: "error" }, { status: 400 });
  }
}

export default function PersonalSpace() {
  const { person, series, reserved, surveys, certificates, checkIns } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const { token } = useParams();
  const messageRef = useRef<HTMLDivElement>(null);
  // After an action, focus its result: the button pressed may be gone (a cancelled registration loses its
  // "Annuler" button), which would leave focus on <body>, and the message is read at once.
  useEffect(() => {
    if (result) messageRef.current?.focus();
  }, [result]);
  return (
    <>
      <h1>Mon espace</h1>
      <p>
        {person.firstName} {person.lastName} — {person.email}
      </p>
      {result ? (
        <div
          className={result.tone === "error" ? "error-summary" : "success"}
          role={result.tone === "error" ? "alert" : "status"}
          tabIndex={-1}
          ref={messageRef}
        >
          <p>{result.message}</p>
        </div>
      ) : null}
      {series.length ? null : <p>Vous n’avez aucune inscription.</p>}
      <CheckInCodes codes={checkIns} />
      {series.map((s) => (
        <section key={s.id} aria-labelledby={`serie-${s.id}`}>
          <h2 id={`serie-${s.id}`}>
            <Link to={`/series/${s.slug}`}>{s.title}</Link>
          </h2>
          <ul className="space-list">
            {s.registrations.map((r) => (
              <RegistrationItem key={r.id} slug={s.slug} r={r} />
            ))}
          </ul>
          <MyAnswers answers={s.answers} />
          {s.addable.length ? <AddSessions s={s} /> : null}
        </section>
      ))}

      {reserved.length ? (
        <section aria-labelledby="ressources-reservees">
          <h2 id="ressources-reservees">Ressources réservées aux inscrits</h2>
          <p>Enregistrements et documents de vos séries, réservés aux personnes inscrites : merci de ne pas les diffuser.</p>
          <ResourceList resources={reserved} />
        </section>
      ) : null}

      {surveys.length ? (
        <section aria-labelledby="questionnaires">
          <h2 id="questionnaires">Questionnaires de satisfaction</h2>
          <ul>
            {surveys.map((q) => (
              <li key={q.id}>
                <Link to={surveyPath(token!, q.id)}>Donner mon avis sur {q.label}</Link> ({q.state})
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <MyCertificates token={token!} certificates={certificates} />

      <MyData token={token} person={person} series={series} />
    </>
  );
}
