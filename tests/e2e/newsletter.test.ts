// The lettre d'information through the production server and a real SMTP server: the public form
// (error next to the field with the value kept, honeypot, the same answer for a known and an unknown
// address, 429 past the limit), the registration form's own box, the confirmation link (GET shows a
// button, POST confirms), the organisers' page (introduction, test, sending, refusal when there is
// nothing new, the email log), one-click unsubscription by a cookie-less POST to the List-Unsubscribe
// address of the letter, and the public archive without any address or token.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SLUG } from "../../db/seed/demo-series";
import { startSignedIn } from "../helpers/admin";
import { textOf } from "../helpers/html";
import { startServer, type TestServer } from "../helpers/server";
import { queryFile } from "../helpers/server-db";
import { type Received, type TestSmtp } from "../helpers/smtp";

const ADMIN = "orga.lettre@example.org";
let server: TestServer;
let smtp: TestSmtp;
let cookie: string;
const tokens: string[] = [];

const sql = <T = any>(query: string, ...args: unknown[]): T[] => queryFile<T>(server.databasePath, query, ...args);

async function post(path: string, fields: Record<string, string>, options: { cookie?: string; s?: TestServer } = {}) {
  const res = await fetch((options.s ?? server).url + path, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "content-type": "application/x-www-form-urlencoded", ...(options.cookie ? { cookie: options.cookie } : {}) },
    redirect: "manual",
  });
  return { status: res.status, headers: res.headers, html: await res.text() };
}
async function get(path: string, c?: string) {
  const res = await fetch(server.url + path, { headers: c ? { cookie: c } : {}, redirect: "manual" });
  return { status: res.status, headers: res.headers, html: await res.text() };
}
const main = (html: string) => textOf(html.match(/<main[\s\S]*<\/main>/)![0]);
const header = (m: Received, name: string) =>
  m.parsed.headerLines
    .find((h) => h.key === name)
    ?.line.replace(/^[^:]+:\s*/, "")
    .replace(/\r?\n\s+/g, " ");

/** Subscribes by the public form and confirms by the emailed link (GET, then the button's POST). */
async function subscribeAndConfirm(email: string) {
  const asked = await post("/lettres/abonnement", { email });
  expect(asked.status).toBe(200);
  const mail = await smtp.waitForMatch((m) => m.envelopeTo.includes(email) && /Confirmez votre abonnement/.test(m.parsed.subject ?? ""));
  const path = mail.parsed.text!.match(/\/lettres\/confirmation\/[A-Za-z0-9_-]+/)![0];
  tokens.push(path.split("/").pop()!);
  const page = await get(path);
  expect(page.status).toBe(200);
  expect(page.headers.get("cache-control")).toMatch(/no-store/);
  expect(main(page.html)).toMatch(/Confirmer mon abonnement/);
  // Opening the link (a mail scanner does) confirms nothing.
  expect(sql("select status from newsletter_subscribers where email = ?", email)[0].status).toBe("pending");
  const confirmed = await post(path, {});
  expect(confirmed.status).toBe(200);
  expect(main(confirmed.html)).toMatch(/Votre abonnement est confirmé/);
  expect(sql("select status from newsletter_subscribers where email = ?", email)[0].status).toBe("confirmed");
}

beforeAll(async () => {
  ({ smtp, server, cookie } = await startSignedIn(ADMIN));
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

describe("the public form", () => {
  it("answers a wrong address with a French message next to the field and keeps what was typed", async () => {
    const r = await post("/lettres/abonnement", { email: "pas-une-adresse" });
    expect(r.status).toBe(400);
    expect(r.html).toMatch(
      /<input[^>]*aria-invalid="true"[^>]*aria-describedby="erreur-email"|<input[^>]*aria-describedby="erreur-email"[^>]*aria-invalid="true"/,
    );
    expect(r.html).toMatch(/id="erreur-email"[^>]*>[\s\S]*?L’adresse e-mail n’est pas valide/);
    expect(r.html).toContain('value="pas-une-adresse"');
    expect(sql("select count(*) as n from newsletter_subscribers")[0].n).toBe(0);
  });

  it("refuses a filled honeypot and records nothing", async () => {
    const r = await post("/lettres/abonnement", { email: "robot@example.org", website: "http://spam.example" });
    expect(r.status).toBe(400);
    expect(sql("select count(*) as n from newsletter_subscribers where email = 'robot@example.org'")[0].n).toBe(0);
  });

  it("gives the same answer for an unknown address and for one already subscribed", async () => {
    await subscribeAndConfirm("deja@example.org");
    const sentBefore = smtp.messages.length;
    const known = await post("/lettres/abonnement", { email: "deja@example.org" });
    const unknown = await post("/lettres/abonnement", { email: "nouvelle@example.org" });
    expect([known.status, unknown.status]).toEqual([200, 200]);
    expect(main(known.html).replace("deja@example.org", "X")).toBe(main(unknown.html).replace("nouvelle@example.org", "X"));
    expect(main(known.html)).toMatch(/Si l’adresse deja@example\.org n’est pas déjà abonnée/);
    // Only the new address gets an email.
    await smtp.waitForMatch((m) => m.envelopeTo.includes("nouvelle@example.org"));
    expect(smtp.messages.slice(sentBefore).filter((m) => m.envelopeTo.includes("deja@example.org"))).toHaveLength(0);
  });

  it("answers 429 past the limit per IP", async () => {
    const limited = await startServer({ RATE_LIMIT_PER_IP: "2" });
    try {
      const codes: number[] = [];
      let last = "";
      for (let i = 0; i < 3; i++) {
        const r = await post("/lettres/abonnement", { email: `limite${i}@example.org` }, { s: limited });
        codes.push(r.status);
        last = r.html;
      }
      expect(codes).toEqual([200, 200, 429]);
      expect(textOf(last)).toMatch(/Trop de demandes/);
    } finally {
      await limited.stop();
    }
  }, 30_000);

  it("subscribes from the registration form only when its own box is ticked, with a confirmation to come", async () => {
    const session = sql("select s.id from sessions s join series x on x.id = s.series_id where x.slug = ? order by s.number", DEMO_SLUG)[1].id;
    const base = {
      sessions: String(session),
      firstName: "Léa",
      lastName: "Lettre",
      organisation: "",
      jobTitle: "",
      structureType: "collectivite",
      territory: "",
      consent: "oui",
    };
    const without = await post(`/series/${DEMO_SLUG}/inscription`, { ...base, email: "sans.lettre@example.org" });
    const withBox = await post(`/series/${DEMO_SLUG}/inscription`, { ...base, email: "avec.lettre@example.org", lettre: "oui" });
    expect([without.status, withBox.status]).toEqual([303, 303]);
    expect(sql("select email, status, source from newsletter_subscribers where email like '%.lettre@example.org'")).toEqual([
      { email: "avec.lettre@example.org", status: "pending", source: "registration" },
    ]);
    await smtp.waitForMatch((m) => m.envelopeTo.includes("avec.lettre@example.org") && /Confirmez votre abonnement/.test(m.parsed.subject ?? ""));
    // The box is on the form, never ticked in advance, and kept ticked when the form comes back with an error.
    const form = await get(`/series/${DEMO_SLUG}/inscription`);
    const box = (html: string) => html.match(/<input[^>]*id="champ-lettre"[^>]*>/)![0];
    expect(box(form.html)).toMatch(/type="checkbox"/);
    expect(box(form.html)).not.toMatch(/checked/);
    const wrong = await post(`/series/${DEMO_SLUG}/inscription`, { ...base, email: "faux", lettre: "oui" });
    expect(wrong.status).toBe(400);
    expect(box(wrong.html)).toMatch(/checked/);
  });
});

describe("sending a letter from the back-office", () => {
  it("previews, tests, sends to confirmed addresses only, logs, and refuses an empty letter", async () => {
    await subscribeAndConfirm("lecteur@example.org");
    // "nouvelle@example.org" and "avec.lettre@example.org" never confirmed.
    const page = await get("/admin/lettre", cookie);
    expect(page.status).toBe(200);
    expect(main(page.html)).toMatch(/Abonné·es confirmé·es : 2 ; en attente de confirmation : 2/);
    expect(main(page.html)).toMatch(/Aperçu : \d+ nouvelles ressources/);

    const intro = await post("/admin/lettre", { intent: "test", intro: "Bonjour <b>à toutes et tous</b>,\n\nBonne lecture !" }, { cookie });
    expect(intro.status).toBe(200);
    const test = await smtp.waitForMatch((m) => m.envelopeTo.includes(ADMIN) && /\(essai\)/.test(m.parsed.subject ?? ""));
    expect(test.parsed.html).toContain("Bonjour &lt;b&gt;à toutes et tous&lt;/b&gt;");

    const tooLong = await post("/admin/lettre", { intent: "intro", intro: "x".repeat(5001) }, { cookie });
    expect(tooLong.status).toBe(400);
    expect(tooLong.html).toMatch(/id="erreur-intro"[^>]*>[\s\S]*?L’introduction est trop longue/);
    expect(tooLong.html).toContain(`>${"x".repeat(5001)}</textarea>`);

    const sent = await post("/admin/lettre", { intent: "send" }, { cookie });
    expect(sent.status).toBe(200);
    expect(main(sent.html)).toMatch(/Lettre n° 1 envoyée : \d+ ressource\(s\), 2 destinataire\(s\)/);
    const letters = await Promise.all(
      ["deja@example.org", "lecteur@example.org"].map((to) =>
        smtp.waitForMatch((m) => m.envelopeTo.includes(to) && /^Lettre d’information des Rendez-vous n°\s1 —/.test(m.parsed.subject ?? "")),
      ),
    );
    const rows = sql("select to_address, status from outbox where kind = 'newsletter' and dedupe_key like 'newsletter:%' order by to_address");
    expect(rows.map((r) => r.to_address)).toEqual(["deja@example.org", "lecteur@example.org"]);
    const log = await get("/admin/emails?type=newsletter", cookie);
    expect(main(log.html)).toContain("lecteur@example.org");
    expect(sql("select action from audit_log where entity = 'newsletter' order by id").map((r) => r.action)).toEqual(["update", "test", "send"]);

    // Nothing new since: refused, with the reason, and nothing queued.
    const again = await post("/admin/lettre", { intent: "send" }, { cookie });
    expect(again.status).toBe(409);
    expect(main(again.html)).toMatch(/Aucune nouvelle ressource publique n’a été publiée depuis la dernière lettre/);
    expect(sql("select count(*) as n from outbox where kind = 'newsletter'")[0].n).toBe(3);

    // One click: a cookie-less POST to the List-Unsubscribe address, as a mail client sends it.
    const letter = letters[1];
    expect(header(letter, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    const url = header(letter, "list-unsubscribe")!.match(/<([^>]+)>/)![1];
    tokens.push(url.split("/").pop()!);
    expect(url.startsWith(`${server.url}/lettres/desinscription/`)).toBe(true);
    const opened = await fetch(url);
    expect(opened.status).toBe(200);
    expect(textOf(await opened.text())).toMatch(/Me désabonner/);
    expect(sql("select status from newsletter_subscribers where email = 'lecteur@example.org'")[0].status).toBe("confirmed");
    const oneClick = await fetch(url, { method: "POST", body: "List-Unsubscribe=One-Click", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(oneClick.status).toBe(200);
    expect(sql("select status from newsletter_subscribers where email = 'lecteur@example.org'")[0].status).toBe("unsubscribed");
    const unknown = await fetch(`${server.url}/lettres/desinscription/inconnu`, { method: "POST", body: "List-Unsubscribe=One-Click" });
    expect(unknown.status).toBe(404);
  }, 60_000);

  it("publishes an archive with the letters' content and no address nor token; tokens stay out of the logs", async () => {
    const list = await get("/lettres");
    expect(list.status).toBe(200);
    expect(main(list.html)).toMatch(/Lettre n° 1/);
    const one = await get("/lettres/1");
    expect(one.status).toBe(200);
    const title = sql("select title from newsletter_items order by position limit 1")[0].title;
    expect(main(one.html)).toContain(title);
    expect(main(one.html)).toContain("Bonjour <b>à toutes et tous</b>,");
    expect(one.html).not.toContain("<b>à toutes");
    expect((await get("/lettres/2")).status).toBe(404);
    expect((await get("/lettres/abc")).status).toBe(404);
    expect(tokens.length).toBeGreaterThanOrEqual(3);
    for (const html of [list.html, one.html, (await get("/ressources")).html]) {
      expect(html).not.toMatch(/[\w.-]+@example\.org/);
      for (const token of tokens) expect(html).not.toContain(token);
    }
    const logs = server.stdout() + server.stderr();
    for (const token of tokens) expect(logs).not.toContain(token);
  });
});
