// Sending a message of the email log again (« Renvoyer »): a new outbox row, rendered afresh by the
// dispatcher; refused while the first one is still queued, or once the person has erased their data.
import { eq } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import { isEmailKind, resendDedupeKey } from "~/notifications/email-kinds.server";
import { audit } from "../accounts/audit.server";
import { enqueue } from "./outbox.server";
import type { Account } from "../accounts/accounts.server";

export type ResendResult = { ok: true; id: number; to: string } | { ok: false; message: string };

/**
 * Sends a message again: a new outbox row with the same kind, recipient and payload, under a new
 * dedupe key, so that the dispatcher renders it afresh (current data, a new personal link). Audited.
 */
export function resendMessage(db: AppDatabase, by: Pick<Account, "id">, outboxId: number, nowIso: string): ResendResult {
  return db.transaction(
    (tx) => {
      const row = tx.select().from(t.outbox).where(eq(t.outbox.id, outboxId)).get();
      if (!row) return { ok: false as const, message: "Ce message n’existe pas." };
      if (row.status === "pending" || row.status === "sending") {
        return { ok: false as const, message: "Ce message n’est pas encore parti : il sera envoyé à l’heure prévue." };
      }
      if (row.kind !== "sign-in" && row.kind !== "team-invitation") {
        const person = row.participantId
          ? tx.select({ erasedAt: t.participants.erasedAt }).from(t.participants).where(eq(t.participants.id, row.participantId)).get()
          : undefined;
        if (!person || person.erasedAt) return { ok: false as const, message: "La personne a effacé ses données : ce message ne peut plus être envoyé." };
      }
      if (!isEmailKind(row.kind)) return { ok: false as const, message: "Ce type de message n’existe plus : il ne peut pas être renvoyé." };
      const id = enqueue(tx, {
        kind: row.kind,
        dedupeKey: resendDedupeKey(row.id, nowIso),
        toAddress: row.toAddress,
        participantId: row.participantId,
        sessionId: row.sessionId,
        payload: row.payload ?? {},
        dueAt: nowIso,
      });
      if (id === null) return { ok: false as const, message: "Ce message vient d’être renvoyé ; réessayez dans quelques secondes si besoin." };
      audit(tx, by.id, "resend", "outbox", row.id, { newId: id, kind: row.kind, to: row.toAddress });
      return { ok: true as const, id, to: row.toAddress };
    },
    { behavior: "immediate" },
  );
}
