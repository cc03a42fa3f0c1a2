// The organisers' form to register someone by hand, with the public form's rules (capacity, waiting
// list, confirmation email) and fields; or why no session is open to registration.
import { Form, useNavigation } from "@remix-run/react";
import { ErrorSummary } from "../Field";
import { ConsentFields, ParticipantFields, REGISTRATION_LABELS, SessionChoices } from "../RegistrationFields";

type Props = {
  addOptions: Parameters<typeof SessionChoices>[0]["options"];
  registrationOpen: boolean;
  structureTypes: [string, string][];
  errors: Parameters<typeof ParticipantFields>[0]["errors"] & { consent?: string; sessions?: string; participation?: string };
  values: Parameters<typeof ParticipantFields>[0]["values"] & {
    consent?: boolean;
    news?: boolean;
    minutes?: boolean;
    sessions?: string[];
    participation?: Parameters<typeof SessionChoices>[0]["participation"];
  };
  /** Changes after a registration is added, so that the form starts blank again. */
  formKey: string | number;
};

export function AddRegistrant({ addOptions, registrationOpen, structureTypes, errors, values, formKey }: Props) {
  const navigation = useNavigation();
  const chosen = new Set(values.sessions ?? []);
  const openOptions = addOptions.filter((o) => !o.closed);
  return !openOptions.length ? (
    <p className="notice">
      {registrationOpen ? "Aucune rencontre de cette série n’est ouverte à l’inscription." : "Les inscriptions à cette série ne sont pas ouvertes."}
    </p>
  ) : (
    <Form method="post" noValidate className="form" key={formKey}>
      <ErrorSummary errors={errors} labels={REGISTRATION_LABELS} />
      <input type="hidden" name="intent" value="add" />
      <p>Mêmes règles que le formulaire public : jauge, liste d’attente et e-mail de confirmation.</p>
      <SessionChoices
        options={addOptions}
        chosen={chosen}
        error={errors.sessions}
        legend="Rencontres"
        idPrefix="ajout-session"
        showPlace={false}
        participation={values?.participation}
        participationError={errors.participation}
      />
      <ParticipantFields values={values} errors={errors} structureTypes={structureTypes} self={false} />
      <ConsentFields
        consent={values.consent}
        news={values.news}
        minutes={values.minutes}
        error={errors.consent}
        consentLabel="La personne a accepté le traitement de ses données pour son inscription"
        newsLabel="Elle souhaite être informée des prochaines séries (facultatif)"
        minutesLabel="Elle accepte que son nom et sa structure figurent dans les comptes rendus publiés (facultatif)"
      />
      <p>
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          Ajouter l’inscription
        </button>
      </p>
    </Form>
  );
}
