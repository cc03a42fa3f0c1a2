// Back-office email log, resend, previews and the funders' report, against the production server with
// a real SMTP server on loopback and an organiser signed in through the real email link. A second
// server in production mode without SMTP_URL shows the development mailbox to organisers only.
import Database from "better-sqlite3";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SLUG } from "../../db/seed/demo-series";
import { startSignedIn } from "../helpers/admin";
import { BILAN_CSV_SESSION_HEADERS } from "../helpers/bilan-csv";
import { decode, textOf } from "../helpers/html";
import { startServer, type TestServer } from "../helpers/server";
import { queryFile } from "../helpers/server-db";
import { type TestSmtp } from "../helpers/smtp";

const ADMIN = "orga@example.org";
const PERSON = "camille.bilan@example.org";
let server: TestServer;
let smtp: TestSmtp;
let cookie: string;
let sessions: { id: number; number: number }[]; // the demo series' sessions
let confirmationId: number;

const sql = <T = any>(s: TestServer, query: string, ...args: unknown[]): T[] => queryFile<T>(s.databasePath, query, ...args);

/** Polls a condition (the dispatcher records a send just after the SMTP server has the message). */
async function eventually<T>(check: () => T | null | undefined | false, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function get(path: string, options: { cookie?: string | null; s?: TestServer } = {}) {
  const s = options.s ?? server;
  const c = options.cookie === undefined ? cookie : options.cookie;
  const res = await fetch(s.url + path, { headers: c ? { cookie: c } : {}, redirect: "manual" });
  return { status: res.status, location: res.headers.get("location"), headers: res.headers, html: await res.text() };
}

async function post(path: string, fields: Record<string, string>, options: { cookie?: string | null } = {}) {
  const c = options.cookie === undefined ? cookie : options.cookie;
  const res = await fetch(server.url + path, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "content-type": "application/x-www-form-urlencoded", ...(c ? { cookie: c } : {}) },
    redirect: "manual",
  });
  return { status: res.status, location: res.headers.get("location"), html: await res.text() };
}

/** Ids of the outbox rows listed in the email log page. */
const listed = (html: string) => [...html.matchAll(/<tr id="message-(\d+)">/g)].map((m) => Number(m[1]));
/** The pagination of a page: its « Page N sur M » and where « Page précédente » and « Page suivante » lead; null if there is none. */
function pagination(html: string): { current: string; prev: string | null; next: string | null } | null {
  const nav = html.match(/<nav aria-label="Pagination"[^>]*>([\s\S]*?)<\/nav>/)?.[1];
  if (nav === undefined) return null;
  const links = [...nav.matchAll(/<a ([^>]*)>([\s\S]*?)<\/a>/g)].map((m) => ({ href: decode(m[1].match(/href="([^"]*)"/)![1]), text: textOf(m[2]) }));
  const hrefOf = (text: string) => links.find((l) => l.text === text)?.href ?? null;
  expect(links.every((l) => ["Page précédente", "Page suivante"].includes(l.text))).toBe(true);
  return { current: textOf(nav.match(/<li aria-current="page">([\s\S]*?)<\/li>/)![1]), prev: hrefOf("Page précédente"), next: hrefOf("Page suivante") };
}
const parisTime = (iso: string) => DateTime.fromISO(iso, { zone: "utc" }).setZone("Europe/Paris").toFormat("dd/MM/yyyy HH:mm");

beforeAll(async () => {
  ({ smtp, server, cookie } = await startSignedIn(ADMIN));
  sessions = sql(server, "select s.id, s.number from sessions s join series x on x.id = s.series_id where x.slug = ? order by s.number", DEMO_SLUG);

  // A registration for RDV #2 through the public form; its confirmation goes out by SMTP.
  const before = smtp.messages.length;
  const res = await post(
    `/series/${DEMO_SLUG}/inscription`,
    {
      sessions: String(sessions[1].id),
      firstName: "Camille",
      lastName: "Bilan",
      email: PERSON,
      organisation: "ASV Évreux",
      jobTitle: "",
      structureType: "collectivite",
      territory: "Évreux",
      consent: "oui",
    },
    { cookie: null },
  );
  expect(res.status).toBe(303);
  await smtp.waitForMatch((m) => smtp.messages.indexOf(m) >= before && m.envelopeTo.includes(PERSON));
  confirmationId = sql<{ id: number }>(server, "select id from outbox where kind = 'confirmation' and to_address = ?", PERSON)[0].id;
  await eventually(() => sql(server, "select 1 from outbox where id = ? and status = 'sent'", confirmationId).length === 1, "the confirmation marked sent");
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

describe("anonymous visitors", () => {
  const routes = () => [
    "/admin/emails",
    "/admin/emails?statut=sent&message=1",
    "/admin/emails/apercu",
    `/admin/series/${DEMO_SLUG}/bilan`,
    `/admin/series/${DEMO_SLUG}/bilan.csv`,
  ];

  it("are sent to the sign-in page from every route, GET", async () => {
    for (const path of routes()) {
      const res = await get(path, { cookie: null });
      expect(res.status, path).toBe(302);
      expect(res.location, path).toBe(`/admin/connexion?suite=${encodeURIComponent(path)}`);
      expect(res.html, path).not.toMatch(/Inscription enregistrée|Bilan/);
    }
  });

  it("are sent to the sign-in page from every route, POST, and nothing is queued", async () => {
    const before = sql<{ n: number }>(server, "select count(*) as n from outbox")[0].n;
    for (const path of routes()) {
      const res = await post(path, { intent: "resend", id: String(confirmationId) }, { cookie: null });
      expect(res.status, path).toBe(302);
      expect(res.location, path).toMatch(/^\/admin\/connexion\?suite=/);
    }
    // A forged cookie is no better.
    const forged = await post("/admin/emails", { intent: "resend", id: String(confirmationId) }, { cookie: "rdv_admin=forged" });
    expect(forged.status).toBe(302);
    expect(sql<{ n: number }>(server, "select count(*) as n from outbox")[0].n).toBe(before);
  });
});

describe("the email log", () => {
  it("lists the confirmation as sent, with its recipient, session, Paris times and attempts", async () => {
    const row = sql(server, "select * from outbox where id = ?", confirmationId)[0];
    const res = await get("/admin/emails");
    expect(res.status).toBe(200);
    expect(listed(res.html)).toContain(confirmationId);
    const tr = res.html.slice(
      res.html.indexOf(`<tr id="message-${confirmationId}">`),
      res.html.indexOf("</tr>", res.html.indexOf(`<tr id="message-${confirmationId}">`)),
    );
    const text = textOf(tr);
    expect(text).toContain("Confirmation d’inscription");
    expect(text).toContain(PERSON);
    expect(text).toContain("RDV #2");
    expect(text).toContain("Les rendez-vous de la santé mentale des jeunes");
    expect(text).toContain(parisTime(row.due_at));
    expect(text).toContain(parisTime(row.sent_at));
    expect(tr).toMatch(/<span class="status status-sent">Envoyé<\/span>/);
    expect(tr).toMatch(/<td class="num">1<\/td>/);
    expect(tr).toContain(">Renvoyer<");
    // The organiser's own sign-in email is there too, newest first.
    const all = sql<{ id: number }>(server, "select id from outbox order by id desc");
    expect(listed(res.html)).toEqual(all.map((r) => r.id));
  });

  it("filters by kind, status, session, series and recipient", async () => {
    const ids = (where: string, ...args: unknown[]) =>
      sql<{ id: number }>(server, `select id from outbox where ${where} order by id desc`, ...args).map((r) => r.id);
    const signIns = ids("kind = 'sign-in'");
    expect(signIns.length).toBeGreaterThan(0);
    expect(listed((await get("/admin/emails?type=sign-in")).html)).toEqual(signIns);
    expect(listed((await get("/admin/emails?type=confirmation")).html)).toEqual([confirmationId]);
    expect(listed((await get("/admin/emails?statut=sent")).html)).toEqual(ids("status = 'sent'"));
    const failed = await get("/admin/emails?statut=failed");
    expect(listed(failed.html)).toEqual([]);
    expect(textOf(failed.html)).toContain("Aucun message ne correspond à ces filtres.");
    expect(listed((await get(`/admin/emails?cible=rdv-${sessions[1].id}`)).html)).toEqual([confirmationId]);
    expect(listed((await get(`/admin/emails?cible=rdv-${sessions[3].id}`)).html)).toEqual([]);
    const seriesId = sql<{ id: number }>(server, "select id from series where slug = ?", DEMO_SLUG)[0].id;
    const bySeries = await get(`/admin/emails?cible=serie-${seriesId}`);
    expect(listed(bySeries.html)).toEqual([confirmationId]);
    // The series menu lists every series; the sessions are those of the chosen series (or of the chosen session's) only.
    const menuOf = (html: string) => [...html.match(/<select id="filtre-cible"[\s\S]*?<\/select>/)![0].matchAll(/value="([^"]*)"/g)].map((m) => m[1]);
    const everySeries = sql<{ id: number }>(server, "select id from series").map((r) => `serie-${r.id}`);
    const unfiltered = menuOf((await get("/admin/emails")).html);
    expect(unfiltered.filter((v) => v.startsWith("serie-")).sort()).toEqual(everySeries.sort());
    expect(unfiltered.filter((v) => v.startsWith("rdv-"))).toEqual([]);
    const ownSessions = sessions.map((x) => `rdv-${x.id}`);
    expect(menuOf(bySeries.html).filter((v) => v.startsWith("rdv-"))).toEqual(ownSessions);
    expect(menuOf((await get(`/admin/emails?cible=rdv-${sessions[1].id}`)).html).filter((v) => v.startsWith("rdv-"))).toEqual(ownSessions);
    const byRecipient = await get(`/admin/emails?destinataire=${encodeURIComponent("CAMILLE.bilan")}`);
    expect(listed(byRecipient.html)).toEqual([confirmationId]);
    expect(textOf(byRecipient.html)).toContain("1 message(s) correspondant aux filtres");
    expect(listed((await get("/admin/emails?destinataire=personne%25")).html)).toEqual([]);
    // The search is by the start of the address (an index range), never a middle part.
    expect(listed((await get("/admin/emails?destinataire=bilan")).html)).toEqual([]);
    expect(listed((await get(`/admin/emails?destinataire=${encodeURIComponent(PERSON)}`)).html)).toEqual([confirmationId]);
    expect(byRecipient.html).toContain("Destinataire (adresse ou début d’adresse)");
    // The form shows the filters in use.
    expect(byRecipient.html.match(/<input id="filtre-destinataire"[^>]*>/)![0]).toContain('value="CAMILLE.bilan"');
  });

  it("resends a message: a new row rendered afresh, audited, delivered a second time", async () => {
    const before = smtp.messages.length;
    const first = smtp.messages.find((m) => m.envelopeTo.includes(PERSON))!;
    const res = await post("/admin/emails", { intent: "resend", id: String(confirmationId) });
    expect(res.status).toBe(200);
    expect(textOf(res.html)).toContain(`Message n° ${confirmationId} renvoyé à ${PERSON}`);
    const copy = sql(server, "select * from outbox where dedupe_key like ?", `resend:${confirmationId}:%`);
    expect(copy).toHaveLength(1);
    const original = sql(server, "select * from outbox where id = ?", confirmationId)[0];
    expect(copy[0]).toMatchObject({ kind: "confirmation", to_address: PERSON, participant_id: original.participant_id, payload: original.payload });
    const audit = sql(server, "select a.*, o.email from audit_log a join organisers o on o.id = a.organiser_id where a.action = 'resend'");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity: "outbox", entity_id: String(confirmationId), email: ADMIN });
    expect(JSON.parse(audit[0].detail)).toMatchObject({ newId: copy[0].id, kind: "confirmation", to: PERSON });

    const second = await smtp.waitForMatch((m) => smtp.messages.indexOf(m) >= before && m.envelopeTo.includes(PERSON));
    expect(second.parsed.subject).toBe(first.parsed.subject);
    // Rendered afresh: a new personal link, a new Message-ID.
    expect(second.parsed.messageId).not.toBe(first.parsed.messageId);
    const link = (m: typeof first) => m.parsed.text!.match(/\/moi\/[\w-]+/)![0];
    expect(link(second)).not.toBe(link(first));
    await eventually(() => sql(server, "select 1 from outbox where id = ? and status = 'sent'", copy[0].id).length === 1, "the copy marked sent");
    expect(listed((await get("/admin/emails?type=confirmation")).html)).toEqual([copy[0].id, confirmationId]);
  });

  it("refuses to resend an unknown message", async () => {
    const before = sql<{ n: number }>(server, "select count(*) as n from outbox")[0].n;
    const res = await post("/admin/emails", { intent: "resend", id: "999999" });
    expect(res.status).toBe(400);
    expect(textOf(res.html)).toContain("Ce message n’existe pas.");
    expect(sql<{ n: number }>(server, "select count(*) as n from outbox")[0].n).toBe(before);
  });

  it("pages by 50, keeping the filters in the page links; a page past the end shows the last page", async () => {
    // 120 old messages, already settled (the dispatcher leaves cancelled rows alone).
    const db = new Database(server.databasePath);
    db.pragma("busy_timeout = 5000");
    const insert = db.prepare(
      "insert into outbox (kind, dedupe_key, to_address, payload, due_at, next_attempt_at, status, last_error) values ('personal-link', ?, ?, '{}', '2026-01-05T09:00:00Z', '2026-01-05T09:00:00Z', 'cancelled', 'test')",
    );
    db.transaction(() => {
      for (let i = 0; i < 120; i++) insert.run(`test-page:${i}`, `page${i}@example.org`);
    })();
    db.close();
    const all = sql<{ id: number }>(server, "select id from outbox order by id desc").map((r) => r.id);
    const pages = Math.ceil(all.length / 50);
    const first = await get("/admin/emails");
    expect(listed(first.html)).toEqual(all.slice(0, 50));
    expect(textOf(first.html)).toContain(`${all.length} message(s) — page 1 sur ${pages}.`);
    expect(pagination(first.html)).toEqual({ current: `Page 1 sur ${pages}`, prev: null, next: "/admin/emails?page=2" });
    expect(listed((await get("/admin/emails?page=2")).html)).toEqual(all.slice(50, 100));

    // Filtered: exactly the 120 rows, on pages of 50, 50 and 20, each link keeping the filters.
    const mine = sql<{ id: number }>(server, "select id from outbox where status = 'cancelled' and kind = 'personal-link' order by id desc").map((r) => r.id);
    expect(mine).toHaveLength(120);
    const q = "statut=cancelled&type=personal-link";
    const p1 = await get(`/admin/emails?${q}`);
    expect(listed(p1.html)).toEqual(mine.slice(0, 50));
    expect(pagination(p1.html)).toEqual({ current: "Page 1 sur 3", prev: null, next: `/admin/emails?${q}&page=2` });
    const p2 = await get(pagination(p1.html)!.next!);
    expect(listed(p2.html)).toEqual(mine.slice(50, 100));
    expect(pagination(p2.html)).toEqual({ current: "Page 2 sur 3", prev: `/admin/emails?${q}`, next: `/admin/emails?${q}&page=3` });
    const p3 = await get(pagination(p2.html)!.next!);
    expect(listed(p3.html)).toHaveLength(20);
    expect(listed(p3.html)).toEqual(mine.slice(100));
    expect(pagination(p3.html)).toEqual({ current: "Page 3 sur 3", prev: `/admin/emails?${q}&page=2`, next: null });
    expect(textOf(p3.html)).toContain("Motif : test");
    // The recipient search is kept too, and what the URL does not filter on is not carried along.
    const search = await get("/admin/emails?destinataire=page&message=1&page=2");
    expect(pagination(search.html)).toEqual({
      current: "Page 2 sur 3",
      prev: "/admin/emails?destinataire=page",
      next: "/admin/emails?destinataire=page&page=3",
    });

    // Past the end: the last page (200), with links that agree with it; not a page number: page 1.
    const past = await get(`/admin/emails?${q}&page=99`);
    expect(past.status).toBe(200);
    expect(listed(past.html)).toEqual(mine.slice(100));
    expect(pagination(past.html)).toEqual({ current: "Page 3 sur 3", prev: `/admin/emails?${q}&page=2`, next: null });
    for (const bad of ["0", "-1", "abc", "2.5"]) {
      const res = await get(`/admin/emails?${q}&page=${bad}`);
      expect(res.status, bad).toBe(200);
      expect(listed(res.html), bad).toEqual(mine.slice(0, 50));
    }
    // A single page has no pagination.
    expect(pagination((await get("/admin/emails?type=confirmation")).html)).toBeNull();

    // Without JavaScript: the filters are a GET form on this address, the page links plain links.
    const form = p1.html.match(/<form[^>]*role="search"[^>]*>/)![0];
    expect(form).toContain('method="get"');
    expect(form).toContain('action="/admin/emails"');
  });

  it("past 1 000 messages, says « plus de 1 000 » and pages on without counting the whole log", async () => {
    const db = new Database(server.databasePath);
    db.pragma("busy_timeout = 5000");
    const insert = db.prepare(
      "insert into outbox (kind, dedupe_key, to_address, payload, due_at, next_attempt_at, status, last_error) values ('newsletter', ?, ?, '{}', '2026-01-05T09:00:00Z', '2026-01-05T09:00:00Z', 'cancelled', 'test')",
    );
    db.transaction(() => {
      for (let i = 0; i < 1000; i++) insert.run(`test-cap:${i}`, `cap${i}@example.org`);
    })();
    db.close();
    const all = sql<{ id: number }>(server, "select id from outbox order by id desc").map((r) => r.id);
    expect(all.length).toBeGreaterThan(1000);
    const first = await get("/admin/emails");
    expect(textOf(first.html)).toMatch(/Plus de 1\s000 messages — page 1\./);
    expect(pagination(first.html)).toEqual({ current: "Page 1", prev: null, next: "/admin/emails?page=2" });
    const last = Math.ceil(all.length / 50);
    const end = await get(`/admin/emails?page=${last}`);
    expect(listed(end.html)).toEqual(all.slice((last - 1) * 50));
    expect(pagination(end.html)).toEqual({ current: `Page ${last}`, prev: `/admin/emails?page=${last - 1}`, next: null });
    // Past the end: the last page still.
    expect(listed((await get(`/admin/emails?page=${last + 40}`)).html)).toEqual(all.slice((last - 1) * 50));
    // A narrow filter is counted exactly.
    expect(textOf((await get("/admin/emails?destinataire=cap99")).html)).toContain("11 message(s) correspondant aux filtres.");
  });

  it("does not show the development mailbox when an SMTP server is configured", async () => {
    const res = await get("/admin/emails");
    expect(textOf(res.html)).not.toContain("Boîte de développement");
  });
});

describe("the previews", () => {
  it("render every template with real data and leave nothing behind", async () => {
    const tables = [
      "outbox",
      "personal_links",
      "sign_in_tokens",
      "participants",
      "registrations",
      "series",
      "sessions",
      "audit_log",
      "newsletter_subscribers",
      "newsletters",
    ];
    const counts = () => Object.fromEntries(tables.map((name) => [name, sql<{ n: number }>(server, `select count(*) as n from ${name}`)[0].n]));
    const before = counts();
    const maxIds = sql(server, "select (select max(id) from personal_links) as links, (select max(id) from sign_in_tokens) as tokens")[0];

    const res = await get("/admin/emails/apercu");
    expect(res.status).toBe(200);
    const text = textOf(res.html);
    expect(text).toContain("Données réelles : Camille Bilan");
    const subjects = [
      /Inscription enregistrée — Les rendez-vous de la santé mentale des jeunes/,
      /Une place s’est libérée\s: RDV #2 — /,
      /Votre lien personnel Rendez-vous/,
      /Vos codes d’accès\s: RDV #2, /,
      /Rectificatif\s: RDV #2 — /,
      /Informations pratiques\s: RDV #3, /,
      /Annulation\s: RDV #2 — /,
      /Report\s: RDV #2 — /,
      /Enregistrement disponible\s: RDV #1 — /,
      // The demo series' two reminders (the day before at 18:00, an hour before).
      /Rappel\s: RDV #2, .*Rappel\s: RDV #2, /,
      /Rappel \(la veille à 18\s?h\)[\s\S]*Rappel \(1\s?h avant le début\)/,
      /Votre avis sur la rencontre RDV #\d+ — /,
      /Changement de salle pour la rencontre/,
      /Votre lien de connexion à Rendez-vous/,
      /Invitation à l’espace organisateurs de Rendez-vous/,
      /Confirmez votre abonnement à la lettre d’information/,
      /Lettre d’information des Rendez-vous n°\s1 — \d+ nouvelles ressources/,
      /Votre attestation de présence — RDV #2 /,
      /Invitation à l’équipe de «\s.+\s»/,
    ];
    for (const s of subjects) expect(text).toMatch(s);
    const frames = res.html.match(/<iframe [^>]*>/g) ?? [];
    expect(frames).toHaveLength(subjects.length);
    for (const f of frames) {
      expect(f).toMatch(/sandbox=""/);
      expect(f).toMatch(/srcDoc="&lt;!doctype html&gt;/i);
    }
    expect(res.html.match(/<pre class="mail-text">/g)).toHaveLength(subjects.length);
    // The access codes of RDV #2 (real, not yet sent) and the rectificatif's reason are in the preview.
    expect(text).toMatch(/Rectificatif\s: la date ou l’horaire, les codes de connexion de la rencontre RDV #2/);
    expect(text).toContain("981 2055 4731");
    expect(text).toMatch(/Pièces jointes rdv-2\.ics/);

    expect(counts()).toEqual(before);
    const after = sql(server, "select (select max(id) from personal_links) as links, (select max(id) from sign_in_tokens) as tokens")[0];
    expect(after).toEqual(maxIds);
    // The links shown do not open anything.
    const token = decode(res.html).match(/\/moi\/([\w-]{20,})/)![1];
    expect((await get(`/moi/${token}`, { cookie: null })).status).toBe(404);
    const signInPath = decode(res.html).match(/\/admin\/connexion\/[\w-]{20,}/)![0];
    const used = await post(signInPath, {}, { cookie: null });
    expect(used.location).toBe("/admin/connexion?etat=lien-invalide");
  });

  it("refuses POST once signed in (nothing to post)", async () => {
    expect((await post("/admin/emails/apercu", {})).status).toBe(405);
  });
});

describe("the funders' report", () => {
  it("shows the figures, the charts with their tables and a print hint", async () => {
    // Camille came to RDV #2 (attendance recorded after the session).
    const db = new Database(server.databasePath);
    db.pragma("busy_timeout = 5000");
    db.prepare("update registrations set attendance = 'present' where session_id = ?").run(sessions[1].id);
    db.close();

    const res = await get(`/admin/series/${DEMO_SLUG}/bilan`);
    expect(res.status).toBe(200);
    const text = textOf(res.html);
    expect(text).toContain("Bilan : Les rendez-vous de la santé mentale des jeunes");
    const table = res.html.slice(
      res.html.indexOf('<table class="data" id="tableau-rencontres">'),
      res.html.indexOf("</table>", res.html.indexOf('id="tableau-rencontres"')),
    );
    const rows = [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => [...m[1].matchAll(/<td class="num">([^<]*)<\/td>/g)].map((c) => decode(c[1])));
    // thead, 4 sessions, tfoot: registered, waiting, present, excused, absent, rate
    expect(rows.slice(1)).toEqual([
      ["0", "0", "0", "0", "0", "—"],
      ["1", "0", "1", "0", "0", "100\u202f%"],
      ["0", "0", "0", "0", "0", "—"],
      ["0", "0", "0", "0", "0", "—"],
      ["1", "0", "1", "0", "0", "100\u202f%"],
    ]);
    expect(res.html).toMatch(/<svg role="img" aria-labelledby="graphique-rencontres-titre graphique-rencontres-desc"/);
    expect(res.html).toContain('<title id="graphique-rencontres-titre">Inscrits confirmés et présents par rencontre</title>');
    expect(res.html).toMatch(/<desc id="graphique-rencontres-desc">[^<]*RDV #2\s: 1 inscrit, 1 présent/);
    expect(res.html.match(/data-serie="inscrits"/g)).toHaveLength(4);
    expect(res.html).toMatch(/<svg role="img" aria-labelledby="graphique-structures-titre graphique-structures-desc"/);
    expect(res.html).toMatch(/<th scope="row">Collectivité<\/th><td class="num">1<\/td>/);
    expect(res.html).toMatch(/<th scope="row">Évreux<\/th><td class="num">1<\/td>/);
    // Without JavaScript: a hint, hidden in print like the toolbar (the button replaces it once scripts run).
    expect(res.html).toMatch(/<span class="hint no-print">Pour imprimer ou enregistrer en PDF/);
    expect(res.html).toMatch(/<div class="toolbar no-print">/);
    expect(res.html).toContain(`href="/admin/series/${DEMO_SLUG}/bilan.csv"`);
  });

  it("downloads the figures as CSV: BOM, semicolons, French headers", async () => {
    const res = await fetch(`${server.url}/admin/series/${DEMO_SLUG}/bilan.csv`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="bilan-${DEMO_SLUG}.csv"`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1);
    const rows = csv.split("\r\n").map((line) => line.split(";"));
    expect(rows.find((r) => r[0] === "Rencontre")).toEqual(BILAN_CSV_SESSION_HEADERS);
    expect(rows.find((r) => r[0] === "RDV #2")!.slice(4)).toEqual(["1", "0", "1", "0", "0", "100,0"]);
    expect(rows.find((r) => r[0] === "Personnes distinctes inscrites")).toEqual(["Personnes distinctes inscrites", "1"]);
    expect(rows.find((r) => r[0] === "Collectivité")).toEqual(["Collectivité", "1"]);
    expect(csv).not.toContain("Camille");
  });

  it("answers 404 for an unknown series", async () => {
    expect((await get("/admin/series/pas-de-serie/bilan")).status).toBe(404);
    expect((await get("/admin/series/pas-de-serie/bilan.csv")).status).toBe(404);
  });
});

describe("in production without SMTP_URL", () => {
  let prod: TestServer;
  let prodCookie: string;
  let mail: { id: number; text: string; subject: string };
  beforeAll(async () => {
    prod = await startServer({ NODE_ENV: "production", SESSION_SECRET: "s".repeat(40), ADMIN_EMAIL: ADMIN });
    // Signing in through the link kept in the development mailbox.
    const asked = await fetch(`${prod.url}/admin/connexion`, { method: "POST", body: new URLSearchParams({ email: ADMIN }) });
    expect(asked.status).toBe(200);
    mail = await eventually(
      () => sql<{ id: number; text: string; subject: string }>(prod, "select id, text, subject from dev_mailbox where to_address = ?", ADMIN)[0],
      "the sign-in email in the development mailbox",
    );
    const used = await fetch(prod.url + mail.text.match(/\/admin\/connexion\/[\w-]+/)![0], { method: "POST", redirect: "manual" });
    prodCookie = (used.headers.get("set-cookie") ?? "").split(";")[0];
    expect(prodCookie).toMatch(/^rdv_admin=/);
  }, 60_000);
  afterAll(async () => {
    await prod?.stop();
  });

  it("shows the development mailbox to signed-in organisers only; the public page stays closed", async () => {
    expect((await get("/boite-de-developpement", { s: prod, cookie: null })).status).toBe(404);
    const anonymous = await get(`/admin/emails?message=${mail.id}`, { s: prod, cookie: null });
    expect(anonymous.status).toBe(302);
    expect(anonymous.html).not.toContain(mail.subject);

    const list = await get("/admin/emails", { s: prod, cookie: prodCookie });
    expect(list.status).toBe(200);
    expect(textOf(list.html)).toContain("Boîte de développement");
    expect(list.html).toContain(`href="/admin/emails?message=${mail.id}#message-titre"`);
    const open = await get(`/admin/emails?message=${mail.id}`, { s: prod, cookie: prodCookie });
    expect(open.status).toBe(200);
    expect(open.html).toMatch(new RegExp(`<h3 id="message-titre">${mail.subject}</h3>`));
    const pre = open.html.match(/<pre class="mail-text">([\s\S]*?)<\/pre>/)![1];
    expect(decode(pre)).toBe(mail.text);
    expect(open.html).toMatch(/<iframe title="Version HTML\s: [^"]+" sandbox="" srcDoc="&lt;!doctype html&gt;/i);
  });

  it("previews every template with labelled sample data when nobody is registered, leaving nothing behind", async () => {
    const tables = ["outbox", "personal_links", "sign_in_tokens", "participants", "registrations", "series", "sessions"];
    const counts = () => Object.fromEntries(tables.map((name) => [name, sql<{ n: number }>(prod, `select count(*) as n from ${name}`)[0].n]));
    const before = counts();
    expect(before.registrations).toBe(0);
    const res = await get("/admin/emails/apercu", { s: prod, cookie: prodCookie });
    expect(res.status).toBe(200);
    const text = textOf(res.html);
    expect(text).toContain("Exemple fictif. Personne fictive (Camille Exemple)");
    expect(text).toMatch(/Rencontre réelle\s: RDV #2 /);
    expect(res.html.match(/<iframe [^>]*sandbox=""[^>]*>/g)).toHaveLength(19); // one per email kind (the J-2 email in both of its forms, codes and practical information), and one per reminder of the demo series
    expect(text).not.toMatch(/Aperçu impossible|ne serait pas envoyé/);
    expect(text).toContain("Bonjour Camille,");
    expect(counts()).toEqual(before);
  });
});
