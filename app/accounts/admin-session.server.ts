// The back-office session cookie (httpOnly, sameSite=lax, secure in production, signed) and the guard
// every admin loader and action calls first. Remix runs child loaders in parallel with their parent:
// a parent guard is not enough, each route calls requireOrganiser itself.
import { createCookie, redirect } from "@remix-run/node";
import { organiserForSession, type Organiser } from "~/accounts/organisers.server";
import { SESSION_HOURS } from "~/accounts/organisers.server";
import { getDb } from "../utils/db.server";
import { getEnv } from "../utils/env.server";
import { nowIso } from "../utils/now.server";

let cookie: ReturnType<typeof createCookie> | undefined;
function adminCookie() {
  const env = getEnv();
  cookie ??= createCookie("rdv_admin", {
    httpOnly: true,
    sameSite: "lax",
    secure: env.isProduction,
    path: "/",
    maxAge: SESSION_HOURS * 3600,
    secrets: [env.SESSION_SECRET],
  });
  return cookie;
}

export async function sessionIdFrom(request: Request): Promise<string | null> {
  const value = await adminCookie().parse(request.headers.get("cookie"));
  return typeof value === "string" && value ? value : null;
}

export function commitAdminSession(sessionId: string): Promise<string> {
  return adminCookie().serialize(sessionId);
}

export function clearAdminSession(): Promise<string> {
  return adminCookie().serialize("", { maxAge: 0 });
}

export async function getOrganiser(request: Request): Promise<Organiser | null> {
  const id = await sessionIdFrom(request);
  return id ? organiserForSession(getDb(), id, nowIso()) : null;
}

/** The signed-in organiser, or a redirect to the sign-in page (403 when the role is not enough). */
export async function requireOrganiser(request: Request, options: { role?: "admin" } = {}): Promise<Organiser> {
  const organiser = await getOrganiser(request);
  if (!organiser) {
    const url = new URL(request.url);
    const next = url.pathname.replace(/\.data$/, "") + url.search;
    throw redirect(`/admin/connexion?suite=${encodeURIComponent(next)}`);
  }
  if (options.role === "admin" && organiser.role !== "admin") throw new Response("Réservé aux administrateurs", { status: 403 });
  return organiser;
}
