// The fields of a registration, shared by the public form (a person registering themself) and the
// back-office (an organiser registering someone): session choices with seats left, and the person.
import { Check, Select } from "./AdminFields";
import { FieldError, TextField, controlProps, describedBy, errorId, fieldId } from "./Field";
import { PARTICIPATION_LABELS, type Participation } from "~/utils/formats";
import { MODE_LABELS, seatsLeftText } from "~/utils/labels";

type Option = {
  id: number;
  number: number;
  title: string;
  when: string;
  mode: string;
  venue: string | null;
  seatsLeft: number | null;
  participations?: { participation: Participation; seatsLeft: number | null }[];
  closed: string | null;
};
type TextName = "firstName" | "lastName" | "email" | "organisation" | "jobTitle" | "territory";
type Values = { firstName?: string; lastName?: string; email?: string; organisation?: string; jobTitle?: string; structureType?: string; territory?: string };
type Errors = Partial<
  Record<"sessions" | "participation" | "firstName" | "lastName" | "email" | "organisation" | "jobTitle" | "structureType" | "territory", string>
>;

/** Field names of the registration form and their French labels (error summaries). */
export const REGISTRATION_LABELS = {
  sessions: "Rencontres",
  participation: "Sur place ou à distance",
  firstName: "Prénom",
  lastName: "Nom",
  email: "Adresse e-mail",
  organisation: "Structure",
  jobTitle: "Fonction",
  structureType: "Type de structure",
  territory: "Commune ou territoire d’intervention",
  consent: "Consentement",
  news: "Actualités",
  minutes: "Comptes rendus",
} as const;

export function seatsText(o: Pick<Option, "closed" | "seatsLeft">): string {
  if (o.closed) return o.closed;
  if (o.seatsLeft === null) return "places disponibles";
  if (o.seatsLeft > 0) return seatsLeftText(o.seatsLeft);
  return "complet : inscription sur liste d’attente";
}

/**
 * A hybrid session's question, under its checkbox: on site or remotely, each with its seats. The
 * first unanswered one carries the "participation" error (and the id the error summary links to).
 */
export function ParticipationChoice(props: { option: Option; chosen?: string; error?: string; idPrefix: string }) {
  const { option: o, chosen, error, idPrefix } = props;
  if (!o.participations?.length || o.closed) return null;
  const name = `participation-${o.id}`;
  return (
    <fieldset
      className={`participation${error ? " has-error" : ""}`}
      id={error ? fieldId("participation") : undefined}
      tabIndex={error ? -1 : undefined}
      aria-describedby={error ? errorId("participation") : undefined}
    >
      <legend>Pour le RDV #{o.number}, vous venez…</legend>
      {error ? <FieldError name="participation" error={error} /> : null}
      {o.participations.map((p) => (
        <span key={p.participation} className="participation-option">
          <input type="radio" name={name} value={p.participation} id={`${idPrefix}-${o.id}-${p.participation}`} defaultChecked={chosen === p.participation} />{" "}
          <label htmlFor={`${idPrefix}-${o.id}-${p.participation}`}>
            {PARTICIPATION_LABELS[p.participation].toLowerCase()} ({seatsText({ closed: null, seatsLeft: p.seatsLeft })})
          </label>{" "}
        </span>
      ))}
    </fieldset>
  );
}

export function SessionChoices(props: {
  options: Option[];
  chosen: Set<string>;
  error?: string;
  legend: string;
  idPrefix?: string;
  showPlace?: boolean;
  /** Hybrid sessions: the participation chosen per session id, and the error of the first unanswered one. */
  participation?: Record<string, string>;
  participationError?: string;
}) {
  const { options, chosen, error, legend, idPrefix = "session", showPlace = true, participation = {}, participationError } = props;
  const unanswered = participationError
    ? options.find((o) => o.participations?.length && chosen.has(String(o.id)) && !participation[String(o.id)])?.id
    : undefined;
  return (
    <fieldset className={`field choices${error ? " has-error" : ""}`} id={fieldId("sessions")} tabIndex={-1} aria-describedby={describedBy("sessions", error)}>
      <legend>
        {legend} <span className="required">(obligatoire, au moins une)</span>
      </legend>
      <FieldError name="sessions" error={error} />
      <ul className="choice-list">
        {options.map((o) => (
          <li key={o.id} className={o.closed ? "is-closed" : undefined}>
            <input
              type="checkbox"
              name="sessions"
              value={o.id}
              id={`${idPrefix}-${o.id}`}
              defaultChecked={chosen.has(String(o.id))}
              disabled={Boolean(o.closed)}
              aria-describedby={`${idPrefix}-${o.id}-info`}
            />
            <label htmlFor={`${idPrefix}-${o.id}`}>
              <strong>
                RDV #{o.number} — {o.title}
              </strong>
            </label>
            <span className="choice-info" id={`${idPrefix}-${o.id}-info`}>
              {o.when} ·{" "}
              {showPlace ? (
                <>
                  {MODE_LABELS[o.mode]}
                  {o.venue ? ` · ${o.venue}` : ""} ·{" "}
                </>
              ) : null}
              {seatsText(o)}
            </span>
            <ParticipationChoice
              option={o}
              chosen={participation[String(o.id)]}
              error={o.id === unanswered ? participationError : undefined}
              idPrefix={idPrefix}
            />
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/**
 * The person's fields. `self`: the person types their own details (personal autocomplete tokens, the
 * email hint); otherwise an organiser types someone else's (no autocomplete from their browser).
 */
export function ParticipantFields({
  values,
  errors,
  structureTypes,
  self,
}: {
  values: Values;
  errors: Errors;
  structureTypes: [string, string][];
  self: boolean;
}) {
  const auto = (token: string) => (self ? token : "off");
  const text = (name: TextName, label: string, token: string, more: Omit<Parameters<typeof TextField>[0], "name" | "label"> = {}) => (
    <TextField name={name} label={label} autoComplete={auto(token)} defaultValue={values[name]} error={errors[name]} {...more} />
  );
  return (
    <>
      <div className="field-row">
        {text("firstName", "Prénom", "given-name", { required: true, maxLength: 100 })}
        {text("lastName", "Nom", "family-name", { required: true, maxLength: 100 })}
      </div>
      {text("email", "Adresse e-mail", "email", {
        type: "email",
        required: true,
        spellCheck: false,
        hint: self ? "Les codes d’accès et votre lien personnel seront envoyés à cette adresse." : undefined,
      })}
      {text("organisation", "Structure", "organization", { maxLength: 200 })}
      {text("jobTitle", "Fonction", "organization-title", { maxLength: 200 })}
      <Select
        name="structureType"
        label="Type de structure"
        defaultValue={values.structureType}
        error={errors.structureType}
        options={[["", "— Choisir —"], ...structureTypes]}
      />
      {text("territory", "Commune ou territoire d’intervention", "address-level2", { maxLength: 200 })}
    </>
  );
}

/**
 * The boxes that end a registration: consent to the processing of the data (required), the news
 * (optional) and the « consentement à figurer » (optional: named, with the structure, in the minutes
 * of the sessions attended; unticked, the person is only counted). `described`: the page shows the privacy notice (id aide-consent) that describes the
 * consent box.
 */
export function ConsentFields(props: {
  consent?: boolean;
  news?: boolean;
  minutes?: boolean;
  error?: string;
  described?: boolean;
  consentLabel: string;
  newsLabel: string;
  /** The « consentement à figurer » box; without a label, no box. */
  minutesLabel?: string;
}) {
  const { consent, news, minutes, error, described = false, consentLabel, newsLabel, minutesLabel } = props;
  return (
    <>
      <div className={`field check${error ? " has-error" : ""}`}>
        <FieldError name="consent" error={error} />
        <input type="checkbox" {...controlProps("consent", error, described)} value="oui" defaultChecked={consent} />
        <label htmlFor={fieldId("consent")}>
          {`${consentLabel} `}
          <span className="required">(obligatoire)</span>
        </label>
      </div>
      <Check name="news" label={newsLabel} defaultChecked={news} />
      {minutesLabel ? <Check name="minutes" label={minutesLabel} defaultChecked={minutes} /> : null}
    </>
  );
}
