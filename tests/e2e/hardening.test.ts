// The server under attack (issue #9): bounded request bodies on every form action of the route table,
// values never echoed beyond their limit, security headers with a per-response CSP nonce, cross-site
// POSTs refused, no personal token in any log line, and the least privilege on access codes.
import http from "node:http";
import net from "node:net";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../helpers/admin";
import { textOf } from "../helpers/html";
import { appRoutes, type AppRoute } from "../helpers/routes";
import { startServer, type TestServer } from "../helpers/server";
import { startSmtp, type TestSmtp } from "../helpers/smtp";

let server: TestServer;
let smtp: TestSmtp;
let actions: AppRoute[];
let adminCookie: string;
let editorCookie: string;
const SLUG = "rdv-sante-mentale-jeunes-eure-demo";
const FORM = `/series/${SLUG}/inscription`;

beforeAll(async () => {
  actions = (await appRoutes()).filter((r) => r.hasAction);
  smtp = await startSmtp();
  server = await startServer({
    SMTP_URL: smtp.url,
    ADMIN_EMAIL: "admin@example.org",
    UPLOAD_MAX_MB: "50",
    RATE_LIMIT_PER_IP: "100000",
    RATE_LIMIT_PER_EMAIL: "100000",
  });
  adminCookie = await signIn(server, smtp, "admin@example.org");
  await fetch(`${server.url}/admin/organisateurs`, {
    method: "POST",
    headers: { cookie: adminCookie },
    body: new URLSearchParams({ intent: "invite", email: "editeur@example.org", name: "Éditeur", role: "editor" }),
  });
  // Rights are per series (docs/decisions/016-series-roles.md): the editor of the demo series' team.
  await fetch(`${server.url}/admin/series/${SLUG}/equipe`, {
    method: "POST",
    headers: { cookie: adminCookie },
    body: new URLSearchParams({ intent: "invite", email: "editeur@example.org", role: "editor" }),
  });
  editorCookie = await signIn(server, smtp, "editeur@example.org");
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

/** Peak resident memory of the server process (kB → MB), read by the kernel: VmHWM. */
function peakRssMb(): number {
  const status = readFileSync(`/proc/${server.proc.pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/**
 * POSTs `total` bytes produced on the fly (never held in this process), declared in Content-Length or
 * chunked, over a raw socket that reads while it writes (as a browser does), and resolves with the
 * answer's status and body as soon as the server has answered.
 */
function hugePost(url: string, total: number, contentType: string, options: { declared: boolean; cookie?: string }): Promise<{ status: number; body: string }> {
  const { hostname, port, pathname } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    const head = [`POST ${pathname} HTTP/1.1`, `Host: ${hostname}:${port}`, `Content-Type: ${contentType}`];
    if (options.declared) head.push(`Content-Length: ${total}`);
    else head.push("Transfer-Encoding: chunked");
    if (options.cookie) head.push(`Cookie: ${options.cookie}`);
    const chunk = Buffer.alloc(64 * 1024, "a");
    const framed = options.declared ? chunk : Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]);
    let received = "";
    let sent = 0;
    let done = false;
    const answer = () => {
      const m = /^HTTP\/1\.1 (\d{3})[^\r]*\r\n([\s\S]*?)\r\n\r\n([\s\S]*)$/.exec(received);
      if (!m) return null;
      const length = Number(/content-length: (\d+)/i.exec(m[2])?.[1] ?? NaN);
      return Buffer.byteLength(m[3]) >= length ? { status: Number(m[1]), body: m[3] } : null;
    };
    const finish = () => {
      if (done) return;
      const a = answer();
      if (!a) return;
      done = true;
      socket.destroy();
      resolve(a);
    };
    socket.setEncoding("utf8");
    socket.on("data", (d) => {
      received += d;
      finish();
    });
    socket.on("error", () => {}); // EPIPE / ECONNRESET once the server drops the connection
    socket.on("close", () => {
      finish();
      if (!done) reject(new Error(`${url}: no complete answer (${sent} bytes sent, got ${JSON.stringify(received.slice(0, 200))})`));
    });
    socket.write(head.join("\r\n") + "\r\n\r\n");
    const pump = () => {
      while (!done && !socket.destroyed && sent < total) {
        sent += chunk.length;
        if (!socket.write(framed)) return socket.once("drain", pump);
      }
    };
    pump();
  });
}

describe("bounded request bodies", () => {
  it("finds the form actions in the route table", () => {
    const urls = actions.map((a) => a.url);
    expect(urls).toEqual(expect.arrayContaining([FORM, "/moi/" + "x".repeat(32), "/admin/connexion", `/admin/series/${SLUG}/ressources/1`]));
    expect(actions.length).toBeGreaterThanOrEqual(20);
  });

  it("3 concurrent 200 MB bodies to every form action (form and multipart, declared and chunked): 413 French page, RSS under 300 MB, /healthz answering", async () => {
    const MB200 = 200 * 1024 * 1024;
    const kinds = [
      { type: "application/x-www-form-urlencoded", declared: true, expected: 413 },
      { type: "application/x-www-form-urlencoded", declared: false, expected: 413 },
      { type: "multipart/form-data; boundary=----x", declared: true, expected: 413 },
      { type: "multipart/form-data; boundary=----x", declared: false, expected: 411 },
    ];
    let healthChecks = 0;
    for (const action of actions) {
      for (const kind of kinds) {
        const cookie = action.url.startsWith("/admin") ? adminCookie : undefined;
        const attacks = Array.from({ length: 3 }, () => hugePost(server.url + action.url, MB200, kind.type, { declared: kind.declared, cookie }));
        const health = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(10_000) });
        expect(health.status, `healthz during ${action.url}`).toBe(200);
        healthChecks++;
        for (const r of await Promise.all(attacks)) {
          expect(r.status, `${action.id} ${kind.type} declared=${kind.declared}`).toBe(kind.expected);
          expect(textOf(r.body)).toMatch(kind.expected === 413 ? /Envoi trop volumineux/ : /Envoi refusé/);
        }
      }
    }
    expect(healthChecks).toBe(actions.length * kinds.length);
    expect(peakRssMb()).toBeLessThan(300);
  }, 240_000);

  it("never echoes a value longer than its field’s limit", async () => {
    const form = await (await fetch(server.url + FORM)).text();
    const id = form.match(/name="sessions"(?![^>]*disabled)[^>]*value="(\d+)"/)![1];
    const long = "é".repeat(9_000); // 54 KB encoded: under the 64 KB form limit
    const res = await fetch(server.url + FORM, {
      method: "POST",
      body: new URLSearchParams({ firstName: long, lastName: "Z", email: "z@example.org", consent: "oui", sessions: id }),
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/ne doit pas dépasser 100 caractères/);
    expect(html).not.toContain("é".repeat(101));
    expect(html).toContain(`value="${"é".repeat(100)}"`);
    // The same in the back-office.
    const admin = await fetch(`${server.url}/admin/series/${SLUG}/sessions/2`, {
      method: "POST",
      headers: { cookie: adminCookie },
      body: new URLSearchParams({ intent: "session", title: "x".repeat(50_000), date: "2030-01-01", start: "10:00", end: "09:00" }),
    });
    expect(admin.status).toBe(400);
    expect(await admin.text()).not.toContain("x".repeat(5001));
  });
});

describe("security headers", () => {
  const nonceOf = (html: string) => [...html.matchAll(/<script\b[^>]*\snonce="([^"]+)"/g)].map((m) => m[1]);

  it("a CSP with a fresh nonce on every page, carried by every script of the page; no framing; permissions", async () => {
    const seen = new Set<string>();
    for (const path of ["/", `/series/${SLUG}`, FORM, "/ressources", "/page-inconnue", "/admin/connexion"]) {
      for (let i = 0; i < 2; i++) {
        // With a cookie: never from the shared cache, so each answer is rendered afresh.
        const res = await fetch(server.url + path, { headers: { cookie: "essai=1" } });
        const csp = res.headers.get("content-security-policy") ?? "";
        const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
        expect(nonce, path).toBeTruthy();
        expect(csp).toMatch(/frame-ancestors 'none'/);
        expect(csp).toMatch(/object-src 'none'/);
        expect(csp).toMatch(/base-uri 'none'/);
        expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
        const html = await res.text();
        const scripts = (html.match(/<script\b/g) ?? []).length;
        expect(scripts, path).toBeGreaterThan(0);
        expect(nonceOf(html), path).toHaveLength(scripts);
        expect(new Set(nonceOf(html))).toEqual(new Set([nonce]));
        expect(res.headers.get("x-frame-options")).toBe("DENY");
        expect(res.headers.get("permissions-policy")).toMatch(/microphone=\(\)/);
        expect(res.headers.get("strict-transport-security")).toBeNull(); // not in development
        seen.add(nonce!);
      }
    }
    expect(seen.size).toBe(12);
  });

  it("personal and back-office pages: Cache-Control private, no-store", async () => {
    const mail = smtp.messages.find((m) => /\/moi\/[\w-]{20,}/.test(m.parsed.text ?? ""));
    const personal = mail ? mail.parsed.text!.match(/\/moi\/[\w-]{20,}/)![0] : null;
    const paths = ["/admin", `/admin/series/${SLUG}`, "/admin/connexion", "/moi", ...(personal ? [personal] : [])];
    for (const path of paths) {
      const res = await fetch(server.url + path, { headers: { cookie: adminCookie }, redirect: "manual" });
      expect(res.headers.get("cache-control"), path).toBe("private, no-store");
    }
    expect((await fetch(`${server.url}/series/${SLUG}`)).headers.get("cache-control")).toMatch(/public/);
  });

  it("HSTS in production", async () => {
    const prod = await startServer({ NODE_ENV: "production", SESSION_SECRET: "s".repeat(40) });
    try {
      const res = await fetch(`${prod.url}/`);
      expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
    } finally {
      await prod.stop();
    }
  }, 60_000);
});

describe("cross-site requests", () => {
  it("a POST from another site gets a French 403 page, never a 500 or a stack trace; from this site it works", async () => {
    const form = await (await fetch(server.url + FORM)).text();
    const id = form.match(/name="sessions"(?![^>]*disabled)[^>]*value="(\d+)"/)![1];
    const body = () => new URLSearchParams({ firstName: "Ève", lastName: "Site", email: "eve@example.org", consent: "oui", sessions: id });
    for (const headers of [{ origin: "https://pirate.example" }, { origin: "null" }, { "sec-fetch-site": "cross-site" }] as Record<string, string>[]) {
      for (const url of [FORM, `${FORM}.data`, "/admin/connexion", `/admin/series/${SLUG}`]) {
        const res = await fetch(server.url + url, { method: "POST", headers: { ...headers, cookie: adminCookie }, body: body(), redirect: "manual" });
        expect(res.status, `${url} ${JSON.stringify(headers)}`).toBe(403);
        const text = await res.text();
        expect(textOf(text)).toMatch(/Envoi refusé.*depuis un autre site/);
        expect(text).not.toMatch(/at \w+ \(|node_modules|Error:/);
      }
    }
    const ok = await fetch(server.url + FORM, { method: "POST", headers: { origin: server.url }, body: body(), redirect: "manual" });
    expect(ok.status).toBe(303);
  });
});

describe("no personal token in any log line", () => {
  it("Remix’s error output, undecodable and odd paths, data requests: every line JSON, no token", async () => {
    const form = await (await fetch(server.url + FORM)).text();
    const id = form.match(/name="sessions"(?![^>]*disabled)[^>]*value="(\d+)"/)![1];
    const before = smtp.messages.length;
    await fetch(server.url + FORM, {
      method: "POST",
      body: new URLSearchParams({ firstName: "Lou", lastName: "Journal", email: "lou@example.org", consent: "oui", sessions: id }),
      redirect: "manual",
    });
    const mail = await smtp.waitForMatch((m) => smtp.messages.indexOf(m) >= before && m.envelopeTo.includes("lou@example.org"));
    const token = mail.parsed.text!.match(/\/moi\/([\w-]{20,})/)![1];
    // A sign-in token too.
    const beforeSignIn = smtp.messages.length;
    await fetch(`${server.url}/admin/connexion`, { method: "POST", body: new URLSearchParams({ email: "admin@example.org" }) });
    const signInMail = await smtp.waitForMatch((m) => smtp.messages.indexOf(m) >= beforeSignIn && /connexion/.test(m.parsed.subject ?? ""));
    const signInToken = signInMail.parsed.text!.match(/\/admin\/connexion\/([\w-]+)/)![1];

    const odd = [
      `/moi/${token}?_data=routes/nope`,
      `/moi/${token}?_data=routes%2Fpersonal%2Fspace`,
      `/moi/${token}%E0%A4%A`,
      `/moi/${token}/%ZZ`,
      `/moi/${token}/..%2F..%2Fetc%2Fpasswd`,
      `/moi/${token}.data`,
      `/moi/${token}.data?_routes=routes%2Fnope`,
      `/moi/${token}/ressources/999999`,
      `/moi/${token}/ressources/abc/fichier`,
      `/moi/${token}/donnees.json`,
      `//moi/${token}`,
      `/desinscription/${token}?serie=%ZZ`,
      `/desinscription/${token}.data`,
      `/admin/connexion/${signInToken}?_data=routes/nope`,
      `/admin/connexion/${signInToken}%ZZ`,
      `/series/${SLUG}/inscription/merci?x=${token}`,
      `/%2Fmoi%2F${token}`,
      `/ressources/${token}`,
      `/${token}`,
    ];
    for (const path of odd) {
      for (const method of ["GET", "POST", "HEAD"]) {
        await new Promise<void>((resolve) => {
          const req = http.request(server.url + path, { method, agent: false, headers: { "content-type": "application/x-www-form-urlencoded" } }, (res) => {
            res.resume();
            res.on("end", resolve);
          });
          req.on("error", () => resolve());
          req.end(method === "POST" ? `intent=%ZZ&token=${token}` : undefined);
        });
      }
    }
    await fetch(`${server.url}/healthz`);
    await server.waitForLog('"path":"/healthz"');
    const lines = (server.stdout() + server.stderr()).split("\n").filter(Boolean);
    expect(lines.length).toBeGreaterThan(odd.length * 3);
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    for (const secret of [token, signInToken]) {
      for (const piece of [secret, secret.slice(0, 16), secret.slice(-16)]) {
        const found = lines.filter((l) => l.includes(piece));
        expect(found, `token piece ${piece} in the logs`).toEqual([]);
      }
    }
    // Remix's own errors did go through the log (proof that the paths above reached it).
    expect(lines.some((l) => /"level":"(error|warn)"/.test(l))).toBe(true);
  }, 120_000);
});

describe("least privilege for access codes", () => {
  it("an editor exports a series without its codes; an administrator gets the confidential file, written to the audit log", async () => {
    const plain = await fetch(`${server.url}/admin/series/${SLUG}/export.json`, { headers: { cookie: editorCookie } });
    expect(plain.status).toBe(200);
    const file = await plain.json();
    expect(file.accessOmitted).toBe(true);
    expect(JSON.stringify(file)).not.toMatch(/"access"|passcode|joinUrl/);
    expect((await fetch(`${server.url}/admin/series/${SLUG}/export.json?codes=1`, { headers: { cookie: editorCookie } })).status).toBe(403);
    const page = await (await fetch(`${server.url}/admin/series/${SLUG}`, { headers: { cookie: editorCookie } })).text();
    expect(page).not.toContain("export.json?codes=1");

    const secret = await fetch(`${server.url}/admin/series/${SLUG}/export.json?codes=1`, { headers: { cookie: adminCookie } });
    expect(secret.status).toBe(200);
    expect(secret.headers.get("content-disposition")).toMatch(/confidentiel/);
    expect(JSON.stringify(await secret.json())).toMatch(/"passcode"/);
    const journal = textOf(await (await fetch(`${server.url}/admin/journal`, { headers: { cookie: adminCookie } })).text());
    expect(journal).toMatch(/export-with-codes|Export avec les codes/);
  });
});
