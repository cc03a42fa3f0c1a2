// The resource editor's controls bound to the form's values and errors (`v`, `e`, keyed by field
// name), framed like every field (FieldShell); and the chapter rows' programme-point helper.
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

/** A field without "(obligatoire)": the resource editor writes it in its labels. */
export const Field = FieldShell;

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
      <input
        id={fieldId(name)}
        name={name}
        defaultValue={v[name] ?? ""}
        aria-invalid={e[name] ? true : undefined}
        aria-describedby={describedBy(name, e[name], Boolean(hint))}
        {...rest}
      />
    </Field>
  );
}

export function Area({ name, label, v, e, hint, rows = 4 }: { name: string; label: string; v: Values; e: Errors; hint?: ReactNode; rows?: number }) {
  return (
    <Field name={name} label={label} error={e[name]} hint={hint}>
      <textarea
        id={fieldId(name)}
        name={name}
        rows={rows}
        defaultValue={v[name] ?? ""}
        aria-invalid={e[name] ? true : undefined}
        aria-describedby={describedBy(name, e[name], Boolean(hint))}
      />
    </Field>
  );
}
