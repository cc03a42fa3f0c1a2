// The resource editor's form (multipart, works without JavaScript): type, attachment, description,
// access (visibility, link or file, the upload kept from an earlier submission), recording (duration,
// chapters, summary, transcript), references, publication. Values and errors come from the route.
import { Form } from "@remix-run/react";
import { Check } from "../AdminFields";
import { describedBy, fieldId } from "../Field";
import { ACCEPTED_MIME, ACCEPTED_TYPES_TEXT } from "~/utils/file-types";
import { RESOURCE_TYPE_LABELS } from "~/utils/labels";
import { ChapterRows } from "./ChapterRows";
import { Area, Field, Input, Select, type Errors, type Values } from "./controls";
import { ReferenceBlocks } from "./ReferenceBlocks";

type Props = {
  v: Values;
  e: Errors;
  /** The resource's current file, if any. */
  file: { name: string; label: string } | null;
  /** An upload accepted with an earlier submission. */
  pending: { pending: string; name: string; label: string } | null;
  attachments: { value: string; label: string; group: string }[];
  sessions: { number: number; title: string; points: { path: string; title: string }[] }[];
  maxLabel: string;
  /** /admin/series/<slug>/ressources */
  base: string;
  resourceId: number | null;
};

export function ResourceForm({ v, e, file, pending, attachments, sessions, maxLabel, base, resourceId }: Props) {
  const groups = [...new Set(attachments.map((a) => a.group))];
  return (
    <Form method="post" encType="multipart/form-data" noValidate className="form resource-form">
      {/* The default button (Enter in a field) saves; the visible ones come later. */}
      <button type="submit" name="intent" value="save" className="visually-hidden" tabIndex={-1} aria-hidden="true">
        Enregistrer
      </button>
      <div className="field-row">
        <Select name="type" label="Type" v={v} e={e}>
          {Object.entries(RESOURCE_TYPE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
        <Select name="attachment" label="Rattachement" v={v} e={e}>
          {groups.map((g) => (
            <optgroup key={g} label={g}>
              {attachments
                .filter((a) => a.group === g)
                .map((a) => (
                  <option key={a.value} value={a.value}>
                    {a.label}
                  </option>
                ))}
            </optgroup>
          ))}
        </Select>
      </div>
      <Input name="title" label="Titre (obligatoire)" v={v} e={e} />
      <Area name="description" label="Description" v={v} e={e} rows={3} />
      <div className="field-row">
        <Area name="authors" label="Auteurs" v={v} e={e} rows={3} hint="Une personne ou une structure par ligne (« Breton, É. », « ORS-CREAI Normandie »)." />
        <div>
          <Input name="year" label="Année" v={v} e={e} inputMode="numeric" />
          <Input name="territory" label="Territoire" v={v} e={e} />
        </div>
      </div>
      <Input name="themes" label="Thèmes" v={v} e={e} hint="Séparés par des virgules (santé mentale, jeunes…)." />

      <fieldset className="fieldset-box">
        <legend>Accès</legend>
        <div className={`field${e.visibility ? " has-error" : ""}`} role="radiogroup" aria-labelledby="visibilite-titre">
          <p id="visibilite-titre" className="label">
            Qui peut voir cette ressource ?
          </p>
          <div className="check">
            <input type="radio" id="champ-visibility-public" name="visibility" value="public" defaultChecked={v.visibility !== "registrants"} />
            <label htmlFor="champ-visibility-public">Tout le monde (bibliothèque et pages de la série)</label>
          </div>
          <div className="check">
            <input type="radio" id="champ-visibility-registrants" name="visibility" value="registrants" defaultChecked={v.visibility === "registrants"} />
            <label htmlFor="champ-visibility-registrants">Les personnes inscrites à la série seulement (dans leur espace personnel)</label>
          </div>
        </div>
        <Input
          name="url"
          label="Adresse web"
          v={v}
          e={e}
          type="url"
          hint="Une page, un document en ligne, une vidéo YouTube ou Vimeo (affichée seulement à la demande du visiteur)."
        />
        <Field
          name="file"
          label="Fichier"
          error={e.file}
          hint={
            <>
              {ACCEPTED_TYPES_TEXT}. {maxLabel} au plus. Le type est vérifié d’après le contenu du fichier.
            </>
          }
        >
          <input
            type="file"
            id={fieldId("file")}
            name="file"
            accept={ACCEPTED_MIME.join(",")}
            aria-invalid={e.file ? true : undefined}
            aria-describedby={describedBy("file", e.file, true)}
          />
        </Field>
        {pending ? (
          <p className="notice">
            <input type="hidden" name="pendingUpload" value={pending.pending} />
            <input type="hidden" name="pendingName" value={pending.name} />
            Fichier reçu : « {pending.name} » ({pending.label}). Il sera joint à l’enregistrement, sauf si vous en choisissez un autre.
          </p>
        ) : null}
        {file ? (
          <div className="check">
            <input type="checkbox" id={fieldId("removeFile")} name="removeFile" value="oui" defaultChecked={v.removeFile === "oui"} />
            <label htmlFor={fieldId("removeFile")}>
              Retirer le fichier actuel « {file.name} » ({file.label})
            </label>
            <a href={`${base}/${resourceId}/fichier`} className="choice-info">
              Télécharger le fichier actuel
            </a>
          </div>
        ) : null}
      </fieldset>

      <fieldset className="fieldset-box">
        <legend>Enregistrement ou vidéo</legend>
        <Input name="duration" label="Durée" v={v} e={e} hint="Au format HH:mm:ss, par exemple 02:25:00." inputMode="numeric" />
        <ChapterRows v={v} e={e} sessions={sessions} />
        <Area
          name="summary"
          label="Résumé"
          v={v}
          e={e}
          rows={5}
          hint="Pour les personnes qui ne peuvent pas regarder ou écouter : l’essentiel des interventions."
        />
        <Area name="transcript" label="Transcription" v={v} e={e} rows={8} hint="Le texte intégral, paragraphes séparés par une ligne vide." />
      </fieldset>

      <ReferenceBlocks v={v} e={e} />

      <div className="check">
        <input type="checkbox" id={fieldId("published")} name="published" value="oui" defaultChecked={v.published === "oui"} />
        <label htmlFor={fieldId("published")}>
          Publiée (visible selon l’accès choisi ; pour l’enregistrement d’une rencontre, prévient ses personnes inscrites)
        </label>
      </div>
      <p>
        <button type="submit" name="intent" value="save" className="button">
          Enregistrer la ressource
        </button>
      </p>
    </Form>
  );
}

/** The separate form that deletes the resource, behind a confirmation box. */
export function DeleteResource({ title, error }: { title: string; error?: string }) {
  return (
    <Form method="post" className="danger">
      <h2>Supprimer la ressource</h2>
      <input type="hidden" name="intent" value="delete" />
      <Check name="confirm" label={`Je confirme vouloir supprimer « ${title} » et son fichier`} error={error} />
      <button type="submit" className="button-danger">
        Supprimer
      </button>
    </Form>
  );
}
