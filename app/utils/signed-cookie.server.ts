// The app's signed cookies: httpOnly, sameSite=lax, secure in production, signed with SESSION_SECRET,
// each made on first use (the configuration is read then, not when the module loads).
import { createCookie, type Cookie } from "@remix-run/node";
import { getEnv } from "./env.server";

/** A getter for one signed cookie, created once. */
export function signedCookie(name: string, maxAgeSeconds: number): () => Cookie {
  let cookie: Cookie | undefined;
  return () => {
    const env = getEnv();
    cookie ??= createCookie(name, {
      httpOnly: true,
      sameSite: "lax",
      secure: env.isProduction,
      path: "/",
      maxAge: maxAgeSeconds,
      secrets: [env.SESSION_SECRET],
    });
    return cookie;
  };
}
