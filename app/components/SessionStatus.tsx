import { MODE_LABELS, SESSION_STATUS_LABELS } from "~/utils/labels";

type Props = { status: string; past: boolean; mode: string; capacity: number | null };

/** Short badges: cancelled / postponed / past, and the session's mode. */
export function SessionBadges({ status, past, mode, capacity }: Props) {
  return (
    <p className="badges">
      {status !== "published" ? <span className={`badge badge-${status}`}>{SESSION_STATUS_LABELS[status]}</span> : null}
      {past && status === "published" ? <span className="badge badge-past">Terminée</span> : null}
      <span className="badge">{MODE_LABELS[mode]}</span>
      {capacity ? <span className="badge">{capacity} places</span> : null}
    </p>
  );
}
