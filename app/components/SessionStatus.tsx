// A session's badges on the public pages: its status, its format, and while it is open its places
// left (on site and remote apart for a hybrid session; the number only from SEATS_SHOWN_FROM down,
// « Places disponibles » above) or « Complet — liste d'attente ».
import { MODE_LABELS, SEATS_SHOWN_FROM, SESSION_STATUS_LABELS, seatsLeftText } from "~/utils/labels";

type Props = {
  status: string;
  past: boolean;
  mode: string;
  capacity: number | null;
  seatsLeft: number | null;
  remoteCapacity?: number | null;
  remoteSeatsLeft?: number | null;
};

function Seats({ left, prefix }: { left: number; prefix?: string }) {
  return (
    <span className={`badge${left === 0 ? " badge-full" : ""}`}>
      {prefix}
      {left === 0 ? "Complet — liste d’attente" : left > SEATS_SHOWN_FROM ? "Places disponibles" : seatsLeftText(left)}
    </span>
  );
}

/** Short badges: cancelled / postponed / past, the session's mode, and, while it is open, places left or "Complet". */
export function SessionBadges({ status, past, mode, capacity, seatsLeft, remoteCapacity = null, remoteSeatsLeft = null }: Props) {
  const open = status === "published" && !past;
  const hybrid = mode === "hybrid";
  return (
    <p className="badges">
      {status !== "published" ? <span className={`badge badge-${status}`}>{SESSION_STATUS_LABELS[status]}</span> : null}
      {past && status === "published" ? <span className="badge badge-past">Terminée</span> : null}
      <span className="badge">{MODE_LABELS[mode]}</span>
      {open && capacity !== null && seatsLeft !== null ? <Seats left={seatsLeft} prefix={hybrid ? "Sur place\u00a0: " : undefined} /> : null}
      {open && hybrid && remoteCapacity !== null && remoteSeatsLeft !== null ? <Seats left={remoteSeatsLeft} prefix={"À distance\u00a0: "} /> : null}
    </p>
  );
}
