// The back-office survey editor's parts: where the survey stands (when it leaves, to whom, why not),
// its settings form, one form per question (with move and delete buttons), and the form that adds a
// question. Every form works without JavaScript; each field's French error is shown next to it.
import { Form } from "@remix-run/react";
import { Check, Select, TextArea } from "~/components/AdminFields";
import { TextField } from "~/components/Field";
import { DEFAULT_HIGH_LABEL, DEFAULT_LOW_LABEL, DELAY_UNIT_LABELS, QUESTION_TYPE_LABELS, type SurveyQuestion } from "~/surveys/survey-shape";

export type Echo = { values: Record<string, string>; errors: Record<string, string> };
const TYPES = Object.entries(QUESTION_TYPE_LABELS) as [string, string][];

export function SurveyStatus(props: {
  dueAt: string;
  audience: { count: number; rule: "present" | "confirmed" };
  emails: { queued: number; sent: number };
  answers: number;
  blocked: string | null;
  bilanUrl: string;
}) {
  const { audience, emails } = props;
  return (
    <section aria-labelledby="etat-titre">
      <h2 id="etat-titre">Envoi et réponses</h2>
      <ul>
        <li>Envoi prévu : {props.dueAt} (heure de la série).</li>
        <li>
          Destinataires :{" "}
          {audience.rule === "present"
            ? `${audience.count} personne(s) marquée(s) présente(s)`
            : `${audience.count} inscrit·e(s) confirmé·e(s) (aucune présence saisie : dès qu’elle l’est, seules les personnes présentes le reçoivent)`}
          .
        </li>
        <li>
          E-mails : {emails.queued} préparé(s), {emails.sent} envoyé(s).
        </li>
        <li>
          Réponses : {props.answers}. Résultats dans le <a href={props.bilanUrl}>bilan</a>.
        </li>
      </ul>
      {props.blocked ? (
        <p className="notice" role="status">
          {props.blocked}
        </p>
      ) : null}
    </section>
  );
}

export function SettingsForm({ current, echo, exists, locked }: { current: Record<string, string>; echo?: Echo; exists: boolean; locked: boolean }) {
  const v = echo?.values ?? current;
  const e = echo?.errors ?? {};
  return (
    <Form method="post" className="form" noValidate>
      <input type="hidden" name="intent" value="settings" />
      <Check name="anonymous" label="Questionnaire anonyme" defaultChecked={v.anonymous === "oui"} error={e.anonymous} />
      <p className="hint">
        Les réponses d’un questionnaire anonyme ne sont reliées à aucun nom, nulle part (ni dans la base, ni dans les exports) ; les participant·es ne peuvent
        donc plus les modifier une fois envoyées.{locked ? " Des réponses existent : ce choix ne peut plus changer." : ""}
      </p>
      <div className="field-row">
        <TextField name="delay" label="Délai après la fin de la rencontre" inputMode="numeric" defaultValue={v.delay} error={e.delay} required />
        <Select name="delayUnit" label="Unité du délai" defaultValue={v.delayUnit} options={Object.entries(DELAY_UNIT_LABELS)} error={e.delayUnit} />
      </div>
      <TextField
        name="closes"
        label="Clôture (dernier jour pour répondre)"
        type="date"
        defaultValue={v.closes}
        error={e.closes}
        hint="Le questionnaire est clos à la fin de ce jour, dans le fuseau de la série."
        required
      />
      <TextArea
        name="intro"
        label="Introduction (facultatif)"
        defaultValue={v.intro}
        error={e.intro}
        hint="Texte simple ; une ligne vide sépare deux paragraphes."
      />
      <button type="submit" className="button">
        {exists ? "Enregistrer les réglages" : "Créer le questionnaire"}
      </button>
    </Form>
  );
}

function QuestionFields({ prefix, v, e }: { prefix: string; v: Record<string, string>; e: Record<string, string> }) {
  /** The label of the rating's lowest or highest end, with its default as the hint. */
  const endLabel = (end: "low" | "high", label: string, fallback: string) => (
    <TextField name={`${prefix}${end}`} label={label} hint={`Par défaut : ${fallback}`} defaultValue={v[`${prefix}${end}`]} error={e[`${prefix}${end}`]} />
  );
  return (
    <>
      <TextField name={`${prefix}label`} label="Question" defaultValue={v[`${prefix}label`]} error={e[`${prefix}label`]} required />
      <Select name={`${prefix}type`} label="Type de réponse" defaultValue={v[`${prefix}type`] ?? "rating"} options={TYPES} error={e[`${prefix}type`]} />
      <Check name={`${prefix}required`} label="Réponse obligatoire" defaultChecked={v[`${prefix}required`] === "oui"} />
      <TextArea
        name={`${prefix}options`}
        label="Choix proposés (choix unique ou multiples)"
        hint="Un choix par ligne, au moins deux."
        defaultValue={v[`${prefix}options`]}
        error={e[`${prefix}options`]}
        rows={3}
      />
      <div className="field-row">
        {endLabel("low", "Libellé de la note 1", DEFAULT_LOW_LABEL)}
        {endLabel("high", "Libellé de la note 5", DEFAULT_HIGH_LABEL)}
      </div>
    </>
  );
}

export const questionPrefix = (id: number) => `q${id}-`;
export const NEW_PREFIX = "nouvelle-";

/** A stored question as the values of its form. */
export function questionValues(q: SurveyQuestion): Record<string, string> {
  const p = questionPrefix(q.id);
  return {
    [`${p}label`]: q.label,
    [`${p}type`]: q.type,
    [`${p}required`]: q.required ? "oui" : "",
    [`${p}options`]: q.options.join("\n"),
    [`${p}low`]: q.lowLabel ?? "",
    [`${p}high`]: q.highLabel ?? "",
  };
}

export function QuestionItem(props: { q: SurveyQuestion; n: number; last: boolean; echo?: Echo }) {
  const { q, n, last, echo } = props;
  const prefix = questionPrefix(q.id);
  const which = <span className="visually-hidden"> la question {n}</span>;
  return (
    <li>
      <h3>
        Question {n} — {QUESTION_TYPE_LABELS[q.type]}
      </h3>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="question" value={q.id} />
        <QuestionFields prefix={prefix} v={echo?.values ?? questionValues(q)} e={echo?.errors ?? {}} />
        <button type="submit" name="intent" value="update" className="button">
          Enregistrer{which}
        </button>
      </Form>
      <Form method="post" className="row-actions">
        <input type="hidden" name="question" value={q.id} />
        {n > 1 ? (
          <button type="submit" name="intent" value="up" className="button-secondary">
            Monter{which}
          </button>
        ) : null}{" "}
        {!last ? (
          <button type="submit" name="intent" value="down" className="button-secondary">
            Descendre{which}
          </button>
        ) : null}{" "}
        <button type="submit" name="intent" value="delete" className="button-secondary">
          Supprimer{which}
        </button>
      </Form>
    </li>
  );
}

export function NewQuestionForm({ echo }: { echo?: Echo }) {
  return (
    <Form method="post" className="form" noValidate>
      <input type="hidden" name="intent" value="add" />
      <QuestionFields prefix={NEW_PREFIX} v={echo?.values ?? {}} e={echo?.errors ?? {}} />
      <button type="submit" className="button">
        Ajouter la question
      </button>
    </Form>
  );
}
