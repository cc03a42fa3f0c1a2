// The answer form of a satisfaction survey (personal space): one fieldset per rating or choice
// question, a text area per free-text question, each with its French error next to it and the values
// kept; a summary of the errors links to each wrong field. Works without JavaScript.
import { Form } from "@remix-run/react";
import { TextArea } from "~/components/AdminFields";
import { FieldError, describedBy, fieldId } from "~/components/Field";
import { RATING_VALUES, answerField, ratingLabel, type SurveyQuestion } from "~/surveys/survey-shape";

export type SurveyValues = Record<string, string | string[]>;

function Choices({ q, values, error }: { q: SurveyQuestion; values: SurveyValues; error?: string }) {
  const name = answerField(q.id);
  const multiple = q.type === "multiple";
  const items: [string, string][] = q.type === "rating" ? RATING_VALUES.map((v) => [String(v), ratingLabel(q, v)]) : q.options.map((o) => [o, o]);
  const current = values[name];
  const chosen = new Set(Array.isArray(current) ? current : current ? [current] : []);
  return (
    <fieldset className={`field choices${error ? " has-error" : ""}`} id={fieldId(name)} tabIndex={-1} aria-describedby={describedBy(name, error)}>
      <legend>
        {q.label}
        {q.required ? <span className="required"> (obligatoire)</span> : null}
        {multiple ? <span className="required"> (plusieurs réponses possibles)</span> : null}
      </legend>
      <FieldError name={name} error={error} />
      <ul className="choice-list">
        {items.map(([value, label], i) => (
          <li key={value}>
            <input type={multiple ? "checkbox" : "radio"} name={name} value={value} id={`${name}-${i}`} defaultChecked={chosen.has(value)} />
            <label htmlFor={`${name}-${i}`}>{label}</label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

export function SurveyForm(props: { questions: SurveyQuestion[]; values: SurveyValues; errors: Record<string, string>; submitLabel: string; busy: boolean }) {
  const { questions, values, errors, submitLabel, busy } = props;
  const wrong = questions.filter((q) => errors[answerField(q.id)]);
  return (
    <Form method="post" className="form" noValidate>
      {wrong.length ? (
        <div className="error-summary" role="alert" aria-labelledby="erreurs-titre" tabIndex={-1} id="erreurs">
          <h2 id="erreurs-titre">{wrong.length === 1 ? "Une réponse est à revoir" : `${wrong.length} réponses sont à revoir`}</h2>
          <ul>
            {wrong.map((q) => (
              <li key={q.id}>
                <a href={`#${fieldId(answerField(q.id))}`}>
                  {q.label} : {errors[answerField(q.id)]}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {questions.map((q) =>
        q.type === "text" ? (
          <TextArea
            key={q.id}
            name={answerField(q.id)}
            label={q.label}
            required={q.required}
            error={errors[answerField(q.id)]}
            defaultValue={typeof values[answerField(q.id)] === "string" ? (values[answerField(q.id)] as string) : ""}
            rows={5}
          />
        ) : (
          <Choices key={q.id} q={q} values={values} error={errors[answerField(q.id)]} />
        ),
      )}
      <button type="submit" className="button" disabled={busy}>
        {submitLabel}
      </button>
    </Form>
  );
}
