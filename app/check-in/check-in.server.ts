// Check-in at the door (accueil): the session's on-site registrants with who has arrived, search by
// name without accents, marking present by code or by row (the first of two concurrent organisers
// wins, the second is told when it was done), its undo, and the walk-in added on the spot. Each
// change is one IMMEDIATE transaction; attendance is written by app/attendance/ and audited there.
// The door's hours are app/check-in/door.server.ts. Never reads the clock.
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { DateTime } from "luxon";
import * as t from "../../db/schema";
import type { AppDatabase, Tx } from "~/utils/db.server";
import { formatTime } from "~/utils/dates.server";
import { participationOf } from "~/utils/formats";
import { audit } from "../accounts/audit.server";
import { sessionByNumber, setDoorAttendanceIn } from "../attendance/attendance.server";
import { findSeries } from "../series/series-lookup.server";
import { normaliseEmail } from "../registration/registrations.server";
import { promoteWaiting } from "../registration/waiting-list.server";
import { issueCheckInCode, looksLikeCode, normaliseCode, registrationByCode } from "./check-in-codes.server";
import { fold, type DoorRow } from "./door-search";
import { nameSortKey } from "~/utils/sort-name";
import { doorRefusal } from "./door.server";

type Session = typeof t.sessions.$inferSelect;
export type DoorContext = { session: Session; zone: string; accountId: number; nowIso: string };

const localTime = (iso: string, zone: string) => formatTime(DateTime.fromISO(iso, { zone: "utc" }).setZone(zone));
const fullName = (p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`.trim();

/** The session's confirmed on-site registrants (walk-ins included), by name, with the counts the page shows. */
export function doorList(db: AppDatabase, session: Session, zone: string) {
  const all = db
    .select({ r: t.registrations, p: t.participants, c: t.checkIns })
    .from(t.registrations)
    .innerJoin(t.participants, eq(t.participants.id, t.registrations.participantId))
    .leftJoin(t.checkIns, eq(t.checkIns.registrationId, t.registrations.id))
    .where(and(eq(t.registrations.sessionId, session.id), eq(t.registrations.status, "confirmed"), isNull(t.participants.erasedAt)))
    .all()
    .filter((x) => participationOf(session.mode, x.r.participation) === "onsite");
  const rows: DoorRow[] = all
    .map((x) => ({
      registrationId: x.r.id,
      firstName: x.p.firstName,
      lastName: x.p.lastName,
      organisation: x.p.organisation,
      present: x.r.attendance === "present",
      arrivedAt: x.c?.checkedInAt ? localTime(x.c.checkedInAt, zone) : null,
      walkIn: x.c?.walkIn ?? false,
      folded: fold(`${x.p.firstName} ${x.p.lastName} ${x.p.organisation ?? ""} ${x.p.email}`),
    }))
    .sort(
      (a, b) =>
        a.lastName.localeCompare(b.lastName, "fr", { sensitivity: "base" }) ||
        a.firstName.localeCompare(b.firstName, "fr", { sensitivity: "base" }) ||
        a.registrationId - b.registrationId,
    );
  return { rows, counts: { present: rows.filter((r) => r.present).length, expected: rows.length } };
}

export type CheckInOutcome =
  | { ok: true; registrationId: number; name: string; message: string }
  | {
      ok: false;
      reason: "unknown" | "other-session" | "cancelled" | "waiting" | "remote" | "already" | "closed" | "not-found";
      message: string;
      name?: string;
    };

/** Marks present a registration found by its code. */
export function checkInByCode(db: AppDatabase, ctx: DoorContext, typed: string): CheckInOutcome {
  const code = normaliseCode(typed);
  if (!looksLikeCode(code))
    return {
      ok: false,
      reason: "unknown",
      message: `« ${typed.trim()} » n’est pas un code d’accueil : un code a 8 caractères (lettres et chiffres, par exemple K7PM-Q3XD).`,
    };
  return db.transaction(
    (tx) => {
      const found = registrationByCode(tx, code);
      if (!found)
        return {
          ok: false as const,
          reason: "unknown" as const,
          message: `Code inconnu : ${code.slice(0, 4)}-${code.slice(4)} ne correspond à aucune inscription. Vérifiez la saisie ou cherchez la personne par son nom.`,
        };
      if (found.sessionId !== ctx.session.id) {
        const other = tx.select().from(t.sessions).where(eq(t.sessions.id, found.sessionId)).get()!;
        const where = other.seriesId === ctx.session.seriesId ? `au RDV #${other.number} «\u00a0${other.title}\u00a0»` : "à une rencontre d’une autre série";
        return {
          ok: false as const,
          reason: "other-session" as const,
          message: `Ce code est celui d’une inscription ${where}, pas à cette rencontre-ci : personne n’a été enregistré·e.`,
        };
      }
      return checkInIn(tx, ctx, found.registrationId);
    },
    { behavior: "immediate" },
  );
}

/** Marks present a registration of the session chosen on the page (a row's button). */
export function checkInRegistration(db: AppDatabase, ctx: DoorContext, registrationId: number): CheckInOutcome {
  return db.transaction((tx) => checkInIn(tx, ctx, registrationId), { behavior: "immediate" });
}

function checkInIn(tx: Tx, ctx: DoorContext, registrationId: number, walkIn = false): CheckInOutcome {
  const found = tx
    .select({ r: t.registrations, p: t.participants })
    .from(t.registrations)
    .innerJoin(t.participants, eq(t.participants.id, t.registrations.participantId))
    .where(and(eq(t.registrations.id, registrationId), eq(t.registrations.sessionId, ctx.session.id)))
    .get();
  if (!found || found.p.erasedAt) return { ok: false, reason: "not-found", message: "Cette inscription n’existe pas pour cette rencontre." };
  const name = fullName(found.p);
  if (found.r.status === "cancelled")
    return {
      ok: false,
      reason: "cancelled",
      name,
      message: `L’inscription de ${name} à cette rencontre est annulée : si la personne est là, ajoutez-la comme participant·e sur place non inscrit·e.`,
    };
  if (found.r.status === "waiting")
    return {
      ok: false,
      reason: "waiting",
      name,
      message: `${name} est sur liste d’attente, sans place confirmée : si vous l’accueillez, ajoutez-la comme participant·e sur place non inscrit·e.`,
    };
  if (participationOf(ctx.session.mode, found.r.participation) !== "onsite")
    return {
      ok: false,
      reason: "remote",
      name,
      message: `${name} est inscrit·e à distance : si la personne est venue sur place, ajoutez-la comme participant·e sur place non inscrit·e (même adresse e-mail).`,
    };
  const closed = doorRefusal(ctx.session, ctx.zone, ctx.nowIso);
  if (closed) return { ok: false, reason: "closed", name, message: closed };
  issueCheckInCode(tx, registrationId);
  // The conditional update decides who wins between two organisers: only one finds the row unmarked.
  const won = tx
    .update(t.checkIns)
    .set({ checkedInAt: ctx.nowIso, checkedInBy: ctx.accountId, ...(walkIn ? { walkIn: true } : {}) })
    .where(and(eq(t.checkIns.registrationId, registrationId), isNull(t.checkIns.checkedInAt)))
    .run().changes;
  if (!won) {
    const at = tx.select({ at: t.checkIns.checkedInAt }).from(t.checkIns).where(eq(t.checkIns.registrationId, registrationId)).get()!.at!;
    return { ok: false, reason: "already", name, message: `${name} est déjà enregistré·e, à ${localTime(at, ctx.zone)}.` };
  }
  if (found.r.attendance === "present" && !walkIn) {
    // Noted présent·e by hand before the door: the arrival is kept, the count does not change.
    return { ok: true, registrationId, name, message: `${name} était déjà noté·e présent·e : arrivée enregistrée.` };
  }
  setDoorAttendanceIn(tx, { registrationId, sessionId: ctx.session.id, attendance: "present", accountId: ctx.accountId, nowIso: ctx.nowIso, walkIn });
  return { ok: true, registrationId, name, message: `${name} est enregistré·e présent·e, à ${localTime(ctx.nowIso, ctx.zone)}.` };
}

/** "Annuler la présence": the arrival and the présent·e go; the code stays valid. */
export function undoCheckIn(db: AppDatabase, ctx: DoorContext, registrationId: number): CheckInOutcome {
  return db.transaction(
    (tx) => {
      const found = tx
        .select({ p: t.participants })
        .from(t.registrations)
        .innerJoin(t.participants, eq(t.participants.id, t.registrations.participantId))
        .where(and(eq(t.registrations.id, registrationId), eq(t.registrations.sessionId, ctx.session.id)))
        .get();
      if (!found) return { ok: false as const, reason: "not-found" as const, message: "Cette inscription n’existe pas pour cette rencontre." };
      const name = fullName(found.p);
      // The same hours as check-in: once the door has closed, attendance is changed on the attendance page.
      const closed = doorRefusal(ctx.session, ctx.zone, ctx.nowIso);
      if (closed) return { ok: false as const, reason: "closed" as const, message: closed };
      const undone = tx
        .update(t.checkIns)
        .set({ checkedInAt: null, checkedInBy: null })
        .where(and(eq(t.checkIns.registrationId, registrationId), isNotNull(t.checkIns.checkedInAt)))
        .run().changes;
      const changed = setDoorAttendanceIn(tx, { registrationId, sessionId: ctx.session.id, attendance: null, accountId: ctx.accountId, nowIso: ctx.nowIso });
      if (!undone && !changed) return { ok: false as const, reason: "not-found" as const, name, message: `${name} n’était pas enregistré·e présent·e.` };
      return { ok: true as const, registrationId, name, message: `Présence de ${name} annulée.` };
    },
    { behavior: "immediate" },
  );
}

export type WalkIn = { firstName: string; lastName: string; email: string; organisation: string | null };

/**
 * A walk-in (participant·e sur place non inscrit·e): the person (found by address, or created) gets
 * a confirmed on-site registration of the session, over capacity if need be, and is marked present.
 * No confirmation email is queued; the J-2 planner treats the registration like any late one, and
 * its email is "manqué" (never sent) once the session has started (app/access-codes/).
 */
export function addWalkIn(db: AppDatabase, ctx: DoorContext, w: WalkIn): CheckInOutcome {
  const closed = doorRefusal(ctx.session, ctx.zone, ctx.nowIso);
  if (closed) return { ok: false, reason: "closed", message: closed };
  return db.transaction(
    (tx) => {
      const now = ctx.nowIso;
      const email = normaliseEmail(w.email);
      const existing = tx.select().from(t.participants).where(eq(t.participants.email, email)).get();
      const participantId = existing
        ? existing.id
        : tx
            .insert(t.participants)
            .values({ email, firstName: w.firstName, lastName: w.lastName, organisation: w.organisation, dataConsentAt: now, createdAt: now, updatedAt: now })
            .returning({ id: t.participants.id })
            .get().id;
      const current = tx
        .select()
        .from(t.registrations)
        .where(and(eq(t.registrations.participantId, participantId), eq(t.registrations.sessionId, ctx.session.id)))
        .get();
      const fields = {
        status: "confirmed" as const,
        participation: "onsite" as const,
        confirmedAt: now,
        waitingSince: null,
        cancelledAt: null,
        updatedAt: now,
      };
      // Someone already confirmed on site is just checked in; anyone else is added (or revived) as a walk-in.
      const alreadyOnsite = current?.status === "confirmed" && participationOf(ctx.session.mode, current.participation) === "onsite";
      let registrationId: number;
      if (!current) {
        registrationId = tx
          .insert(t.registrations)
          .values({
            participantId,
            sessionId: ctx.session.id,
            createdAt: now,
            ...fields,
            sortName: nameSortKey(existing?.firstName ?? w.firstName, existing?.lastName ?? w.lastName),
          })
          .returning({ id: t.registrations.id })
          .get().id;
      } else {
        registrationId = current.id;
        if (!alreadyOnsite)
          tx.update(t.registrations)
            .set({ ...fields, confirmedAt: current.status === "confirmed" ? current.confirmedAt : now, revision: current.revision + 1 })
            .where(eq(t.registrations.id, current.id))
            .run();
      }
      if (alreadyOnsite) return checkInIn(tx, ctx, registrationId);
      audit(tx, ctx.accountId, "walk-in", "registration", registrationId, { session: ctx.session.id, known: Boolean(current) });
      const outcome = checkInIn(tx, ctx, registrationId, true);
      // A confirmed remote registrant who came in person frees a remote seat: the waiting list gets it, as after a cancellation.
      if (current?.status === "confirmed") promoteWaiting(tx, ctx.session.id, now);
      return outcome;
    },
    { behavior: "immediate" },
  );
}

/** The series and session of a check-in page's address, or a 404. */
export function doorSession(db: AppDatabase, slug: string | undefined, number: string | undefined) {
  const series = findSeries(db, slug ?? "", "organiser");
  if (!series) throw new Response("Série introuvable", { status: 404 });
  const session = /^\d{1,6}$/.test(number ?? "") ? sessionByNumber(db, series.id, Number(number)) : null;
  if (!session) throw new Response("Rencontre introuvable", { status: 404 });
  return { series, session };
}
