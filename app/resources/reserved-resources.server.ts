// The resources a personal space reserves to its holder (« Ressources réservées aux inscrits »): the
// library's registrants-only slice for the person (libraryCards), which depends only on the series they
// hold a registration in. The cards are kept per set of series while the catalogue's version stands
// (ADR 020: every content table bumps it), built under a neutral address and given the person's own
// addresses at each call: what is kept holds no personal link. At most MAX_SETS sets are kept, the
// least recently used dropped first (keptByVersion, app/page-cache/page-memo.server.ts).
import { keptByVersion } from "~/page-cache/page-memo.server";
import type { AppDatabase } from "~/utils/db.server";
import { libraryCards, type LibraryResult } from "./library.server";
import { personalBase } from "./resource-views";
import { registeredSeriesIds } from "./visibility.server";

export const MAX_SETS = 500;
const NEUTRAL_BASE = "\u0000";

/** The person's reserved resources, under their personal addresses (`token`: their link's). */
export function reservedResources(db: AppDatabase, participantId: number, token: string): LibraryResult[] {
  const seriesIds = registeredSeriesIds(db, participantId);
  if (!seriesIds.length) return [];
  const key = [...seriesIds].sort((a, b) => a - b).join(",");
  const cards = keptByVersion(db, "reserved-resources", ["catalogue", "catalogue"], key, MAX_SETS, () =>
    libraryCards(db, { audience: { kind: "participant", participantId }, registrantsOnly: true }, { match: null }, undefined, NEUTRAL_BASE),
  );
  const base = personalBase(token);
  return cards.map((card) => ({ ...card, href: `${base}/${card.id}` }));
}
