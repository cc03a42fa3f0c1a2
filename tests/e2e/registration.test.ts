// Registration over HTTP against the production server, with a real SMTP server on loopback.
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SLUG } from "../../db/seed/demo-series";
import { textOf } from "../helpers/html";
import { startServer, type TestServer } from "../helpers/server";
import { queryFile } from "../helpers/server-db";
import { startSmtp, type TestSmtp } from "../helpers/smtp";

const run = promisify(execFile);
const FORM = `/series/${DEMO_SLUG}/inscription`;
let server: TestServer;
let smtp: TestSmtp;
let small: { id: number }; // a 5-seat session imported for the test
let open: number[]; // ids of the demo's open sessions

const sql = <T = any>(query: string, ...args: unknown[]): T[] => queryFile<T>(server.databasePath, query, ...args);

beforeAll(async () => {
  smtp = await startSmtp();
  server = await startServer({ SMTP_URL: smtp.url, MAIL_FROM: "Rendez-vous <rdv@example.org>", RATE_LIMIT_PER_IP: "1000", RATE_LIMIT_PER_EMAIL: "1000" });
  const file = {
    format: "rendez-vous.series/1",
    slug: "petite-jauge",
    title: "Série à petite jauge",
    timezone: "Europe/Paris",
    status: "published",
    sessions: [{ number: 1, slug: "atelier", title: "Atelier à 5 places", start: "2099-05-12T09:30", end: "2099-05-12T12:00", mode: "online", capacity: 5 }],
  };
  const json = path.join(server.dir, "small.json");
  writeFileSync(json, JSON.stringify(file));
  await run("npm", ["run", "--silent", "series:import", "--", json], {
    env: { PATH: process.env.PATH, ENV_FILE: "", DATABASE_PATH: server.databasePath } as unknown as NodeJS.ProcessEnv,
  });
  small = sql<{ id: number }>("select id from sessions where slug = 'atelier'")[0];
  open = sql<{ id: number }>(
    "select s.id from sessions s join series x on x.id = s.series_id where x.slug = ? and s.starts_at > strftime('%Y-%m-%dT%H:%M:%SZ','now') order by s.starts_at",
    DEMO_SLUG,
  ).map((r) => r.id);
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

const valid = () => ({
  sessions: [String(open[0])],
  firstName: "Marie-Hélène",
  lastName: "N'Diaye",
  email: "mh.ndiaye@example.org",
  organisation: "ASV Rouen",
  jobTitle: "Coordinatrice",
  structureType: "collectivite",
  territory: "Rouen",
  consent: "oui",
});

async function post(url: string, fields: Record<string, string | string[] | undefined>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : v === undefined ? [] : [v]) body.append(k, x);
  const res = await fetch(server.url + url, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" }, redirect: "manual" });
  if (res.status === 303 || res.status === 302) {
    // Follow like a browser: same origin, with the cookie just set.
    const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
    const next = await fetch(server.url + res.headers.get("location"), { headers: cookie ? { cookie } : {} });
    return { status: next.status, html: await next.text(), redirected: res.status };
  }
  return { status: res.status, html: await res.text(), redirected: null };
}

/** The error shown next to a field, read from the page (its aria-describedby target). */
function fieldError(html: string, field: string): string | null {
  const m = html.match(new RegExp(`id="erreur-${field}"[^>]*>(.*?)</p>`, "s"));
  return m ? textOf(m[1]).replace(/^Erreur\s: /, "") : null;
}

describe("the form", () => {
  it("lists the open sessions as checkboxes with seats left, pre-ticks the one asked for, marks required fields", async () => {
    const res = await fetch(`${server.url}${FORM}?session=rdv-3-atelier-evreux`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toMatch(/<legend>Rencontres choisies/);
    expect(textOf(html)).toMatch(/12 places restantes/);
    const boxes = html.match(/<input type="checkbox" name="sessions"[^>]*>/g)!;
    expect(boxes.filter((b) => b.includes('checked=""'))).toHaveLength(1);
    expect(boxes.filter((b) => b.includes('disabled=""'))).toHaveLength(1); // the past session
    expect(html).toMatch(/autoComplete="given-name"|autocomplete="given-name"/);
    expect(textOf(html)).toContain("Prénom (obligatoire)");
    expect(textOf(html)).toMatch(/conservées un an après la dernière rencontre/);
    // One organiser: the verb agrees (« … Normandie utilise », not « utilisent »).
    expect(textOf(html)).toMatch(/Normandie utilise ces informations/);
    expect(html).toMatch(/class="honeypot" aria-hidden="true"/);
  });

  it("registers, shows the result, and sends the confirmation email with its .ics", async () => {
    const before = smtp.messages.length;
    const { status, html, redirected } = await post(FORM, { ...valid(), sessions: [String(open[0]), String(open[1])] });
    expect(redirected).toBe(303);
    expect(status).toBe(200);
    expect(textOf(html)).toContain("Merci, votre inscription est enregistrée");
    // The thanks page offers each session's calendar file, the series' feed and the way to the personal space.
    const calendars = [...html.matchAll(/<a [^>]*href="(\/series\/[^"]+\/calendar\.ics)"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => [m[1], textOf(m[2])]);
    expect(calendars).toHaveLength(3);
    for (const [href] of calendars) {
      const ics = await fetch(server.url + href);
      expect(ics.headers.get("content-type")).toMatch(/^text\/calendar/);
      expect(await ics.text()).toMatch(/^BEGIN:VCALENDAR/);
    }
    expect(calendars.map(([, label]) => label)).toEqual([
      expect.stringMatching(/^Ajouter le RDV #\s?\d à mon agenda/),
      expect.stringMatching(/^Ajouter le RDV #\s?\d à mon agenda/),
      expect.stringMatching(/^S’abonner au calendrier de la série/),
    ]);
    expect(html).toMatch(/<a [^>]*href="\/moi"[^>]*>/);
    expect(textOf(html)).toMatch(/lien personnel/);
    // Never the personal link itself: whoever types an address must not reach that person's space.
    expect(html).not.toMatch(/\/moi\/[\w-]{20,}/);
    const mail = await smtp.waitForMatch((m) => smtp.messages.indexOf(m) >= before && m.envelopeTo.includes("mh.ndiaye@example.org"));
    expect(mail.envelopeTo).toEqual(["mh.ndiaye@example.org"]);
    // An online and an in-person session: the codes for one, the practical information for the other.
    expect(mail.parsed.text).toMatch(/codes d’accès de celles que vous suivez à distance et les informations pratiques/);
    expect(mail.parsed.attachments.filter((a) => a.contentType === "text/calendar")).toHaveLength(2);
  });

  it("asks a hybrid session’s registrant to choose on site or remote, next to the session, without JavaScript", async () => {
    const form = await (await fetch(server.url + FORM)).text();
    const hybrid = form.match(/name="participation-(\d+)"/)![1];
    expect(form.match(new RegExp(`name="participation-${hybrid}"[^>]*value="(onsite|remote)"`, "g"))).toHaveLength(2);
    const missing = await post(FORM, { ...valid(), email: "hybride@example.org", sessions: [hybrid] });
    expect(missing.status).toBe(400);
    expect(textOf(missing.html)).toMatch(/Pour le RDV #\s?4, indiquez si vous venez sur place ou si vous suivez à distance/);
    expect(missing.html).toMatch(/href="#champ-participation"/);
    expect(missing.html).toMatch(/<fieldset[^>]*id="champ-participation"/);
    const chosen = await post(FORM, { ...valid(), email: "hybride@example.org", sessions: [hybrid], [`participation-${hybrid}`]: "remote" });
    expect(chosen.redirected).toBe(303);
    expect(textOf(chosen.html)).toMatch(/inscription confirmée \(à distance\)/);
    expect(sql("select r.participation from registrations r join participants p on p.id = r.participant_id where p.email = 'hybride@example.org'")).toEqual([
      { participation: "remote" },
    ]);
  });
});

type Case = [label: string, change: Record<string, string | string[] | undefined>, field: string, message: RegExp];
const cases: Case[] = [
  ["no session", { sessions: undefined }, "sessions", /au moins une rencontre/],
  ["an unknown session id", { sessions: ["999999"] }, "sessions", /n’existe pas/],
  ["a non-numeric session id", { sessions: ["abc"] }, "sessions", /n’existe pas/],
  ["a past session", { sessions: ["__past__"] }, "sessions", /passée/],
  ["a session of another series", { sessions: ["__other__"] }, "sessions", /n’existe pas/],
  ["an empty first name", { firstName: "" }, "firstName", /Indiquez votre prénom/],
  ["a blank first name", { firstName: "   " }, "firstName", /Indiquez votre prénom/],
  ["an empty last name", { lastName: "" }, "lastName", /Indiquez votre nom/],
  ["an over-long first name", { firstName: "A".repeat(101) }, "firstName", /100 caractères/],
  ["an over-long last name", { lastName: "B".repeat(500) }, "lastName", /100 caractères/],
  ["an over-long structure", { organisation: "C".repeat(201) }, "organisation", /200 caractères/],
  ["an over-long job title", { jobTitle: "D".repeat(201) }, "jobTitle", /200 caractères/],
  ["an over-long territory", { territory: "E".repeat(201) }, "territory", /200 caractères/],
  ["a control character in a name", { firstName: "Ann\u0007e" }, "firstName", /caractères non autorisés/],
  ["an empty email", { email: "" }, "email", /Indiquez votre adresse e-mail/],
  ["an email without @", { email: "marie.example.org" }, "email", /pas valide/],
  ["an email without domain", { email: "marie@" }, "email", /pas valide/],
  ["an email without dot in the domain", { email: "marie@localhost" }, "email", /pas valide/],
  ["an email with spaces", { email: "marie dupont@example.org" }, "email", /pas valide/],
  ["an email with two @", { email: "a@b@example.org" }, "email", /pas valide/],
  ["an email with consecutive dots", { email: "marie..dupont@example.org" }, "email", /pas valide/],
  ["an email with markup", { email: "<script>@example.org" }, "email", /pas valide/],
  ["an over-long email", { email: `${"a".repeat(250)}@example.org` }, "email", /254 caractères/],
  ["an unknown structure type", { structureType: "multinationale" }, "structureType", /dans la liste/],
  ["no consent", { consent: undefined }, "consent", /acceptez le traitement/],
  ["a consent with a forged value", { consent: "yes" }, "consent", /acceptez le traitement/],
];

describe("bad input", () => {
  it.each(cases)("%s: a French message next to the field, every value kept", async (_label, change, field, message) => {
    const pastId = String(
      sql<{ id: number }>("select s.id from sessions s join series x on x.id = s.series_id where x.slug = ? order by s.starts_at limit 1", DEMO_SLUG)[0].id,
    );
    const otherId = String(
      sql<{ id: number }>("select s.id from sessions s join series x on x.id = s.series_id where x.slug = 'rdv-sante-qpv-seine-maritime-2022' limit 1")[0].id,
    );
    const fields = { ...valid(), email: `bad-${field}@example.org`, ...change };
    if (fields.sessions?.[0] === "__past__") fields.sessions = [pastId];
    if (fields.sessions?.[0] === "__other__") fields.sessions = [otherId];
    const before = sql<{ n: number }>("select count(*) as n from registrations")[0].n;
    const { status, html } = await post(FORM, fields);
    expect(status).toBe(400);
    expect(fieldError(html, field)).toMatch(message);
    // The field points at its message, the summary links to the field.
    const control = field === "sessions" ? `id="champ-sessions"` : `id="champ-${field}"`;
    const tag = html.slice(html.lastIndexOf("<", html.indexOf(control)), html.indexOf(">", html.indexOf(control)) + 1);
    expect(tag).toMatch(new RegExp(`aria-describedby="[^"]*erreur-${field}`));
    if (field !== "sessions") expect(tag).toMatch(/aria-invalid="true"/);
    expect(html).toContain(`href="#champ-${field}"`);
    // Values kept (those that were valid, and the wrong one too).
    if (field !== "lastName") expect(html).toContain(`value="N&#x27;Diaye"`);
    if (field !== "organisation") expect(html).toContain(`value="ASV Rouen"`);
    expect(sql<{ n: number }>("select count(*) as n from registrations")[0].n).toBe(before);
  });

  it("shows markup typed in every text field as text, never as markup", async () => {
    const evil = `<img src=x onerror=alert(1)>"'&`;
    const { status, html } = await post(FORM, {
      ...valid(),
      sessions: undefined,
      firstName: evil,
      lastName: evil,
      organisation: evil,
      jobTitle: evil,
      territory: evil,
    });
    expect(status).toBe(400);
    expect(html).not.toContain("<img src=x");
    expect(html.match(/value="&lt;img src=x onerror=alert\(1\)&gt;&quot;&#x27;&amp;"/g)?.length).toBe(5);
  });

  it("keeps names like « Marie-Hélène N'Diaye » intact through to the database and the email", async () => {
    const before = smtp.messages.length;
    const { status } = await post(FORM, { ...valid(), email: "accents@example.org", firstName: "Marie-Hélène", lastName: "N'Diaye-Ødegård" });
    expect(status).toBe(200);
    expect(sql("select first_name, last_name from participants where email = 'accents@example.org'")[0]).toEqual({
      first_name: "Marie-Hélène",
      last_name: "N'Diaye-Ødegård",
    });
    const mail = await smtp.waitForMatch((m) => smtp.messages.indexOf(m) >= before && m.envelopeTo.includes("accents@example.org"));
    expect(mail.parsed.text).toContain("Bonjour Marie-Hélène,");
  });

  it("refuses the honeypot with 400 and sends nothing", async () => {
    const before = sql<{ n: number }>("select count(*) as n from outbox")[0].n;
    const { status } = await post(FORM, { ...valid(), email: "bot@example.org", website: "https://spam.example" });
    expect(status).toBe(400);
    expect(sql<{ n: number }>("select count(*) as n from outbox")[0].n).toBe(before);
    expect(sql("select * from participants where email = 'bot@example.org'")).toHaveLength(0);
  });

  it("says so when the same address registers twice for the same session, creating nothing", async () => {
    await post(FORM, { ...valid(), email: "twice@example.org" });
    const { status, html } = await post(FORM, { ...valid(), email: " TWICE@Example.org " });
    expect(status).toBe(200);
    expect(textOf(html)).toMatch(/Vous étiez déjà inscrit·e à/);
    expect(textOf(html)).toMatch(/Rien de nouveau n’a été enregistré/);
    expect(sql("select r.id from registrations r join participants p on p.id = r.participant_id where p.email = 'twice@example.org'")).toHaveLength(1);
  });
});

describe("after registering", () => {
  it("the result page needs its signed cookie: without it, or with a forged one, back to the form", async () => {
    const bare = await fetch(`${server.url}${FORM}/merci`, { redirect: "manual" });
    expect(bare.status).toBe(302);
    expect(bare.headers.get("location")).toBe(FORM);
    const forged = await fetch(`${server.url}${FORM}/merci`, {
      redirect: "manual",
      headers: { cookie: `rdv_inscription=${Buffer.from(JSON.stringify({ participantId: 1, created: [1], already: [] })).toString("base64")}` },
    });
    expect(forged.status).toBe(302);
  });
});

describe("no overbooking", () => {
  it("20 concurrent registrations for 5 seats: exactly 5 confirmed, 15 waiting in arrival order; the pages then say « Complet »", async () => {
    const pages = ["/series/petite-jauge", "/series/petite-jauge/sessions/atelier"];
    for (const page of pages) {
      const text = textOf(await (await fetch(server.url + page)).text());
      expect(text, page).toContain("5 places restantes");
      expect(text, page).not.toContain("Complet");
    }
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(`/series/petite-jauge/inscription`, { ...valid(), sessions: [String(small.id)], email: `rush${i}@example.org` }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    const rows = sql<{ status: string; email: string; id: number }>(
      "select r.status, p.email, r.id from registrations r join participants p on p.id = r.participant_id where r.session_id = ? order by r.id",
      small.id,
    );
    expect(rows.filter((r) => r.status === "confirmed")).toHaveLength(5);
    expect(rows.filter((r) => r.status === "waiting")).toHaveLength(15);
    // Arrival order: the first five rows written are the confirmed ones.
    expect(rows.slice(0, 5).every((r) => r.status === "confirmed")).toBe(true);
    for (const page of pages) {
      const text = textOf(await (await fetch(server.url + page)).text());
      expect(text, page).toContain("Complet — liste d’attente");
      expect(text, page).not.toMatch(/\d+ places? restantes?/);
    }
  });
});

describe("personal space", () => {
  async function linkFor(email: string): Promise<string> {
    const before = smtp.messages.length;
    await post(`/moi`, { email });
    const mail = await smtp.waitForMatch(
      (m) => smtp.messages.indexOf(m) >= before && m.envelopeTo.includes(email) && m.parsed.subject === "Votre lien personnel Rendez-vous",
    );
    return mail.parsed.text!.match(/\/moi\/([\w-]+)/)![0];
  }

  it("answers the same to a known and an unknown address, and emails the known one a working link", async () => {
    const known = await post(`/moi`, { email: "mh.ndiaye@example.org" });
    const unknown = await post(`/moi`, { email: "personne@example.org" });
    expect(textOf(known.html).replace("mh.ndiaye@example.org", "X")).toBe(textOf(unknown.html).replace("personne@example.org", "X"));
    const link = await linkFor("mh.ndiaye@example.org");
    const page = await fetch(server.url + link);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toContain("no-store");
    expect(textOf(await page.text())).toMatch(/Mon espace.*Marie-Hélène N'Diaye/);
  });

  it("cancelling a confirmed seat promotes the first on the waiting list and tells them", async () => {
    const link = await linkFor("rush0@example.org");
    const reg = sql<{ id: number }>("select r.id from registrations r join participants p on p.id = r.participant_id where p.email = 'rush0@example.org'")[0];
    const before = smtp.messages.length;
    const res = await post(link, { intent: "cancel", registration: String(reg.id) });
    expect(textOf(res.html)).toMatch(/Votre inscription est annulée/);
    const promoted = await smtp.waitForMatch((m) => smtp.messages.indexOf(m) >= before && /Une place s’est libérée/.test(m.parsed.subject ?? ""));
    expect(promoted.envelopeTo).toEqual(["rush5@example.org"]);
    expect(sql("select r.status from registrations r join participants p on p.id = r.participant_id where p.email = 'rush5@example.org'")[0]).toEqual({
      status: "confirmed",
    });
  });

  it("downloads the person’s data as JSON", async () => {
    const link = await linkFor("rush1@example.org");
    const res = await fetch(`${server.url}${link}/donnees.json`);
    expect(res.headers.get("content-disposition")).toMatch(/attachment/);
    const json = await res.json();
    expect(json.person).toMatchObject({ email: "rush1@example.org", lastName: "N'Diaye" });
    expect(json.registrations.length).toBeGreaterThan(0);
  });

  it("one-click unsubscribe (RFC 8058) needs no cookie and cancels the series' upcoming registrations", async () => {
    const before = smtp.messages.length;
    await post(FORM, { ...valid(), email: "unsub@example.org" });
    const mail = await smtp.waitForMatch((m) => smtp.messages.indexOf(m) >= before && m.envelopeTo.includes("unsub@example.org"));
    const url = mail.raw.replace(/\r?\n[ \t]+/g, " ").match(/^List-Unsubscribe: +<([^>]+)>/m)![1];
    const res = await fetch(url.replace(/^https?:\/\/[^/]+/, server.url), {
      method: "POST",
      body: "List-Unsubscribe=One-Click",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(200);
    expect(sql("select r.status from registrations r join participants p on p.id = r.participant_id where p.email = 'unsub@example.org'")).toEqual([
      { status: "cancelled" },
    ]);
  });

  it("erases the person’s data but keeps anonymous counts, and the link stops working", async () => {
    const link = await linkFor("accents@example.org");
    const count = sql<{ n: number }>("select count(*) as n from registrations")[0].n;
    const res = await post(link, { intent: "erase", confirm: "oui" });
    expect(textOf(res.html)).toMatch(/données personnelles sont effacées/);
    expect(sql("select * from participants where email = 'accents@example.org'")).toHaveLength(0);
    expect(sql<{ n: number }>("select count(*) as n from registrations")[0].n).toBe(count);
    expect((await fetch(server.url + link)).status).toBe(404);
  });
});

describe("a cancelled session", () => {
  it("the personal space says « Rencontre annulée », never « Confirmée », with no cancel button; the pages say « Annulée », not « Complet »", async () => {
    // rush1 (confirmed for the 5-seat session) already received personal links: the latest one opens the space.
    const mail = smtp.messages.filter((m) => m.envelopeTo.includes("rush1@example.org") && /\/moi\/[\w-]+/.test(m.parsed.text ?? "")).at(-1)!;
    const link = mail.parsed.text!.match(/\/moi\/([\w-]+)/)![0];
    const live = textOf(await (await fetch(server.url + link)).text());
    expect(live).toMatch(/Statut\s: Confirmée/);
    expect(live).toContain("Annuler ma venue");
    const cancelled = {
      format: "rendez-vous.series/1",
      slug: "petite-jauge",
      title: "Série à petite jauge",
      timezone: "Europe/Paris",
      status: "published",
      sessions: [
        {
          number: 1,
          slug: "atelier",
          title: "Atelier à 5 places",
          start: "2099-05-12T09:30",
          end: "2099-05-12T12:00",
          mode: "online",
          capacity: 5,
          status: "cancelled",
        },
      ],
    };
    const json = path.join(server.dir, "small-cancelled.json");
    writeFileSync(json, JSON.stringify(cancelled));
    await run("npm", ["run", "--silent", "series:import", "--", json], {
      env: { PATH: process.env.PATH, ENV_FILE: "", DATABASE_PATH: server.databasePath } as unknown as NodeJS.ProcessEnv,
    });
    const html = await (await fetch(server.url + link)).text();
    const text = textOf(html);
    expect(text).toMatch(/RDV #\s?1 — Atelier à 5 places .*Statut\s: Rencontre annulée/);
    expect(text).not.toMatch(/Statut\s: Confirmée/);
    expect(text).not.toContain("Annuler ma venue");
    expect(text).not.toContain("Annuler toutes mes inscriptions");
    for (const page of ["/series/petite-jauge", "/series/petite-jauge/sessions/atelier"]) {
      const t = textOf(await (await fetch(server.url + page)).text());
      expect(t, page).toContain("Annulée");
      expect(t, page).not.toContain("Complet");
    }
  }, 90_000);
});

describe("rate limits", () => {
  it("answers 429 with a French page beyond the limit per address", async () => {
    const limited = await startServer({ RATE_LIMIT_PER_IP: "2" });
    try {
      const body = new URLSearchParams({ email: "x@example.org" });
      const codes: number[] = [];
      let last = "";
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${limited.url}/moi`, { method: "POST", body });
        codes.push(res.status);
        last = await res.text();
      }
      expect(codes).toEqual([200, 200, 429]);
      expect(textOf(last)).toMatch(/Trop de demandes/);
    } finally {
      await limited.stop();
    }
  }, 30_000);
});

describe("development mailbox", () => {
  it("without SMTP_URL: emails printed on stdout (the first organiser signs in from there) and readable by signed-in organisers only", async () => {
    const dev = await startServer({ ADMIN_EMAIL: "premiere@example.org" });
    try {
      const form = await (await fetch(`${dev.url}${FORM}`)).text();
      const id = form.match(/name="sessions"(?![^>]*disabled)[^>]*value="(\d+)"/)![1];
      const body = new URLSearchParams({ firstName: "Léa", lastName: "Boîte", email: "lea@example.org", consent: "oui", sessions: id });
      expect((await fetch(`${dev.url}${FORM}`, { method: "POST", body, redirect: "manual" })).status).toBe(303);
      await dev.waitForLog('"msg":"emails dispatched"');
      // Never public: the old address is gone, the back-office page asks for a sign-in.
      expect((await fetch(`${dev.url}/boite-de-developpement`)).status).toBe(404);
      const anonymous = await fetch(`${dev.url}/admin/emails`, { redirect: "manual" });
      expect(anonymous.status).toBe(302);
      expect(anonymous.headers.get("location")).toMatch(/^\/admin\/connexion/);
      // The sign-in link, read from the console as the README says.
      await fetch(`${dev.url}/admin/connexion`, { method: "POST", body: new URLSearchParams({ email: "premiere@example.org" }) });
      await dev.waitForLog("/admin/connexion/");
      const line = dev
        .stdout()
        .split("\n")
        .find((l) => l.includes('"msg":"email kept in the development mailbox"') && l.includes("/admin/connexion/"))!;
      const printed = JSON.parse(line) as { to: string; subject: string; links: string[] };
      expect(printed.to).toBe("premiere@example.org");
      const link = printed.links.find((l) => l.includes("/admin/connexion/"))!;
      const used = await fetch(link.replace(/^https?:\/\/[^/]+/, dev.url), { method: "POST", redirect: "manual" });
      const cookie = (used.headers.get("set-cookie") ?? "").split(";")[0];
      expect(cookie).toMatch(/^rdv_admin=/);
      const list = await (await fetch(`${dev.url}/admin/emails`, { headers: { cookie } })).text();
      expect(textOf(list)).toMatch(/Boîte de développement/);
      expect(textOf(list)).toMatch(/lea@example\.org/);
      const item = list.split("<tr").find((row) => row.includes("<td>lea@example.org</td>"))!;
      const messageId = item.match(/[?&]message=(\d+)/)![1];
      const one = await (await fetch(`${dev.url}/admin/emails?message=${messageId}`, { headers: { cookie } })).text();
      expect(textOf(one)).toContain("Bonjour Léa,");
    } finally {
      await dev.stop();
    }
  }, 60_000);
});
