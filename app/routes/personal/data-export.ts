import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportParticipantData, participantByToken } from "~/registration/participants.server";
import { getDb } from "~/utils/db.server";

/** Everything stored about the link holder, as a JSON download. */
export async function loader({ params }: LoaderFunctionArgs) {
  const db = getDb();
  const participant = participantByToken(db, params.token ?? "");
  if (!participant) throw new Response("Lien invalide", { status: 404 });
  return new Response(JSON.stringify(exportParticipantData(db, participant.id), null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="mes-donnees-rendez-vous.json"',
      "Cache-Control": "private, no-store",
      "Referrer-Policy": "same-origin",
    },
  });
}
