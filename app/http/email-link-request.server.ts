// Asking for a link by email — the back-office sign-in link and the personal-space link — with one
// set of checks for both forms: a limit per IP (429 past it), the address's shape (a French message
// for the field), and a silent limit per address, so the answer never tells whether an address is
// known or how often it was asked for. `answerLinkRequest` is the whole action: it calls the caller's
// `send` when a link is to go, and returns the form's answer.
import { data } from "@remix-run/node";
import { kickScheduler } from "~/server/runtime.server";
import { getDb, type AppDatabase } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { nowIso } from "~/utils/now.server";
import { limiter, tooManyRequests } from "~/utils/rate-limit.server";

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const EMAIL_SHAPE_MESSAGE = "L’adresse e-mail n’est pas valide : elle doit ressembler à prenom.nom@exemple.fr.";

export type LinkRequest = { email: string; error: string | null; send: boolean };

/** Reads and checks the form's `email`; throws a 429 response past the per-IP limit. */
export function readLinkRequest(form: FormData, context: unknown, scope: "signin" | "link" | "newsletter"): LinkRequest {
  const env = getEnv();
  const email = String(form.get("email") ?? "").trim();
  const ip = String((context as { clientIp?: string } | undefined)?.clientIp ?? "unknown");
  const byIp = limiter(`${scope}-ip`, env.RATE_LIMIT_PER_IP, env.RATE_LIMIT_WINDOW_SECONDS);
  if (!byIp.hit(ip)) throw tooManyRequests(byIp.retryAfterSeconds(ip));
  if (!EMAIL_SHAPE.test(email) || email.length > 254) return { email, error: EMAIL_SHAPE_MESSAGE, send: false };
  const byEmail = limiter(`${scope}-email`, env.RATE_LIMIT_PER_EMAIL, env.RATE_LIMIT_WINDOW_SECONDS);
  return { email, error: null, send: byEmail.hit(email.toLowerCase()) };
}

export type LinkRequestAnswer = { sent: true; email: string } | { sent: false; email: string; error: string };

/**
 * The action of a "send me a link" form: reads and checks the request (a filled honeypot is refused),
 * has the link sent through `send` when due and the scheduler woken, and answers (400 with the field's message).
 */
export async function answerLinkRequest(
  request: Request,
  context: unknown,
  scope: "signin" | "link",
  send: (db: AppDatabase, email: string, nowIso: string) => unknown,
) {
  const form = await request.formData();
  if (String(form.get("website") ?? "") !== "") throw new Response("Requête refusée", { status: 400 });
  const asked = readLinkRequest(form, context, scope);
  if (asked.error) return data<LinkRequestAnswer>({ sent: false, email: asked.email, error: asked.error }, { status: 400 });
  if (asked.send) {
    send(getDb(), asked.email, nowIso());
    kickScheduler();
  }
  return data<LinkRequestAnswer>({ sent: true, email: asked.email });
}
