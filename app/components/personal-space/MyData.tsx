// "Mes données" in the personal space: download them, cancel every upcoming registration, stop news,
// give or withdraw the consent to be named in minutes,
// revoke the personal links, erase them (each a plain form, asking first where it cannot be undone).
import { Form } from "@remix-run/react";
import type { useLoaderData } from "@remix-run/react";
import type { loader } from "~/routes/personal/space";

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
import { ConfirmAction } from "../ConfirmAction";
import { cancellable } from "./RegistrationItem";

export function MyData({ token, person, series }: { token: string | undefined; person: Data["person"]; series: Data["series"] }) {
  return (
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
        <input type="hidden" name="intent" value="minutes-consent" />
        <input type="hidden" name="consent" value={person.minutesConsentSince ? "non" : "oui"} />
        <p>
          {person.minutesConsentSince
            ? `Depuis le ${person.minutesConsentSince}, vous acceptez que votre nom et votre structure figurent dans les comptes rendus publiés des rencontres (présent·es, excusé·es, absent·es).`
            : "Votre nom ne figure pas dans les comptes rendus publiés des rencontres : vous y êtes seulement compté·e."}
        </p>
        <button type="submit" className="button-secondary">
          {person.minutesConsentSince ? "Ne plus figurer dans les comptes rendus publiés" : "Accepter de figurer dans les comptes rendus publiés"}
        </button>
      </Form>
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
  );
}
