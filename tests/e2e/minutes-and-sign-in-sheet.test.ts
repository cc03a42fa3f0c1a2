// Minutes and sign-in sheets through the production server: people register by the public form,
// some ticking the « consentement à figurer »; attendance is recorded; the public compte rendu names
// only them (the others counted), the registrants-only one seen through a personal link names
// everyone; the personal space shows and withdraws the consent; the organisers download the sign-in
// sheet (PDF read back, never cached, an attachment) and get a French sentence, and no change, for a
// session nobody comes to on site or an unknown one.
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPersonalLink } from "~/registration/participants.server";
import { startSignedIn } from "../helpers/admin";
import { pageText } from "../helpers/html";
import { pdfItemPages as pdfPages } from "../helpers/pdf";
import { importIntoServer, queryFile, runFile, withServerDb } from "../helpers/server-db";
import { fileSession, seriesFile } from "../helpers/series-file";
import { stopAll, type TestServer } from "../helpers/server";
import type { TestSmtp } from "../helpers/smtp";

let server: TestServer;
let smtp: TestSmtp;
let cookie: string;
const SLUG = "demarche-sante-vallee";
const day = (offset: number) => DateTime.now().setZone("Europe/Paris").plus({ days: offset }).toFormat("yyyy-MM-dd");
const venue = { name: "Salle des fêtes", address: "1 place de l’Église, 73300 Saint-Jean-de-Maurienne" };

const PEOPLE = [
  { firstName: "Hélène", lastName: "Lefèvre", email: "helene@example.org", organisation: "CCAS de Modane", minutes: true },
  { firstName: "Zoé", lastName: "Œuvray", email: "zoe@example.org", organisation: "Mairie d’Aussois", minutes: false },
  { firstName: "Jeanne", lastName: "d’Arc", email: "jeanne@example.org", organisation: "ADRETS", minutes: true },
  { firstName: "Paul", lastName: "Sansaccord", email: "paul@example.org", organisation: "CD73", minutes: false },
];

const sql = <T = any>(query: string, ...args: unknown[]) => queryFile<T>(server.databasePath, query, ...args);

beforeAll(async () => {
  ({ smtp, server, cookie } = await startSignedIn("orga@example.org"));
  importIntoServer(
    server.databasePath,
    seriesFile({
      slug: SLUG,
      title: "Démarche santé de la vallée",
      organisations: [
        { key: "spm-vallee", name: "Syndicat du Pays de Maurienne", role: "organiser" },
        { key: "ars-ara", name: "ARS Auvergne-Rhône-Alpes", role: "funder" },
      ],
      sessions: [
        fileSession(1, "COPIL n° 1", `${day(20)}T14:00`, `${day(20)}T16:00`, { mode: "in-person", venue }),
        fileSession(2, "Restitution", `${day(40)}T14:00`, `${day(40)}T16:00`, { mode: "in-person", venue }),
        fileSession(3, "Point d’étape en ligne", `${day(30)}T14:00`, `${day(30)}T15:00`),
      ],
      resources: [
        { key: "cr-restitution", type: "minutes", title: "Compte rendu de la restitution", session: 2, description: "Priorités retenues." },
        { key: "cr-copil", type: "minutes", title: "Compte rendu du COPIL", session: 1, visibility: "registrants", description: "Relevé de décisions." },
      ],
    }),
  );
  const [s1, s2] = sql<{ id: number }>("select s.id from sessions s join series x on x.id = s.series_id where x.slug = ? order by s.number", SLUG);
  for (const p of PEOPLE) {
    const body = new URLSearchParams({ firstName: p.firstName, lastName: p.lastName, email: p.email, organisation: p.organisation, consent: "oui" });
    body.append("sessions", String(s1.id));
    body.append("sessions", String(s2.id));
    if (p.minutes) body.append("minutes", "oui");
    const res = await fetch(`${server.url}/series/${SLUG}/inscription`, { method: "POST", body, redirect: "manual" });
    expect(res.status, p.email).toBe(303);
  }
  // Attendance as the organisers record it after each session (written directly: the sessions are ahead of the real clock).
  runFile(server.databasePath, "update registrations set attendance = 'present' where status = 'confirmed'");
  runFile(
    server.databasePath,
    "update registrations set attendance = 'excused' where participant_id = (select id from participants where email = 'paul@example.org')",
  );
}, 120_000);
afterAll(() => stopAll(server, smtp));

const resourceId = (key: string) => sql<{ id: number }>("select id from resources where key = ?", key)[0].id;
const personalToken = (email: string) => {
  const [{ id }] = sql<{ id: number }>("select id from participants where email = ?", email);
  return withServerDb(server.databasePath, (db) => createPersonalLink(db, id, new Date().toISOString()));
};

describe("a compte rendu", () => {
  it("stores the consent ticked on the public form, with its date, and only there", () => {
    const rows = sql<{ email: string; at: string | null }>("select email, minutes_consent_at as at from participants order by email");
    expect(Object.fromEntries(rows.map((r) => [r.email, r.at !== null]))).toEqual({
      "helene@example.org": true,
      "jeanne@example.org": true,
      "paul@example.org": false,
      "zoe@example.org": false,
    });
  });

  it("public: names only the people who consented, counts the others", async () => {
    const res = await fetch(`${server.url}/ressources/${resourceId("cr-restitution")}`);
    expect(res.status).toBe(200);
    const text = pageText(await res.text());
    expect(text).toContain("Priorités retenues.");
    expect(text).toMatch(/Présent·es \(3\) Jeanne d’Arc — ADRETS Hélène Lefèvre — CCAS de Modane et 1 autre personne/);
    expect(text).toMatch(/Excusé·es \(1\) 1 personne/);
    expect(text).toMatch(/Absent·es \(0\) Personne\./);
    expect(text).not.toMatch(/Œuvray|Sansaccord|Aussois|CD73/);
  });

  it("reserved to registrants: 404 in public, every name through a registrant’s personal link", async () => {
    const id = resourceId("cr-copil");
    expect((await fetch(`${server.url}/ressources/${id}`)).status).toBe(404);
    const token = personalToken("zoe@example.org");
    const res = await fetch(`${server.url}/moi/${token}/ressources/${id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const text = pageText(await res.text());
    expect(text).toContain("toutes les personnes sont nommées");
    expect(text).toMatch(/Présent·es \(3\) Jeanne d’Arc — ADRETS Hélène Lefèvre — CCAS de Modane Zoé Œuvray — Mairie d’Aussois/);
    expect(text).toMatch(/Excusé·es \(1\) Paul Sansaccord — CD73/);
  });

  it("the personal space shows the consent and withdraws it; the public page then counts the person", async () => {
    const token = personalToken("helene@example.org");
    const space = pageText(await (await fetch(`${server.url}/moi/${token}`)).text());
    expect(space).toMatch(/Depuis le \S+ \d+/);
    expect(space).toContain("Ne plus figurer dans les comptes rendus publiés");
    const res = await fetch(`${server.url}/moi/${token}`, { method: "POST", body: new URLSearchParams({ intent: "minutes-consent", consent: "non" }) });
    expect(pageText(await res.text())).toContain("votre nom ne figurera plus dans les comptes rendus publiés");
    expect(sql("select minutes_consent_at as at from participants where email = 'helene@example.org'")).toEqual([{ at: null }]);
    const text = pageText(await (await fetch(`${server.url}/ressources/${resourceId("cr-restitution")}`)).text());
    expect(text).toMatch(/Présent·es \(3\) Jeanne d’Arc — ADRETS et 2 autres personnes/);
    expect(text).not.toContain("Lefèvre");
  });

  it("the resource editor offers the lists to copy, named as the page names them", async () => {
    const html = await (await fetch(`${server.url}/admin/series/${SLUG}/ressources/${resourceId("cr-copil")}`, { headers: { cookie } })).text();
    expect(pageText(html)).toContain("Présences du RDV #1, à copier");
    expect(html).toMatch(/<textarea[^>]*id="listes-presence-texte"[^>]*>Présent·es \(3\)\u00a0: Jeanne d’Arc \(ADRETS\), Hélène Lefèvre/);
  });
});

describe("the sign-in sheet", () => {
  it("is a PDF attachment for organisers, never cached, listing the registrants by name", async () => {
    const anonymous = await fetch(`${server.url}/admin/series/${SLUG}/emargement/1.pdf`, { redirect: "manual" });
    expect([302, 303]).toContain(anonymous.status);
    const res = await fetch(`${server.url}/admin/series/${SLUG}/emargement/1.pdf`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="emargement-demarche-sante-vallee-rdv-1\.pdf"/);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const [page] = await pdfPages(new Uint8Array(await res.arrayBuffer()));
    expect(page).toContain("Avec le soutien financier de : ARS Auvergne-Rhône-Alpes");
    expect(page).toMatch(/1 d’Arc Jeanne ADRETS 2 Lefèvre Hélène CCAS de Modane 3 Œuvray Zoé Mairie d’Aussois 4 Sansaccord Paul CD73 5 6/);
    // The server's log names nobody.
    expect(server.stdout() + server.stderr()).not.toMatch(/Lefèvre|Œuvray|helene@example\.org/);
  });

  it("is linked from the attendance page, and replaced by a French sentence where there is none; nothing changes", async () => {
    const presence = pageText(await (await fetch(`${server.url}/admin/series/${SLUG}/presence/1`, { headers: { cookie } })).text());
    expect(presence).toContain("Feuille d’émargement (PDF à imprimer)");
    const before = JSON.stringify(sql("select * from registrations order by id")) + JSON.stringify(sql("select count(*) as n from audit_log"));
    const online = await fetch(`${server.url}/admin/series/${SLUG}/emargement/3.pdf`, { headers: { cookie } });
    expect(online.status).toBe(409);
    expect(await online.text()).toContain("Cette rencontre a lieu en ligne");
    const onlinePage = pageText(await (await fetch(`${server.url}/admin/series/${SLUG}/presence/3`, { headers: { cookie } })).text());
    expect(onlinePage).toContain("Feuille d’émargement : Cette rencontre a lieu en ligne");
    const unknown = await fetch(`${server.url}/admin/series/${SLUG}/emargement/9.pdf`, { headers: { cookie } });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("Rencontre introuvable");
    // RDV #2 with nobody confirmed (for this request only).
    const setRdv2 = (status: string) =>
      runFile(
        server.databasePath,
        `update registrations set status = ? where session_id = (select s.id from sessions s join series x on x.id = s.series_id where s.number = 2 and x.slug = ?)`,
        status,
        SLUG,
      );
    setRdv2("cancelled");
    const empty = await fetch(`${server.url}/admin/series/${SLUG}/emargement/2.pdf`, { headers: { cookie } });
    setRdv2("confirmed");
    expect(empty.status).toBe(409);
    expect(await empty.text()).toContain("Aucun·e inscrit·e confirmé·e ne vient sur place");
    expect(JSON.stringify(sql("select * from registrations order by id")) + JSON.stringify(sql("select count(*) as n from audit_log"))).toBe(before);
  });
});
