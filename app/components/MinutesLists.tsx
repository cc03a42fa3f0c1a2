// Below a compte rendu's text: présent·es, excusé·es, absent·es of its session, each named person with
// their structure, the others counted (app/minutes/minutes.server.ts decides who is named).
import { othersText, type MinutesLists } from "~/minutes/minutes-text";

export function MinutesListsView({ minutes }: { minutes: MinutesLists }) {
  return (
    <section aria-labelledby="presences" className="minutes-lists">
      <h2 id="presences">Présences</h2>
      <p className="hint">
        {minutes.allNames
          ? "Compte rendu réservé aux personnes inscrites : toutes les personnes sont nommées."
          : "Seules les personnes qui ont accepté de figurer dans les comptes rendus sont nommées ; les autres sont comptées."}
      </p>
      {minutes.lists.map((list) => (
        <div key={list.attendance}>
          <h3>
            {list.title} ({list.total})
          </h3>
          {list.named.length ? (
            <ul>
              {list.named.map((p, i) => (
                <li key={i}>
                  {p.name}
                  {p.organisation ? ` — ${p.organisation}` : ""}
                </li>
              ))}
            </ul>
          ) : null}
          {list.others ? <p>{othersText(list.others, list.named.length > 0)}</p> : null}
          {!list.total ? <p>Personne.</p> : null}
        </div>
      ))}
      {minutes.unrecorded ? (
        <p className="hint">
          Présence non renseignée pour {minutes.unrecorded} inscrit·e{minutes.unrecorded > 1 ? "s" : ""}.
        </p>
      ) : null}
    </section>
  );
}
