// The back-office login cookie (httpOnly, sameSite=lax, secure in production, signed) and the guard
// every admin loader and action calls first. Remix runs child loaders in parallel with their parent:
// a parent guard is not enough, each route calls requireAccount itself.
import { redirect } from "@remix-run/node";
import { accountForLogin, type Account } from "~/accounts/accounts.server";
import { LOGIN_HOURS } from "~/accounts/accounts.server";
import { getDb } from "../utils/db.server";
import { nowIso } from "../utils/now.server";
import { signedCookie } from "../utils/signed-cookie.server";

const adminCookie = signedCookie("rdv_admin", LOGIN_HOURS * 3600);

export async function loginIdFrom(request: Request): Promise<string | null> {
  const value = await adminCookie().parse(request.headers.get("cookie"));
  return typeof value === "string" && value ? value : null;
}

export function commitLogin(loginId: string): Promise<string> {
  return adminCookie().serialize(loginId);
}

export function clearLogin(): Promise<string> {
  return adminCookie().serialize("", { maxAge: 0 });
}

export async function getAccount(request: Request): Promise<Account | null> {
  const id = await loginIdFrom(request);
  return id ? accountForLogin(getDb(), id, nowIso()) : null;
}

/** The signed-in organiser, or a redirect to the sign-in page (403 when the role is not enough). */
export async function requireAccount(request: Request, options: { role?: "admin" } = {}): Promise<Account> {
  const account = await getAccount(request);
  if (!account) {
    const url = new URL(request.url);
    const next = url.pathname.replace(/\.data$/, "") + url.search;
    throw redirect(`/admin/connexion?suite=${encodeURIComponent(next)}`);
  }
  if (options.role === "admin" && account.role !== "admin") throw new Response("Réservé aux administrateurs", { status: 403 });
  return account;
}
