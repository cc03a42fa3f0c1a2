// The organisers' questions in the registration form: one field per question, its kind's control
// (text, text area, number, yes/no, radios, check boxes), help text, "(obligatoire)", and the French
// message next to it. A question limited to some sessions says so; with JavaScript it is hidden until
// one of its sessions is ticked (without, it stays visible and is only asked for those sessions).
import { FieldNotes, FieldShell, controlProps, describedBy, fieldId } from "./Field";
import { ANSWER_MAX, questionField, type QuestionKind } from "~/questions/question-kinds";

export type PublicQuestion = {
  id: number;
  kind: QuestionKind;
  label: string;
  help: string | null;
  required: boolean;
  choices: string[];
  sessionIds: number[];
};

type Props = {
  questions: PublicQuestion[];
  values: Record<string, string[]>;
  errors: Record<string, string | undefined>;
  /** Session ids ticked now (with JavaScript, kept up to date as boxes are ticked). */
  chosen: Set<string>;
  /** Session numbers by id, to name a question's sessions. */
  numbers: Map<number, number>;
  /** JavaScript runs: questions for sessions not ticked are hidden. */
  live: boolean;
};

function scope(q: PublicQuestion, numbers: Map<number, number>): string | null {
  if (!q.sessionIds.length) return null;
  const names = q.sessionIds
    .map((id) => numbers.get(id))
    .filter((n): n is number => n !== undefined)
    .map((n) => `RDV #${n}`);
  return names.length ? `Question posée aux personnes inscrites à ${names.join(" ou ")}.` : null;
}

function Group({ q, name, error, hint, children }: { q: PublicQuestion; name: string; error?: string; hint: string | null; children: React.ReactNode }) {
  return (
    <fieldset
      className={`field answer-group${error ? " has-error" : ""}`}
      id={fieldId(name)}
      tabIndex={-1}
      aria-describedby={describedBy(name, error, Boolean(hint))}
    >
      <legend>
        {q.label}
        {q.required ? <span className="required"> (obligatoire)</span> : null}
      </legend>
      <FieldNotes name={name} error={error} hint={hint} />
      <ul className="answer-options">{children}</ul>
    </fieldset>
  );
}

function Question({ q, values, error, hint }: { q: PublicQuestion; values: string[]; error?: string; hint: string | null }) {
  const name = questionField(q.id);
  const first = values[0] ?? "";
  const options = (list: [string, string][], type: "radio" | "checkbox") => (
    <Group q={q} name={name} error={error} hint={hint}>
      {list.map(([value, label], i) => (
        <li key={value}>
          <input
            type={type}
            name={name}
            value={value}
            id={`${fieldId(name)}-${i + 1}`}
            defaultChecked={values.includes(value)}
            aria-invalid={error ? true : undefined}
          />{" "}
          <label htmlFor={`${fieldId(name)}-${i + 1}`}>{label}</label>
        </li>
      ))}
    </Group>
  );
  switch (q.kind) {
    case "yes-no":
      return options(
        [
          ["oui", "Oui"],
          ["non", "Non"],
        ],
        "radio",
      );
    case "single-choice":
      return options(
        q.choices.map((c) => [c, c]),
        "radio",
      );
    case "multiple-choice":
      return options(
        q.choices.map((c) => [c, c]),
        "checkbox",
      );
    case "long-text":
      return (
        <FieldShell name={name} label={q.label} error={error} hint={hint} required={q.required}>
          <textarea {...controlProps(name, error, Boolean(hint))} rows={4} maxLength={ANSWER_MAX["long-text"]} defaultValue={first} />
        </FieldShell>
      );
    default:
      return (
        <FieldShell name={name} label={q.label} error={error} hint={hint} required={q.required}>
          <input
            {...controlProps(name, error, Boolean(hint))}
            type="text"
            defaultValue={first}
            {...(q.kind === "number" ? { inputMode: "decimal" as const, size: 12 } : { maxLength: ANSWER_MAX["short-text"] })}
          />
        </FieldShell>
      );
  }
}

export function QuestionFields({ questions, values, errors, chosen, numbers, live }: Props) {
  if (!questions.length) return null;
  const asked = (q: PublicQuestion) => !q.sessionIds.length || q.sessionIds.some((id) => chosen.has(String(id)));
  return (
    <fieldset className="group" hidden={live && !questions.some(asked)}>
      <legend>Questions des organisateurs</legend>
      {questions.map((q) => {
        const hint = [q.help, scope(q, numbers)].filter(Boolean).join(" ") || null;
        return (
          <div key={q.id} hidden={live && !asked(q)} data-question={q.id}>
            <Question q={q} values={values[questionField(q.id)] ?? []} error={errors[questionField(q.id)]} hint={hint} />
          </div>
        );
      })}
    </fieldset>
  );
}
