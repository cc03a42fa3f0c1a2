// Back-office form controls, with the same conventions as Field.tsx (ids, errors, aria).
import type { ChangeEvent, ReactNode } from "react";
import { FieldError, describedBy, fieldId } from "./Field";

type Base = { name: string; label: string; error?: string; hint?: ReactNode; required?: boolean };

function Label({ name, label, required }: Base) {
  return (
    <label htmlFor={fieldId(name)}>
      {label}
      {required ? <span className="required"> (obligatoire)</span> : null}
    </label>
  );
}

function Hint({ name, hint }: { name: string; hint?: ReactNode }) {
  return hint ? (
    <p className="hint" id={`aide-${name}`}>
      {hint}
    </p>
  ) : null;
}

export function TextArea(props: Base & { defaultValue?: string | null; rows?: number }) {
  const { name, error, hint, defaultValue, rows = 4 } = props;
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <Label {...props} />
      <Hint name={name} hint={hint} />
      <FieldError name={name} error={error} />
      <textarea
        id={fieldId(name)}
        name={name}
        rows={rows}
        defaultValue={defaultValue ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, error, Boolean(hint))}
      />
    </div>
  );
}

/** Uncontrolled with `defaultValue`; controlled when given `value` and `onChange`. */
export function Select(props: Base & { defaultValue?: string | null; options: [string, string][]; value?: string; onChange?: (value: string) => void }) {
  const { name, error, hint, defaultValue, options, value, onChange } = props;
  const current = value !== undefined ? { value, onChange: (e: ChangeEvent<HTMLSelectElement>) => onChange?.(e.target.value) } : { defaultValue: defaultValue ?? "" };
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <Label {...props} />
      <Hint name={name} hint={hint} />
      <FieldError name={name} error={error} />
      <select id={fieldId(name)} name={name} {...current} aria-invalid={error ? true : undefined} aria-describedby={describedBy(name, error, Boolean(hint))}>
        {options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
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
