// The form that duplicates a series for another territory (title, address, territory, weeks to shift).
import { Form } from "@remix-run/react";
import { ErrorSummary, TextField } from "../Field";
import type { Doc, Failed } from "./types";

export function DuplicateSeries({ doc, failed }: { doc: Doc; failed?: Failed }) {
  const dupErrors = failed?.intent === "duplicate" ? Object.fromEntries(failed.problems.map((p) => [p.path, p.message])) : {};
  const dupValues = failed?.intent === "duplicate" ? (failed.values ?? {}) : {};
  return (
    <section aria-labelledby="dupliquer">
      <h2 id="dupliquer">Dupliquer pour un autre territoire</h2>
      <Form method="post" noValidate className="form">
        <input type="hidden" name="intent" value="duplicate" />
        <p>Tout est copié sauf les inscriptions et les codes d’accès ; les dates sont décalées du nombre de semaines indiqué ; la copie est un brouillon.</p>
        <ErrorSummary errors={dupErrors} labels={{ newTitle: "Titre", newSlug: "Adresse", weeks: "Décalage" }} id="erreurs-duplication" />
        <TextField name="newTitle" label="Titre de la copie" required defaultValue={dupValues.title ?? doc.title} error={dupErrors.newTitle} />
        <TextField name="newSlug" label="Adresse de la copie" required defaultValue={dupValues.slug} error={dupErrors.newSlug} />
        <TextField name="newTerritory" label="Territoire" defaultValue={dupValues.territory} error={dupErrors.newTerritory} />
        <TextField
          name="weeks"
          label="Décalage des dates (semaines)"
          inputMode="numeric"
          required
          defaultValue={dupValues.weeks ?? "52"}
          error={dupErrors.weeks}
        />
        <button type="submit" className="button-secondary">
          Dupliquer
        </button>
      </Form>
    </section>
  );
}
