// The fields of a session in the back-office, shared by "add a session" (series page) and the session
// page: title, date and times, format, seats (on site and remote apart for a hybrid session) and the
// venue with what its registrants receive two days before (address, access, accessibility, contact).
// Names may carry a prefix when the form sits beside another one on the page (app/utils/session-form.ts).
import { Select, TextArea } from "./AdminFields";
import { TextField } from "./Field";
import { MODE_LABELS } from "~/utils/labels";
import { fieldName } from "~/utils/session-form";

type Values = Record<string, string | null | undefined>;

export function SessionFields(props: { prefix?: string; values: Values; errors: Record<string, string | undefined>; timezone: string; withTheme?: boolean }) {
  const { prefix = "", values, errors, timezone, withTheme = true } = props;
  const n = (name: string) => fieldName(prefix, name);
  const v = (name: string) => values[name] ?? "";
  const e = (name: string) => errors[name];
  /** A number of seats; empty means no limit. */
  const seats = (name: string, label: string) => (
    <TextField name={n(name)} label={label} inputMode="numeric" hint="Vide : sans limite." defaultValue={v(name)} error={e(name)} />
  );
  return (
    <>
      <TextField name={n("title")} label="Titre" required defaultValue={v("title")} error={e("title")} />
      {withTheme ? <TextField name={n("theme")} label="Thème" defaultValue={v("theme")} error={e("theme")} /> : null}
      <div className="field-row">
        <TextField name={n("date")} label="Date" type="date" required defaultValue={v("date")} error={e("date")} />
        <TextField name={n("start")} label={`Début (heure de ${timezone})`} type="time" required defaultValue={v("start")} error={e("start")} />
        <TextField name={n("end")} label="Fin" type="time" required defaultValue={v("end")} error={e("end")} />
      </div>
      <div className="field-row">
        <Select name={n("mode")} label="Format" defaultValue={v("mode") || "online"} options={Object.entries(MODE_LABELS)} error={e("mode")} />
        {seats("capacity", "Jauge (places, sur place pour une rencontre hybride)")}
        {seats("remoteCapacity", "Places à distance (rencontre hybride)")}
      </div>
      <fieldset className="fieldset-box">
        <legend>Lieu (obligatoire en présentiel ou en hybride)</legend>
        <p className="hint">
          Deux jours avant la rencontre, les personnes inscrites sur place reçoivent ces informations pratiques (et jamais les codes d’accès).
        </p>
        <TextField name={n("venueName")} label="Nom du lieu" defaultValue={v("venueName")} error={e("venueName")} />
        <TextField name={n("venueAddress")} label="Adresse" autoComplete="street-address" defaultValue={v("venueAddress")} error={e("venueAddress")} />
        <TextArea
          name={n("venueInstructions")}
          label="Accès (transports, stationnement, salle)"
          rows={2}
          defaultValue={v("venueInstructions")}
          error={e("venueInstructions")}
        />
        <TextArea name={n("venueAccessibility")} label="Accessibilité" rows={2} defaultValue={v("venueAccessibility")} error={e("venueAccessibility")} />
        <TextField name={n("venueContact")} label="Contact le jour même" defaultValue={v("venueContact")} error={e("venueContact")} />
      </fieldset>
    </>
  );
}
