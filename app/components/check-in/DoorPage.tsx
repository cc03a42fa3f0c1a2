// The check-in page's body: counts, the result of the last action (a live region), the camera scan
// (with JavaScript only), the code form, the name search with a button per person, and the walk-in
// form. Every form works without JavaScript; with it, they post through one fetcher and the list
// and counts update without a reload.
import { useActionData, useFetcher } from "@remix-run/react";
import { useState } from "react";
import { filterRows, type DoorRow } from "~/check-in/door-search";
import type { DoorResult } from "~/routes/admin/series/check-in";
import { FieldError, TextField, controlProps, fieldId } from "../Field";
import { useHydrated } from "../use-hydrated";
import { Scanner } from "./Scanner";

const plural = (n: number, word: string) => `${word}${n > 1 ? "s" : ""}`;

export function DoorPage({
  rows,
  counts,
  query,
  flash,
  closed = false,
}: {
  rows: DoorRow[];
  counts: { present: number; expected: number };
  query: string;
  flash: { ok: boolean; message: string } | null;
  /** The door is closed (app/check-in/door.server.ts): no « Annuler la présence », refused anyway. */
  closed?: boolean;
}) {
  const hydrated = useHydrated();
  const fetcher = useFetcher<DoorResult>({ key: "accueil" });
  const actionData = useActionData<DoorResult>();
  const result: DoorResult | undefined = fetcher.data ?? actionData ?? (flash ? { ...flash, form: "row" } : undefined);
  const [search, setSearch] = useState(query);
  const shown = filterRows(rows, search);
  const js = hydrated ? <input type="hidden" name="js" value="1" /> : null;
  const codeError = result && !result.ok && result.form === "code" ? result.message : undefined;
  const walkIn = result?.form === "walk-in" ? result : undefined;
  // A successful code or walk-in empties its form (remounted under a new key).
  const done = fetcher.data?.ok ? fetcher.data.message : "";

  return (
    <>
      <p className="door-counts" aria-live="polite">
        <strong>{counts.present}</strong> {plural(counts.present, "présent·e")} sur <strong>{counts.expected}</strong> {plural(counts.expected, "inscrit·e")}{" "}
        sur place
      </p>
      <div role="status" className="door-result">
        {result ? <p className={result.ok ? "success" : "error-summary"}>{result.message}</p> : null}
      </div>

      {hydrated ? <Scanner onCode={(code) => fetcher.submit({ intent: "code", code, js: "1" }, { method: "post" })} /> : null}

      <section aria-labelledby="code-titre" className="door-section">
        <h2 id="code-titre">Code d’accueil</h2>
        <fetcher.Form method="post" key={`code-${done}`} className="door-inline">
          <input type="hidden" name="intent" value="code" />
          {js}
          <div className={`field${codeError ? " has-error" : ""}`}>
            <label htmlFor={fieldId("code")}>Code à 8 caractères</label>
            <FieldError name="code" error={codeError} />
            <input
              {...controlProps("code", codeError)}
              defaultValue={codeError ? result?.code : ""}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={40}
            />
          </div>
          <button type="submit">Enregistrer l’arrivée</button>
        </fetcher.Form>
      </section>

      <section aria-labelledby="liste-titre" className="door-section">
        <h2 id="liste-titre">Chercher une personne</h2>
        <form method="get" className="door-inline" onSubmit={(e) => hydrated && e.preventDefault()}>
          <div className="field">
            <label htmlFor="recherche">Nom, prénom ou structure</label>
            <input id="recherche" name="q" type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" />
          </div>
          <button type="submit" className="button-secondary">
            Chercher
          </button>
        </form>
        <p className="muted" aria-live="polite">
          {shown.length} {plural(shown.length, "personne")}
          {search.trim() ? ` pour «\u00a0${search.trim()}\u00a0»` : ""}
        </p>
        <ul className="door-list">
          {shown.map((r) => (
            <li key={r.registrationId} className={r.present ? "is-present" : undefined}>
              <div className="door-person">
                <strong>
                  {r.firstName} {r.lastName}
                </strong>
                {r.organisation ? <span className="muted"> — {r.organisation}</span> : null}
                <br />
                <span className="door-status">
                  {r.present ? `Présent·e${r.arrivedAt ? ` depuis ${r.arrivedAt}` : ""}` : "Attendu·e"}
                  {r.walkIn ? " (sur place, non inscrit·e)" : ""}
                </span>
              </div>
              {r.present && closed ? null : (
                <fetcher.Form method="post">
                  <input type="hidden" name="intent" value={r.present ? "undo" : "present"} />
                  <input type="hidden" name="registration" value={r.registrationId} />
                  {js}
                  <button type="submit" className={r.present ? "button-secondary" : undefined}>
                    {r.present ? "Annuler la présence" : "Présent·e"}
                    <span className="visually-hidden">
                      {" "}
                      — {r.firstName} {r.lastName}
                    </span>
                  </button>
                </fetcher.Form>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="sur-place-titre" className="door-section">
        <h2 id="sur-place-titre">Participant·e sur place non inscrit·e</h2>
        <p>La personne est ajoutée comme inscrite sur place à cette rencontre et enregistrée présente. Aucun e-mail de confirmation ne lui est envoyé.</p>
        <fetcher.Form method="post" key={`walk-in-${walkIn?.ok ? done : ""}`} noValidate>
          <input type="hidden" name="intent" value="walk-in" />
          {js}
          <TextField name="firstName" label="Prénom" required autoComplete="off" error={walkIn?.errors?.firstName} defaultValue={walkIn?.values?.firstName} />
          <TextField name="lastName" label="Nom" required autoComplete="off" error={walkIn?.errors?.lastName} defaultValue={walkIn?.values?.lastName} />
          <TextField
            name="email"
            label="Adresse e-mail"
            type="email"
            required
            autoComplete="off"
            error={walkIn?.errors?.email}
            defaultValue={walkIn?.values?.email}
          />
          <TextField
            name="organisation"
            label="Structure"
            autoComplete="off"
            error={walkIn?.errors?.organisation}
            defaultValue={walkIn?.values?.organisation}
          />
          <button type="submit">Ajouter et enregistrer présent·e</button>
        </fetcher.Form>
      </section>
    </>
  );
}
