// After a registration: what was recorded, what happens next. Reached by redirect from the form,
// with the result in a signed short-lived cookie; without it, back to the form.
import { data, redirect, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumb } from "~/components/admin/Breadcrumb";
import { useEffect } from "react";
import { registrationOptions, registrationSummary, type RegistrationSummary } from "~/registration/registration-view.server";
import { getDb } from "~/utils/db.server";
import { clearRegistrationFlash, readRegistrationFlash } from "~/utils/flash.server";
import { PARTICIPATION_LABELS, receiveSentence, receivesOfParticipations } from "~/utils/formats";
import { pageTitle } from "~/utils/meta";
import { nowIso } from "~/utils/now.server";
import formsCss from "~/styles/forms.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: formsCss }];

export const headers: HeadersFunction = ({ loaderHeaders }) => ({ "Cache-Control": "private, no-store", "Set-Cookie": loaderHeaders.get("Set-Cookie") ?? "" });
export const meta: MetaFunction = () => [{ title: pageTitle("Inscription enregistrée") }, { name: "robots", content: "noindex" }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const db = getDb();
  const page = registrationOptions(db, params.slug ?? "", nowIso());
  if (!page) throw new Response("Série introuvable", { status: 404 });
  const flash = await readRegistrationFlash(request);
  if (!flash) throw redirect(`/series/${params.slug}/inscription`);
  const { email, lines } = registrationSummary(db, flash.participantId, [...flash.created, ...flash.already]);
  const pick = (ids: number[]) => ids.map((id) => lines.get(id)).filter((x): x is RegistrationSummary => Boolean(x));
  return data(
    { series: page.series, email, created: pick(flash.created), already: pick(flash.already) },
    { headers: { "Set-Cookie": await clearRegistrationFlash() } },
  );
}

const statusLabel = (status: RegistrationSummary["status"]) =>
  status === "confirmed" ? "inscription confirmée" : status === "waiting" ? "sur liste d’attente" : "annulée";

export default function Thanks() {
  const { series, email, created, already } = useLoaderData<typeof loader>();
  useEffect(() => {
    // After the form's client-side redirect, the layout moves focus to <main> in its own effect, which runs
    // after this one: focus the result on the next task so that it is read first and Tab continues from it.
    const timer = setTimeout(() => document.getElementById("inscription-ok")?.focus());
    return () => clearTimeout(timer);
  }, []);
  return (
    <>
      <Breadcrumb trail={[{ to: "/", label: "Rencontres" }, { to: `/series/${series.slug}`, label: series.title }]} current="Inscription enregistrée" />
      <div className="success" id="inscription-ok" tabIndex={-1}>
        <h1>Merci, votre inscription est enregistrée</h1>
        {created.length ? (
          <ul>
            {created.map((c) => (
              <li key={c.number}>
                RDV #{c.number} — {c.title} : <strong>{statusLabel(c.status)}</strong>
                {c.mode === "hybrid" ? ` (${PARTICIPATION_LABELS[c.participation].toLowerCase()})` : ""}
              </li>
            ))}
          </ul>
        ) : null}
        {already.length ? (
          <>
            <p>Vous étiez déjà inscrit·e à :</p>
            <ul>
              {already.map((c) => (
                <li key={c.number}>
                  RDV #{c.number} — {c.title} : {statusLabel(c.status)}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <p>
          {created.length ? (
            <>
              Un e-mail de confirmation part vers <strong>{email}</strong>, avec un lien personnel pour gérer vos inscriptions.{" "}
            </>
          ) : (
            <>Rien de nouveau n’a été enregistré. </>
          )}
          {receiveSentence(receivesOfParticipations([...created, ...already].filter((c) => c.status !== "cancelled").map((c) => c.participation)), series.daysBefore)} Pensez
          à vérifier votre dossier « spam ».
        </p>
        {[...created, ...already].some((c) => c.status !== "cancelled") ? (
          <>
            <h2>Dans votre agenda</h2>
            <ul className="actions-list">
              {[...created, ...already]
                .filter((c) => c.status !== "cancelled")
                .map((c) => (
                  <li key={c.number}>
                    <a href={`/series/${series.slug}/sessions/${c.sessionSlug}/calendar.ics`} download>
                      Ajouter le RDV #{c.number} à mon agenda (.ics)
                    </a>
                  </li>
                ))}
              <li>
                <a href={`/series/${series.slug}/calendar.ics`}>S’abonner au calendrier de la série (toutes ses rencontres, mises à jour comprises)</a>
              </li>
            </ul>
          </>
        ) : null}
        <h2>Gérer mes inscriptions</h2>
        <p>
          Votre espace personnel (annuler une venue, ajouter une rencontre, retrouver les ressources) s’ouvre avec le lien personnel de l’e-mail de
          confirmation. Vous ne le trouvez pas{"\u00a0"}? <Link to="/moi">Recevoir à nouveau mon lien personnel</Link>.
        </p>
        <p>
          <Link to={`/series/${series.slug}`}>Retour au programme</Link>
        </p>
      </div>
    </>
  );
}
