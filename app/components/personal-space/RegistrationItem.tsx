// One registration in the personal space: the session, its status, the access codes or practical
// information once sent, and the button that cancels it (asking first).
import { Link } from "@remix-run/react";
import type { useLoaderData } from "@remix-run/react";
import type { loader } from "~/routes/personal/space";

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
import { ConfirmAction } from "../ConfirmAction";
import { PARTICIPATION_LABELS } from "~/utils/formats";

type Registration = Data["series"][number]["registrations"][number];

const STATUS: Record<string, string> = { confirmed: "Confirmée", waiting: "Liste d’attente", cancelled: "Annulée" };

/** A registration's line: a cancelled session is never "Confirmée"; a postponed one says so. */
function statusText(r: { status: string; sessionStatus: string; waitingPosition: number | null; past: boolean }): string {
  if (r.sessionStatus === "cancelled") return "Rencontre annulée";
  const own = `${STATUS[r.status]}${r.waitingPosition ? ` (position ${r.waitingPosition})` : ""}`;
  if (r.sessionStatus === "postponed") return `${own} — rencontre reportée, la nouvelle date vous sera annoncée par e-mail`;
  return `${own}${r.past ? " — rencontre passée" : ""}`;
}

/** What can still be cancelled: a live registration of a session that is neither over nor cancelled. */
export const cancellable = (r: { status: string; sessionStatus: string; past: boolean }) =>
  r.status !== "cancelled" && r.sessionStatus !== "cancelled" && !r.past;

/** The access codes (joining remotely) or the practical information (on site) of a registration, once sent. */
function SessionAccess({ r }: { r: Registration }) {
  return (
    <>
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
    </>
  );
}

export function RegistrationItem({ slug, r }: { slug: string; r: Registration }) {
  return (
    <li key={r.id}>
      <p>
        <strong>
          RDV #{r.number} — <Link to={`/series/${slug}/sessions/${r.sessionSlug}`}>{r.title}</Link>
        </strong>
        <br />
        {r.when}
        <br />
        Statut : {statusText(r)}
        {r.mode === "hybrid" ? ` · ${PARTICIPATION_LABELS[r.participation]}` : ""}
      </p>
      <SessionAccess r={r} />
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
  );
}
