// An action that asks before it acts (cancel a registration, all of them): the button opens a short
// question with the consequence and a confirm button. A disclosure (<details>), so it works the same
// without JavaScript; with JavaScript the confirm button submits through Remix's <Form>.
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";

export function ConfirmAction(props: {
  /** Visible label of the opening button, e.g. "Annuler ma venue". */
  label: string;
  /** Said to screen readers after the label, to tell several such buttons apart (" au RDV #2"). */
  labelSuffix?: string;
  /** The question and its consequence. */
  question: ReactNode;
  /** The confirm button's label, e.g. "Oui, annuler ma venue". */
  confirm: string;
  /** Hidden fields of the form (intent and what it applies to). */
  fields: Record<string, string | number>;
}) {
  return (
    <details className="confirm-action">
      <summary className="button-secondary">
        {props.label}
        {props.labelSuffix ? <span className="visually-hidden">{props.labelSuffix}</span> : null}
      </summary>
      <div className="confirm-action-panel">
        <p>{props.question}</p>
        <Form method="post">
          {Object.entries(props.fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <button type="submit" className="button">
            {props.confirm}
            {props.labelSuffix ? <span className="visually-hidden">{props.labelSuffix}</span> : null}
          </button>
        </Form>
      </div>
    </details>
  );
}
