// What stops a resource from being saved: one link per problem to its field, named in French
// ("Chapitre 2", "Référence 1, année") from the problem's form path.
import { fieldId } from "../Field";

const REF_FIELD_LABELS: Record<string, string> = {
  kind: "nature",
  year: "année",
  authors: "auteurs",
  editors: "direction de l’ouvrage",
  title: "titre",
  container: "revue, site ou collection",
  bookTitle: "titre de l’ouvrage",
  volume: "volume",
  issue: "numéro",
  pages: "pages",
  publisher: "éditeur",
  place: "lieu d’édition",
  isbn: "ISBN",
  doi: "DOI",
  url: "adresse web",
  note: "note",
};
const LABELS: Record<string, string> = {
  type: "Type",
  title: "Titre",
  url: "Adresse web",
  file: "Fichier",
  year: "Année",
  attachment: "Rattachement",
  duration: "Durée",
  authors: "Auteurs",
  themes: "Thèmes",
  chapters: "Chapitres",
  references: "Références",
  confirm: "Confirmation",
};
export function labelOf(path: string): string {
  const m = /^(chapter|ref)\.(\d+)\.(\w+)$/.exec(path);
  if (m?.[1] === "ref") return `Référence ${Number(m[2]) + 1}, ${REF_FIELD_LABELS[m[3]] ?? m[3]}`;
  if (m) return `Chapitre ${Number(m[2]) + 1}`;
  return LABELS[path] ?? path;
}

export function ProblemSummary({ problems }: { problems: { path: string; message: string }[] }) {
  if (!problems.length) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="erreurs-titre" tabIndex={-1} id="erreurs">
      <h2 id="erreurs-titre">{problems.length === 1 ? "Une erreur empêche l’enregistrement" : `${problems.length} erreurs empêchent l’enregistrement`}</h2>
      <ul>
        {problems.map((p) => (
          <li key={`${p.path}-${p.message}`}>
            <a href={`#${fieldId(p.path)}`}>
              {labelOf(p.path)} : {p.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
