// WHO MAY DO WHAT — the one place back-office loaders and actions ask (docs/decisions/016-series-roles.md).
//
// An account is either an administrator (global role "admin": every series, plus accounts, journal and
// previews) or a team member: its rights on a series are its role in that series' team
// (series_members: organiser > editor > viewer), none on the others. Each admin loader and action
// starts with ONE line:
//   - series pages:  `await requireSeriesRole(request, params.slug, "editor")`, or for a form whose
//     intents need different roles, `readSeriesEditorPost(request, params.slug, { "*": "editor", status: "organiser" })`;
//   - global pages:  `requireAccount(request)` (any account, data filtered by `seriesScope`),
//     `requireOrganiserSomewhere(request)` or `requireAccount(request, { role: "admin" })`.
// tests/e2e/admin-roles.test.ts holds the table of what each role may open and post, route by route.
import { and, eq } from "drizzle-orm";
import * as t from "../../db/schema";
import { requireAccount } from "~/accounts/login.server";
import type { Account } from "~/accounts/accounts.server";
import { roleAllows, type SeriesRole } from "~/accounts/series-roles";
import { findSeries, type SeriesRow } from "~/series/series-lookup.server";
import { getDb, type AppDatabase, type Tx } from "~/utils/db.server";

export type SeriesAccess = { account: Account; series: SeriesRow; role: SeriesRole };
/** The role each intent of a form needs; "*" for the others. */
export type IntentRoles = { "*": SeriesRole } & Record<string, SeriesRole>;

/** The French refusal page (the root error page shows its text). */
export function forbidden(message = "Votre rôle dans l’équipe de cette série ne permet pas d’ouvrir cette page ou de faire cette action."): Response {
  return new Response(message, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** The account's role on a series: organiser for an administrator, its team role otherwise, null when none. */
export function seriesRoleOf(db: AppDatabase | Tx, account: Pick<Account, "id" | "role">, seriesId: number): SeriesRole | null {
  if (account.role === "admin") return "organiser";
  const row = db
    .select({ role: t.seriesMembers.role })
    .from(t.seriesMembers)
    .where(and(eq(t.seriesMembers.accountId, account.id), eq(t.seriesMembers.seriesId, seriesId)))
    .get();
  return row?.role ?? null;
}

/** The series an account may see and its role on each; null for an administrator (all of them). */
export function seriesScope(db: AppDatabase, account: Pick<Account, "id" | "role">): Map<number, SeriesRole> | null {
  if (account.role === "admin") return null;
  const rows = db
    .select({ seriesId: t.seriesMembers.seriesId, role: t.seriesMembers.role })
    .from(t.seriesMembers)
    .where(eq(t.seriesMembers.accountId, account.id))
    .all();
  return new Map(rows.map((r) => [r.seriesId, r.role]));
}

/** Throws the refusal unless the access allows `min`. */
export function ensureRole(access: Pick<SeriesAccess, "role">, min: SeriesRole): void {
  if (!roleAllows(access.role, min)) throw forbidden();
}

/** The signed-in account (else the sign-in page), the series (else 404) and its role there (else 403). */
export async function requireSeriesRole(request: Request, slug: string | undefined, min: SeriesRole): Promise<SeriesAccess> {
  const account = await requireAccount(request);
  const db = getDb();
  const series = findSeries(db, slug ?? "", "organiser");
  if (!series) throw new Response("Série introuvable", { status: 404 });
  const role = seriesRoleOf(db, account, series.id);
  if (!role || !roleAllows(role, min)) throw forbidden();
  return { account, series, role };
}

/** The role an intent needs according to its table. */
export function roleForIntent(roles: SeriesRole | IntentRoles, intent: string): SeriesRole {
  return typeof roles === "string" ? roles : (roles[intent] ?? roles["*"]);
}

/** Importing a file whose series exists replaces that series: its organisers only (a new one: anyone). */
export function ensureMayImport(db: AppDatabase, account: Account, text: string): void {
  let slug: unknown;
  try {
    slug = (JSON.parse(text) as { slug?: unknown } | null)?.slug;
  } catch {
    return; // the import itself says what is wrong with the file
  }
  const series = typeof slug === "string" ? findSeries(db, slug, "organiser") : null;
  if (series && !roleAllows(seriesRoleOf(db, account, series.id), "organiser"))
    throw forbidden(`Une série porte déjà l’adresse « ${series.slug} » : seul·es ses organisateur·rices peuvent la mettre à jour par import.`);
}

/**
 * Global pages about every series' emails or subscribers (email log, newsletter): administrators, and
 * organisers of at least one series, who see only what concerns their series (`scope`, null: all).
 */
export async function requireOrganiserSomewhere(request: Request): Promise<{ account: Account; scope: number[] | null }> {
  const account = await requireAccount(request);
  const scope = seriesScope(getDb(), account);
  if (!scope) return { account, scope: null };
  const organised = [...scope.entries()].filter(([, role]) => role === "organiser").map(([id]) => id);
  if (!organised.length) throw forbidden("Réservé aux administrateur·rices et aux organisateur·rices d’une série.");
  return { account, scope: organised };
}
