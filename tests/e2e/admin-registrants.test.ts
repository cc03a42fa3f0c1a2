// The registrants pages over HTTP against the production server, with a signed-in organiser and a
// real SMTP server: list, filters, search, add by hand, cancel (promotion email), promote, CSV export,
// attendance by hand and from a Zoom report; and nothing for an anonymous visitor.
import { readFileSync } from "node:fs";
import { importOrThrow } from "../helpers/db";
import { eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { parseCsv } from "~/utils/csv.server";
import { postForm, startSignedIn } from "../helpers/admin";
import { MARIE_HELENE } from "../helpers/people";
import { decode, fieldError, pageText } from "../helpers/html";
import { stopAll, type TestServer } from "../helpers/server";
import { queryFile, runFile, withServerDb } from "../helpers/server-db";
import { fileSession, seriesFile } from "../helpers/series-file";
import { type TestSmtp } from "../helpers/smtp";
import { nowIso as clockNow } from "~/utils/now.server";
import { answerColumns } from "~/questions/questions.server";
import { registrantsCsv } from "~/registration/registrants-csv.server";
import { listRegistrants, readRegistrantFilter } from "~/registration/registrants.server";

const ADMIN = "orga@example.org";
const SLUG = "suivi-des-inscrits";
const PAGE = `/admin/series/${SLUG}/inscrits`;
const CSV = `/admin/series/${SLUG}/inscrits.csv`;
const PRESENCE = `/admin/series/${SLUG}/presence/1`;

let server: TestServer;
let smtp: TestSmtp;
let cookie: string;
/** Registrations of the past session #1, by first name. */
const past: Record<string, number> = {};

const sql = <T = any>(query: string, ...args: unknown[]): T[] => queryFile<T>(server.databasePath, query, ...args);
const write = (query: string, ...args: unknown[]): void => runFile(server.databasePath, query, ...args);

/** The registration id of a person for a session number of the test series. */
function registrationId(email: string, number: number): number {
  return sql<{ id: number }>(
    "select r.id from registrations r join participants p on p.id = r.participant_id join sessions s on s.id = r.session_id join series x on x.id = s.series_id where p.email = ? and s.number = ? and x.slug = ?",
    email,
    number,
    SLUG,
  )[0].id;
}

beforeAll(async () => {
  ({ smtp, server, cookie } = await startSignedIn(ADMIN));
  // A series of our own (through the ordinary import) in the server's database: a past session for
  // attendance, a 2-seat session for the waiting list, an open one.
  withServerDb(server.databasePath, (db) => {
    const sessions = [
      fileSession(1, "Rencontre passée", "2026-03-10T09:30", "2026-03-10T12:00", { slug: "rencontre-passee", mode: "online", capacity: null }),
      fileSession(2, "Atelier à deux places", "2099-05-12T09:30", "2099-05-12T12:00", { slug: "atelier-deux-places", mode: "online", capacity: 2 }),
      fileSession(3, "Grande conférence", "2099-06-12T14:00", "2099-06-12T16:00", { slug: "grande-conference", mode: "online", capacity: null }),
    ];
    importOrThrow(db, seriesFile({ slug: SLUG, title: "Suivi des inscrits", sessions }), { nowIso: clockNow() });
    const one = db.select().from(t.sessions).where(eq(t.sessions.slug, "rencontre-passee")).get()!;
    // Registrations of a past session cannot be made through the rules: written directly.
    const people = [
      ["Claire", "Martin", "claire.martin@asv-evreux.example.org"],
      ["Hélène", "Dubois", "helene.dubois@mda27.example.org"],
      ["Élodie", "Petit", "élodie.petit@example.org"],
      ["Karim", "Benali", "karim.benali@mda27.example.org"],
      ["Sophie", "Leroy", "sophie.leroy@promotion-sante.example.org"],
      ["Yanis", "Diallo", "yanis.diallo@example.org"],
    ];
    const at = "2026-02-01T08:15:00Z";
    for (const [firstName, lastName, email] of people) {
      const participantId = db
        .insert(t.participants)
        .values({ firstName, lastName, email, organisation: "Réseau santé", dataConsentAt: at, createdAt: at, updatedAt: at })
        .returning({ id: t.participants.id })
        .get().id;
      past[firstName] = db
        .insert(t.registrations)
        .values({ participantId, sessionId: one.id, status: "confirmed", confirmedAt: at, createdAt: at, updatedAt: at })
        .returning({ id: t.registrations.id })
        .get().id;
    }
  });
}, 60_000);

afterAll(() => stopAll(server, smtp));

async function get(url: string, withCookie = true) {
  return fetch(server.url + url, { headers: withCookie ? { cookie } : {}, redirect: "manual" });
}

const post = (url: string, fields: Record<string, string | string[] | undefined>, withCookie = true) =>
  postForm(server, url, fields, withCookie ? cookie : undefined);

async function upload(url: string, file: File | null, withCookie = true) {
  const body = new FormData();
  body.append("intent", "import");
  if (file) body.append("rapport", file);
  const res = await fetch(server.url + url, { method: "POST", body, headers: withCookie ? { cookie } : {}, redirect: "manual" });
  return { status: res.status, location: res.headers.get("location"), html: await res.text() };
}

const textOf = pageText;

/** The text of each registrant row of the list (<tr id="inscription-N">). */
function rows(html: string): Map<number, string> {
  return new Map([...html.matchAll(/<tr id="inscription-(\d+)">([\s\S]*?)<\/tr>/g)].map((m) => [Number(m[1]), textOf(m[2])]));
}

const sessionId = (slug: string) => String(sql<{ id: number }>("select id from sessions where slug = ?", slug)[0].id);
const paris = (iso: string) => DateTime.fromISO(iso, { zone: "utc" }).setZone("Europe/Paris").toFormat("dd/MM/yyyy HH:mm");
const person = (extra: Record<string, string | string[]>) => ({ intent: "add", ...MARIE_HELENE, consent: "oui", ...extra });

describe("anonymous visitors", () => {
  it("are sent to the sign-in page from every registrants route, GET and POST, and change nothing", async () => {
    const urls = [
      PAGE,
      `${PAGE}?session=2&q=dubois`,
      CSV,
      `${CSV}?session=1`,
      PRESENCE,
      "/admin/series/serie-inconnue/inscrits",
      "/admin/series/serie-inconnue/presence/9",
    ];
    for (const url of urls) {
      for (const headers of [{}, { cookie: "rdv_admin=forge" }] as Record<string, string>[]) {
        const page = await fetch(server.url + url, { headers, redirect: "manual" });
        expect(page.status, `GET ${url}`).toBe(302);
        expect(page.headers.get("location"), `GET ${url}`).toBe(`/admin/connexion?suite=${encodeURIComponent(url)}`);
        expect(await page.text()).not.toMatch(/Martin|@example\.org/);
      }
      const cancel = await post(url, { intent: "cancel", registration: String(past.Claire) }, false);
      expect(cancel.status, `POST ${url}`).toBe(302);
      expect(cancel.location, `POST ${url}`).toMatch(/^\/admin\/connexion\?suite=/);
    }
    for (const fields of [{ intent: "absent" }, { intent: "mark", [`presence-${past.Claire}`]: "absent", [`avant-${past.Claire}`]: "non-renseigne" }]) {
      const res = await post(PRESENCE, fields, false);
      expect(res.status).toBe(302);
      expect(res.location).toMatch(/^\/admin\/connexion/);
    }
    const report = await upload(PRESENCE, new File([readFileSync("tests/fixtures/zoom-participants-fr.csv")], "zoom.csv", { type: "text/csv" }), false);
    expect(report.status).toBe(302);
    expect(report.location).toMatch(/^\/admin\/connexion/);
    const add = await post(PAGE, person({ sessions: [sessionId("grande-conference")], email: "intrus@example.org" }), false);
    expect(add.status).toBe(302);
    // Nothing happened.
    expect(sql("select status, attendance from registrations where id = ?", past.Claire)).toEqual([{ status: "confirmed", attendance: null }]);
    expect(sql("select attendance from registrations where attendance is not null")).toEqual([]);
    expect(sql("select id from participants where email = 'intrus@example.org'")).toEqual([]);
    expect(sql("select id from audit_log where action != 'sign-in'")).toEqual([]);
  });
});

describe("registrants", () => {
  it("adds people by hand with the public form’s rules: seats, then the waiting list, and the confirmation email", async () => {
    const two = sessionId("atelier-deux-places");
    const first = await post(PAGE, person({ sessions: [two, sessionId("grande-conference")] }));
    expect(first.status).toBe(200);
    expect(textOf(first.html)).toContain("Inscription de Marie-Hélène N'Diaye (mh.ndiaye@example.org) enregistrée : RDV #2 (confirmée), RDV #3 (confirmée).");
    const mail = await smtp.waitForMatch((m) => m.envelopeTo.includes("mh.ndiaye@example.org"));
    expect(mail.parsed.subject).toBe("Inscription enregistrée — Suivi des inscrits");

    for (const extra of [
      { sessions: [two], firstName: "Hélène", lastName: "Dubois", email: "Helene.Dubois@MDA27.example.org", organisation: "Maison des adolescents" },
      { sessions: [two], firstName: "Paul", lastName: "Girard", email: "paul.girard@example.org", organisation: "Centre social" },
      {
        sessions: [sessionId("grande-conference")],
        firstName: "Œnone",
        lastName: "Lefèvre",
        email: "o.lefevre@example.org",
        organisation: '=HYPERLINK("https://evil.example";"clic")',
      },
    ]) {
      const res = await post(PAGE, person(extra));
      expect(res.status, extra.email).toBe(200);
    }
    expect(
      sql(
        "select p.email, r.status from registrations r join participants p on p.id = r.participant_id join sessions s on s.id = r.session_id where s.slug = 'atelier-deux-places' order by r.id",
      ),
    ).toEqual([
      { email: "mh.ndiaye@example.org", status: "confirmed" },
      { email: "helene.dubois@mda27.example.org", status: "confirmed" },
      { email: "paul.girard@example.org", status: "waiting" },
    ]);
    expect(sql<{ n: number }>("select count(*) as n from audit_log where action = 'create' and entity = 'registration'")[0].n).toBe(5);
  });

  it("shows a French message next to a wrong field, keeps every value, and saves nothing", async () => {
    const before = sql<{ n: number }>("select count(*) as n from registrations")[0].n;
    const res = await post(PAGE, person({ sessions: [sessionId("grande-conference")], email: "marie.example.org", organisation: "ASV Rouen" }));
    expect(res.status).toBe(400);
    expect(fieldError(res.html, "email")).toMatch(/^L’adresse e-mail n’est pas valide/);
    const input = res.html.match(/<input[^>]*id="champ-email"[^>]*>/)![0];
    expect(input).toMatch(/aria-invalid="true"/);
    expect(input).toMatch(/aria-describedby="erreur-email"/);
    expect(input).toContain('value="marie.example.org"');
    expect(res.html).toContain('value="N&#x27;Diaye"');
    expect(res.html).toContain('value="ASV Rouen"');
    expect(res.html).toContain('href="#champ-email"');
    expect(fieldError(res.html, "firstName")).toBeNull();
    expect(sql<{ n: number }>("select count(*) as n from registrations")[0].n).toBe(before);
  });

  it("lists registrants with status, waiting position and the registration date in Paris time", async () => {
    const res = await get(PAGE);
    expect(res.status).toBe(200);
    const html = await res.text();
    const list = rows(html);
    expect(list.size).toBe(11); // 6 past, 3 in RDV #2, 2 in RDV #3
    const paul = list.get(registrationId("paul.girard@example.org", 2))!;
    expect(paul).toMatch(/^Paul Girard Coordinatrice paul\.girard@example\.org Centre social Collectivité Évreux RDV #2 Liste d’attente \(n° 1\) /);
    const created = sql<{ created_at: string }>("select created_at from registrations where id = ?", registrationId("paul.girard@example.org", 2))[0]
      .created_at;
    expect(paul).toContain(paris(created));
    expect(list.get(past.Claire)).toMatch(/Claire Martin .* RDV #1 Confirmé·e 01\/02\/2026 09:15/);
    // The summary per session: seats, waiting list, attendance.
    expect(textOf(html)).toMatch(/RDV #2 — Atelier à deux places .*? 2 \/ 2 1 0 0 présent·es, 0 excusé·es, 0 absent·es, 2 non renseigné·es/);
  });

  it("filters by session and status and searches names, addresses and structures without accents nor case", async () => {
    const names = async (query: string) => [...rows(await (await get(`${PAGE}?${query}`)).text()).values()].map((r) => r.split(" ").slice(0, 2).join(" "));
    expect(await names("session=2")).toEqual(["Hélène Dubois", "Marie-Hélène N'Diaye", "Paul Girard"]);
    expect(await names("status=waiting")).toEqual(["Paul Girard"]);
    expect(await names("session=3&status=confirmed")).toEqual(["Œnone Lefèvre", "Marie-Hélène N'Diaye"]);
    expect(await names(`q=${encodeURIComponent("HELENE")}`)).toEqual(["Hélène Dubois", "Hélène Dubois", "Marie-Hélène N'Diaye", "Marie-Hélène N'Diaye"]);
    expect(await names(`q=${encodeURIComponent("hélène dubois")}&session=1`)).toEqual(["Hélène Dubois"]);
    // "asv-evreux" in Claire's address, "ASV Évreux" as Marie-Hélène's structure.
    expect(await names(`q=${encodeURIComponent("asv evreux")}`)).toEqual(["Claire Martin", "Marie-Hélène N'Diaye", "Marie-Hélène N'Diaye"]);
    expect(await names(`q=${encodeURIComponent("oenone")}`)).toEqual(["Œnone Lefèvre"]);
    expect(await names(`q=${encodeURIComponent("MDA27.example")}`)).toEqual(["Karim Benali", "Hélène Dubois", "Hélène Dubois"]);
    const none = await (await get(`${PAGE}?q=personne`)).text();
    expect(rows(none).size).toBe(0);
    expect(textOf(none)).toContain("Aucune inscription ne correspond à cette sélection.");
    // The export link carries the same selection.
    expect(decode((await (await get(`${PAGE}?session=2&q=dubois`)).text()).match(/href="([^"]*inscrits\.csv[^"]*)"/)![1])).toBe(`${CSV}?session=2&q=dubois`);
  });

  it("refuses to promote someone by hand when no seat is free", async () => {
    const paul = registrationId("paul.girard@example.org", 2);
    const res = await post(PAGE, { intent: "promote", registration: String(paul) });
    expect(res.status).toBe(400);
    expect(textOf(res.html)).toContain("Aucune place libre : augmentez la jauge ou annulez une inscription.");
    expect(res.html).toContain(`id="erreur-inscription-${paul}"`);
    expect(sql("select status from registrations where id = ?", paul)).toEqual([{ status: "waiting" }]);
  });

  it("cancelling a seat promotes the first on the waiting list, who receives the email; both audited", async () => {
    const before = smtp.messages.length;
    const dubois = registrationId("helene.dubois@mda27.example.org", 2);
    const paul = registrationId("paul.girard@example.org", 2);
    const res = await post(PAGE, { intent: "cancel", registration: String(dubois) });
    expect(res.status).toBe(200);
    expect(textOf(res.html)).toContain("Inscription de Hélène Dubois à RDV #2 annulée. Place libérée attribuée à Paul Girard");
    const mail = await smtp.waitForMatch(
      (m) => smtp.messages.indexOf(m) >= before && m.envelopeTo.includes("paul.girard@example.org") && /^Une place/.test(m.parsed.subject ?? ""),
    );
    expect(mail.parsed.subject).toBe("Une place s’est libérée : RDV #2 — Suivi des inscrits");
    expect(mail.parsed.text).toContain("Bonjour Paul,");
    expect(sql("select id, status from registrations where id in (?, ?) order by id", dubois, paul)).toEqual([
      { id: dubois, status: "cancelled" },
      { id: paul, status: "confirmed" },
    ]);
    const account = sql<{ id: number }>("select id from organisers where email = ?", ADMIN)[0].id;
    expect(sql("select organiser_id, action, entity_id from audit_log where action in ('cancel', 'promote') order by id")).toEqual([
      { organiser_id: account, action: "cancel", entity_id: String(dubois) },
      { organiser_id: account, action: "promote", entity_id: String(paul) },
    ]);
    const list = rows(await (await get(`${PAGE}?session=2`)).text());
    expect(list.get(dubois)).toMatch(/Annulé·e/);
    expect(list.get(dubois)).not.toMatch(/Annuler/); // no action left on a cancelled registration
  });

  it("promotes by hand once a seat is free (the capacity was raised), with the email", async () => {
    const add = await post(
      PAGE,
      person({ sessions: [sessionId("atelier-deux-places")], firstName: "Jeanne", lastName: "Roux", email: "jeanne.roux@example.org" }),
    );
    expect(textOf(add.html)).toContain("RDV #2 (sur liste d’attente)");
    write("update sessions set capacity = 3 where slug = 'atelier-deux-places'");
    const jeanne = registrationId("jeanne.roux@example.org", 2);
    const before = smtp.messages.length;
    const res = await post(PAGE, { intent: "promote", registration: String(jeanne) });
    expect(res.status).toBe(200);
    expect(textOf(res.html)).toContain("Jeanne Roux passe de la liste d’attente à inscrit·e confirmé·e pour RDV #2");
    const mail = await smtp.waitForMatch(
      (m) => smtp.messages.indexOf(m) >= before && m.envelopeTo.includes("jeanne.roux@example.org") && /Une place/.test(m.parsed.subject ?? ""),
    );
    expect(mail.parsed.text).toContain("Bonjour Jeanne,");
    expect(sql("select status from registrations where id = ?", jeanne)).toEqual([{ status: "confirmed" }]);
  });
});

describe("CSV export", () => {
  it("downloads a file for French Excel: BOM, ';', CRLF, Paris dates, neutralised formulas", async () => {
    const res = await get(CSV);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="inscrits-${SLUG}.csv"`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(
      text
        .replace(/"(?:[^"]|"")*"/g, "")
        .split("\r\n")
        .every((line) => !line.includes("\n")),
    ).toBe(true);
    const table = parseCsv(text);
    expect(table[0].slice(0, 3)).toEqual(["Nom", "Prénom", "E-mail"]);
    expect(table).toHaveLength(1 + 12); // 6 in RDV #1, 4 in RDV #2 (one cancelled), 2 in RDV #3
    const byEmail = new Map(table.slice(1).map((r) => [`${r[2]}#${r[7]}`, r]));
    const mh = byEmail.get("mh.ndiaye@example.org#RDV #2")!;
    expect(mh.slice(0, 7)).toEqual(["N'Diaye", "Marie-Hélène", "mh.ndiaye@example.org", "ASV Évreux", "Coordinatrice", "Collectivité", "Évreux"]);
    expect(mh.slice(8, 11)).toEqual(["Atelier à deux places", "12/05/2099 09:30", "Confirmé·e"]);
    const created = sql<{ created_at: string }>("select created_at from registrations where id = ?", registrationId("mh.ndiaye@example.org", 2))[0].created_at;
    expect(mh[12]).toBe(paris(created));
    expect(byEmail.get("o.lefevre@example.org#RDV #3")![3]).toBe(`'=HYPERLINK("https://evil.example";"clic")`);
    expect(byEmail.get("helene.dubois@mda27.example.org#RDV #2")![10]).toBe("Annulé·e");
    expect(byEmail.get("claire.martin@asv-evreux.example.org#RDV #1")![12]).toBe("01/02/2026 09:15");
  });

  it("exports one session with ?session=, and refuses an unknown one", async () => {
    const table = parseCsv(await (await get(`${CSV}?session=1`)).text());
    expect(table.slice(1).map((r) => r[7])).toEqual(Array(6).fill("RDV #1"));
    expect(
      table
        .slice(1)
        .map((r) => r[1])
        .sort(),
    ).toEqual(["Claire", "Hélène", "Karim", "Sophie", "Yanis", "Élodie"]);
    expect((await get(`${CSV}?session=99`)).status).toBe(404);
    expect((await get(`/admin/series/serie-inconnue/inscrits.csv`)).status).toBe(404);
  });

  it("streams a large export (a connection of its own): the same file as the list's rows give, the server answering meanwhile", async () => {
    const added = withServerDb(server.databasePath, (db) =>
      db.$client.transaction(() => {
        const session = db.$client.prepare("select s.id from sessions s join series x on x.id = s.series_id where x.slug = ? and s.number = 3").get(SLUG) as {
          id: number;
        };
        const person = db.$client.prepare(
          "insert into participants (email, first_name, last_name, organisation, data_consent_at) values (?, ?, ?, ?, '2026-02-01T08:00:00Z')",
        );
        const registration = db.$client.prepare(
          "insert into registrations (participant_id, session_id, status, participation, confirmed_at, created_at, updated_at) values (?, ?, 'confirmed', 'remote', ?, ?, ?)",
        );
        const ids: number[] = [];
        for (let i = 0; i < 1500; i++) {
          const id = Number(person.run(`flux.${i}@example.org`, `Prénom ${i}`, `=Nom ${i}`, `Structure ; ${i}`).lastInsertRowid);
          registration.run(id, session.id, "2026-02-01T08:00:00Z", "2026-02-01T08:00:00Z", "2026-02-01T08:00:00Z");
          ids.push(id);
        }
        return ids;
      })(),
    );
    try {
      const expected = withServerDb(server.databasePath, (db) => {
        const series = db.$client.prepare("select * from series where slug = ?").get(SLUG) as { id: number; timezone: string };
        return registrantsCsv(series, listRegistrants(db, series.id, readRegistrantFilter(new URLSearchParams(), [])), answerColumns(db, series.id));
      });
      expect(expected.length).toBeGreaterThan(200_000);
      const res = await get(CSV);
      const reader = res.body!.getReader();
      const first = await reader.read();
      expect(first.done).toBe(false);
      // The export holds no lock on the server's connection between its chunks.
      expect((await get(PAGE)).status).toBe(200);
      const chunks = [first.value!];
      for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(next.value);
      const text = Buffer.concat(chunks).toString("utf8");
      expect(text).toBe(expected);
      expect(parseCsv(text).filter((r) => r[2].startsWith("flux."))).toHaveLength(1500);
      expect(text).toContain(`'=Nom 7;Prénom 7;flux.7@example.org;"Structure ; 7"`);
    } finally {
      withServerDb(server.databasePath, (db) =>
        db.$client.transaction(() => {
          for (const id of added) {
            db.$client.prepare("delete from registrations where participant_id = ?").run(id);
            db.$client.prepare("delete from participants where id = ?").run(id);
          }
        })(),
      );
    }
  });
});

describe("attendance", () => {
  it("shows a radio group per confirmed registrant and records changes made by hand", async () => {
    const page = await (await get(PRESENCE)).text();
    for (const id of Object.values(past)) {
      const radios = page.match(new RegExp(`<input type="radio"[^>]*name="presence-${id}"[^>]*>`, "g"))!;
      expect(radios.map((r) => r.match(/value="([^"]+)"/)![1])).toEqual(["present", "excused", "absent", "non-renseigne"]);
      expect(radios.filter((r) => /checked/.test(r))).toHaveLength(1);
    }
    expect(page).toMatch(/<legend class="visually-hidden">Présence de Claire Martin<\/legend>/);
    // The whole form as a browser sends it, with one change.
    const fields: Record<string, string> = { intent: "mark" };
    for (const id of Object.values(past)) Object.assign(fields, { [`avant-${id}`]: "non-renseigne", [`presence-${id}`]: "non-renseigne" });
    fields[`presence-${past.Yanis}`] = "excused";
    const res = await post(PRESENCE, fields);
    expect(res.status).toBe(200);
    expect(textOf(res.html)).toContain("Présence enregistrée (1 modification).");
    expect(sql("select id, attendance from registrations where attendance is not null")).toEqual([{ id: past.Yanis, attendance: "excused" }]);
    const checked = res.html.match(new RegExp(`<input type="radio"[^>]*name="presence-${past.Yanis}"[^>]*>`, "g"))!.filter((r) => /checked/.test(r));
    expect(checked.map((r) => r.match(/value="([^"]+)"/)![1])).toEqual(["excused"]);
  });

  it("imports the Zoom participants report: matches, summed reconnections, unmatched lines listed, nobody marked absent", async () => {
    const file = new File([readFileSync("tests/fixtures/zoom-participants-fr.csv")], "zoom-participants-fr.csv", { type: "text/csv" });
    const res = await upload(PRESENCE, file);
    expect(res.status).toBe(200);
    const text = textOf(res.html);
    expect(text).toContain("Rapport « zoom-participants-fr.csv » importé : 9 lignes, 3 inscrit·es marqué·es présent·es, 4 participant·es non reconnu·es.");
    const unmatched = textOf(res.html.match(/<table class="data" id="non-reconnus">([\s\S]*?)<\/table>/)![1]);
    expect(unmatched).toContain("Jean Moreau jean.moreau@ville-evreux.example.org 50 Pas inscrit·e à cette rencontre");
    expect(unmatched).toMatch(/iPhone de Nadia — 35 Pas d’adresse e-mail/);
    expect(unmatched).toContain("Paul Girard paul.girard@example.org 145 Pas inscrit·e à cette rencontre");
    expect(unmatched).toContain("animation@promotion-sante.example.org 177");
    expect(textOf(res.html.match(/<ul id="absents-du-rapport">([\s\S]*?)<\/ul>/)![1])).toBe(
      "Karim Benali (karim.benali@mda27.example.org) : non renseigné Sophie Leroy (sophie.leroy@promotion-sante.example.org) : non renseigné Yanis Diallo (yanis.diallo@example.org) : Excusé·e",
    );
    expect(sql("select id, attendance, attended_minutes as minutes from registrations where attendance is not null order by id")).toEqual([
      { id: past.Claire, attendance: "present", minutes: 145 }, // two connections: 48 + 97
      { id: past.Hélène, attendance: "present", minutes: 152 }, // "Hélène.Dubois@" in the report
      { id: past.Élodie, attendance: "present", minutes: 89 }, // "ÉLODIE.PETIT@EXAMPLE.ORG" in the report
      { id: past.Yanis, attendance: "excused", minutes: null },
    ]);
    expect(text).toMatch(/6 confirmé·es 3 présent·es 1 excusé·es 0 absent·es 2 non renseigné·es 50\s%/);
    expect(sql("select detail from audit_log where action = 'attendance' order by id desc limit 1")[0]).toEqual({
      detail: JSON.stringify({ source: "report", file: "zoom-participants-fr.csv", present: 3, unmatched: 4, missing: 3 }),
    });
  });

  it("a page loaded before the import does not undo it; the rest are marked absent in one action, the excused kept", async () => {
    const stale: Record<string, string> = { intent: "mark" };
    for (const id of Object.values(past)) Object.assign(stale, { [`avant-${id}`]: "non-renseigne", [`presence-${id}`]: "non-renseigne" });
    stale[`avant-${past.Yanis}`] = stale[`presence-${past.Yanis}`] = "excused";
    expect(textOf((await post(PRESENCE, stale)).html)).toContain("Aucune modification.");
    expect(sql("select attendance from registrations where id = ?", past.Claire)).toEqual([{ attendance: "present" }]);

    const res = await post(PRESENCE, { intent: "absent" });
    expect(res.status).toBe(200);
    expect(textOf(res.html)).toContain("2 inscrit·es non renseigné·es marqué·es absent·es.");
    expect(sql("select id, attendance from registrations where id in (?, ?, ?) order by id", past.Karim, past.Sophie, past.Yanis)).toEqual([
      { id: past.Karim, attendance: "absent" },
      { id: past.Sophie, attendance: "absent" },
      { id: past.Yanis, attendance: "excused" },
    ]);
    expect(textOf(res.html)).toMatch(/6 confirmé·es 3 présent·es 1 excusé·es 2 absent·es 0 non renseigné·es 50\s%/);
    // The registrants page shows the same, per session.
    const list = await (await get(PAGE)).text();
    expect(textOf(list)).toMatch(/RDV #1 — Rencontre passée .*? 3 présent·es, 1 excusé·es, 2 absent·es, 0 non renseigné·es Saisir la présence de RDV #1 50\s%/);
    expect(rows(list).get(past.Claire)).toContain("Présent·e (145 min)");
  });

  it("refuses a file too large, a file that is not a participants report, no file at all, and absences before the session, in French", async () => {
    const big = new File([Buffer.alloc(2 * 1024 * 1024 + 10, "a")], "gros.csv", { type: "text/csv" });
    const tooBig = await upload(PRESENCE, big);
    expect(tooBig.status).toBe(413);
    expect(textOf(tooBig.html)).toContain("Ce fichier dépasse 2 Mo");
    const wrong = await upload(PRESENCE, new File(["Prénom;Nom;Ville\r\nAnne;Test;Rouen\r\n"], "autre.csv", { type: "text/csv" }));
    expect(wrong.status).toBe(400);
    expect(textOf(wrong.html)).toContain("Ce fichier ne ressemble pas au rapport des participants de Zoom");
    const none = await upload(PRESENCE, null);
    expect(none.status).toBe(400);
    expect(textOf(none.html)).toContain("Choisissez le fichier CSV du rapport des participants");
    expect((await get(`/admin/series/${SLUG}/presence/9`)).status).toBe(404);
    // Nobody can be absent from a session still to come.
    const early = await post(`/admin/series/${SLUG}/presence/2`, { intent: "absent" });
    expect(early.status).toBe(400);
    expect(textOf(early.html)).toContain(
      "Cette rencontre n’a pas encore commencé : personne ne peut encore y être noté·e présent·e ou absent·e (seulement excusé·e).",
    );
    // Nor present, nor found in a participants report.
    const someone = sql<{ id: number }>(
      "select r.id from registrations r join sessions s on s.id = r.session_id where s.slug = 'atelier-deux-places' and r.status = 'confirmed' limit 1",
    )[0].id;
    const present = await post(`/admin/series/${SLUG}/presence/2`, {
      intent: "mark",
      [`avant-${someone}`]: "non-renseigne",
      [`presence-${someone}`]: "present",
    });
    expect(present.status).toBe(400);
    expect(textOf(present.html)).toContain("personne ne peut encore y être noté·e présent·e ou absent·e");
    const report = await upload(
      `/admin/series/${SLUG}/presence/2`,
      new File([readFileSync("tests/fixtures/zoom-participants-fr.csv")], "zoom.csv", { type: "text/csv" }),
    );
    expect(report.status).toBe(400);
    expect(textOf(report.html)).toContain("Cette rencontre n’a pas encore commencé : aucun rapport de participants ne peut encore la concerner.");
    expect(
      sql("select count(*) as n from registrations r join sessions s on s.id = r.session_id where s.slug = 'atelier-deux-places' and r.attendance is not null"),
    ).toEqual([{ n: 0 }]);
    // The page of a session to come offers neither the report nor présent/absent.
    const page = await (await get(`/admin/series/${SLUG}/presence/2`)).text();
    expect(page).not.toContain('type="file"');
    const radios = page.match(new RegExp(`<input type="radio"[^>]*name="presence-${someone}"[^>]*>`, "g"))!;
    expect(radios.map((r) => r.match(/value="([^"]+)"/)![1])).toEqual(["excused", "non-renseigne"]);
  });
});

describe("pages", () => {
  it("shows 50 registrations a page, with page links that keep the filters and work without JavaScript", async () => {
    // 70 more confirmed registrations for the past session #1, written straight into the database.
    const one = sql<{ id: number }>("select s.id from sessions s join series x on x.id = s.series_id where x.slug = ? and s.number = 1", SLUG)[0].id;
    const at = "2026-02-02T08:00:00Z";
    for (let i = 0; i < 70; i++) {
      write(
        "insert into participants (email, first_name, last_name, data_consent_at, created_at, updated_at) values (?, 'Page', ?, ?, ?, ?)",
        `page${i}@example.org`,
        `Nom${String(i).padStart(2, "0")}`,
        at,
        at,
        at,
      );
      write(
        "insert into registrations (participant_id, session_id, status, confirmed_at, created_at, updated_at) select id, ?, 'confirmed', ?, ?, ? from participants where email = ?",
        one,
        at,
        at,
        at,
        `page${i}@example.org`,
      );
    }
    const total = sql<{ n: number }>(
      "select count(*) as n from registrations r join sessions s on s.id = r.session_id join series x on x.id = s.series_id where x.slug = ?",
      SLUG,
    )[0].n;
    const first = await (await get(PAGE)).text();
    expect(rows(first).size).toBe(50);
    expect(textOf(first)).toContain(`${total} inscriptions — page 1 sur ${Math.ceil(total / 50)}.`);
    const next = (html: string) =>
      decode(
        html
          .match(/<a [^>]*href="([^"]*)"[^>]*rel="next"|<a [^>]*rel="next"[^>]*href="([^"]*)"/)!
          .slice(1)
          .find(Boolean)!,
      );
    expect(next(first)).toBe(`${PAGE}?page=2`);
    const second = await (await get(next(first))).text();
    expect(new Set([...rows(first).keys(), ...rows(second).keys()]).size).toBe(rows(first).size + rows(second).size);
    // Filtered: the 70 « Page » people are confirmed in session #1, attendance not recorded; the link keeps the filters.
    const query = `session=1&status=confirmed&presence=unknown&q=page`;
    const filtered = await (await get(`${PAGE}?${query}`)).text();
    expect(textOf(filtered)).toContain("70 inscriptions pour cette sélection — page 1 sur 2.");
    expect(next(filtered)).toBe(`${PAGE}?${query}&page=2`);
    const last = await (await get(next(filtered))).text();
    expect([...rows(last).values()].map((r) => r.split(" ").slice(0, 2).join(" "))).toEqual(
      Array.from({ length: 20 }, (_, i) => `Page Nom${String(50 + i).padStart(2, "0")}`),
    );
    // The export link carries the selection, not the page.
    expect(decode(filtered.match(/href="([^"]*inscrits\.csv[^"]*)"/)![1])).toBe(`${CSV}?${query}`);
  });
});
