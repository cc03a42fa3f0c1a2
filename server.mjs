// The production server: node:http, static assets from build/client, everything else through Remix.
// It validates the configuration, opens and migrates the database, seeds demo data on an empty one,
// logs each request as a JSON line, and shuts down gracefully on SIGTERM/SIGINT.
// See docs/decisions/004-server.md.
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
try {
  env = runtime.loadEnv();
} catch (error) {
  if (error?.name === "EnvError") {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
const app = await runtime.start();
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
function toRequest(req, res) {
  const url = new URL(req.url ?? "/", env.APP_URL);
  const controller = new AbortController();
  res.on("close", () => controller.abort());
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const init = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = Readable.toWeb(req);
    init.duplex = "half";
  }
  return new Request(url, init);
}

function clientIp(req) {
  if (env.TRUST_PROXY) {
    const forwarded = String(req.headers["x-forwarded-for"] ?? "").split(",")[0].trim();
    if (forwarded) return forwarded;
  }
  return req.socket.remoteAddress ?? "unknown";
}

const COMPRESSIBLE = /^(text\/(html|calendar|plain|csv)|application\/(json|ld\+json)|text\/x-script)/;

async function sendResponse(req, res, response) {
  const headers = {};
  for (const [key, value] of response.headers) {
    if (key === "set-cookie") continue;
    headers[key] = value;
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  headers["x-content-type-options"] ??= "nosniff";
  headers["referrer-policy"] ??= "strict-origin-when-cross-origin";
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

// ---- shared cache for public responses ----
// A route opts in with `Cache-Control: public, …, s-maxage=N`. Entries are served to requests without
// cookies while the database is unchanged (runtime.dataVersion(): any write by this process or any
// other) and for at most min(N, 60) seconds, which bounds time-dependent labels ("Terminée").
const PAGE_CACHE_MAX = 500;
const PAGE_CACHE_TTL_CAP_S = 60;
const pageCache = new Map();

function cacheableRequest(req) {
  return (req.method === "GET" || req.method === "HEAD") && !req.headers.cookie && !req.headers.authorization;
}

function sharedMaxAge(response) {
  const cc = response.headers.get("cache-control") ?? "";
  if (!/\bpublic\b/.test(cc) || response.headers.has("set-cookie") || response.status !== 200) return 0;
  const m = /s-maxage=(\d+)/.exec(cc) ?? /max-age=(\d+)/.exec(cc);
  return m ? Math.min(Number(m[1]), PAGE_CACHE_TTL_CAP_S) : 0;
}

function sendCached(req, res, entry, state) {
  const gzip = /\bgzip\b/.test(req.headers["accept-encoding"] ?? "") && entry.body.length > 1024;
  if (gzip) entry.gz ??= gzipSync(entry.body);
  const body = gzip ? entry.gz : entry.body;
  const headers = { ...entry.headers, "content-length": body.length, "x-cache": state, vary: "Accept-Encoding" };
  if (gzip) headers["content-encoding"] = "gzip";
  res.writeHead(entry.status, headers);
  res.end(req.method === "HEAD" ? undefined : body);
}

async function storeAndSend(req, res, response, version, ttl) {
  const headers = {};
  for (const [key, value] of response.headers) headers[key] = value;
  headers["x-content-type-options"] ??= "nosniff";
  headers["referrer-policy"] ??= "strict-origin-when-cross-origin";
  delete headers["content-length"];
  const entry = { status: response.status, headers, body: Buffer.from(await response.arrayBuffer()), gz: null, version, expires: Date.now() + ttl * 1000 };
  if (pageCache.size >= PAGE_CACHE_MAX) pageCache.delete(pageCache.keys().next().value);
  pageCache.set(req.url, entry);
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
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });
  try {
    if (serveStatic(req, res, pathname)) return;
    const useCache = cacheableRequest(req);
    const version = useCache ? runtime.dataVersion() : null;
    if (useCache) {
      const hit = pageCache.get(req.url);
      if (hit && hit.version === version && hit.expires > Date.now()) return sendCached(req, res, hit, "hit");
    }
    const response = await handleRemix(toRequest(req, res), { clientIp: clientIp(req) });
    const ttl = useCache ? sharedMaxAge(response) : 0;
    if (ttl > 0 && req.method === "GET") await storeAndSend(req, res, response, version, ttl);
    else await sendResponse(req, res, response);
  } catch (error) {
    if (error?.code === "ERR_STREAM_PREMATURE_CLOSE") return;
    runtime.log("error", "request failed", { path: runtime.redactPath(pathname), error: String(error?.stack ?? error) });
    if (!res.headersSent) {
      res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("Erreur interne du serveur.");
    } else res.destroy();
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
