// The link to a session's sign-in sheet (PDF), or the sentence saying why there is none.
export function SignInSheetLink({ sheet }: { sheet: { href: string } | { reason: string } }) {
  if ("reason" in sheet) return <p className="notice">Feuille d’émargement : {sheet.reason}</p>;
  return (
    <p>
      <a href={sheet.href} download>
        Feuille d’émargement (PDF à imprimer)
      </a>
    </p>
  );
}
