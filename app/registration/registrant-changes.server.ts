// The organisers' changes on a series' registrations: add someone by hand (the public form's
// validation and rules), cancel one registration (its seat goes to the waiting list), promote one
// person from the list; each audited in the same transaction, and the line the page shows after it.
import { and, eq } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase, Tx } from "~/utils/db.server";
import { participationOf } from "~/utils/formats";
import { audit } from "../accounts/audit.server";
import { closedReason } from "./closed-reason.server";
import { registrationsWithSessionAndPerson } from "./registration-joins.server";
import { validateRegistration, type FieldErrors, type RegistrationValues } from "./registration-form.server";
import { ERASED_NAME } from "./registrants.server";
import { cancelRegistrationsIn, normaliseEmail, registerIn, type RegistrationLine } from "./registrations.server";
import { seatsLeft } from "./seats.server";
import { promote } from "./waiting-list.server";

export type AddResult =
  | { ok: false; errors: FieldErrors }
  | { ok: true; participantId: number; email: string; created: RegistrationLine[]; already: RegistrationLine[]; emailQueued: boolean };

/**
 * An organiser registers someone by hand: the public form's validation and rules (register()), the
 * same confirmation email, and an audit entry per registration created.
 */
export function addRegistrant(db: AppDatabase, args: { seriesId: number; accountId: number; values: RegistrationValues; nowIso: string }): AddResult {
  const parsed = validateRegistration(args.values);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  return db.transaction(
    (tx) => {
      const r = registerIn(tx, {
        seriesId: args.seriesId,
        sessionIds: parsed.sessionIds,
        participation: parsed.participation,
        participant: parsed.participant,
        nowIso: args.nowIso,
      });
      if (!r.ok) return { ok: false as const, errors: r.errors };
      for (const c of r.created) {
        audit(tx, args.accountId, "create", "registration", c.registrationId, {
          participantId: r.participantId,
          session: c.number,
          status: c.status,
          byHand: true,
        });
      }
      if (!r.created.length)
        audit(tx, args.accountId, "update", "participant", r.participantId, { already: r.already.map((a) => a.registrationId), byHand: true });
      return {
        ok: true as const,
        participantId: r.participantId,
        email: normaliseEmail(parsed.participant.email),
        created: r.created,
        already: r.already,
        emailQueued: r.confirmationId !== null,
      };
    },
    { behavior: "immediate" },
  );
}

function registrationInSeries(tx: Tx, seriesId: number, registrationId: number) {
  return registrationsWithSessionAndPerson(tx, { r: t.registrations, s: t.sessions, p: t.participants, series: t.series })
    .innerJoin(t.series, eq(t.series.id, t.sessions.seriesId))
    .where(and(eq(t.registrations.id, registrationId), eq(t.sessions.seriesId, seriesId)))
    .get();
}

export type ChangeResult =
  { ok: true; name: string; session: number; promoted: { registrationId: number; name: string }[]; emailQueued: boolean } | { ok: false; message: string };

const displayName = (p: typeof t.participants.$inferSelect) => (p.erasedAt ? ERASED_NAME : `${p.firstName} ${p.lastName}`.trim());

function names(tx: Tx, registrationIds: number[]) {
  return registrationIds.map((id) => {
    const row = tx
      .select({ p: t.participants })
      .from(t.registrations)
      .innerJoin(t.participants, eq(t.participants.id, t.registrations.participantId))
      .where(eq(t.registrations.id, id))
      .get();
    return { registrationId: id, name: row ? displayName(row.p) : `#${id}` };
  });
}

/** Cancels one registration; a freed seat goes to the waiting list (promotion emails queued). */
export function cancelRegistration(db: AppDatabase, args: { seriesId: number; registrationId: number; accountId: number; nowIso: string }): ChangeResult {
  return db.transaction(
    (tx) => {
      const found = registrationInSeries(tx, args.seriesId, args.registrationId);
      if (!found) return { ok: false as const, message: "Cette inscription n’existe pas dans cette série." };
      if (found.r.status === "cancelled") return { ok: false as const, message: "Cette inscription est déjà annulée." };
      const { cancelled, promoted } = cancelRegistrationsIn(tx, {
        participantId: found.r.participantId,
        registrationIds: [found.r.id],
        nowIso: args.nowIso,
        onlyUpcoming: false,
      });
      if (!cancelled.length) return { ok: false as const, message: "Cette inscription n’a pas pu être annulée." };
      audit(tx, args.accountId, "cancel", "registration", found.r.id, { session: found.s.number, was: found.r.status, promoted });
      for (const id of promoted) audit(tx, args.accountId, "promote", "registration", id, { session: found.s.number, automatic: true, after: found.r.id });
      return { ok: true as const, name: displayName(found.p), session: found.s.number, promoted: names(tx, promoted), emailQueued: promoted.length > 0 };
    },
    { behavior: "immediate" },
  );
}

export const NO_SEAT_MESSAGE = "Aucune place libre : augmentez la jauge ou annulez une inscription.";

/**
 * Confirms one person of the waiting list (not necessarily the first) when a seat is free, and tells
 * them like an automatic promotion does. Never beyond the capacity.
 */
export function promoteRegistration(db: AppDatabase, args: { seriesId: number; registrationId: number; accountId: number; nowIso: string }): ChangeResult {
  return db.transaction(
    (tx) => {
      const found = registrationInSeries(tx, args.seriesId, args.registrationId);
      if (!found) return { ok: false as const, message: "Cette inscription n’existe pas dans cette série." };
      const { r, s, p } = found;
      if (r.status !== "waiting") return { ok: false as const, message: "Cette personne n’est pas sur la liste d’attente." };
      const closed = closedReason(found.series, s, args.nowIso, "promote");
      if (closed) return { ok: false as const, message: closed };
      // The seats of the person's side, as the automatic promotion counts them (a hybrid session's sides apart).
      const left = seatsLeft(tx, s, participationOf(s.mode, r.participation));
      if (left !== null && left <= 0) return { ok: false as const, message: NO_SEAT_MESSAGE };
      const queued = promote(tx, r, p.email, args.nowIso);
      audit(tx, args.accountId, "promote", "registration", r.id, { session: s.number, automatic: false });
      return {
        ok: true as const,
        name: displayName(p),
        session: s.number,
        promoted: [{ registrationId: r.id, name: displayName(p) }],
        emailQueued: queued !== null,
      };
    },
    { behavior: "immediate" },
  );
}

const STATUS_WORD: Record<string, string> = { confirmed: "confirmée", waiting: "sur liste d’attente" };

/** The line the page shows after an organiser added someone: what was recorded, what already was. */
export function addedMessage(values: Pick<RegistrationValues, "firstName" | "lastName">, r: Extract<AddResult, { ok: true }>): string {
  const name = `${values.firstName.trim()} ${values.lastName.trim()}`;
  const parts = [...r.created.map((c) => `RDV #${c.number} (${STATUS_WORD[c.status]})`), ...r.already.map((c) => `RDV #${c.number} (déjà inscrit·e)`)];
  return r.created.length
    ? `Inscription de ${name} (${r.email}) enregistrée : ${parts.join(", ")}. Un e-mail de confirmation lui est envoyé.`
    : `${name} (${r.email}) était déjà inscrit·e : ${parts.join(", ")}. Rien de nouveau n’a été enregistré.`;
}

/** The line the page shows after a cancellation (and the promotions it caused) or a promotion by hand. */
export function changedMessage(intent: "cancel" | "promote", r: Extract<ChangeResult, { ok: true }>): string {
  const promoted = r.promoted.map((p) => p.name).join(", ");
  return intent === "cancel"
    ? `Inscription de ${r.name} à RDV #${r.session} annulée.` +
        (r.promoted.length ? ` Place libérée attribuée à ${promoted} (liste d’attente), qui en est informé·e par e-mail.` : "")
    : `${r.name} passe de la liste d’attente à inscrit·e confirmé·e pour RDV #${r.session} ; un e-mail l’en informe.`;
}
