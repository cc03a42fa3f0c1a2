// The series' presentation form: title, territory, time zone, texts, format, registration window,
// the access codes' sending time, rules and key figures; typed values and errors kept when refused.
import { Form } from "@remix-run/react";
import { Check, OtherProblems, Select, TextArea } from "../AdminFields";
import { ErrorSummary, TextField } from "../Field";
import type { Doc, Failed } from "./types";
import { MODE_LABELS } from "~/utils/labels";
import { problemsUnder } from "~/utils/problems";

export function SeriesFields({ doc, failed, zones: ZONES }: { doc: Doc; failed?: Failed; zones: [string, string][] }) {
  const fieldProblems = failed?.intent === "fields" ? problemsUnder(failed.problems, "") : {};
  const v = failed?.intent === "fields" ? (failed.values ?? {}) : undefined;
  const value = (name: string, current: unknown) => (v ? v[name] : current === undefined || current === null ? "" : String(current));
  const err = (path: string) => fieldProblems[path];
  const shown = new Set([
    "title",
    "subtitle",
    "territory",
    "timezone",
    "summary",
    "question",
    "objectives",
    "audience",
    "mode",
    "platform",
    "registration.opensAt",
    "registration.closesAt",
    "accessCodes.daysBefore",
    "accessCodes.sendAt",
    "rules",
    "keyFigures",
  ]);
  const others =
    failed?.intent === "fields"
      ? failed.problems.filter((p) => ![...shown].some((s) => p.path === s || p.path.startsWith(`${s}[`) || p.path.startsWith(`${s}.`)))
      : [];
  return (
    <section aria-labelledby="fiche">
      <h2 id="fiche">Présentation de la série</h2>
      <OtherProblems problems={others} />
      <Form method="post" noValidate className="form">
        <input type="hidden" name="intent" value="fields" />
        <ErrorSummary
          errors={Object.fromEntries([...shown].map((s) => [s, err(s)]))}
          labels={{
            title: "Titre",
            "registration.opensAt": "Ouverture des inscriptions",
            "registration.closesAt": "Clôture des inscriptions",
            "accessCodes.daysBefore": "Jours avant",
            "accessCodes.sendAt": "Heure d’envoi",
          }}
          id="erreurs-fiche"
        />
        <TextField name="title" label="Titre" required defaultValue={value("title", doc.title)} error={err("title")} />
        <TextField name="subtitle" label="Sous-titre" defaultValue={value("subtitle", doc.subtitle)} error={err("subtitle")} />
        <TextField name="territory" label="Territoire" defaultValue={value("territory", doc.territory)} error={err("territory")} />
        <Select name="timezone" label="Fuseau horaire" defaultValue={value("timezone", doc.timezone)} options={ZONES} error={err("timezone")} />
        <TextArea name="summary" label="Présentation" defaultValue={value("summary", doc.summary)} error={err("summary")} />
        <TextField name="question" label="Question posée" defaultValue={value("question", doc.question)} error={err("question")} />
        <TextArea
          name="objectives"
          label="Objectifs"
          hint="Un objectif par ligne."
          defaultValue={v ? v.objectives : (doc.objectives ?? []).join("\n")}
          error={err("objectives")}
        />
        <TextField name="audience" label="Public" defaultValue={value("audience", doc.audience)} error={err("audience")} />
        <div className="field-row">
          <Select name="mode" label="Format" defaultValue={value("mode", doc.mode)} options={[["", "—"], ...Object.entries(MODE_LABELS)]} error={err("mode")} />
          <TextField name="platform" label="Outil de visio-conférence" defaultValue={value("platform", doc.platform)} error={err("platform")} />
        </div>
        <fieldset className="fieldset-box">
          <legend>Inscriptions</legend>
          <Check
            name="registrationRequired"
            label="Inscription obligatoire"
            defaultChecked={v ? v.registrationRequired === "oui" : doc.registration?.required !== false}
          />
          <Check
            name="multipleSessions"
            label="Plusieurs rencontres avec un seul formulaire"
            defaultChecked={v ? v.multipleSessions === "oui" : doc.registration?.multipleSessions !== false}
          />
          <div className="field-row">
            <TextField
              name="opensAt"
              label="Ouverture (heure locale)"
              type="datetime-local"
              defaultValue={value("opensAt", doc.registration?.opensAt)}
              error={err("registration.opensAt")}
            />
            <TextField
              name="closesAt"
              label="Clôture (heure locale)"
              type="datetime-local"
              defaultValue={value("closesAt", doc.registration?.closesAt)}
              error={err("registration.closesAt")}
            />
          </div>
        </fieldset>
        <fieldset className="fieldset-box">
          <legend>Envoi des codes d’accès</legend>
          <div className="field-row">
            <TextField
              name="daysBefore"
              label="Jours avant la rencontre"
              inputMode="numeric"
              defaultValue={value("daysBefore", doc.accessCodes?.daysBefore ?? 2)}
              error={err("accessCodes.daysBefore")}
            />
            <TextField
              name="sendAt"
              label="Heure d’envoi (heure locale)"
              type="time"
              defaultValue={value("sendAt", doc.accessCodes?.sendAt ?? "09:00")}
              error={err("accessCodes.sendAt")}
            />
          </div>
        </fieldset>
        <TextArea
          name="rules"
          label="Consignes"
          hint="Une consigne par ligne (micro coupé, questions par écrit…)."
          defaultValue={v ? v.rules : (doc.rules ?? []).join("\n")}
          error={err("rules")}
        />
        <TextArea
          name="keyFigures"
          label="Chiffres clés"
          hint="Un chiffre par ligne : valeur | libellé (par exemple « 28 | QPV en Seine-Maritime »)."
          defaultValue={v ? v.keyFigures : (doc.keyFigures ?? []).map((k) => `${k.value} | ${k.label}`).join("\n")}
          error={err("keyFigures")}
        />
        <button type="submit" className="button">
          Enregistrer
        </button>
      </Form>
    </section>
  );
}
