// The fields of a series' certificate settings (app/routes/admin/series/certificates.tsx): each with
// its label, hint and error (aria-invalid, aria-describedby), and the current signature image.
import { Check } from "../AdminFields";
import { FieldShell, TextField, controlProps } from "../Field";

export type SettingsValues = { enabled: boolean; autoEmail: boolean; signatoryName: string; signatoryTitle: string; organisationName: string };
type Errors = Partial<Record<"signatoryName" | "signatoryTitle" | "organisationName" | "signature" | "autoEmail", string>>;

export function CertificateSettingsForm(props: {
  values: SettingsValues;
  errors: Errors;
  signatureUrl: string | null;
  maxSignature: string;
  emailHour: number;
}) {
  const { values: v, errors: e, signatureUrl, maxSignature, emailHour } = props;
  const count = Object.values(e).filter(Boolean).length;
  return (
    <>
      {count ? (
        <div className="error-summary" role="alert">
          <p>
            {count === 1
              ? "Une erreur empêche l’enregistrement\u00a0: voyez le champ signalé."
              : `${count} erreurs empêchent l’enregistrement\u00a0: voyez les champs signalés.`}
          </p>
        </div>
      ) : null}
      <Check name="enabled" label="Proposer des attestations de présence pour cette série" defaultChecked={v.enabled} />
      <Check
        name="autoEmail"
        label={`Envoyer l’attestation par e-mail une fois la présence saisie (le lendemain de la rencontre à ${emailHour}\u00a0h, ou dès la saisie si elle est plus tardive)`}
        defaultChecked={v.autoEmail}
        error={e.autoEmail}
      />
      <fieldset>
        <legend>Signataire</legend>
        <TextField name="signatoryName" label="Nom de la personne qui signe" defaultValue={v.signatoryName} error={e.signatoryName} autoComplete="off" />
        <TextField
          name="signatoryTitle"
          label="Fonction"
          hint={"Par exemple «\u00a0Directrice de l’Instance régionale d’éducation et de promotion de la santé\u00a0»."}
          defaultValue={v.signatoryTitle}
          error={e.signatoryTitle}
          autoComplete="off"
        />
        <FieldShell
          name="signature"
          label="Image de la signature"
          error={e.signature}
          hint={`PNG ou JPEG, ${maxSignature} au plus. ${signatureUrl ? "Déposez une image pour remplacer la signature actuelle." : "Aucune signature déposée\u00a0: l’attestation porte seulement le nom."}`}
        >
          <input {...controlProps("signature", e.signature, true)} type="file" accept="image/png,image/jpeg" />
        </FieldShell>
        {signatureUrl ? (
          <div className="field">
            <p>Signature actuelle{"\u00a0"}:</p>
            <img src={signatureUrl} alt="Signature actuelle" style={{ maxWidth: "240px", maxHeight: "90px", background: "#fff" }} />
            <Check name="removeSignature" label="Retirer cette signature" />
          </div>
        ) : null}
      </fieldset>
      <TextField
        name="organisationName"
        label="Organisation qui délivre l’attestation"
        hint="Laissée vide, l’attestation nomme les structures organisatrices de la série."
        defaultValue={v.organisationName}
        error={e.organisationName}
        autoComplete="organization"
      />
    </>
  );
}
