// The satisfaction surveys in the bilan: per session, the number of answers, each rating's mean and
// distribution, each choice's counts (SVG charts with their tables), the free-text answers listed,
// and a link to the CSV of the answer sheets. Answers are shown as text, never as markup.
import { HorizontalBarChart } from "~/components/charts";
import type { QuestionResult, SessionSurveyResult } from "~/report/survey-figures";
import { formatMean } from "~/surveys/survey-shape";

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("fr-FR")} ${n > 1 ? many : one}`;

function Question({ q, id }: { q: QuestionResult; id: string }) {
  if (q.type === "text") {
    return (
      <div>
        <h4>{q.label}</h4>
        <p>{plural(q.answered, "réponse", "réponses")} en texte libre.</p>
        {q.texts.length ? (
          <ul className="survey-texts">
            {q.texts.map((text, i) => (
              <li key={i} style={{ whiteSpace: "pre-line" }}>
                {text}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    );
  }
  const summary = q.distribution.map((d) => `${d.label} : ${d.count}`).join(" ; ");
  return (
    <div>
      <h4>{q.label}</h4>
      <p>
        {plural(q.answered, "réponse", "réponses")}
        {q.type === "rating" ? <>, note moyenne {formatMean(q.mean)} sur 5</> : null}.
      </p>
      <HorizontalBarChart
        id={id}
        title={q.label}
        description={`${q.type === "rating" ? `Répartition des notes de 1 à 5, moyenne ${formatMean(q.mean)}.` : "Nombre de personnes par réponse."} ${summary}.`}
        items={q.distribution.map((d) => ({ label: d.label, value: d.count }))}
        labelHeader={q.type === "rating" ? "Note" : "Réponse"}
        valueHeader="Personnes"
      />
    </div>
  );
}

/** `sheets`: whether the reader may download the answer sheets (organisers; a funder sees the figures only). */
export function SurveyResults({ slug, results, sheets = true }: { slug: string; results: SessionSurveyResult[]; sheets?: boolean }) {
  return (
    <section aria-labelledby="bilan-questionnaires">
      <h2 id="bilan-questionnaires">Questionnaires de satisfaction</h2>
      {results.length ? null : <p>Aucune rencontre de la série n’a de questionnaire de satisfaction.</p>}
      {results.map((r) => (
        <div key={r.sessionId} id={`questionnaire-${r.number}`}>
          <h3>
            RDV #{r.number} — {r.title}
          </h3>
          <p>
            {plural(r.answers, "réponse", "réponses")} pour {plural(r.sent, "questionnaire envoyé", "questionnaires envoyés")}
            {r.anonymous ? " (questionnaire anonyme : les réponses ne sont reliées à aucun nom)" : ""}.{" "}
            {sheets ? (
              <a href={`/admin/series/${slug}/bilan/questionnaires/${r.number}.csv`} download className="no-print">
                Télécharger les réponses (CSV)<span className="visually-hidden"> de RDV #{r.number}</span>
              </a>
            ) : null}
          </p>
          {r.questions.map((q) => (
            <Question key={q.id} q={q} id={`questionnaire-${r.number}-q${q.id}`} />
          ))}
        </div>
      ))}
    </section>
  );
}
