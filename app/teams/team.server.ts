// A series' team: its members and their role (organiser, editor, viewer; app/accounts/series-roles.ts),
// invitations by email (the account is created if needed, the email carries a sign-in link), role
// changes and removals. A series always keeps one organiser once it has had one. Every change is
// audited in the same transaction. Who may call these is decided by the route (organisers only).
import { and, asc, count, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import * as t from "../../db/schema";
import type { Account } from "~/accounts/accounts.server";
import { audit } from "~/accounts/audit.server";
import { SERIES_ROLE_LABELS, isSeriesRole, type SeriesRole } from "~/accounts/series-roles";
import { dedupeKeyOf } from "~/notifications/email-kinds.server";
import { enqueue } from "~/notifications/outbox.server";
import { normaliseEmail } from "~/registration/registrations.server";
import type { AppDatabase, Tx } from "~/utils/db.server";

export type TeamMember = {
  id: number;
  accountId: number;
  email: string;
  name: string | null;
  role: SeriesRole;
  invitedBy: string | null;
  since: string;
  lastSignInAt: string | null;
};
export type TeamErrors = { email?: string; role?: string; member?: string };
export type TeamResult = { ok: true; message: string } | { ok: false; errors: TeamErrors };

const LAST_ORGANISER = "La série doit garder au moins un·e organisateur·rice : nommez-en un·e autre avant.";
const fail = (errors: TeamErrors): TeamResult => ({ ok: false, errors });

export function listTeam(db: AppDatabase, seriesId: number): TeamMember[] {
  const inviter = alias(t.accounts, "inviter");
  return db
    .select({
      id: t.seriesMembers.id,
      accountId: t.accounts.id,
      email: t.accounts.email,
      name: t.accounts.name,
      role: t.seriesMembers.role,
      invitedBy: inviter.email,
      since: t.seriesMembers.createdAt,
      lastSignInAt: t.accounts.lastSignInAt,
    })
    .from(t.seriesMembers)
    .innerJoin(t.accounts, eq(t.accounts.id, t.seriesMembers.accountId))
    .leftJoin(inviter, eq(inviter.id, t.seriesMembers.invitedBy))
    .where(eq(t.seriesMembers.seriesId, seriesId))
    .orderBy(asc(t.accounts.email))
    .all();
}

const organisers = (tx: Tx, seriesId: number) =>
  tx
    .select({ n: count() })
    .from(t.seriesMembers)
    .where(and(eq(t.seriesMembers.seriesId, seriesId), eq(t.seriesMembers.role, "organiser")))
    .get()?.n ?? 0;

/** The creator of a series (created, duplicated or imported) becomes its organiser. */
export function joinAsCreator(db: AppDatabase | Tx, by: Pick<Account, "id">, seriesId: number, nowIso: string): void {
  db.insert(t.seriesMembers).values({ accountId: by.id, seriesId, role: "organiser", invitedBy: by.id, createdAt: nowIso }).onConflictDoNothing().run();
}

/** Invites someone by email with a role on the series; creates their account when there is none. */
export function inviteMember(
  db: AppDatabase,
  by: Account,
  series: { id: number; slug: string },
  input: { email: string; name: string; role: string },
  nowIso: string,
): TeamResult {
  const email = normaliseEmail(input.email);
  const errors: TeamErrors = {};
  if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]{2,}$/.test(email)) errors.email = "L’adresse e-mail n’est pas valide : elle doit ressembler à prenom.nom@exemple.fr.";
  if (!isSeriesRole(input.role)) errors.role = "Choisissez un rôle : organisateur·rice, éditeur·rice ou lecteur·rice.";
  if (errors.email || errors.role) return fail(errors);
  const role = input.role as SeriesRole;
  return db.transaction(
    (tx) => {
      let account = tx.select().from(t.accounts).where(eq(t.accounts.email, email)).get();
      if (account?.disabledAt) return fail({ email: "Ce compte est désactivé : un·e administrateur·rice doit d’abord le réactiver." });
      if (account?.role === "admin") return fail({ email: "Cette personne est administratrice : elle a déjà accès à toutes les séries." });
      if (
        account &&
        tx
          .select()
          .from(t.seriesMembers)
          .where(and(eq(t.seriesMembers.accountId, account.id), eq(t.seriesMembers.seriesId, series.id)))
          .get()
      )
        return fail({ email: "Cette personne fait déjà partie de l’équipe : changez son rôle dans la liste." });
      if (!account) {
        account = tx
          .insert(t.accounts)
          .values({ email, name: input.name.trim() || null, role: "editor", invitedBy: by.id, createdAt: nowIso })
          .returning()
          .get();
        audit(tx, by.id, "invite", "organiser", account.id, { email, series: series.slug });
      }
      const member = tx
        .insert(t.seriesMembers)
        .values({ accountId: account.id, seriesId: series.id, role, invitedBy: by.id, createdAt: nowIso })
        .returning({ id: t.seriesMembers.id })
        .get();
      enqueue(tx, {
        kind: "team-invitation",
        dedupeKey: dedupeKeyOf("team-invitation", member.id),
        toAddress: email,
        payload: { organiserId: account.id, seriesId: series.id, role, invitedBy: by.name ?? by.email },
        dueAt: nowIso,
      });
      audit(tx, by.id, "team-invite", "series", series.slug, { email, role });
      return { ok: true as const, message: `Invitation envoyée à ${email} (${SERIES_ROLE_LABELS[role].toLowerCase()}).` };
    },
    { behavior: "immediate" },
  );
}

function memberOf(tx: Tx, seriesId: number, memberId: number) {
  return tx
    .select({ m: t.seriesMembers, email: t.accounts.email })
    .from(t.seriesMembers)
    .innerJoin(t.accounts, eq(t.accounts.id, t.seriesMembers.accountId))
    .where(and(eq(t.seriesMembers.id, memberId), eq(t.seriesMembers.seriesId, seriesId)))
    .get();
}

/** Changes a member's role; the last organiser keeps theirs. */
export function changeMemberRole(
  db: AppDatabase,
  by: Account,
  series: { id: number; slug: string },
  memberId: number,
  role: string,
  nowIso: string,
): TeamResult {
  if (!isSeriesRole(role)) return fail({ role: "Choisissez un rôle : organisateur·rice, éditeur·rice ou lecteur·rice." });
  return db.transaction(
    (tx) => {
      const row = memberOf(tx, series.id, memberId);
      if (!row) return fail({ member: "Cette personne ne fait plus partie de l’équipe." });
      if (row.m.role === role) return { ok: true as const, message: `${row.email} est déjà ${SERIES_ROLE_LABELS[role].toLowerCase()}.` };
      if (row.m.role === "organiser" && organisers(tx, series.id) <= 1) return fail({ role: LAST_ORGANISER });
      tx.update(t.seriesMembers).set({ role, updatedAt: nowIso }).where(eq(t.seriesMembers.id, memberId)).run();
      audit(tx, by.id, "team-role", "series", series.slug, { email: row.email, from: row.m.role, to: role });
      return { ok: true as const, message: `${row.email} : ${SERIES_ROLE_LABELS[role].toLowerCase()}.` };
    },
    { behavior: "immediate" },
  );
}

/** Removes a member from the team (their account stays); never the last organiser. */
export function removeMember(db: AppDatabase, by: Account, series: { id: number; slug: string }, memberId: number): TeamResult {
  return db.transaction(
    (tx) => {
      const row = memberOf(tx, series.id, memberId);
      if (!row) return fail({ member: "Cette personne ne fait plus partie de l’équipe." });
      if (row.m.role === "organiser" && organisers(tx, series.id) <= 1) return fail({ member: LAST_ORGANISER });
      tx.delete(t.seriesMembers).where(eq(t.seriesMembers.id, memberId)).run();
      audit(tx, by.id, "team-remove", "series", series.slug, { email: row.email, role: row.m.role });
      return { ok: true as const, message: `${row.email} ne fait plus partie de l’équipe.` };
    },
    { behavior: "immediate" },
  );
}
