// The filter bar of a back-office list: a GET form (role="search") of select and search fields, each
// with a visible label and a "filtre-…" id, so that a filtered list has its own address and works
// without JavaScript.
import { Form, useLocation } from "@remix-run/react";
import type { InputHTMLAttributes, ReactNode } from "react";

/** Keyed by the address's query: after Back or Forward in the app, its fields show the filters of the list shown. */
export function FilterBar({ label, action, children }: { label: string; action?: string; children: ReactNode }) {
  const { search } = useLocation();
  return (
    <Form key={search} method="get" action={action} className="toolbar" role="search" aria-label={label}>
      {children}
    </Form>
  );
}

/** A select whose first option ("Tous", "Toutes les rencontres"…) is no filter; `children` replace `options` (optgroups). */
export function FilterSelect(props: {
  id: string;
  name: string;
  label: string;
  defaultValue: string | number | null | undefined;
  all: string;
  options?: [string | number, ReactNode][];
  children?: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} name={props.name} defaultValue={props.defaultValue ?? ""}>
        <option value="">{props.all}</option>
        {props.children ??
          props.options?.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
      </select>
    </div>
  );
}

export function FilterSearch({
  id,
  name,
  label,
  defaultValue,
  ...input
}: { id: string; name: string; label: string; defaultValue: string | null | undefined } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "id" | "name" | "defaultValue"
>) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="search" name={name} defaultValue={defaultValue ?? ""} {...input} />
    </div>
  );
}
