// A recording's chapters in the resource editor: one row per chapter (moment, title, programme
// point), blank rows to add more, and the button that proposes them from the session's programme.
import { FieldError, describedBy, fieldId } from "../Field";
import { DataTable } from "../admin/DataTable";
import { prefillChapterTitle, rowCount, type Errors, type Values } from "./controls";

const BLANK_CHAPTERS = 3;

type Session = { number: number; title: string; points: { path: string; title: string }[] };

export function ChapterRows({ v, e, sessions }: { v: Values; e: Errors; sessions: Session[] }) {
  const chapterCount = rowCount(v, "chapter", BLANK_CHAPTERS);
  return (
    <fieldset className={`field${e.chapters ? " has-error" : ""}`} aria-describedby={e.chapters ? "erreur-chapters" : "aide-chapters"}>
      <legend id={fieldId("chapters")} tabIndex={-1}>
        Chapitres
      </legend>
      <p className="hint" id="aide-chapters">
        Un chapitre par ligne : le moment dans l’enregistrement (HH:mm:ss), son titre et, s’il y a lieu, le point du programme qu’il couvre (sans titre saisi,
        le chapitre prend celui du point).
      </p>
      <FieldError name="chapters" error={e.chapters} />
      <DataTable label="Chapitres de l’enregistrement" className="chapter-rows" columns={["Moment", "Titre", "Point du programme"]}>
        {Array.from({ length: chapterCount }, (_, i) => (
          <tr key={i}>
            {(["at", "title"] as const).map((k) => {
              const name = `chapter.${i}.${k}`;
              return (
                <td key={k} className={e[name] ? "has-error" : undefined}>
                  <FieldError name={name} error={e[name]} />
                  <input
                    id={fieldId(name)}
                    name={name}
                    defaultValue={v[name] ?? ""}
                    aria-label={`Chapitre ${i + 1} : ${k === "at" ? "moment (HH:mm:ss)" : "titre"}`}
                    aria-invalid={e[name] ? true : undefined}
                    aria-describedby={describedBy(name, e[name])}
                    size={k === "at" ? 9 : 40}
                    inputMode={k === "at" ? "numeric" : undefined}
                  />
                </td>
              );
            })}
            <td className={e[`chapter.${i}.item`] ? "has-error" : undefined}>
              <FieldError name={`chapter.${i}.item`} error={e[`chapter.${i}.item`]} />
              <select
                id={fieldId(`chapter.${i}.item`)}
                name={`chapter.${i}.item`}
                defaultValue={v[`chapter.${i}.item`] ?? ""}
                aria-label={`Chapitre ${i + 1} : point du programme`}
                aria-invalid={e[`chapter.${i}.item`] ? true : undefined}
                aria-describedby={describedBy(`chapter.${i}.item`, e[`chapter.${i}.item`])}
                onChange={(event) => prefillChapterTitle(i, event.currentTarget)}
              >
                <option value="">—</option>
                {sessions.map((s) => (
                  <optgroup key={s.number} label={`RDV #${s.number} — ${s.title}`}>
                    {s.points.map((p) => (
                      <option key={p.path} value={`${s.number}:${p.path}`} data-title={p.title}>
                        {p.path}. {p.title}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </td>
          </tr>
        ))}
      </DataTable>
      <button type="submit" name="intent" value="suggest" className="button-secondary" formNoValidate>
        Proposer les chapitres d’après le programme de la rencontre
      </button>
    </fieldset>
  );
}
