// A registration with its session and its person: the join that the list of registrants, the bilan,
// the organisers' changes and the email previews start from. Callers choose the columns and add their
// where/orderBy (and further joins).
import { eq } from "drizzle-orm";
import type { SelectedFields } from "drizzle-orm/sqlite-core";
import * as t from "../../db/schema";
import { selectFrom, type AppDatabase, type Tx } from "~/utils/db.server";

/** `select fields from registrations ⋈ sessions ⋈ participants`, to be narrowed by the caller. */
export function registrationsWithSessionAndPerson<F extends SelectedFields>(db: AppDatabase | Tx, fields: F) {
  return selectFrom(db, fields, t.registrations)
    .innerJoin(t.sessions, eq(t.sessions.id, t.registrations.sessionId))
    .innerJoin(t.participants, eq(t.participants.id, t.registrations.participantId));
}
