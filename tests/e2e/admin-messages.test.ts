// Messages to registrants over HTTP against the production server, with a signed-in organiser and a
// real SMTP server: nothing for an anonymous visitor; every wrong field answered in French beside it
// with what was typed kept; markup and formulas escaped in the page and the email; an empty audience
// refused with an explanation; a test to oneself; a message sent now reaching each person once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { register } from "~/registration/registrations.server";
import { nowIso as clockNow } from "~/utils/now.server";
import { postForm, startSignedIn } from "../helpers/admin";
import { fieldError, pageText } from "../helpers/html";
import { participantInput } from "../helpers/people";
import { stopAll, type TestServer } from "../helpers/server";
import { importIntoServer, queryFile, withServerDb } from "../helpers/server-db";
import { fileSession, seriesFile } from "../helpers/series-file";
import type { TestSmtp } from "../helpers/smtp";

const ADMIN = "orga@example.org";
const SLUG = "messages-aux-inscrits";
const BASE = `/admin/series/${SLUG}/messages`;
const SCRIPT = "<script>alert(1)</script>";
const FORMULA = '=HYPERLINK("https://evil.example","clic")';

let server: TestServer;
let smtp: TestSmtp;
let cookie: string;
const sql = <T = any>(query: string, ...args: unknown[]): T[] => queryFile<T>(server.databasePath, query, ...args);

beforeAll(async () => {
  ({ smtp, server, cookie } = await startSignedIn(ADMIN));
  const sessions = [fileSession(1, "Rencontre", "2099-05-12T09:30", "2099-05-12T12:00", { slug: "rencontre", mode: "online" })];
  const imported = importIntoServer(server.databasePath, seriesFile({ slug: SLUG, title: "Messages aux inscrits", sessions }));
  const [session] = sql<{ id: number }>("select s.id from sessions s join series x on x.id = s.series_id where x.slug = ?", SLUG);
  withServerDb(server.databasePath, (db) => {
    for (const email of ["ana@example.org", "bob@example.org"])
      register(db, { seriesId: imported.seriesId, sessionIds: [session.id], participant: participantInput(email, "Ana", "Bob"), nowIso: clockNow() });
  });
}, 60_000);

afterAll(() => stopAll(server, smtp));

const post = (url: string, fields: Record<string, string | string[]>, withCookie = true) => postForm(server, url, fields, withCookie ? cookie : undefined);
const page = async (url: string) => (await fetch(server.url + url, { headers: { cookie } })).text();
const textOf = pageText;
const message = (extra: Record<string, string | string[]> = {}) => ({
  subject: "Salle changée",
  body: "La rencontre a lieu en salle 2.\n\nLe plan : https://example.org/plan",
  scope: "1",
  audience: ["confirmed"],
  kind: "service",
  ...extra,
});

describe("messages to registrants in the back-office", () => {
  it("refuse anonymous visitors, GET and POST, and change nothing", async () => {
    for (const url of [BASE, `${BASE}/nouveau`, `${BASE}/1`]) {
      const res = await fetch(server.url + url, { redirect: "manual" });
      expect(res.status, url).toBe(302);
      expect(res.headers.get("location")).toBe(`/admin/connexion?suite=${encodeURIComponent(url)}`);
      if (url !== BASE) expect((await post(url, { ...message(), intent: "send" }, false)).status).toBe(302);
    }
    expect(sql("select id from registrant_messages")).toEqual([]);
  });

  it("answer each wrong field in French beside it, keep what was typed, save nothing", async () => {
    const typed = { subject: "", body: `<b>gras</b> ${FORMULA}`, scope: "9", audience: [] as string[], kind: "spam", intent: "send" };
    const res = await post(`${BASE}/nouveau`, typed);
    expect(res.status).toBe(400);
    expect(fieldError(res.html, "subject")).toBe("Indiquez l’objet du message.");
    expect(fieldError(res.html, "scope")).toBe("Choisissez la série entière ou l’une de ses rencontres.");
    expect(fieldError(res.html, "audience")).toBe("Cochez au moins un statut de destinataires.");
    expect(fieldError(res.html, "kind")).toMatch(/^Choisissez le type de message/);
    expect(res.html).toMatch(/<textarea[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="champ-subject"|id="champ-subject"[^>]*aria-invalid="true"/);
    // Kept, and escaped: the textarea shows the markup as text.
    expect(res.html).toContain("&lt;b&gt;gras&lt;/b&gt; =HYPERLINK(&quot;https://evil.example&quot;,&quot;clic&quot;)");
    expect(res.html).not.toContain("<b>gras</b>");
    const late = await post(`${BASE}/nouveau`, message({ intent: "schedule", sendAt: "2020-01-01T09:00" }));
    expect(late.status).toBe(400);
    expect(fieldError(late.html, "sendAt")).toBe("Choisissez une date et une heure à venir.");
    expect(late.html).toContain('value="Salle changée"');
    const gap = await post(`${BASE}/nouveau`, message({ intent: "schedule", sendAt: "2099-03-29T02:30" }));
    expect(fieldError(gap.html, "sendAt")).toMatch(/n’existe pas ce jour-là/);
    expect(sql("select id from registrant_messages")).toEqual([]);
  });

  it("escape markup and formulas in the page, refuse an empty audience with an explanation", async () => {
    const saved = await post(
      `${BASE}/nouveau`,
      message({ subject: `${SCRIPT} ${FORMULA}`, body: `<b>gras</b>\n\n${FORMULA}`, audience: ["waiting"], intent: "send" }),
    );
    expect(saved.status).toBe(302);
    expect(saved.location).toMatch(new RegExp(`^${BASE}/\\d+\\?etat=refuse$`));
    const html = await page(saved.location!);
    expect(html).not.toContain(SCRIPT);
    expect(html).not.toContain("<b>gras");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(textOf(html)).toContain("Envoi refusé : personne ne recevrait ce message.");
    expect(fieldError(html, "audience")).toBe("Personne ne recevrait ce message avec ces statuts.");
    expect(textOf(html)).toContain("personne (aucune inscription ne correspond)");
    expect(sql("select status from registrant_messages")).toEqual([{ status: "draft" }]);
    expect(sql("select id from outbox where kind = 'message'")).toEqual([]);
    const list = await page(BASE);
    expect(list).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(textOf(list)).toContain("Brouillon");
  });

  it("send a test to oneself, then the message now: each registrant once, escaped in the email", async () => {
    const saved = await post(`${BASE}/nouveau`, message({ subject: "Objet <i>ici</i>", body: `<b>gras</b>\n\n${FORMULA}`, intent: "save" }));
    const url = saved.location!.replace(/\?.*/, "");
    const draft = await page(url);
    expect(textOf(draft)).toContain("2 personnes");
    // The preview of the text part, escaped like the rest of the page.
    expect(draft).toMatch(/<pre class="message-body">Bonjour Prénom,[\s\S]*&lt;b&gt;gras&lt;\/b&gt;/);
    expect((await post(url, message({ subject: "Objet <i>ici</i>", body: `<b>gras</b>\n\n${FORMULA}`, intent: "test" }))).location).toBe(`${url}?etat=test`);
    const test = await smtp.waitForMatch((m) => m.envelopeTo[0] === ADMIN && m.parsed.subject === "[Test] Objet <i>ici</i>");
    expect(String(test.parsed.html)).toContain("&lt;b&gt;gras&lt;/b&gt;");
    const sent = await post(url, message({ subject: "Objet <i>ici</i>", body: `<b>gras</b>\n\n${FORMULA}`, intent: "send" }));
    expect(sent.location).toBe(`${url}?etat=envoye`);
    const got = await Promise.all(
      ["ana@example.org", "bob@example.org"].map((to) => smtp.waitForMatch((m) => m.envelopeTo[0] === to && m.parsed.subject === "Objet <i>ici</i>")),
    );
    for (const m of got) {
      const h = String(m.parsed.html);
      expect(h).toContain("<p>&lt;b&gt;gras&lt;/b&gt;</p>");
      expect(h).not.toMatch(/<b>|<i>ici/);
      expect(h).toContain("=HYPERLINK(&quot;");
      expect(m.parsed.text).toContain("<b>gras</b>");
    }
    // Sent: shown as it left, no form any more; the list counts from the outbox.
    const after = await page(url);
    expect(after).not.toContain('name="intent" value="send"');
    expect(textOf(after)).toContain("Envoyé");
    expect(sql("select count(*) as n from outbox where kind = 'message' and dedupe_key like 'message:%'")).toEqual([{ n: 2 }]);
    expect(sql("select action from audit_log where entity = 'message' order by id").map((a) => a.action)).toEqual(["test", "send"]);
    const emails = await page("/admin/emails?type=message");
    expect(textOf(emails)).toContain("ana@example.org");
  });
});
