// The series' sessions, each linking to its page, and the form that adds one (the session fields,
// their errors and typed values kept when refused).
import { Form, Link } from "@remix-run/react";
import { OtherProblems } from "../AdminFields";
import { ErrorSummary } from "../Field";
import { SessionFields } from "../SessionFields";
import type { Doc, Failed } from "./types";
import { MODE_LABELS, SESSION_STATUS_LABELS } from "~/utils/labels";
import { SESSION_FIELD_LABELS, fieldName, prefixed, sessionProblems } from "~/utils/session-form";

export function SeriesSessions({ doc, failed, prefix: SESSION_PREFIX }: { doc: Doc; failed?: Failed; prefix: string }) {
  const added = failed?.intent === "add-session" ? sessionProblems(failed.problems, `sessions[${failed.sessionIndex ?? 0}]`) : { errors: {}, others: [] };
  const sessionErrors = prefixed(SESSION_PREFIX, added.errors);
  const typed = failed?.intent === "add-session" ? (failed.values ?? {}) : {};
  // The typed values by field name without the prefix, for SessionFields.
  const sessionValues: Record<string, string> = Object.fromEntries(
    Object.keys(SESSION_FIELD_LABELS).map((k) => [k, typed[fieldName(SESSION_PREFIX, k)] ?? ""]),
  );
  if (!typed[fieldName(SESSION_PREFIX, "mode")]) sessionValues.mode = doc.mode ?? "online";
  return (
    <section aria-labelledby="rencontres">
      <h2 id="rencontres">Rencontres</h2>
      {doc.sessions.length ? (
        <ol className="directory">
          {doc.sessions.map((s) => (
            <li key={s.number}>
              <Link to={`/admin/series/${doc.slug}/sessions/${s.number}`}>
                RDV #{s.number} — {s.title}
              </Link>{" "}
              <span className="muted">
                {s.start.replace("T", " à ")} · {MODE_LABELS[s.mode ?? "online"]} · {SESSION_STATUS_LABELS[s.status ?? "published"]}
                {s.access ? " · codes saisis" : s.mode !== "in-person" ? " · codes à saisir" : ""}
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p>Aucune rencontre pour l’instant.</p>
      )}
      <Form method="post" noValidate className="form fieldset-box" aria-labelledby="ajout-rencontre">
        <h3 id="ajout-rencontre">Ajouter une rencontre</h3>
        <input type="hidden" name="intent" value="add-session" />
        <ErrorSummary errors={sessionErrors} labels={prefixed(SESSION_PREFIX, SESSION_FIELD_LABELS)} id="erreurs-rencontre" />
        <OtherProblems problems={added.others} />
        <SessionFields prefix={SESSION_PREFIX} values={sessionValues} errors={added.errors} timezone={doc.timezone} withTheme={false} />
        <button type="submit" className="button">
          Ajouter la rencontre
        </button>
      </Form>
    </section>
  );
}
