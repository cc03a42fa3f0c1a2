// Form controls beyond the text input, members of the Field.tsx family: the same frame (FieldShell), ids, errors, aria.
// Made for the back-office; the registration form's select is this Select too.
import type { ChangeEvent, ReactNode } from "react";
import { FieldError, FieldShell, controlProps, describedBy, fieldId } from "./Field";

type Base = { name: string; label: string; error?: string; hint?: ReactNode; required?: boolean };

export function TextArea(props: Base & { defaultValue?: string | null; rows?: number }) {
  const { name, label, error, hint, required, defaultValue, rows = 4 } = props;
  return (
    <FieldShell name={name} label={label} error={error} hint={hint} required={required}>
      <textarea {...controlProps(name, error, Boolean(hint))} rows={rows} defaultValue={defaultValue ?? ""} />
    </FieldShell>
  );
}

/** Uncontrolled with `defaultValue`; controlled when given `value` and `onChange`. */
export function Select(props: Base & { defaultValue?: string | null; options: [string, string][]; value?: string; onChange?: (value: string) => void }) {
  const { name, label, error, hint, required, defaultValue, options, value, onChange } = props;
  const current =
    value !== undefined ? { value, onChange: (e: ChangeEvent<HTMLSelectElement>) => onChange?.(e.target.value) } : { defaultValue: defaultValue ?? "" };
  return (
    <FieldShell name={name} label={label} error={error} hint={hint} required={required}>
      <select {...controlProps(name, error, Boolean(hint))} {...current}>
        {options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function Check({ name, label, defaultChecked, error }: { name: string; label: string; defaultChecked?: boolean; error?: string }) {
  return (
    <div className={`field check${error ? " has-error" : ""}`}>
      <FieldError name={name} error={error} />
      <input type="checkbox" id={fieldId(name)} name={name} value="oui" defaultChecked={defaultChecked} aria-describedby={describedBy(name, error)} />
      <label htmlFor={fieldId(name)}>{label}</label>
    </div>
  );
}

/** The problems of a save that do not belong to a field shown on the page. */
export function OtherProblems({ problems }: { problems: { path: string; message: string }[] }) {
  if (!problems.length) return null;
  return (
    <div className="error-summary" role="alert">
      <h2>L’enregistrement est refusé</h2>
      <ul>
        {problems.map((p) => (
          <li key={`${p.path}-${p.message}`}>
            <code>{p.path}</code> : {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
