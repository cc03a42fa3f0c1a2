// Every back-office route and action refuses an anonymous visitor — enumerated from the server
// build's route table, so a new admin route is covered without editing this test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../helpers/server";
import { signIn } from "../helpers/admin";
import { startSmtp, type TestSmtp } from "../helpers/smtp";
import { DEMO_PARAMS, appRoutes, type AppRoute } from "../helpers/routes";

let server: TestServer;
let smtp: TestSmtp;
let routes: AppRoute[] = [];
const PARAMS = DEMO_PARAMS;

beforeAll(async () => {
  routes = (await appRoutes()).filter((r) => r.url.startsWith("/admin") && !r.url.startsWith("/admin/connexion"));
  smtp = await startSmtp();
  server = await startServer({ ADMIN_EMAIL: "admin@example.org", SMTP_URL: smtp.url });
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

describe("back-office access", () => {
  it("finds the admin routes in the build", () => {
    expect(routes.length).toBeGreaterThanOrEqual(8);
    expect(routes.map((r) => r.url)).toEqual(expect.arrayContaining(["/admin", "/admin/series", "/admin/organisateurs", "/admin/journal"]));
  });

  it("refuses every admin page and data request to an anonymous visitor", async () => {
    for (const r of routes) {
      const page = await fetch(server.url + r.url, { redirect: "manual" });
      expect([302, 303], `${r.id} GET`).toContain(page.status);
      expect(page.headers.get("location"), `${r.id} GET`).toMatch(/^\/admin(\/connexion\?suite=|$)/);
      const body = await page.text();
      expect(body).not.toContain("Qpv");
      // The single-fetch data request of the same URL.
      const dataUrl = r.url.endsWith(".csv") || r.url.endsWith(".json") ? null : `${r.url === "/admin" ? "/admin/_index" : r.url}.data`;
      if (dataUrl) {
        const data = await fetch(server.url + dataUrl, { redirect: "manual" });
        const text = await data.text();
        expect(text, `${r.id} data`).not.toMatch(/"email"|"organisers"|"doc"|"entries"|"series":\[/);
        expect([202, 204, 302, 303, 404], `${r.id} data ${data.status}`).toContain(data.status);
      }
    }
  });

  it("refuses every admin action to an anonymous visitor, changing nothing", async () => {
    const before = await (await fetch(`${server.url}/healthz`)).text();
    for (const r of routes.filter((x) => x.hasAction)) {
      const res = await fetch(server.url + r.url, {
        method: "POST",
        body: new URLSearchParams({ intent: "status", status: "draft", email: "intrus@example.org", role: "admin" }),
        redirect: "manual",
      });
      expect([302, 303], `${r.id} POST`).toContain(res.status);
      expect(res.headers.get("location"), `${r.id} POST`).toMatch(/^\/admin\/connexion/);
    }
    // Still published: the anonymous "status" posts did nothing.
    const page = await fetch(`${server.url}/series/${PARAMS.slug}`);
    expect(page.status).toBe(200);
    expect(before).toContain("ok");
  });

  it("lets a signed-in organiser in, and an editor not into administrators' pages", async () => {
    const admin = await signIn(server, smtp, "admin@example.org");
    expect((await fetch(`${server.url}/admin/organisateurs`, { headers: { cookie: admin } })).status).toBe(200);
    const invite = await fetch(`${server.url}/admin/organisateurs`, {
      method: "POST",
      headers: { cookie: admin },
      body: new URLSearchParams({ intent: "invite", email: "editrice@example.org", name: "Éditrice", role: "editor" }),
    });
    expect(invite.status).toBe(200);
    const editor = await signIn(server, smtp, "editrice@example.org");
    expect((await fetch(`${server.url}/admin/series`, { headers: { cookie: editor } })).status).toBe(200);
    expect((await fetch(`${server.url}/admin/organisateurs`, { headers: { cookie: editor } })).status).toBe(403);
  });

  it("answers the same for an unknown address, and a sign-in link works once", async () => {
    const before = smtp.messages.length;
    const known = await (await fetch(`${server.url}/admin/connexion`, { method: "POST", body: new URLSearchParams({ email: "admin@example.org" }) })).text();
    const unknown = await (
      await fetch(`${server.url}/admin/connexion`, { method: "POST", body: new URLSearchParams({ email: "personne@example.org" }) })
    ).text();
    const strip = (h: string) => h.replace(/admin@example\.org|personne@example\.org/g, "X").replace(/<script[\s\S]*?<\/script>/g, "");
    expect(strip(known)).toBe(strip(unknown));
    const mail = await smtp.waitForMatch(
      (m) => m.envelopeTo.includes("admin@example.org") && m.parsed.subject === "Votre lien de connexion à Rendez-vous" && smtp.messages.indexOf(m) >= before,
    );
    const link = mail.parsed.text!.match(/\/admin\/connexion\/[\w-]+/)![0];
    // GET does not use the token (mail scanners open links).
    expect((await fetch(server.url + link)).status).toBe(200);
    const first = await fetch(server.url + link, { method: "POST", redirect: "manual" });
    expect(first.headers.get("set-cookie")).toMatch(/^rdv_admin=.+; Max-Age=43200; Path=\/; HttpOnly; SameSite=Lax/);
    const second = await fetch(server.url + link, { method: "POST", redirect: "manual" });
    expect(second.headers.get("location")).toBe("/admin/connexion?etat=lien-invalide");
    // Signing out revokes the server-side session.
    const cookie = first.headers.get("set-cookie")!.split(";")[0];
    await fetch(`${server.url}/admin/deconnexion`, { method: "POST", headers: { cookie }, redirect: "manual" });
    expect((await fetch(`${server.url}/admin`, { headers: { cookie }, redirect: "manual" })).status).toBe(302);
  });
});
