// A signed, short-lived cookie that carries the result of a registration to the "merci" page
// (POST → redirect → GET: a refresh never submits twice, and the POST answers without rendering).
import { createCookie } from "@remix-run/node";
import { getEnv } from "./env.server";

export type RegistrationFlash = { participantId: number; created: number[]; already: number[] };

let cookie: ReturnType<typeof createCookie> | undefined;

function flashCookie() {
  const env = getEnv();
  cookie ??= createCookie("rdv_inscription", {
    httpOnly: true,
    sameSite: "lax",
    secure: env.isProduction,
    path: "/",
    maxAge: 600,
    secrets: [env.SESSION_SECRET],
  });
  return cookie;
}

export function writeRegistrationFlash(value: RegistrationFlash): Promise<string> {
  return flashCookie().serialize(value);
}

export async function readRegistrationFlash(request: Request): Promise<RegistrationFlash | null> {
  const value = await flashCookie().parse(request.headers.get("cookie"));
  if (!value || typeof value !== "object" || !Array.isArray(value.created) || !Array.isArray(value.already)) return null;
  return value as RegistrationFlash;
}

export function clearRegistrationFlash(): Promise<string> {
  return flashCookie().serialize("", { maxAge: 0 });
}
