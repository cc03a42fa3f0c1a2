// The speaker rows of a programme item or part: each row picks a person or organisation of the
// series, or types a new person in place (first and last name, job title, organisation picked from
// a list or typed), with a role. Without JavaScript, "Ajouter une ligne" submits and the page comes
// back with one more row, and a row is removed by ticking "Retirer"; with JavaScript both happen in
// place. Until a role is chosen, a row follows the kind (a round table: a moderator, then panellists).
import { useEffect, useState } from "react";
import { useHydrated } from "~/components/use-hydrated";
import { Select } from "./AdminFields";
import { TextField, fieldId } from "./Field";
import { SPEAKER_ROLE_LABELS, blankRow, isBlankRow, suggestedRole, type SpeakerRole, type SpeakerRow } from "~/utils/programme-form";

export const ROW_FIELD_LABELS: Record<string, string> = {
  who: "personne ou structure",
  part: "rôle",
  firstName: "prénom",
  lastName: "nom",
  role: "fonction",
  organisation: "structure",
};

type Line = { id: number; row: SpeakerRow; auto: boolean };
let lastId = 0;
const line = (row: SpeakerRow): Line => ({ id: ++lastId, row, auto: isBlankRow(row) });

export function SpeakerRows(props: {
  /** "speaker." or "part.2.speaker." */
  prefix: string;
  legend: string;
  rows: SpeakerRow[];
  /** The kind the rows follow (the item's, or the part's). */
  kind: string;
  pick: [string, string][];
  /** The id of the datalist of known organisations. */
  organisationList: string;
  errors: Record<string, string>;
}) {
  const { prefix, legend, kind, pick, organisationList, errors } = props;
  const hydrated = useHydrated();
  const [lines, setLines] = useState<Line[]>(() => props.rows.map(line));
  const [focus, setFocus] = useState<string | null>(null);
  useEffect(() => {
    if (focus) document.getElementById(focus)?.focus();
  }, [focus]);

  const parts: SpeakerRole[] = [];
  for (const l of lines)
    parts.push(
      l.auto
        ? suggestedRole(
            kind,
            parts.map((part) => ({ speakerRole: part })),
          )
        : l.row.speakerRole,
    );
  const update = (id: number, change: Partial<SpeakerRow>, chosen = false) =>
    setLines((all) => all.map((l) => (l.id === id ? { ...l, row: { ...l.row, ...change }, auto: l.auto && !chosen } : l)));
  const whoOptions: [string, string][] = [["", "— Nouvelle personne (à saisir ci-dessous) —"], ...pick];

  return (
    <fieldset className="fieldset-box speaker-rows">
      <legend>{legend}</legend>
      <p className="hint">
        Choisissez une personne ou une structure de la série, ou saisissez une nouvelle personne : elle est ajoutée aux intervenant·es de la série à
        l’enregistrement (une personne déjà connue, même nom et même structure, est reprise). Les lignes vides sont ignorées.
      </p>
      {lines.map((l, i) => {
        const row = `${prefix}${i}.`;
        const picked = hydrated && l.row.who !== "";
        return (
          <fieldset className="fieldset-box speaker-row" key={l.id}>
            <legend>
              Intervenant·e {i + 1}
              <span className="visually-hidden"> ({legend})</span>
            </legend>
            <div className="field-row">
              <Select
                name={`${row}who`}
                label="Personne ou structure de la série"
                options={whoOptions}
                value={l.row.who}
                onChange={(who) => update(l.id, { who })}
                error={errors[`${row}who`]}
              />
              <Select
                name={`${row}part`}
                label="Rôle"
                options={SPEAKER_ROLE_LABELS}
                value={parts[i]}
                onChange={(part) => update(l.id, { speakerRole: part as SpeakerRole }, true)}
                error={errors[`${row}part`]}
              />
            </div>
            {picked ? null : (
              <div className="field-row">
                <TextField name={`${row}firstName`} label="Prénom" defaultValue={l.row.firstName} error={errors[`${row}firstName`]} autoComplete="off" />
                <TextField name={`${row}lastName`} label="Nom" defaultValue={l.row.lastName} error={errors[`${row}lastName`]} autoComplete="off" />
                <TextField name={`${row}role`} label="Fonction" defaultValue={l.row.role} error={errors[`${row}role`]} autoComplete="off" />
                <TextField
                  name={`${row}organisation`}
                  label="Structure"
                  hint="Choisie dans la liste ou saisie : une nouvelle structure est créée."
                  list={organisationList}
                  defaultValue={l.row.organisation}
                  error={errors[`${row}organisation`]}
                  autoComplete="off"
                />
              </div>
            )}
            {hydrated ? (
              <button
                type="button"
                className="button-secondary"
                onClick={() => {
                  setLines((all) => all.filter((x) => x.id !== l.id));
                  setFocus(fieldId(`${prefix}add`));
                }}
              >
                Retirer
                <span className="visually-hidden">
                  {" "}
                  l’intervenant·e {i + 1} ({legend})
                </span>
              </button>
            ) : isBlankRow(l.row) ? null : (
              <div className="field check">
                <input type="checkbox" id={fieldId(`${row}remove`)} name={`${row}remove`} value="oui" />
                <label htmlFor={fieldId(`${row}remove`)}>Retirer cette ligne</label>
              </div>
            )}
          </fieldset>
        );
      })}
      <button
        type="submit"
        name="intent"
        value={`add-row:${prefix}`}
        id={fieldId(`${prefix}add`)}
        className="button-secondary"
        formNoValidate
        onClick={(event) => {
          event.preventDefault();
          setLines((all) => [...all, line(blankRow())]);
          setFocus(fieldId(`${prefix}${lines.length}.who`));
        }}
      >
        Ajouter une ligne<span className="visually-hidden"> ({legend})</span>
      </button>
    </fieldset>
  );
}
