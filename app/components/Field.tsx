// Form fields with their label, hint and error tied together (aria-invalid, aria-describedby), and
// an error summary linking to each wrong field. One family: FieldShell frames every field, here and in
// AdminFields.tsx (text area, select, checkbox) and the resource editor.
import type { InputHTMLAttributes, MouseEvent, ReactNode } from "react";

type FieldProps = {
  name: string;
  label: string;
  error?: string;
  hint?: ReactNode;
  required?: boolean;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id">;

export const fieldId = (name: string) => `champ-${name}`;
export const errorId = (name: string) => `erreur-${name}`;

export function describedBy(name: string, error?: string, hint?: boolean): string | undefined {
  return [hint ? `aide-${name}` : null, error ? errorId(name) : null].filter(Boolean).join(" ") || undefined;
}

/** What ties every control to its field: id and name, aria-invalid on an error, and the hint and error that describe it. */
export function controlProps(name: string, error?: string, hint?: boolean) {
  return { id: fieldId(name), name, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy(name, error, hint) } as const;
}

export function FieldError({ name, error }: { name: string; error?: string }) {
  if (!error) return null;
  return (
    <p className="field-error" id={errorId(name)}>
      <span className="visually-hidden">Erreur : </span>
      {error}
    </p>
  );
}

/** A field's hint (id aide-<name>) then its error: under a label or a legend. */
export function FieldNotes({ name, error, hint }: { name: string; error?: string; hint?: ReactNode }) {
  return (
    <>
      {hint ? (
        <p className="hint" id={`aide-${name}`}>
          {hint}
        </p>
      ) : null}
      <FieldError name={name} error={error} />
    </>
  );
}

/** The frame of every field: label (with "(obligatoire)"), hint, error, then the control itself. */
export function FieldShell({
  name,
  label,
  error,
  hint,
  required,
  children,
}: {
  name: string;
  label: string;
  error?: string;
  hint?: ReactNode;
  required?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={fieldId(name)}>
        {label}
        {required ? <span className="required"> (obligatoire)</span> : null}
      </label>
      <FieldNotes name={name} error={error} hint={hint} />
      {children}
    </div>
  );
}

export function TextField({ name, label, error, hint, required, ...input }: FieldProps) {
  return (
    <FieldShell name={name} label={label} error={error} hint={hint} required={required}>
      <input {...controlProps(name, error, Boolean(hint))} required={required} {...input} />
    </FieldShell>
  );
}

/**
 * A summary link moves focus to its field itself rather than changing the URL's hash: with the app running, a
 * hash change is a router navigation that drops the action's result, so the summary and the field messages
 * would vanish as the link is followed. The field's label or legend is scrolled into view with it.
 * Without JavaScript the link is a plain in-page link and does the same.
 */
function focusField(event: MouseEvent<HTMLAnchorElement>) {
  const target = document.getElementById(decodeURIComponent(event.currentTarget.hash.slice(1)));
  if (!target) return;
  event.preventDefault();
  (target.closest(".field") ?? target).scrollIntoView({ block: "start" });
  target.focus({ preventScroll: true });
}

export function ErrorSummary({ errors, labels, id = "erreurs" }: { errors: Record<string, string | undefined>; labels: Record<string, string>; id?: string }) {
  const entries = Object.entries(errors).filter(([, v]) => v);
  if (!entries.length) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby={`${id}-titre`} tabIndex={-1} id={id}>
      <h2 id={`${id}-titre`}>{entries.length === 1 ? "Une erreur empêche l’inscription" : `${entries.length} erreurs empêchent l’inscription`}</h2>
      <ul>
        {entries.map(([name, message]) => (
          <li key={name}>
            <a href={`#${fieldId(name)}`} onClick={focusField}>
              {labels[name] ?? name} : {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
