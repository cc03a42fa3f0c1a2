// Organisers and password-less sign-in: a single-use link valid 15 minutes, sent by email; sessions
// stored server-side (revocable); the first administrator comes from ADMIN_EMAIL.
import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { DateTime } from "luxon";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import { toUtcIso } from "~/utils/dates.server";
import { audit } from "./audit.server";
import { dedupeKeyOf } from "~/notifications/email-kinds.server";
import { enqueue } from "../notifications/outbox.server";
import { normaliseEmail } from "../registration/registrations.server";

export type Organiser = typeof t.organisers.$inferSelect;
export const SIGN_IN_MINUTES = 15;
export const SESSION_HOURS = 12;

const sha = (v: string) => createHash("sha256").update(v).digest("hex");
const plus = (iso: string, d: { minutes?: number; hours?: number }) => toUtcIso(DateTime.fromISO(iso).plus(d));

/** Creates the administrator named by ADMIN_EMAIL if there is none with that address. */
export function ensureAdmin(db: AppDatabase, email: string): void {
  const address = normaliseEmail(email);
  const existing = db.select().from(t.organisers).where(eq(t.organisers.email, address)).get();
  if (!existing) db.insert(t.organisers).values({ email: address, role: "admin", name: "Administrateur" }).run();
  else if (existing.role !== "admin" || existing.disabledAt)
    db.update(t.organisers).set({ role: "admin", disabledAt: null }).where(eq(t.organisers.id, existing.id)).run();
}

export function listOrganisers(db: AppDatabase): Organiser[] {
  return db.select().from(t.organisers).orderBy(asc(t.organisers.email)).all();
}

/** Queues a sign-in email when the address belongs to an active organiser; silent otherwise. */
export function requestSignIn(db: AppDatabase, email: string, nowIso: string): void {
  const o = db
    .select()
    .from(t.organisers)
    .where(and(eq(t.organisers.email, normaliseEmail(email)), isNull(t.organisers.disabledAt)))
    .get();
  if (!o) return;
  // Each request is its own email (the form's rate limits bound them): a key by instant dropped a
  // second request made in the same second, after the first link was already used.
  enqueue(db, {
    kind: "sign-in",
    dedupeKey: dedupeKeyOf("sign-in", { organiserId: o.id, nonce: randomBytes(8).toString("hex") }),
    toAddress: o.email,
    payload: { organiserId: o.id },
    dueAt: nowIso,
  });
}

/** At send time: a fresh single-use token for the email. */
export function createSignInToken(db: AppDatabase, organiserId: number, nowIso: string): string {
  const token = randomBytes(24).toString("base64url");
  db.insert(t.signInTokens)
    .values({ organiserId, tokenHash: sha(token), expiresAt: plus(nowIso, { minutes: SIGN_IN_MINUTES }), createdAt: nowIso })
    .run();
  return token;
}

/** Uses a sign-in token (once) and opens a session; returns the session id for the cookie. */
export function consumeSignIn(db: AppDatabase, token: string, nowIso: string): { sessionId: string; organiser: Organiser } | null {
  if (!/^[\w-]{20,64}$/.test(token)) return null;
  return db.transaction(
    (tx) => {
      const row = tx
        .select({ tok: t.signInTokens, o: t.organisers })
        .from(t.signInTokens)
        .innerJoin(t.organisers, eq(t.organisers.id, t.signInTokens.organiserId))
        .where(
          and(eq(t.signInTokens.tokenHash, sha(token)), isNull(t.signInTokens.usedAt), gt(t.signInTokens.expiresAt, nowIso), isNull(t.organisers.disabledAt)),
        )
        .get();
      if (!row) return null;
      tx.update(t.signInTokens).set({ usedAt: nowIso }).where(eq(t.signInTokens.id, row.tok.id)).run();
      const sessionId = randomBytes(32).toString("base64url");
      tx.insert(t.adminSessions)
        .values({ organiserId: row.o.id, idHash: sha(sessionId), expiresAt: plus(nowIso, { hours: SESSION_HOURS }), createdAt: nowIso, lastSeenAt: nowIso })
        .run();
      tx.update(t.organisers).set({ lastSignInAt: nowIso }).where(eq(t.organisers.id, row.o.id)).run();
      audit(tx, row.o.id, "sign-in", "organiser", row.o.id);
      return { sessionId, organiser: row.o };
    },
    { behavior: "immediate" },
  );
}

export function organiserForSession(db: AppDatabase, sessionId: string, nowIso: string): Organiser | null {
  const row = db
    .select({ o: t.organisers })
    .from(t.adminSessions)
    .innerJoin(t.organisers, eq(t.organisers.id, t.adminSessions.organiserId))
    .where(
      and(
        eq(t.adminSessions.idHash, sha(sessionId)),
        isNull(t.adminSessions.revokedAt),
        gt(t.adminSessions.expiresAt, nowIso),
        isNull(t.organisers.disabledAt),
      ),
    )
    .get();
  return row?.o ?? null;
}

export function revokeSession(db: AppDatabase, sessionId: string, nowIso: string): void {
  db.update(t.adminSessions)
    .set({ revokedAt: nowIso })
    .where(eq(t.adminSessions.idHash, sha(sessionId)))
    .run();
}

export function revokeAllSessions(db: AppDatabase, organiserId: number, nowIso: string): void {
  db.update(t.adminSessions)
    .set({ revokedAt: nowIso })
    .where(and(eq(t.adminSessions.organiserId, organiserId), isNull(t.adminSessions.revokedAt)))
    .run();
}

export type InviteResult = { ok: true; organiserId: number } | { ok: false; errors: { email?: string; role?: string } };

/** An administrator invites an organiser: the account exists at once, the invitation email signs them in. */
export function inviteOrganiser(db: AppDatabase, by: Organiser, input: { email: string; name: string; role: string }, nowIso: string): InviteResult {
  const email = normaliseEmail(input.email);
  if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]{2,}$/.test(email))
    return { ok: false, errors: { email: "L’adresse e-mail n’est pas valide : elle doit ressembler à prenom.nom@exemple.fr." } };
  if (input.role !== "admin" && input.role !== "editor") return { ok: false, errors: { role: "Choisissez un rôle : administrateur ou éditeur." } };
  return db.transaction(
    (tx) => {
      if (tx.select().from(t.organisers).where(eq(t.organisers.email, email)).get()) {
        return { ok: false as const, errors: { email: "Cette adresse a déjà un compte organisateur." } };
      }
      const id = tx
        .insert(t.organisers)
        .values({ email, name: input.name.trim() || null, role: input.role as "admin" | "editor", invitedBy: by.id, createdAt: nowIso })
        .returning({ id: t.organisers.id })
        .get().id;
      enqueue(tx, {
        kind: "sign-in",
        dedupeKey: dedupeKeyOf("sign-in", { invitedId: id }),
        toAddress: email,
        payload: { organiserId: id, invitedBy: by.name ?? by.email },
        dueAt: nowIso,
      });
      audit(tx, by.id, "invite", "organiser", id, { email, role: input.role });
      return { ok: true as const, organiserId: id };
    },
    { behavior: "immediate" },
  );
}

export function setOrganiserDisabled(db: AppDatabase, by: Organiser, organiserId: number, disabled: boolean, nowIso: string): void {
  db.update(t.organisers)
    .set({ disabledAt: disabled ? nowIso : null })
    .where(eq(t.organisers.id, organiserId))
    .run();
  if (disabled) revokeAllSessions(db, organiserId, nowIso);
  audit(db, by.id, disabled ? "disable" : "enable", "organiser", organiserId);
}
