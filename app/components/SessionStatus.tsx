import { MODE_LABELS, SESSION_STATUS_LABELS, seatsLeftText } from "~/utils/labels";

type Props = { status: string; past: boolean; mode: string; capacity: number | null; seatsLeft: number | null };

/** Short badges: cancelled / postponed / past, the session's mode, and, while it is open, places left or "Complet". */
export function SessionBadges({ status, past, mode, capacity, seatsLeft }: Props) {
  const open = status === "published" && !past;
  return (
    <p className="badges">
      {status !== "published" ? <span className={`badge badge-${status}`}>{SESSION_STATUS_LABELS[status]}</span> : null}
      {past && status === "published" ? <span className="badge badge-past">Terminée</span> : null}
      <span className="badge">{MODE_LABELS[mode]}</span>
      {open && capacity !== null && seatsLeft !== null ? (
        <span className={`badge${seatsLeft === 0 ? " badge-full" : ""}`}>{seatsLeft === 0 ? "Complet — liste d'attente" : seatsLeftText(seatsLeft)}</span>
      ) : null}
    </p>
  );
}
