// Signs an organiser in through the real flow: ask for a link, read it from the SMTP server, use it.
// Returns the cookie header to send with back-office requests. startSignedIn: the servers a back-office
// test needs, with its organiser signed in.
import { startServer, type TestServer } from "./server";
import { startSmtp, type TestSmtp } from "./smtp";

export async function signIn(server: TestServer, smtp: TestSmtp, email: string): Promise<string> {
  const before = smtp.messages.length;
  const asked = await fetch(`${server.url}/admin/connexion`, { method: "POST", body: new URLSearchParams({ email }) });
  if (asked.status !== 200) throw new Error(`sign-in request answered ${asked.status}`);
  const mail = await smtp.waitForMatch(
    (m) => smtp.messages.indexOf(m) >= before && m.envelopeTo.includes(email) && /connexion|Invitation/.test(m.parsed.subject ?? ""),
  );
  const path = mail.parsed.text!.match(/\/admin\/connexion\/[\w-]+/)![0];
  const used = await fetch(server.url + path, { method: "POST", redirect: "manual" });
  const cookie = (used.headers.get("set-cookie") ?? "").split(";")[0];
  if (!cookie.startsWith("rdv_admin=")) throw new Error(`no session cookie (status ${used.status})`);
  return cookie;
}

/**
 * A loopback SMTP server, the production server sending to it with `admin` as its first organiser
 * (rate limits raised for tests that post a lot, unless `env` says otherwise), and that organiser signed in.
 */
export async function startSignedIn(admin: string, env: Record<string, string> = {}): Promise<{ smtp: TestSmtp; server: TestServer; cookie: string }> {
  const smtp = await startSmtp();
  const server = await startServer({
    SMTP_URL: smtp.url,
    ADMIN_EMAIL: admin,
    MAIL_FROM: "Rendez-vous <rdv@example.org>",
    RATE_LIMIT_PER_IP: "1000",
    RATE_LIMIT_PER_EMAIL: "1000",
    ...env,
  });
  return { smtp, server, cookie: await signIn(server, smtp, admin) };
}

/** A back-office form posted as a browser without JavaScript would (signed in when given the cookie): status, redirect, page. */
export async function postForm(server: TestServer, url: string, fields: Record<string, string | string[] | undefined>, cookie?: string) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : v === undefined ? [] : [v]) body.append(k, x);
  const res = await fetch(server.url + url, { method: "POST", body, headers: cookie ? { cookie } : {}, redirect: "manual" });
  return { status: res.status, location: res.headers.get("location"), html: await res.text() };
}
