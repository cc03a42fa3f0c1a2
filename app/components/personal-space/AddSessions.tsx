// The personal space's form to add sessions of a series one is registered to (seats left, and on-site
// or remote for a hybrid session).
import { Form } from "@remix-run/react";
import type { useLoaderData } from "@remix-run/react";
import type { loader } from "~/routes/personal/space";

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
import { ParticipationChoice } from "../RegistrationFields";
import { MODE_LABELS } from "~/utils/labels";

export function AddSessions({ s }: { s: Data["series"][number] }) {
  return (
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
  );
}
