// One action on a row of a back-office list (publish, cancel, resend…): a small form posting its
// hidden fields and an intent, its button named for screen readers by what it applies to.
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";

export function RowAction(props: {
  /** The button's value for the `intent` field. */
  intent: string;
  /** Hidden fields naming the row (id, registration…). */
  fields: Record<string, string | number>;
  /** Visible label, e.g. "Annuler". */
  label: ReactNode;
  /** Said to screen readers after the label (" l’inscription de … à RDV #2"). */
  context: ReactNode;
  disabled?: boolean;
}) {
  return (
    <Form method="post" className="inline-form">
      {Object.entries(props.fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" name="intent" value={props.intent} className="button-secondary" disabled={props.disabled}>
        {props.label}
        <span className="visually-hidden">{props.context}</span>
      </button>
    </Form>
  );
}
