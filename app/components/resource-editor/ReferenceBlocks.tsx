// The bibliography of a resource in the resource editor: one block of fields per reference (kind,
// authors, editors, title, container, volume, pages, publisher, ISBN, DOI…), blank blocks to add more.
import { FieldError, fieldId } from "../Field";
import { REFERENCE_KIND_LABELS } from "~/utils/references";
import { Area, Input, Select, rowCount, type Errors, type Values } from "./controls";

const BLANK_REFERENCES = 2;

export function ReferenceBlocks({ v, e }: { v: Values; e: Errors }) {
  const referenceCount = rowCount(v, "ref", BLANK_REFERENCES);
  return (
    <fieldset className="fieldset-box">
      <legend id={fieldId("references")} tabIndex={-1}>
        Références (bibliographie)
      </legend>
      <p className="hint">Une référence par bloc ; les blocs laissés vides sont ignorés. Enregistrez pour obtenir d’autres blocs vides.</p>
      <FieldError name="references" error={e.references} />
      {Array.from({ length: referenceCount }, (_, i) => (
        <fieldset key={i} className="fieldset-box reference-box">
          <legend>Référence {i + 1}</legend>
          <div className="field-row">
            <Select
              name={`ref.${i}.kind`}
              label="Nature"
              v={v}
              e={e}
              hint="Elle décide des champs permis (un article n’a pas d’ISBN) et du type dans les exports RIS et BibTeX."
            >
              <option value="">Déduite des champs</option>
              {Object.entries(REFERENCE_KIND_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
            <Input name={`ref.${i}.year`} label="Année" v={v} e={e} inputMode="numeric" />
          </div>
          <div className="field-row">
            <Area name={`ref.${i}.authors`} label="Auteurs" v={v} e={e} rows={2} hint="Un par ligne : « Nom, Initiales » ou le nom d’une structure." />
            <Area
              name={`ref.${i}.editors`}
              label="Direction de l’ouvrage (dir.)"
              v={v}
              e={e}
              rows={2}
              hint="Chapitre ou ouvrage collectif : une personne par ligne, comme les auteurs."
            />
          </div>
          <Input name={`ref.${i}.title`} label="Titre" v={v} e={e} />
          <div className="field-row">
            <Input
              name={`ref.${i}.container`}
              label="Revue, site web ou collection"
              v={v}
              e={e}
              hint="La revue d’un article, le site d’une page web, la collection d’un livre, d’un chapitre ou d’un rapport."
            />
            <Input name={`ref.${i}.bookTitle`} label="Titre de l’ouvrage" v={v} e={e} hint="Pour un chapitre : le livre qui le contient." />
          </div>
          <div className="field-row">
            <Input name={`ref.${i}.volume`} label="Volume" v={v} e={e} size={6} />
            <Input name={`ref.${i}.issue`} label="Numéro" v={v} e={e} size={6} hint="D’une revue, ou d’un rapport." />
            <Input name={`ref.${i}.pages`} label="Pages" v={v} e={e} size={10} hint="« 593-602 » ; pour un livre, son nombre de pages." />
          </div>
          <div className="field-row">
            <Input name={`ref.${i}.publisher`} label="Éditeur ou institution" v={v} e={e} />
            <Input name={`ref.${i}.place`} label="Lieu d’édition" v={v} e={e} />
          </div>
          <div className="field-row">
            <Input name={`ref.${i}.isbn`} label="ISBN" v={v} e={e} hint="Livre ou chapitre, 10 ou 13 chiffres." />
            <Input name={`ref.${i}.doi`} label="DOI" v={v} e={e} hint="« 10.1016/… » (l’adresse https://doi.org/… est acceptée)." />
          </div>
          <div className="field-row">
            <Input name={`ref.${i}.url`} label="Adresse web" v={v} e={e} type="url" />
            <Input name={`ref.${i}.note`} label="Note" v={v} e={e} />
          </div>
        </fieldset>
      ))}
    </fieldset>
  );
}
