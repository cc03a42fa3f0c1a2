// The editor of a message to registrants: subject, text, which session, which statuses, service or
// news, then the actions (save, test to oneself, send now, schedule at a local time). Each wrong field
// gets its French message beside it; the values typed are kept. Client-safe.
import { Form } from "@remix-run/react";
import { Select, TextArea } from "../AdminFields";
import { FieldError, TextField, describedBy, fieldId } from "../Field";
import { MESSAGE_AUDIENCES, MESSAGE_AUDIENCE_LABELS, MESSAGE_KINDS, MESSAGE_KIND_LABELS, SUBJECT_MAX } from "~/messages/message-form";

export type MessageFormValues = { subject: string; body: string; scope: string; kind: string; audience: string[]; sendAt: string };

type Props = {
  values: MessageFormValues;
  problems: Record<string, string>;
  sessions: { number: number; label: string }[];
  zone: string;
  accountEmail: string;
  scheduled: boolean;
};

function Choices(props: {
  name: string;
  legend: string;
  type: "checkbox" | "radio";
  options: readonly string[];
  labels: Record<string, string>;
  chosen: string[];
  error?: string;
}) {
  const { name, legend, type, options, labels, chosen, error } = props;
  return (
    <fieldset className={`field choices${error ? " has-error" : ""}`} id={fieldId(name)} tabIndex={-1} aria-describedby={describedBy(name, error)}>
      <legend>
        {legend} <span className="required">(obligatoire)</span>
      </legend>
      <FieldError name={name} error={error} />
      <ul className="choice-list">
        {options.map((o) => (
          <li key={o}>
            <input type={type} name={name} value={o} id={`${name}-${o}`} defaultChecked={chosen.includes(o)} aria-invalid={error ? true : undefined} />{" "}
            <label htmlFor={`${name}-${o}`}>{labels[o]}</label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

export function MessageForm({ values, problems, sessions, zone, accountEmail, scheduled }: Props) {
  return (
    <Form method="post" className="form" noValidate>
      <TextField name="subject" label="Objet" required defaultValue={values.subject} error={problems.subject} maxLength={SUBJECT_MAX + 50} />
      <TextArea
        name="body"
        label="Texte du message (obligatoire)"
        rows={12}
        defaultValue={values.body}
        error={problems.body}
        hint="Texte simple : séparez les paragraphes par une ligne vide. Les adresses complètes (https://…, mailto:…) deviennent des liens. Aucune mise en forme HTML : tout est affiché tel que vous l’écrivez."
      />
      <Select
        name="scope"
        label="Rencontre concernée"
        defaultValue={values.scope}
        error={problems.scope}
        options={[
          ["serie", "Toute la série (un seul message par personne, même inscrite à plusieurs rencontres)"],
          ...sessions.map((s): [string, string] => [String(s.number), s.label]),
        ]}
      />
      <Choices
        name="audience"
        legend="Destinataires : personnes dont l’inscription est…"
        type="checkbox"
        options={MESSAGE_AUDIENCES}
        labels={MESSAGE_AUDIENCE_LABELS}
        chosen={values.audience}
        error={problems.audience}
      />
      <Choices
        name="kind"
        legend="Type de message"
        type="radio"
        options={MESSAGE_KINDS}
        labels={MESSAGE_KIND_LABELS}
        chosen={[values.kind]}
        error={problems.kind}
      />
      <p className="hint">Les inscriptions annulées et les personnes qui ont effacé leurs données ne reçoivent jamais de message.</p>
      <div className="actions-list">
        <button type="submit" name="intent" value="save" className="button-secondary">
          Enregistrer{scheduled ? " les modifications" : " le brouillon"} et compter les destinataires
        </button>{" "}
        <button type="submit" name="intent" value="test" className="button-secondary">
          M’envoyer un test<span className="visually-hidden"> à {accountEmail}</span>
        </button>{" "}
        <button type="submit" name="intent" value="send">
          Envoyer maintenant
        </button>
      </div>
      <h2>Ou programmer l’envoi</h2>
      <TextField
        name="sendAt"
        type="datetime-local"
        label={`Date et heure d’envoi (heure de ${zone})`}
        defaultValue={values.sendAt}
        error={problems.sendAt}
        hint={scheduled ? "Le message est programmé : vous pouvez encore le modifier ou changer l’heure." : undefined}
      />
      <button type="submit" name="intent" value="schedule">
        {scheduled ? "Reprogrammer l’envoi" : "Programmer l’envoi"}
      </button>
    </Form>
  );
}
