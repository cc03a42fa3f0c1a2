// The production server: node:http, static assets from build/client, everything else through Remix.
// It validates the configuration, opens and migrates the database, seeds demo data on an empty one,
// logs each request as a JSON line, and shuts down gracefully on SIGTERM/SIGINT. Before Remix, it
// applies the HTTP policy of app/http/http-policy.server.ts: bounded request bodies (413), no
// cross-site POST (403), no write while the database file is gone (503), security headers with a
// CSP nonce per response. See docs/decisions/004-server.md and 009-http-hardening.md.
import { readdirSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync, createGzip } from "node:zlib";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createRequestHandler } from "@remix-run/node";

const root = path.dirname(fileURLToPath(import.meta.url));
const build = await import(path.join(root, "build/server/index.js"));
const runtime = build.entry.module.runtime;

let env;
let app;
try {
  env = runtime.loadEnv();
  app = await runtime.start();
} catch (error) {
  if (error?.name === "EnvError" || error?.name === "DataDirError") {
    runtime.log("error", "cannot start", { error: error.message });
    process.exit(1);
  }
  throw error;
}
const handleRemix = createRequestHandler(build, env.isProduction ? "production" : "development");

// ---- static files: read once, served from memory (with a gzip copy) ----
const TYPES = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};
const statics = new Map();
function loadStatics(dir, prefix = "") {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) loadStatics(file, `${prefix}/${name}`);
    else {
      const body = readFileSync(file);
      const type = TYPES[path.extname(name)] ?? "application/octet-stream";
      const compressible = /^(text\/|application\/(json|manifest)|image\/svg)/.test(type);
      const url = `${prefix}/${name}`;
      statics.set(url, {
        body,
        gz: compressible && body.length > 512 ? gzipSync(body, { level: 9 }) : null,
        type,
        cache: url.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "public, max-age=3600",
      });
    }
  }
}
loadStatics(path.join(root, "build/client"));

function serveStatic(req, res, pathname) {
  const file = statics.get(pathname);
  if (!file || (req.method !== "GET" && req.method !== "HEAD")) return false;
  const gzip = file.gz && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
  const body = gzip ? file.gz : file.body;
  const headers = {
    "Content-Type": file.type,
    "Content-Length": body.length,
    "Cache-Control": file.cache,
    "X-Content-Type-Options": "nosniff",
    Vary: "Accept-Encoding",
  };
  if (gzip) headers["Content-Encoding"] = "gzip";
  res.writeHead(200, headers);
  res.end(req.method === "HEAD" ? undefined : body);
  return true;
}

// ---- node:http <-> fetch Request/Response ----
/** `body`: the request's bytes already read (bounded), or "stream" for a multipart upload of known length. */
function toRequest(req, res, body) {
  const url = new URL(req.url ?? "/", env.APP_URL);
  const controller = new AbortController();
  // The request is aborted when the client goes away before its answer is complete (Remix then stops
  // the loaders); not after a completed answer, where an abort would only cost an exception and events.
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  // Name/value pairs: the Request fills its own Headers from them once (a Headers object would be
  // filled here, then copied).
  const headers = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
  const init = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = body === "stream" ? Readable.toWeb(req) : body;
    init.duplex = "half";
  }
  return new Request(url, init);
}

// ---- refusals made before Remix: French pages, nothing read beyond the limit ----
// After refusing a body, the server reads no more of it: the request is paused (TCP backpressure
// stops the client), the answer is sent on the still-open connection so that the client can read it
// while it is still writing, and the connection is dropped 2 s later. (Closing at once would reset
// the connection with the answer unread in the client's buffer; reading the rest to close politely
// would read up to the whole body.)
const LINGER_MS = 2000;
function refuse(req, res, status, { dropBody = false } = {}) {
  if (dropBody) {
    req.pause();
    req.read(0); // marks the body as consumed by us, so that Node does not drain it after the answer
  }
  const page = runtime.errorPage(status);
  res.writeHead(page.status, { ...runtime.securityHeaders(env, runtime.newNonce(), "/"), ...page.headers });
  res.end(req.method === "HEAD" ? undefined : page.body);
  if (dropBody) {
    const socket = req.socket;
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once("close", () => clearTimeout(timer));
  }
}

/** Reads at most `limit` bytes of the body: a Buffer, or null as soon as it is longer. */
function readBounded(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    const onData = (chunk) => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData);
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => resolve(Buffer.concat(chunks)));
    req.once("error", reject);
  });
}

/** The request body as Remix will get it, or a refusal already sent (returns undefined). */
async function admitBody(req, res, pathname) {
  if (req.method === "GET" || req.method === "HEAD") return null;
  if (runtime.isCrossSite(env, req.method, req.headers)) {
    refuse(req, res, 403, { dropBody: true });
    return undefined;
  }
  const problem = runtime.databaseProblem();
  if (problem) {
    runtime.log("error", "write refused: database file problem", { path: runtime.redactPath(pathname), problem });
    refuse(req, res, 503, { dropBody: true });
    return undefined;
  }
  const type = String(req.headers["content-type"] ?? "");
  const limit = runtime.bodyLimit(env, pathname, type);
  const declared = req.headers["content-length"] === undefined ? null : Number(req.headers["content-length"]);
  if (declared !== null && declared > limit) {
    refuse(req, res, 413, { dropBody: true });
    return undefined;
  }
  if (/^multipart\/form-data/i.test(type)) {
    // Uploads stream to their route; their length must be known (browsers always send it).
    if (declared === null) {
      refuse(req, res, 411, { dropBody: true });
      return undefined;
    }
    return "stream";
  }
  const body = await readBounded(req, limit);
  if (body === null) {
    refuse(req, res, 413, { dropBody: true });
    return undefined;
  }
  return body;
}

function clientIp(req) {
  if (env.TRUST_PROXY) {
    const forwarded = String(req.headers["x-forwarded-for"] ?? "")
      .split(",")[0]
      .trim();
    if (forwarded) return forwarded;
  }
  return req.socket.remoteAddress ?? "unknown";
}

const COMPRESSIBLE = /^(text\/(html|calendar|plain|csv)|application\/(json|ld\+json)|text\/x-script)/;

/**
 * The response's headers with the security headers of this response. A route's own stricter header
 * wins (a served file's `sandbox` CSP, a personal page's `same-origin`), except Cache-Control on
 * private pages, which is always "private, no-store".
 */
function responseHeaders(response, nonce, pathname) {
  const headers = {};
  for (const [key, value] of response.headers) {
    if (key === "set-cookie") continue;
    headers[key] = value;
  }
  for (const [key, value] of Object.entries(runtime.securityHeaders(env, nonce, pathname))) {
    if (key === "cache-control" || headers[key] === undefined) headers[key] = value;
  }
  return headers;
}

async function sendResponse(req, res, response, nonce, pathname) {
  const headers = responseHeaders(response, nonce, pathname);
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  const type = response.headers.get("content-type") ?? "";
  const gzip =
    response.body &&
    req.method !== "HEAD" &&
    !response.headers.has("content-encoding") &&
    COMPRESSIBLE.test(type) &&
    /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
  if (gzip) {
    headers["content-encoding"] = "gzip";
    headers["vary"] = "Accept-Encoding";
    delete headers["content-length"];
  }
  res.writeHead(response.status, response.statusText || undefined, headers);
  if (!response.body || req.method === "HEAD") {
    res.end();
    return;
  }
  const source = Readable.fromWeb(response.body);
  if (gzip) await pipeline(source, createGzip(), res);
  else await pipeline(source, res);
}

// ---- shared cache for public responses (app/page-cache/page-cache.server.ts, ADR 020) ----
const pageCache = runtime.createPageCache();

function cacheableRequest(req) {
  return (req.method === "GET" || req.method === "HEAD") && !req.headers.cookie && !req.headers.authorization;
}

function sendCached(req, res, entry, state) {
  const gzip = /\bgzip\b/.test(req.headers["accept-encoding"] ?? "") && entry.body.length > 1024;
  if (gzip) entry.gz ??= gzipSync(entry.body);
  const body = gzip ? entry.gz : entry.body;
  const headers = { ...entry.headers, "content-length": body.length, "x-cache": state, vary: "Accept-Encoding" };
  res.cacheState = state;
  if (gzip) headers["content-encoding"] = "gzip";
  res.writeHead(entry.status, headers);
  res.end(req.method === "HEAD" ? undefined : body);
}

// A cached page keeps the nonce it was rendered with, in its body and its CSP header alike: an
// injection could only have been rendered into the page before that nonce existed (ADR 009).
async function storeAndSend(req, res, response, version, ttl, nonce, pathname) {
  const headers = responseHeaders(response, nonce, pathname);
  delete headers["content-length"];
  const entry = pageCache.store(req.url, { status: response.status, headers, body: Buffer.from(await response.arrayBuffer()), version }, ttl);
  sendCached(req, res, entry, "miss");
}

const server = http.createServer(async (req, res) => {
  const started = performance.now();
  const pathname = (req.url ?? "/").split("?")[0];
  res.on("finish", () => {
    runtime.log("info", "request", {
      method: req.method,
      path: runtime.redactPath(pathname),
      status: res.statusCode,
      ...(res.cacheState ? { cache: res.cacheState } : {}),
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });
  try {
    if (serveStatic(req, res, pathname)) return;
    const useCache = cacheableRequest(req);
    const version = useCache ? runtime.pageVersion(pathname) : null;
    if (useCache) {
      const hit = pageCache.lookup(req.url, version);
      if (hit) return sendCached(req, res, hit, "hit");
    }
    const body = await admitBody(req, res, pathname);
    if (body === undefined) return;
    const nonce = runtime.newNonce();
    const response = await handleRemix(toRequest(req, res, body), { clientIp: clientIp(req), cspNonce: nonce });
    const ttl = useCache ? runtime.sharedMaxAge(response) : 0;
    if (ttl > 0 && req.method === "GET") await storeAndSend(req, res, response, version, ttl, nonce, pathname);
    else await sendResponse(req, res, response, nonce, pathname);
  } catch (error) {
    if (error?.code === "ERR_STREAM_PREMATURE_CLOSE") return;
    runtime.log("error", "request failed", { path: runtime.redactPath(pathname), error: String(error?.stack ?? error) });
    if (!res.headersSent) refuse(req, res, 500);
    else res.destroy();
  }
});
server.keepAliveTimeout = 5_000;

server.listen(env.PORT, () => {
  runtime.log("info", "listening", { port: env.PORT, url: env.APP_URL, mode: env.NODE_ENV });
});

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  runtime.log("info", "shutting down", { signal });
  const force = setTimeout(() => server.closeAllConnections(), 10_000);
  force.unref();
  // Stop accepting; idle keep-alive sockets go now, busy ones as soon as their response is done.
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  await new Promise((resolve) => {
    server.close(resolve);
    server.closeIdleConnections();
  });
  clearInterval(sweep);
  await app.stop();
  runtime.log("info", "stopped");
  process.exit(0);
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
