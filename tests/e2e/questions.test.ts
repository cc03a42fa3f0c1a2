// Registration questions over HTTP against the production server: the public form asks them without
// JavaScript, answers wrong input with a French message next to the field and keeps what was typed,
// stores the answers; organisers see them (escaped) on the registrants page, in the CSV, and edit the
// questions on their own page with messages next to the fields.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SLUG } from "../../db/seed/demo-series";
import { parseCsv } from "~/utils/csv.server";
import { signIn } from "../helpers/admin";
import { textOf } from "../helpers/html";
import { startServer, type TestServer } from "../helpers/server";
import { queryFile, runFile } from "../helpers/server-db";
import { startSmtp, type TestSmtp } from "../helpers/smtp";

const ADMIN = "orga@example.org";
const FORM = `/series/${DEMO_SLUG}/inscription`;
const QUESTIONS = `/admin/series/${DEMO_SLUG}/questions`;
let server: TestServer;
let smtp: TestSmtp;
let cookie: string;
let q: Record<string, number>; // question ids by key
let rdv: Record<number, number>; // session ids by number

const sql = <T = any>(query: string, ...args: unknown[]): T[] => queryFile<T>(server.databasePath, query, ...args);

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({ SMTP_URL: smtp.url, ADMIN_EMAIL: ADMIN, RATE_LIMIT_PER_IP: "1000", RATE_LIMIT_PER_EMAIL: "1000" });
  cookie = await signIn(server, smtp, ADMIN);
  // The demo's buffet question (session 3 only) made required, as an organiser may.
  runFile(server.databasePath, "update registration_questions set required = 1 where key = 'dejeuner'");
  q = Object.fromEntries(sql<{ key: string; id: number }>("select key, id from registration_questions").map((r) => [r.key, r.id]));
  rdv = Object.fromEntries(
    sql<{ number: number; id: number }>("select s.number, s.id from sessions s join series x on x.id = s.series_id where x.slug = ?", DEMO_SLUG).map((r) => [
      r.number,
      r.id,
    ]),
  );
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

async function post(url: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  const res = await fetch(server.url + url, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    redirect: "manual",
  });
  return { status: res.status, html: await res.text() };
}

const person = (email: string) => ({ firstName: "Awa", lastName: "Diallo", email, consent: "oui" });
const errorNext = (html: string, field: string) => {
  const m = html.match(new RegExp(`id="erreur-${field}"[^>]*>(.*?)</p>`, "s"));
  return m ? textOf(m[1]).replace(/^Erreur\s: /, "") : null;
};

describe("registration questions over HTTP", () => {
  it("shows the questions in the form without JavaScript, the buffet one saying which session it is for", async () => {
    const html = await (await fetch(server.url + FORM)).text();
    const text = textOf(html);
    expect(text).toContain("Questions des organisateurs");
    expect(text).toContain("Avez-vous des besoins d’accessibilité pour suivre la rencontre");
    expect(text).toContain("Question posée aux personnes inscrites à RDV #3.");
    expect(html).toMatch(new RegExp(`<textarea[^>]*name="question-${q["besoins-accessibilite"]}"`));
    expect(html.match(new RegExp(`type="radio" name="question-${q.dejeuner}"`, "g"))).toHaveLength(2);
    // Server-rendered: nothing hidden (without JavaScript every question stays visible).
    expect(html).not.toMatch(/data-question="\d+" hidden/);
  });

  it("refuses a missing required answer with a message next to the field, keeping every value typed (markup escaped)", async () => {
    const typed = "<b>Fauteuil</b> & boucle";
    const res = await post(FORM, {
      ...person("awa@example.org"),
      sessions: [String(rdv[2]), String(rdv[3])],
      [`question-${q["besoins-accessibilite"]}`]: typed,
      [`question-${q["connu-par"]}`]: "Par l’Atelier Santé Ville",
    });
    expect(res.status).toBe(400);
    const field = `question-${q.dejeuner}`;
    expect(errorNext(res.html, field)).toBe("Répondez par oui ou par non.");
    expect(res.html).toMatch(new RegExp(`<fieldset[^>]*id="champ-${field}"[^>]*aria-describedby="aide-${field} erreur-${field}"`));
    expect(res.html).toMatch(new RegExp(`name="${field}" id="champ-${field}-1" aria-invalid="true" value="oui"`));
    expect(res.html).toMatch(new RegExp(`href="#champ-${field}"`));
    expect(res.html).toContain("&lt;b&gt;Fauteuil&lt;/b&gt; &amp; boucle</textarea>");
    expect(res.html).not.toContain("<b>Fauteuil</b>");
    expect(res.html).toMatch(new RegExp(`name="question-${q["connu-par"]}"[^>]*checked="" value="Par l’Atelier Santé Ville"`));
    expect(res.html).toMatch(/value="awa@example.org"/);
    expect(sql("select * from registration_answers")).toEqual([]);
  });

  it("does not ask the buffet question of someone who does not choose session 3, and stores the answers", async () => {
    const res = await post(FORM, {
      ...person("awa@example.org"),
      sessions: [String(rdv[2])],
      [`question-${q["besoins-accessibilite"]}`]: "<b>Fauteuil</b>",
      [`question-${q.dejeuner}`]: "peut-être", // not asked: ignored
      [`question-${q["connu-par"]}`]: '=HYPERLINK("x")', // not a choice
    });
    expect(res.status).toBe(400);
    expect(errorNext(res.html, `question-${q["connu-par"]}`)).toBe("Choisissez une réponse dans la liste.");
    expect(errorNext(res.html, `question-${q.dejeuner}`)).toBeNull();
    const ok = await post(FORM, { ...person("awa@example.org"), sessions: [String(rdv[2])], [`question-${q["besoins-accessibilite"]}`]: "<b>Fauteuil</b>" });
    expect(ok.status).toBe(303);
    // « connu-par », left empty, stores no row.
    expect(sql("select question_key, answer, accessibility from registration_answers order by id")).toEqual([
      { question_key: "besoins-accessibilite", answer: "<b>Fauteuil</b>", accessibility: 1 },
    ]);
  });

  it("shows the answers to organisers, escaped, with the accessibility needs flagged, and in the CSV", async () => {
    const html = await (await fetch(`${server.url}/admin/series/${DEMO_SLUG}/inscrits`, { headers: { cookie } })).text();
    expect(html).toContain("&lt;b&gt;Fauteuil&lt;/b&gt;");
    expect(html).not.toContain("<b>Fauteuil</b>");
    const text = textOf(html);
    expect(text).toMatch(/Besoins d’accessibilité \(\s?1\s?\)/);
    expect(text).toMatch(/Awa Diallo \(\s?RDV #\s?2\s?\)\s?\u00a0?: <b>Fauteuil<\/b>/);
    expect(text).toContain("Besoin d’accessibilité");
    const csv = parseCsv(await (await fetch(`${server.url}/admin/series/${DEMO_SLUG}/inscrits.csv`, { headers: { cookie } })).text());
    const col = csv[0].indexOf("Avez-vous des besoins d’accessibilité pour suivre la rencontre\u00a0?");
    expect(col).toBeGreaterThan(0);
    expect(csv.find((r) => r.includes("Awa"))![col]).toBe("<b>Fauteuil</b>");
  });

  it("shows the person their answers in their personal space, escaped, and in their data export", async () => {
    const mail = await smtp.waitForMatch((m) => m.envelopeTo.includes("awa@example.org"));
    const link = mail.parsed.text!.match(/\/moi\/[\w-]+/)![0];
    const html = await (await fetch(server.url + link)).text();
    expect(textOf(html)).toContain("Vos réponses aux questions des organisateurs");
    expect(html).toContain("&lt;b&gt;Fauteuil&lt;/b&gt;");
    const data = await (await fetch(`${server.url}${link}/donnees.json`)).json();
    expect(data.answers).toEqual([
      { series: expect.stringContaining("santé mentale"), question: expect.stringContaining("accessibilité"), answer: "<b>Fauteuil</b>" },
    ]);
  });

  it("lets organisers add a question, with a French message next to a wrong field and the values kept", async () => {
    const page = await (await fetch(server.url + QUESTIONS, { headers: { cookie } })).text();
    expect(textOf(page)).toContain("Questions d’inscription");
    const bad = await post(QUESTIONS, { intent: "save", key: "", kind: "single-choice", label: "Votre repas ?", choices: "Végétarien" }, { cookie });
    expect(bad.status).toBe(400);
    expect(errorNext(bad.html, "choices")).toBe("La liste des choix doit contenir au moins deux choix pour une question à choix.");
    expect(bad.html).toMatch(/<textarea[^>]*aria-invalid="true"[^>]*>Végétarien<\/textarea>/);
    expect(bad.html).toMatch(/value="Votre repas \?"/);
    const good = await post(
      QUESTIONS,
      { intent: "save", key: "", kind: "single-choice", label: "Votre repas ?", choices: "Végétarien\nSans porc" },
      { cookie },
    );
    expect(good.status).toBe(200);
    expect(textOf(good.html)).toContain("Question ajoutée.");
    expect(sql("select key, label, choices from registration_questions where key = 'votre-repas'")).toEqual([
      { key: "votre-repas", label: "Votre repas\u00a0?", choices: '["Végétarien","Sans porc"]' },
    ]);
    expect(sql("select action, entity from audit_log where detail like '%votre-repas%'")).toEqual([{ action: "update", entity: "series" }]);
    // Markup and formulas in a label: text on the public form, never markup.
    const payload = "<img src=x onerror=alert(1)> =SUM(A1) ?";
    expect((await post(QUESTIONS, { intent: "save", key: "", kind: "short-text", label: payload }, { cookie })).status).toBe(200);
    const form = await (await fetch(server.url + FORM)).text();
    expect(form).toContain("&lt;img src=x onerror=alert(1)&gt; =SUM(A1)\u00a0?");
    expect(form).not.toContain("<img src=x");
  });
});
