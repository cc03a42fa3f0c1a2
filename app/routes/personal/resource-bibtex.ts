// A bibliography seen through a personal link, as BibTeX.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { participantByToken } from "~/registration/participants.server";
import { bibliographyExport } from "~/http/resource-responses.server";
import { visibleResourceRow } from "~/resources/resources.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const db = getDb();
  const participant = participantByToken(db, params.token ?? "");
  const row = participant ? visibleResourceRow(db, Number(params.id), { kind: "participant", participantId: participant.id }) : null;
  // The file names the public page when there is one, never the personal link.
  const url = row?.visibility === "public" ? `${getEnv().APP_URL}/ressources/${row.id}` : getEnv().APP_URL;
  return bibliographyExport(row, "bib", url, "private, no-store");
}
