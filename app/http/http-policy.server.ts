// What the HTTP server enforces before a request reaches Remix, in one place (server.mjs applies it):
// how much of a request body is ever read, which POSTs are refused as cross-site, the security
// headers of every response (CSP with a per-response nonce, frames, HSTS, permissions, caching of
// personal pages), and the French pages of these refusals.
import { randomFillSync } from "node:crypto";
import type { Env } from "../utils/env.server";

/** Public forms (registration, personal space, sign-in request): far above any real submission. */
export const FORM_MAX_BYTES = 64 * 1024;
/** Back-office forms: a series' texts (up to 5,000 characters each in the series file). */
export const ADMIN_FORM_MAX_BYTES = 1024 * 1024;
/** A resource's form (a transcript may hold 500,000 characters) and back-office forms carrying a small file (series JSON, Zoom report). */
export const LARGE_FORM_MAX_BYTES = 6 * 1024 * 1024;

const RESOURCE_FORM = /^\/admin\/series\/[^/]+\/ressources\/[^/]+(\.data)?$/;

/**
 * The most bytes read from a request body, decided before reading any. Resource uploads stream to
 * disk (their route reads up to twice UPLOAD_MAX_MB to answer "too big" next to the field); other
 * back-office forms are read in memory; public forms are a few kilobytes.
 */
export function bodyLimit(env: Pick<Env, "UPLOAD_MAX_MB">, pathname: string, contentType: string): number {
  const multipart = /^multipart\/form-data/i.test(contentType);
  if (!pathname.startsWith("/admin/")) return FORM_MAX_BYTES;
  if (RESOURCE_FORM.test(pathname)) return multipart ? (env.UPLOAD_MAX_MB * 2 + 1) * 1024 * 1024 : LARGE_FORM_MAX_BYTES;
  return multipart ? LARGE_FORM_MAX_BYTES : ADMIN_FORM_MAX_BYTES;
}

/** Pages that show one person's data or the back-office: never stored by a browser or a proxy. */
export function isPrivatePath(pathname: string): boolean {
  return (
    /^\/(admin|moi|desinscription|lettres\/confirmation|lettres\/desinscription)(\/|\.data|$)/.test(pathname) ||
    /^\/series\/[^/]+\/inscription\/merci/.test(pathname)
  );
}

/**
 * A state-changing request sent by a page of another site (CSRF): refused. Browsers send `Origin`
 * with every POST (and `Sec-Fetch-Site`); requests without either (mail servers posting the RFC 8058
 * one-click unsubscribe, command-line clients) are not cross-site browser requests.
 */
export function isCrossSite(env: Pick<Env, "APP_URL">, method: string, headers: { origin?: string; host?: string; "sec-fetch-site"?: string }): boolean {
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return false;
  const site = headers["sec-fetch-site"];
  if (site === "cross-site") return true;
  const origin = headers.origin;
  if (!origin) return false;
  if (origin === "null") return true;
  const allowed = new Set([new URL(env.APP_URL).origin]);
  if (headers.host) {
    allowed.add(`http://${headers.host}`);
    allowed.add(`https://${headers.host}`);
  }
  return !allowed.has(origin);
}

// Nonces are cut from a pool of random bytes filled 4 KB at a time (the same generator as
// randomBytes: one call into OpenSSL per 256 nonces instead of one per response).
const NONCE_BYTES = 16;
const noncePool = Buffer.alloc(4096);
let noncePoolOffset = noncePool.length;

/** A fresh nonce for one response's inline and module scripts: 16 random bytes, base64. */
export function newNonce(): string {
  if (noncePoolOffset + NONCE_BYTES > noncePool.length) {
    randomFillSync(noncePool);
    noncePoolOffset = 0;
  }
  const nonce = noncePool.toString("base64", noncePoolOffset, noncePoolOffset + NONCE_BYTES);
  noncePoolOffset += NONCE_BYTES;
  return nonce;
}

/**
 * Headers added to every response. The CSP admits only scripts carrying this response's nonce (and
 * what they load: 'strict-dynamic'), the click-to-load video players, no plugin, no <base>, forms to
 * this site only, and no framing by anyone.
 */
export function securityHeaders(env: Pick<Env, "isProduction">, nonce: string, pathname: string): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic' 'self'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "media-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src https://www.youtube-nocookie.com https://player.vimeo.com",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  const headers: Record<string, string> = {
    "content-security-policy": csp,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": `camera=(${pathname.startsWith("/admin/") ? "self" : ""}), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()`,
    "cross-origin-opener-policy": "same-origin",
  };
  if (env.isProduction) headers["strict-transport-security"] = "max-age=31536000; includeSubDomains";
  if (isPrivatePath(pathname)) headers["cache-control"] = "private, no-store";
  return headers;
}

const PAGES: Record<number, { title: string; text: string }> = {
  403: {
    title: "Envoi refusé",
    text: "Ce formulaire a été envoyé depuis un autre site que Rendez-vous : par sécurité, il n’a pas été pris en compte. Rouvrez la page sur le site et envoyez-le à nouveau.",
  },
  411: {
    title: "Envoi refusé",
    text: "Le formulaire est arrivé sans sa taille : il n’a pas été lu. Rechargez la page et envoyez-le à nouveau.",
  },
  413: {
    title: "Envoi trop volumineux",
    text: "Ce que vous avez envoyé dépasse la taille acceptée pour ce formulaire : rien n’a été enregistré. Raccourcissez les textes ou choisissez un fichier plus léger, puis réessayez.",
  },
  500: {
    title: "Une erreur est survenue",
    text: "Le service n’a pas pu traiter cette demande. Réessayez dans quelques instants ; si le problème persiste, contactez l’équipe organisatrice.",
  },
  503: {
    title: "Service indisponible",
    text: "Le service ne peut pas enregistrer de données pour le moment : rien n’a été enregistré. L’équipe technique est prévenue ; réessayez plus tard.",
  },
};

/** A small, self-contained French page for refusals made before Remix (no script, no external file). */
export function errorPage(status: number): { status: number; headers: Record<string, string>; body: string } {
  const page = PAGES[status] ?? PAGES[500];
  const body = `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} — Rendez-vous</title>
<style>body{font:1.05rem/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}a{color:#0b4f8a}</style></head>
<body><main><h1>${page.title}</h1><p>${page.text}</p><p><a href="/">Voir toutes les rencontres</a></p></main></body></html>
`;
  return {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "content-length": String(Buffer.byteLength(body)) },
    body,
  };
}
