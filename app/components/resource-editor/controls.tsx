// The resource editor's controls bound to the form's values and errors (`v`, `e`, keyed by field
// name), framed like every field (FieldShell); how many rows a repeated group shows; and the chapter
// rows' programme-point helper.
import type { InputHTMLAttributes, ReactNode } from "react";
import { FieldShell, describedBy, fieldId } from "../Field";

export type Values = Record<string, string>;
export type Errors = Record<string, string>;

/** With JavaScript, choosing a chapter's programme point fills its empty title (the server does the same on save). */
export function prefillChapterTitle(row: number, select: HTMLSelectElement) {
  const title = document.getElementById(fieldId(`chapter.${row}.title`)) as HTMLInputElement | null;
  const point = select.selectedOptions[0]?.dataset.title;
  if (title && point && !title.value.trim()) title.value = point;
}

/**
 * How many rows a repeated group (`<prefix>.<n>.<field>`) shows: up to the highest row in the values,
 * then `blank` empty ones to add more.
 */
export function rowCount(v: Values, prefix: string, blank: number): number {
  const rows = Object.keys(v)
    .filter((k) => k.startsWith(`${prefix}.`))
    .map((k) => Number(k.split(".")[1]));
  return Math.max(-1, ...rows) + 1 + blank;
}

/** A field without "(obligatoire)": the resource editor writes it in its labels. */
export const Field = FieldShell;

/** The attributes that bind a control to its value and its error (and its hint, when it has one). */
function bound(name: string, v: Values, e: Errors, hint: ReactNode) {
  return {
    id: fieldId(name),
    name,
    defaultValue: v[name] ?? "",
    "aria-invalid": e[name] ? true : undefined,
    "aria-describedby": describedBy(name, e[name], Boolean(hint)),
  };
}

export function Input({
  name,
  label,
  v,
  e,
  hint,
  ...rest
}: { name: string; label: string; v: Values; e: Errors; hint?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field name={name} label={label} error={e[name]} hint={hint}>
      <input {...bound(name, v, e, hint)} {...rest} />
    </Field>
  );
}

export function Area({ name, label, v, e, hint, rows = 4 }: { name: string; label: string; v: Values; e: Errors; hint?: ReactNode; rows?: number }) {
  return (
    <Field name={name} label={label} error={e[name]} hint={hint}>
      <textarea {...bound(name, v, e, hint)} rows={rows} />
    </Field>
  );
}

/** A select framed like the other fields; its options are the children. */
export function Select({ name, label, v, e, hint, children }: { name: string; label: string; v: Values; e: Errors; hint?: ReactNode; children: ReactNode }) {
  return (
    <Field name={name} label={label} error={e[name]} hint={hint}>
      <select {...bound(name, v, e, hint)}>{children}</select>
    </Field>
  );
}
