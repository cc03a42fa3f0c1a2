// The back-office's registration questions: the table of questions (order, kind, sessions, answers so
// far, actions) and the form that adds or changes one. Plain forms: everything works without JavaScript.
import { Form, Link } from "@remix-run/react";
import { Check, OtherProblems, Select, TextArea } from "../AdminFields";
import { ConfirmAction } from "../ConfirmAction";
import { ErrorSummary, FieldError, TextField, describedBy, fieldId } from "../Field";
import { DataTable } from "../admin/DataTable";
import { RowAction } from "../admin/RowAction";
import { QUESTION_KINDS, QUESTION_KIND_LABELS, type QuestionKind } from "~/questions/question-kinds";

type Question = {
  key: string;
  kind: string;
  label: string;
  help?: string | null;
  required?: boolean;
  accessibility?: boolean;
  choices?: string[];
  sessions?: number[];
};
type Session = { number: number; title: string };
type Values = { key: string; kind: string; label: string; help: string; required: boolean; accessibility: boolean; choices: string; sessions: string[] };

const LABELS: Record<string, string> = {
  kind: "Type de question",
  label: "Question",
  help: "Aide",
  choices: "Choix",
  sessions: "Rencontres concernées",
};

const sessionsText = (numbers: number[] | undefined) => (numbers?.length ? numbers.map((n) => `RDV #${n}`).join(", ") : "Toutes");

export function QuestionsTable({
  questions,
  answerCounts,
  base,
}: {
  questions: Question[];
  sessions: Session[];
  answerCounts: Record<string, number>;
  base: string;
}) {
  return (
    <DataTable
      label="Questions du formulaire d’inscription"
      columns={["Ordre", "Question", "Type", "Obligatoire", "Rencontres", { label: "Réponses", num: true }, "Actions"]}
    >
      {questions.map((q, i) => (
        <tr key={q.key}>
          <td>{i + 1}</td>
          <th scope="row">
            {q.label}
            {q.accessibility ? (
              <div>
                <span className="status status-accessibility">Besoin d’accessibilité</span>
              </div>
            ) : null}
            {q.choices?.length ? <div className="muted">{q.choices.join(" · ")}</div> : null}
          </th>
          <td>{QUESTION_KIND_LABELS[q.kind as QuestionKind] ?? q.kind}</td>
          <td>{q.required ? "Oui" : "Non"}</td>
          <td>{sessionsText(q.sessions)}</td>
          <td className="num">{answerCounts[q.key] ?? 0}</td>
          <td>
            <Link to={`${base}?modifier=${encodeURIComponent(q.key)}#formulaire`} className="button-secondary">
              Modifier<span className="visually-hidden"> la question « {q.label} »</span>
            </Link>{" "}
            {i > 0 ? <RowAction intent="up" fields={{ key: q.key }} label="Monter" context={` la question « ${q.label} »`} /> : null}{" "}
            {i < questions.length - 1 ? <RowAction intent="down" fields={{ key: q.key }} label="Descendre" context={` la question « ${q.label} »`} /> : null}{" "}
            <ConfirmAction
              label="Supprimer"
              labelSuffix={` la question « ${q.label} »`}
              question={
                (answerCounts[q.key] ?? 0) > 0
                  ? "Supprimer cette question ? Les réponses déjà reçues restent dans la liste des inscrits et l’export."
                  : "Supprimer cette question ?"
              }
              confirm="Oui, supprimer"
              fields={{ intent: "delete", key: q.key }}
            />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

export function QuestionEditorForm(props: {
  editing: Question | null;
  sessions: Session[];
  failed: { errors: Record<string, string>; others: { path: string; message: string }[]; values: Values } | null;
  answers: number;
  base: string;
}) {
  const { editing, sessions, failed, answers, base } = props;
  const errors = failed?.errors ?? {};
  const v: Values = failed?.values ?? {
    key: editing?.key ?? "",
    kind: editing?.kind ?? "short-text",
    label: editing?.label ?? "",
    help: editing?.help ?? "",
    required: editing?.required ?? false,
    accessibility: editing?.accessibility ?? false,
    choices: (editing?.choices ?? []).join("\n"),
    sessions: (editing?.sessions ?? []).map(String),
  };
  const sessionsError = errors.sessions;
  /** A text area of the form, its value kept and its error beside it. */
  const area = (name: "help" | "choices", label: string, hint: string, rows: number) => (
    <TextArea name={name} label={label} hint={hint} defaultValue={v[name]} error={errors[name]} rows={rows} />
  );
  return (
    <section aria-labelledby="formulaire">
      <h2 id="formulaire" tabIndex={-1}>
        {v.key ? "Modifier la question" : "Ajouter une question"}
      </h2>
      {v.key && answers > 0 ? (
        <p className="notice">
          {answers} personne{answers > 1 ? "s ont" : " a"} déjà répondu. Leurs réponses restent lisibles telles qu’elles ont été données, sous le texte de la
          question d’alors.
        </p>
      ) : null}
      <Form method="post" noValidate className="form" action={v.key ? `${base}?modifier=${encodeURIComponent(v.key)}` : base}>
        <ErrorSummary errors={errors} labels={LABELS} id="erreurs-question" />
        <OtherProblems problems={failed?.others ?? []} />
        <input type="hidden" name="key" value={v.key} />
        <TextField name="label" label="Question" required defaultValue={v.label} error={errors.label} maxLength={300} />
        <Select
          name="kind"
          label="Type de question"
          defaultValue={v.kind}
          error={errors.kind}
          options={QUESTION_KINDS.map((k) => [k, QUESTION_KIND_LABELS[k]] as [string, string])}
        />
        {area("help", "Aide (facultatif)", "Une phrase sous la question, pour préciser ce qui est attendu.", 2)}
        {area("choices", "Choix (questions à choix seulement)", "Un choix par ligne, au moins deux. Ignoré pour les autres types de questions.", 5)}
        <Check name="required" label="Réponse obligatoire" defaultChecked={v.required} />
        <Check
          name="accessibility"
          label="Question sur les besoins d’accessibilité (les réponses sont signalées dans la liste des inscrits)"
          defaultChecked={v.accessibility}
        />
        {sessions.length > 1 ? (
          <fieldset
            className={`field${sessionsError ? " has-error" : ""}`}
            id={fieldId("sessions")}
            tabIndex={-1}
            aria-describedby={describedBy("sessions", sessionsError, true)}
          >
            <legend>Rencontres concernées</legend>
            <p className="hint" id="aide-sessions">
              Sans choix, la question est posée à tout le monde. Sinon, seulement aux personnes qui s’inscrivent à l’une de ces rencontres.
            </p>
            <FieldError name="sessions" error={sessionsError} />
            <ul className="answer-options">
              {sessions.map((s) => (
                <li key={s.number}>
                  <input
                    type="checkbox"
                    name="sessions"
                    value={s.number}
                    id={`question-session-${s.number}`}
                    defaultChecked={v.sessions.includes(String(s.number))}
                  />{" "}
                  <label htmlFor={`question-session-${s.number}`}>
                    RDV #{s.number} — {s.title}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        ) : null}
        <p>
          <button type="submit" name="intent" value="save" className="button">
            {v.key ? "Enregistrer la question" : "Ajouter la question"}
          </button>{" "}
          {v.key ? <Link to={base}>Annuler la modification</Link> : null}
        </p>
      </Form>
    </section>
  );
}
