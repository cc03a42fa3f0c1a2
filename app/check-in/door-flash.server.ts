// The check-in page's result after a POST without JavaScript (POST → redirect → GET): a signed,
// one-minute cookie carrying the French sentence and whether it went well. Names only, never a code.
import { signedCookie } from "~/utils/signed-cookie.server";

export type DoorFlash = { ok: boolean; message: string };

const cookie = signedCookie("rdv_accueil", 60);

export function writeDoorFlash(value: DoorFlash): Promise<string> {
  return cookie().serialize(value);
}

/** The flash and the header that clears it, or null. */
export async function readDoorFlash(request: Request): Promise<{ flash: DoorFlash; clear: string } | null> {
  const value = await cookie().parse(request.headers.get("cookie"));
  if (!value || typeof value !== "object" || typeof value.message !== "string") return null;
  return { flash: { ok: Boolean(value.ok), message: value.message }, clear: await cookie().serialize("", { maxAge: 0 }) };
}
