// A signed, short-lived cookie that carries the result of a registration to the "merci" page
// (POST → redirect → GET: a refresh never submits twice, and the POST answers without rendering).
import { signedCookie } from "./signed-cookie.server";

export type RegistrationFlash = { participantId: number; created: number[]; already: number[] };

const flashCookie = signedCookie("rdv_inscription", 600);

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
