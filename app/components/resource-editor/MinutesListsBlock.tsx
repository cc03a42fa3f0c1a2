// In the editor of a compte rendu attached to a session: the lists of présent·es, excusé·es and
// absent·es as text to copy into the minutes, named as the published page will name them.
export function MinutesListsBlock({
  text,
  allNames,
  namesWithheld,
  sessionNumber,
}: {
  text: string;
  allNames: boolean;
  /** A registrants-only compte rendu seen by an editor: only the names a public page would show. */
  namesWithheld: boolean;
  sessionNumber: number;
}) {
  return (
    <section aria-labelledby="listes-presence">
      <h2 id="listes-presence">Présences du RDV #{sessionNumber}, à copier</h2>
      <p className="hint">
        D’après la présence enregistrée. La page du compte rendu affiche ces listes sous votre texte.{" "}
        {allNames
          ? "Compte rendu réservé aux inscrit·es : toutes les personnes sont nommées."
          : namesWithheld
            ? "Compte rendu réservé aux inscrit·es : sa page nomme toutes les personnes, mais ici, seules celles qui ont accepté de figurer sont nommées (les autres sont comptées) ; les noms complets sont réservés aux organisateur·rices."
            : "Compte rendu public : seules les personnes qui ont accepté de figurer sont nommées, les autres sont comptées."}
      </p>
      <label htmlFor="listes-presence-texte">Listes (texte à copier)</label>
      <textarea id="listes-presence-texte" readOnly rows={6} value={text} className="copy-block" />
    </section>
  );
}
