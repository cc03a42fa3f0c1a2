// Where a message to registrants stands: its status, when it leaves or left, and how many people it
// reaches (counted now for a draft or a scheduled one, queued for a sent one). Client-safe.
export function MessageSummary(props: { status: string; sendAtText: string | null; recipients: number | null; count: number | null }) {
  const people = (n: number) => `${n} personne${n > 1 ? "s" : ""}`;
  return (
    <dl className="summary-list">
      <dt>Statut</dt>
      <dd>{props.status}</dd>
      {props.sendAtText ? (
        <>
          <dt>Envoi</dt>
          <dd>{props.sendAtText}</dd>
        </>
      ) : null}
      {props.count !== null ? (
        <>
          <dt>Destinataires aujourd’hui</dt>
          <dd id="destinataires">
            {props.count ? people(props.count) : "personne (aucune inscription ne correspond)"}
            {props.count ? " (comptées une fois chacune, même inscrites à plusieurs rencontres)" : ""}
          </dd>
        </>
      ) : null}
      {props.recipients !== null ? (
        <>
          <dt>E-mails mis en file</dt>
          <dd>{people(props.recipients)}</dd>
        </>
      ) : null}
    </dl>
  );
}
