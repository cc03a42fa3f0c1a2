// Back-office accounts and password-less sign-in: a single-use link valid 15 minutes, sent by email; logins
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

export type Account = typeof t.accounts.$inferSelect;
export const SIGN_IN_MINUTES = 15;
export const LOGIN_HOURS = 12;

const sha = (v: string) => createHash("sha256").update(v).digest("hex");
const plus = (iso: string, d: { minutes?: number; hours?: number }) => toUtcIso(DateTime.fromISO(iso).plus(d));

/** Creates the administrator named by ADMIN_EMAIL if there is none with that address. */
export function ensureAdmin(db: AppDatabase, email: string): void {
  const address = normaliseEmail(email);
  const existing = db.select().from(t.accounts).where(eq(t.accounts.email, address)).get();
  if (!existing) db.insert(t.accounts).values({ email: address, role: "admin", name: "Administrateur" }).run();
  else if (existing.role !== "admin" || existing.disabledAt)
    db.update(t.accounts).set({ role: "admin", disabledAt: null }).where(eq(t.accounts.id, existing.id)).run();
}

export function listAccounts(db: AppDatabase): Account[] {
  return db.select().from(t.accounts).orderBy(asc(t.accounts.email)).all();
}

/** Queues a sign-in email when the address belongs to an active organiser; silent otherwise. */
export function requestSignIn(db: AppDatabase, email: string, nowIso: string): void {
  const o = db
    .select()
    .from(t.accounts)
    .where(and(eq(t.accounts.email, normaliseEmail(email)), isNull(t.accounts.disabledAt)))
    .get();
  if (!o) return;
  // Each request is its own email (the form's rate limits bound them): a key by instant dropped a
  // second request made in the same second, after the first link was already used.
  enqueue(db, {
    kind: "sign-in",
    dedupeKey: dedupeKeyOf("sign-in", { accountId: o.id, nonce: randomBytes(8).toString("hex") }),
    toAddress: o.email,
    payload: { organiserId: o.id },
    dueAt: nowIso,
  });
}

/** At send time: a fresh single-use token for the email. */
export function createSignInToken(db: AppDatabase, accountId: number, nowIso: string): string {
  const token = randomBytes(24).toString("base64url");
  db.insert(t.signInTokens)
    .values({ accountId, tokenHash: sha(token), expiresAt: plus(nowIso, { minutes: SIGN_IN_MINUTES }), createdAt: nowIso })
    .run();
  return token;
}

/** Uses a sign-in token (once) and opens a session; returns the session id for the cookie. */
export function consumeSignIn(db: AppDatabase, token: string, nowIso: string): { loginId: string; account: Account } | null {
  if (!/^[\w-]{20,64}$/.test(token)) return null;
  return db.transaction(
    (tx) => {
      const row = tx
        .select({ tok: t.signInTokens, o: t.accounts })
        .from(t.signInTokens)
        .innerJoin(t.accounts, eq(t.accounts.id, t.signInTokens.accountId))
        .where(
          and(eq(t.signInTokens.tokenHash, sha(token)), isNull(t.signInTokens.usedAt), gt(t.signInTokens.expiresAt, nowIso), isNull(t.accounts.disabledAt)),
        )
        .get();
      if (!row) return null;
      tx.update(t.signInTokens).set({ usedAt: nowIso }).where(eq(t.signInTokens.id, row.tok.id)).run();
      const loginId = randomBytes(32).toString("base64url");
      tx.insert(t.logins)
        .values({ accountId: row.o.id, idHash: sha(loginId), expiresAt: plus(nowIso, { hours: LOGIN_HOURS }), createdAt: nowIso, lastSeenAt: nowIso })
        .run();
      tx.update(t.accounts).set({ lastSignInAt: nowIso }).where(eq(t.accounts.id, row.o.id)).run();
      audit(tx, row.o.id, "sign-in", "organiser", row.o.id);
      return { loginId, account: row.o };
    },
    { behavior: "immediate" },
  );
}

export function accountForLogin(db: AppDatabase, loginId: string, nowIso: string): Account | null {
  const row = db
    .select({ o: t.accounts })
    .from(t.logins)
    .innerJoin(t.accounts, eq(t.accounts.id, t.logins.accountId))
    .where(and(eq(t.logins.idHash, sha(loginId)), isNull(t.logins.revokedAt), gt(t.logins.expiresAt, nowIso), isNull(t.accounts.disabledAt)))
    .get();
  return row?.o ?? null;
}

export function revokeLogin(db: AppDatabase, loginId: string, nowIso: string): void {
  db.update(t.logins)
    .set({ revokedAt: nowIso })
    .where(eq(t.logins.idHash, sha(loginId)))
    .run();
}

export function revokeAllLogins(db: AppDatabase, accountId: number, nowIso: string): void {
  db.update(t.logins)
    .set({ revokedAt: nowIso })
    .where(and(eq(t.logins.accountId, accountId), isNull(t.logins.revokedAt)))
    .run();
}

export type InviteResult = { ok: true; accountId: number } | { ok: false; errors: { email?: string; role?: string } };

/** An administrator invites an organiser: the account exists at once, the invitation email signs them in. */
export function inviteAccount(db: AppDatabase, by: Account, input: { email: string; name: string; role: string }, nowIso: string): InviteResult {
  const email = normaliseEmail(input.email);
  if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]{2,}$/.test(email))
    return { ok: false, errors: { email: "L’adresse e-mail n’est pas valide : elle doit ressembler à prenom.nom@exemple.fr." } };
  if (input.role !== "admin" && input.role !== "editor") return { ok: false, errors: { role: "Choisissez un rôle : administrateur ou éditeur." } };
  return db.transaction(
    (tx) => {
      if (tx.select().from(t.accounts).where(eq(t.accounts.email, email)).get()) {
        return { ok: false as const, errors: { email: "Cette adresse a déjà un compte organisateur." } };
      }
      const id = tx
        .insert(t.accounts)
        .values({ email, name: input.name.trim() || null, role: input.role as "admin" | "editor", invitedBy: by.id, createdAt: nowIso })
        .returning({ id: t.accounts.id })
        .get().id;
      enqueue(tx, {
        kind: "sign-in",
        dedupeKey: dedupeKeyOf("sign-in", { invitedId: id }),
        toAddress: email,
        payload: { organiserId: id, invitedBy: by.name ?? by.email },
        dueAt: nowIso,
      });
      audit(tx, by.id, "invite", "organiser", id, { email, role: input.role });
      return { ok: true as const, accountId: id };
    },
    { behavior: "immediate" },
  );
}

export function setAccountDisabled(db: AppDatabase, by: Account, accountId: number, disabled: boolean, nowIso: string): void {
  db.update(t.accounts)
    .set({ disabledAt: disabled ? nowIso : null })
    .where(eq(t.accounts.id, accountId))
    .run();
  if (disabled) revokeAllLogins(db, accountId, nowIso);
  audit(db, by.id, disabled ? "disable" : "enable", "organiser", accountId);
}
