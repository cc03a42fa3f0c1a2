// A participant's personal space, opened by the link of their emails (no account, no password):
// their registrations and statuses; add sessions; cancel one or all; download or erase their data;
// stop news; revoke their links.
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { eraseParticipant, participantByToken, personalSpace, revokeLinks, stopNews } from "~/models/participants.server";
import { cancelRegistrations, register, registrationOptions } from "~/models/registrations.server";
import { personalBase, visibleResources } from "~/models/resources.server";
import { ConfirmAction } from "~/components/ConfirmAction";
import { ParticipationChoice } from "~/components/RegistrationFields";
import { readParticipation } from "~/models/registration-form.server";
import { ResourceList } from "~/components/Resources";
import formsCss from "~/styles/forms.css?url";
import { getDb } from "~/utils/db.server";
import { PARTICIPATION_LABELS } from "~/utils/formats";
import { MODE_LABELS } from "~/utils/labels";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";
import { kickScheduler } from "~/utils/runtime.server";

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
  // Sessions of the same series still open and not chosen yet, to add in one click.
  const addable = series.map((s) => {
    const options = registrationOptions(db, s.slug, now);
    const taken = new Set(s.registrations.filter((r) => r.status !== "cancelled").map((r) => r.sessionId));
    return { seriesId: s.id, options: (options?.options ?? []).filter((o) => !o.closed && !taken.has(o.id)) };
  });
  return {
    person: { firstName: participant.firstName, lastName: participant.lastName, email: participant.email, newsConsent: participant.newsConsent },
    series: series.map((s) => ({ ...s, addable: addable.find((a) => a.seriesId === s.id)?.options ?? [] })),
    // Resource library: what only the registrants of the person's series may see (app/models/resources.server.ts).
    reserved: visibleResources(db, { kind: "participant", participantId: participant.id }, { registrantsOnly: true }, personalBase(params.token!)),
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
      return data<Result>(r.cancelled.length ? { message: "Votre inscription est annulée. Merci d’avoir libéré votre place." } : { message: "Cette inscription ne peut plus être annulée.", tone: "error" });
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
      return data<Result>({ message: `Ajouté : ${r.created.map((c) => `RDV #${c.number} (${c.status === "confirmed" ? "confirmée" : "liste d’attente"})`).join(", ")}. Un e-mail de confirmation suit.` });
    }
    case "stop-news":
      stopNews(db, participant.id, now);
      return data<Result>({ message: "C’est noté : vous ne recevrez plus d’informations sur les prochaines séries." });
    case "revoke":
      revokeLinks(db, participant.id, now);
      // This link is dead now: the space cannot be shown again.
      throw redirect("/moi?etat=liens-desactives");
    case "erase": {
      if (form.get("confirm") !== "oui") return data<Result>({ message: "Cochez la case de confirmation pour effacer vos données.", tone: "error" }, { status: 400 });
      eraseParticipant(db, participant.id, now);
      kickScheduler();
      throw redirect("/moi?etat=donnees-effacees");
    }
    default:
      return data<Result>({ message: "Action inconnue.", tone: "error" }, { status: 400 });
  }
}

const STATUS: Record<string, string> = { confirmed: "Confirmée", waiting: "Liste d’attente", cancelled: "Annulée" };

/** A registration's line: a cancelled session is never "Confirmée"; a postponed one says so. */
function statusText(r: { status: string; sessionStatus: string; waitingPosition: number | null; past: boolean }): string {
  if (r.sessionStatus === "cancelled") return "Rencontre annulée";
  const own = `${STATUS[r.status]}${r.waitingPosition ? ` (position ${r.waitingPosition})` : ""}`;
  if (r.sessionStatus === "postponed") return `${own} — rencontre reportée, la nouvelle date vous sera annoncée par e-mail`;
  return `${own}${r.past ? " — rencontre passée" : ""}`;
}

/** What can still be cancelled: a live registration of a session that is neither over nor cancelled. */
const cancellable = (r: { status: string; sessionStatus: string; past: boolean }) => r.status !== "cancelled" && r.sessionStatus !== "cancelled" && !r.past;

export default function PersonalSpace() {
  const { person, series, reserved } = useLoaderData<typeof loader>();
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
        <div className={result.tone === "error" ? "error-summary" : "success"} role={result.tone === "error" ? "alert" : "status"} tabIndex={-1} ref={messageRef}>
          <p>{result.message}</p>
        </div>
      ) : null}
      {series.length ? null : <p>Vous n’avez aucune inscription.</p>}
      {series.map((s) => (
        <section key={s.id} aria-labelledby={`serie-${s.id}`}>
          <h2 id={`serie-${s.id}`}>
            <Link to={`/series/${s.slug}`}>{s.title}</Link>
          </h2>
          <ul className="space-list">
            {s.registrations.map((r) => (
              <li key={r.id}>
                <p>
                  <strong>
                    RDV #{r.number} — <Link to={`/series/${s.slug}/sessions/${r.sessionSlug}`}>{r.title}</Link>
                  </strong>
                  <br />
                  {r.when}
                  <br />
                  Statut : {statusText(r)}
                  {r.mode === "hybrid" ? ` · ${PARTICIPATION_LABELS[r.participation]}` : ""}
                </p>
                {r.codes ? (
                  <div className="codes" aria-label={`Codes d’accès du RDV #${r.number}`}>
                    <p>
                      <strong>Codes d’accès</strong> — connectez-vous 10 minutes avant le début.
                    </p>
                    {r.codes.joinUrl ? (
                      <p>
                        <a className="button" href={r.codes.joinUrl} rel="noopener noreferrer">
                          Rejoindre la réunion{r.codes.provider ? ` ${r.codes.provider}` : ""}
                        </a>
                      </p>
                    ) : null}
                    <dl className="codes-list">
                      {r.codes.meetingId ? (
                        <div>
                          <dt>ID de réunion</dt>
                          <dd>{r.codes.meetingId}</dd>
                        </div>
                      ) : null}
                      {r.codes.passcode ? (
                        <div>
                          <dt>Code secret</dt>
                          <dd>{r.codes.passcode}</dd>
                        </div>
                      ) : null}
                      {r.codes.dialIn.map((d) => (
                        <div key={d.number}>
                          <dt>Téléphone — {d.label}</dt>
                          <dd>
                            <a href={`tel:${d.oneTap.replace(/#/g, "%23")}`}>{d.number}</a> (un seul geste : {d.oneTap})
                          </dd>
                        </div>
                      ))}
                    </dl>
                    {r.codes.instructions ? <p>{r.codes.instructions}</p> : null}
                  </div>
                ) : null}
                {r.practical ? (
                  <div className="codes" aria-label={`Informations pratiques du RDV #${r.number}`}>
                    <p>
                      <strong>Informations pratiques</strong> — vous venez sur place.
                    </p>
                    <dl className="codes-list">
                      {(
                        [
                          ["Lieu", r.practical.name],
                          ["Adresse", r.practical.address],
                          ["Accès", r.practical.instructions],
                          ["Accessibilité", r.practical.accessibility],
                          ["Contact le jour même", r.practical.contact],
                        ] as const
                      )
                        .filter(([, value]) => value)
                        .map(([label, value]) => (
                          <div key={label}>
                            <dt>{label}</dt>
                            <dd>{value}</dd>
                          </div>
                        ))}
                    </dl>
                  </div>
                ) : null}
                {cancellable(r) ? (
                  <ConfirmAction
                    label="Annuler ma venue"
                    labelSuffix={` au RDV #${r.number}`}
                    question={
                      r.status === "waiting"
                        ? `Quitter la liste d’attente du RDV #${r.number} (${r.when})\u00a0? Vous ne serez plus prévenu·e si une place se libère.`
                        : `Annuler votre venue au RDV #${r.number} (${r.when})\u00a0? Votre place ira à la première personne en liste d’attente\u00a0; vous pourrez vous réinscrire tant qu’il reste des places.`
                    }
                    confirm="Oui, annuler ma venue"
                    fields={{ intent: "cancel", registration: r.id }}
                  />
                ) : null}
              </li>
            ))}
          </ul>
          {s.addable.length ? (
            <Form method="post" className="form">
              <input type="hidden" name="intent" value="add" />
              <input type="hidden" name="series" value={s.id} />
              <fieldset className="field choices">
                <legend>Ajouter une rencontre de cette série</legend>
                <ul className="choice-list">
                  {s.addable.map((o) => (
                    <li key={o.id}>
                      <input type="checkbox" name="sessions" value={o.id} id={`ajout-${o.id}`} />
                      <label htmlFor={`ajout-${o.id}`}>
                        RDV #{o.number} — {o.title}
                      </label>
                      <span className="choice-info">
                        {o.when} · {MODE_LABELS[o.mode]} · {o.seatsLeft === 0 ? "complet : liste d’attente" : "places disponibles"}
                      </span>
                      <ParticipationChoice option={o} idPrefix="ajout" />
                    </li>
                  ))}
                </ul>
              </fieldset>
              <button type="submit" className="button">
                Ajouter
              </button>
            </Form>
          ) : null}
        </section>
      ))}

      {reserved.length ? (
        <section aria-labelledby="ressources-reservees">
          <h2 id="ressources-reservees">Ressources réservées aux inscrits</h2>
          <p>Enregistrements et documents de vos séries, réservés aux personnes inscrites : merci de ne pas les diffuser.</p>
          <ResourceList resources={reserved} />
        </section>
      ) : null}

      <section aria-labelledby="mes-donnees">
        <h2 id="mes-donnees">Mes données</h2>
        <ul className="actions-list">
          <li>
            <a href={`/moi/${token}/donnees.json`} download>
              Télécharger mes données (JSON)
            </a>
          </li>
        </ul>
        {series.some((s) => s.registrations.some(cancellable)) ? (
          <ConfirmAction
            label="Annuler toutes mes inscriptions à venir"
            question="Toutes vos inscriptions aux rencontres à venir seront annulées et vos places libérées. Les rencontres passées et leurs ressources restent dans votre espace."
            confirm="Oui, tout annuler"
            fields={{ intent: "cancel-all" }}
          />
        ) : null}
        {person.newsConsent ? (
          <Form method="post">
            <input type="hidden" name="intent" value="stop-news" />
            <button type="submit" className="button-secondary">
              Ne plus recevoir d’informations sur les prochaines séries
            </button>
          </Form>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="revoke" />
          <button type="submit" className="button-secondary">
            Désactiver tous mes liens personnels
          </button>
        </Form>
        <Form method="post" className="danger">
          <input type="hidden" name="intent" value="erase" />
          <h3>Effacer mes données</h3>
          <p>Vos inscriptions à venir seront annulées et vos nom, adresse et structure effacés. Cette action est définitive.</p>
          <div className="field check">
            <input type="checkbox" id="confirm-erase" name="confirm" value="oui" />
            <label htmlFor="confirm-erase">Je confirme vouloir effacer mes données</label>
          </div>
          <button type="submit" className="button-danger">
            Effacer mes données
          </button>
        </Form>
      </section>
    </>
  );
}
