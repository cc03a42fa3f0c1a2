// The file of a resource seen through a personal link (registrants-only resources included).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { participantByToken } from "~/registration/participants.server";
import { resourceFile } from "~/http/resource-responses.server";
import { visibleResourceRow } from "~/resources/resources.server";
import { getDb } from "~/utils/db.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const db = getDb();
  const participant = participantByToken(db, params.token ?? "");
  const row = participant ? visibleResourceRow(db, Number(params.id), { kind: "participant", participantId: participant.id }) : null;
  const response = resourceFile(db, request, row, "private, no-store");
  response.headers.set("Referrer-Policy", "same-origin");
  return response;
}
