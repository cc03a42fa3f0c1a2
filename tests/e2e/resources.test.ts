// The resource library over HTTP against the production server: uploads (a disguised non-PDF and an
// oversized file refused with French errors next to the field, values kept; a real PDF stored under a
// generated name and served with the right headers), registrants-only resources (404 for anonymous
// visitors everywhere, visible through a personal link), and every new admin route closed to
// anonymous visitors.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { DEMO_SLUG } from "../../db/seed/demo-series";
import { createPersonalLink } from "~/registration/participants.server";
import { register } from "~/registration/registrations.server";
import { closeDatabase, openDatabase } from "~/utils/db.server";
import { startSignedIn } from "../helpers/admin";
import { decode, textOf as rawText } from "../helpers/html";
import { participantInput } from "../helpers/people";
import { type TestServer } from "../helpers/server";
import { type TestSmtp } from "../helpers/smtp";

const ADMIN = "orga@example.org";
const BASE = `/admin/series/${DEMO_SLUG}/ressources`;

let server: TestServer;
let smtp: TestSmtp;
let cookie: string;

beforeAll(async () => {
  ({ smtp, server, cookie } = await startSignedIn(ADMIN, { UPLOAD_MAX_MB: "1" }));
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

/** Reads or writes the server's database from the test (WAL: the server keeps running). */
function withDb<T>(fn: (db: ReturnType<typeof openDatabase>) => T): T {
  const db = openDatabase(server.databasePath, { migrate: false });
  try {
    return fn(db);
  } finally {
    closeDatabase(db);
  }
}
const resourceByTitle = (title: string) => withDb((db) => db.select().from(t.resources).where(eq(t.resources.title, title)).get());
const resourceCount = () => withDb((db) => db.select().from(t.resources).all().length);
const uploadsDir = () => path.join(server.dir, "fichiers");
const storedFiles = () => (existsSync(uploadsDir()) ? readdirSync(uploadsDir()).filter((f) => !f.startsWith(".")) : []);
const pendingFiles = () => (existsSync(path.join(uploadsDir(), ".en-cours")) ? readdirSync(path.join(uploadsDir(), ".en-cours")) : []);

const textOf = (html: string) => rawText(html.replace(/<!--.*?-->/g, ""));
function fieldError(html: string, field: string): string | null {
  const m = html.match(new RegExp(`id="erreur-${field.replace(/\./g, "\\.")}"[^>]*>(.*?)</p>`, "s"));
  return m ? textOf(m[1]).replace(/^Erreur\s: /, "") : null;
}
const inputValue = (html: string, name: string) =>
  decode(html.match(new RegExp(`name="${name}"[^>]*value="([^"]*)"`))?.[1] ?? html.match(new RegExp(`value="([^"]*)"[^>]*name="${name}"`))?.[1] ?? "");

/** A small but complete PDF (one page of text), built with a correct cross-reference table. */
function pdf(text: string): Uint8Array<ArrayBuffer> {
  const stream = `BT /F1 18 Tf 20 70 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

type Fields = Record<string, string>;
async function send(url: string, fields: Fields, file?: { name: string; type: string; bytes: Uint8Array<ArrayBuffer> }, withCookie = true) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  if (file) body.append("file", new Blob([file.bytes], { type: file.type }), file.name);
  const res = await fetch(server.url + url, { method: "POST", body, headers: withCookie ? { cookie } : {}, redirect: "manual" });
  return { status: res.status, location: res.headers.get("location"), html: await res.text() };
}
const base = (title: string, extra: Fields = {}): Fields => ({
  intent: "save",
  type: "document",
  title,
  attachment: "s:1",
  visibility: "public",
  published: "oui",
  ...extra,
});

describe("uploading a file", () => {
  it("refuses an HTML page named .pdf, with a French error next to the field, keeping the other values", async () => {
    const before = resourceCount();
    const disguised = new TextEncoder().encode("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>");
    const r = await send(`${BASE}/nouvelle`, base("Synthèse déguisée", { authors: "ORS-CREAI Normandie", year: "2026" }), {
      name: "synthese.pdf",
      type: "application/pdf",
      bytes: disguised,
    });
    expect(r.status).toBe(400);
    expect(fieldError(r.html, "file")).toMatch(/^Le contenu de «\ssynthese\.pdf\s» n’est pas d’un type accepté, quel que soit son nom\. Types acceptés\s: PDF/);
    expect(r.html).toContain('aria-invalid="true"');
    expect(inputValue(r.html, "title")).toBe("Synthèse déguisée");
    expect(inputValue(r.html, "year")).toBe("2026");
    expect(r.html).toContain("ORS-CREAI Normandie</textarea>");
    expect(textOf(r.html)).toContain("Une erreur empêche l’enregistrement");
    expect(resourceCount()).toBe(before);
    expect(storedFiles()).toEqual([]);
    expect(pendingFiles()).toEqual([]);
  });

  it("refuses a file over the size limit (UPLOAD_MAX_MB), keeping the other values", async () => {
    const before = resourceCount();
    const big = new Uint8Array(1024 * 1024 + 200_000);
    big.set(pdf("trop gros"));
    const r = await send(`${BASE}/nouvelle`, base("Rapport trop lourd"), { name: "rapport.pdf", type: "application/pdf", bytes: big });
    expect(r.status).toBe(400);
    expect(fieldError(r.html, "file")).toBe("Le fichier dépasse la taille maximale de 1 Mo (1,2 Mo reçus).");
    expect(inputValue(r.html, "title")).toBe("Rapport trop lourd");
    expect(resourceCount()).toBe(before);
    expect(storedFiles()).toEqual([]);
    expect(pendingFiles()).toEqual([]);
  });

  it("keeps an accepted file while another field is wrong, then stores it under a generated name and serves it with the right headers", async () => {
    const bytes = pdf("Synthese RDV 1");
    const first = await send(`${BASE}/nouvelle`, base(""), { name: "Synthèse été 2026.pdf", type: "application/octet-stream", bytes });
    expect(first.status).toBe(400);
    expect(fieldError(first.html, "title")).toBe("ne doit pas être vide");
    expect(textOf(first.html)).toContain("Fichier reçu : « Synthèse été 2026.pdf » (PDF,");
    const pending = inputValue(first.html, "pendingUpload");
    expect(pending).toMatch(/^[a-f0-9]{32}\.part$/);

    // Sent again with a title, without the file: the one received first is attached.
    const second = await send(`${BASE}/nouvelle`, base("Synthèse du RDV #1", { pendingUpload: pending, pendingName: inputValue(first.html, "pendingName") }));
    expect(second.status).toBe(302);
    expect(second.location).toBe(`${BASE}?etat=enregistree`);
    const row = resourceByTitle("Synthèse du RDV #1")!;
    expect(row).toMatchObject({ fileName: "Synthèse été 2026.pdf", fileType: "application/pdf", fileSize: bytes.length, published: true });
    expect(row.fileStoredName).toMatch(/^[a-f0-9]{32}\.pdf$/);
    expect(storedFiles()).toEqual([row.fileStoredName]);
    expect(pendingFiles()).toEqual([]);

    // The page says what the file is and how big before the download.
    const page = await fetch(`${server.url}/ressources/${row.id}`);
    expect(page.status).toBe(200);
    const text = textOf(await page.text());
    expect(text).toContain(`Télécharger « Synthèse été 2026.pdf » (PDF, ${bytes.length} octets)`);

    const file = await fetch(`${server.url}/ressources/${row.id}/fichier`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(file.headers.get("content-disposition")).toBe(
      `attachment; filename="Synthese ete 2026.pdf"; filename*=UTF-8''Synth%C3%A8se%20%C3%A9t%C3%A9%202026.pdf`,
    );
    expect(file.headers.get("content-length")).toBe(String(bytes.length));
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(file.headers.get("content-security-policy")).toContain("sandbox");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);

    // Inline for reading in the browser, and byte ranges (audio and video can be sought).
    const inline = await fetch(`${server.url}/ressources/${row.id}/fichier?lecture=1`);
    expect(inline.headers.get("content-disposition")).toMatch(/^inline; /);
    await inline.arrayBuffer();
    const range = await fetch(`${server.url}/ressources/${row.id}/fichier`, { headers: { range: "bytes=0-4" } });
    expect(range.status).toBe(206);
    expect(range.headers.get("content-range")).toBe(`bytes 0-4/${bytes.length}`);
    expect(await range.text()).toBe("%PDF-");

    // The organiser's list shows it; unpublishing hides it at once.
    const list = await fetch(server.url + BASE, { headers: { cookie } });
    expect(textOf(await list.text())).toContain("Synthèse du RDV #1");
    const off = await send(BASE, { intent: "unpublish", id: String(row.id) });
    expect(off.status).toBe(200);
    expect((await fetch(`${server.url}/ressources/${row.id}`)).status).toBe(404);
    expect((await fetch(`${server.url}/ressources/${row.id}/fichier`)).status).toBe(404);
    // The organiser still gets the file.
    const own = await fetch(`${server.url}${BASE}/${row.id}/fichier`, { headers: { cookie } });
    expect(own.status).toBe(200);
    expect(own.headers.get("cache-control")).toBe("private, no-store");
    await own.arrayBuffer();
  });

  it("replaces and removes files, deleting the old ones from the disk", async () => {
    const r = await send(`${BASE}/nouvelle`, base("Fiche à remplacer"), { name: "v1.pdf", type: "application/pdf", bytes: pdf("v1") });
    expect(r.status).toBe(302);
    const v1 = resourceByTitle("Fiche à remplacer")!;
    const edit = await send(`${BASE}/${v1.id}`, base("Fiche à remplacer"), { name: "v2.pdf", type: "application/pdf", bytes: pdf("version 2") });
    expect(edit.status).toBe(302);
    const v2 = resourceByTitle("Fiche à remplacer")!;
    expect(v2.id).toBe(v1.id);
    expect(v2.fileName).toBe("v2.pdf");
    expect(storedFiles()).toContain(v2.fileStoredName);
    expect(storedFiles()).not.toContain(v1.fileStoredName);
    const removed = await send(`${BASE}/${v1.id}`, base("Fiche à remplacer", { removeFile: "oui", url: "https://example.org/fiche" }));
    expect(removed.status).toBe(302);
    expect(resourceByTitle("Fiche à remplacer")!.fileStoredName).toBeNull();
    expect(storedFiles()).not.toContain(v2.fileStoredName);
  });

  it("checks the other fields with French messages next to each (chapters, references, link)", async () => {
    const r = await send(
      `${BASE}/nouvelle`,
      base("Enregistrement mal saisi", {
        type: "recording",
        url: "javascript:alert(1)",
        duration: "2h",
        "chapter.0.at": "00:10:00",
        "chapter.0.title": "Accueil",
        "chapter.1.at": "00:05:00",
        "chapter.1.title": "Plus tôt",
        "chapter.2.at": "00:20:00",
        "chapter.2.title": "Mauvaise rencontre",
        "chapter.2.item": "2:1",
        "ref.0.year": "deux mille",
      }),
    );
    expect(r.status).toBe(400);
    expect(fieldError(r.html, "url")).toBe("doit commencer par http:// ou https://");
    expect(fieldError(r.html, "duration")).toBe("doit être une durée au format HH:mm:ss");
    expect(fieldError(r.html, "chapter.2.item")).toBe("choisissez un point du programme de la rencontre à laquelle la ressource est rattachée");
    expect(fieldError(r.html, "ref.0.title")).toBe("ne doit pas être vide");
    expect(fieldError(r.html, "ref.0.year")).toBe("doit être un nombre");
    expect(inputValue(r.html, "chapter.1.title")).toBe("Plus tôt");
    const again = await send(
      `${BASE}/nouvelle`,
      base("Enregistrement mal saisi", {
        type: "recording",
        url: "https://example.org/v",
        "chapter.0.at": "00:10:00",
        "chapter.0.title": "A",
        "chapter.1.at": "00:05:00",
        "chapter.1.title": "B",
      }),
    );
    expect(fieldError(again.html, "chapter.1.at")).toBe("doit venir après le chapitre précédent");
  });

  it("takes a reference’s structured fields, each error next to its field (aria-invalid, aria-describedby), values kept", async () => {
    const ref = (fields: Fields) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [`ref.0.${k}`, v]));
    const chapter = {
      kind: "chapter",
      authors: "Breton, É.",
      editors: "Ridde, V.\nOuattara, F.",
      year: "2015",
      title: "La réduction des inégalités sociales de santé passe principalement par des actions en faveur des plus vulnérables",
      bookTitle: "Des idées reçues en santé mondiale",
      publisher: "Presses de l’Université de Montréal",
      place: "Montréal",
      pages: "abc",
      isbn: "978-2-7606-3525-2",
      doi: "11.4000/books.pum.3679",
      issue: "3",
    };
    const wrong = await send(`${BASE}/nouvelle`, base("Bibliographie structurée", { type: "bibliography", ...ref(chapter) }));
    expect(wrong.status).toBe(400);
    expect(fieldError(wrong.html, "ref.0.pages")).toBe("doit être une page ou des pages : « 12 », « 593-602 », « e1234 »");
    expect(fieldError(wrong.html, "ref.0.isbn")).toBe("n’est pas un ISBN valide (10 ou 13 chiffres, tirets permis, clé de contrôle comprise)");
    expect(fieldError(wrong.html, "ref.0.doi")).toBe("doit être un DOI de la forme 10.xxxx/…, par exemple 10.1016/0140-6736(91)91911-D");
    expect(fieldError(wrong.html, "ref.0.issue")).toBe("ne s’applique pas à un chapitre d’ouvrage ; videz ce champ ou choisissez une autre nature");
    const doiInput = wrong.html.match(/<input[^>]*name="ref\.0\.doi"[^>]*>/)![0];
    expect(doiInput).toContain('aria-invalid="true"');
    expect(doiInput).toContain('aria-describedby="aide-ref.0.doi erreur-ref.0.doi"');
    expect(inputValue(wrong.html, "ref.0.doi")).toBe("11.4000/books.pum.3679");
    expect(textOf(wrong.html)).toContain("Référence 1, DOI : doit être un DOI");
    expect(inputValue(wrong.html, "ref.0.bookTitle")).toBe("Des idées reçues en santé mondiale");
    expect(inputValue(wrong.html, "ref.0.place")).toBe("Montréal");
    expect(wrong.html).toMatch(/Ridde, V\.\r?\nOuattara, F\.<\/textarea>/);

    const ok = await send(
      `${BASE}/nouvelle`,
      base("Bibliographie structurée", {
        type: "bibliography",
        ...ref({ ...chapter, pages: "97-102", isbn: "978-2-8109-0425-9", doi: "https://doi.org/10.4000/books.pum.3679", issue: "" }),
      }),
    );
    expect(ok.status).toBe(302);
    expect(resourceByTitle("Bibliographie structurée")!.references).toEqual([
      {
        kind: "chapter",
        authors: ["Breton, É."],
        editors: ["Ridde, V.", "Ouattara, F."],
        year: 2015,
        title: chapter.title,
        bookTitle: "Des idées reçues en santé mondiale",
        pages: "97-102",
        publisher: "Presses de l’Université de Montréal",
        place: "Montréal",
        isbn: "978-2-8109-0425-9",
        doi: "10.4000/books.pum.3679",
      },
    ]);
  });
});

describe("registrants-only resources", () => {
  let token: string;
  let otherToken: string;
  let id: number;
  let slidesId: number;

  beforeAll(async () => {
    const r = await send(`${BASE}/nouvelle`, base("Compte rendu confidentiel des ateliers", { visibility: "registrants" }), {
      name: "compte-rendu.pdf",
      type: "application/pdf",
      bytes: pdf("confidentiel"),
    });
    expect(r.status).toBe(302);
    id = resourceByTitle("Compte rendu confidentiel des ateliers")!.id;
    slidesId = resourceByTitle("Diaporama : les signes qui doivent alerter")!.id;
    [token, otherToken] = withDb((db) => {
      const series = db.select().from(t.series).where(eq(t.series.slug, DEMO_SLUG)).get()!;
      const session = db.select().from(t.sessions).where(eq(t.sessions.slug, "rdv-2-ecouter-orienter")).get()!;
      const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
      const person = (email: string) => participantInput(email, "Inès", "Roussel");
      const a = register(db, { seriesId: series.id, sessionIds: [session.id], participant: person("ines@example.org"), nowIso: now });
      if (!a.ok) throw new Error(JSON.stringify(a));
      // Someone known to the platform, with a working link, but registered in no series.
      const b = db
        .insert(t.participants)
        .values({ firstName: "Paul", lastName: "Blanc", email: "paul@example.org", dataConsentAt: now, createdAt: now, updatedAt: now })
        .returning({ id: t.participants.id })
        .get().id;
      return [createPersonalLink(db, a.participantId, now), createPersonalLink(db, b, now)];
    });
  });

  it("answers 404 to anonymous visitors everywhere: page, data request, file, exports, library, search, series and session pages", async () => {
    for (const rid of [id, slidesId]) {
      for (const p of [
        `/ressources/${rid}`,
        `/ressources/${rid}.data`,
        `/ressources/${rid}/fichier`,
        `/ressources/${rid}/fichier?lecture=1`,
        `/ressources/${rid}.ris`,
        `/ressources/${rid}.bib`,
      ]) {
        const res = await fetch(server.url + p);
        const body = await res.text();
        expect(res.status, p).toBe(404);
        expect(body, p).not.toContain("confidentiel des ateliers");
        expect(body, p).not.toContain("les signes qui doivent alerter</h1>");
      }
    }
    for (const p of [
      "/ressources",
      "/ressources?q=confidentiel",
      "/ressources?q=diaporama+signes",
      `/series/${DEMO_SLUG}`,
      `/series/${DEMO_SLUG}/sessions/rdv-1-reperer`,
      `/series/${DEMO_SLUG}.data`,
    ]) {
      const body = await (await fetch(server.url + p)).text();
      expect(body, p).not.toContain("Compte rendu confidentiel");
      expect(body, p).not.toContain("Diaporama : les signes");
      expect(body, p).not.toContain(`/ressources/${id}"`);
    }
    expect(textOf(await (await fetch(`${server.url}/ressources?q=confidentiel`)).text())).toContain("Aucune ressource ne correspond à « confidentiel ».");
  });

  it("shows them through the personal link of a registrant of the series: list, page, file; not through another link", async () => {
    const space = await fetch(`${server.url}/moi/${token}`);
    const spaceHtml = await space.text();
    expect(textOf(spaceHtml)).toContain("Ressources réservées aux inscrits");
    expect(spaceHtml).toContain(`href="/moi/${token}/ressources/${id}"`);
    expect(spaceHtml).toContain(`href="/moi/${token}/ressources/${slidesId}"`);

    const page = await fetch(`${server.url}/moi/${token}/ressources/${id}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("private, no-store");
    expect(page.headers.get("referrer-policy")).toBe("same-origin");
    const html = await page.text();
    expect(textOf(html)).toContain("Compte rendu confidentiel des ateliers");
    expect(textOf(html)).toContain("Ressource réservée aux personnes inscrites");
    expect(html).toContain(`href="/moi/${token}/ressources/${id}/fichier"`);
    const file = await fetch(`${server.url}/moi/${token}/ressources/${id}/fichier`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/pdf");
    expect(file.headers.get("cache-control")).toBe("private, no-store");
    await file.arrayBuffer();

    // A bibliography's exports through the personal link too (never cached).
    const bib = resourceByTitle("Bibliographie sélective : repérer la souffrance psychique des jeunes")!;
    const ris = await fetch(`${server.url}/moi/${token}/ressources/${bib.id}.ris`);
    expect(ris.status).toBe(200);
    expect(ris.headers.get("content-type")).toBe("application/x-research-info-systems; charset=utf-8");
    expect(ris.headers.get("cache-control")).toBe("private, no-store");
    expect((await ris.text()).match(/^TY {2}- /gm)).toHaveLength(4);

    for (const p of [`/moi/${otherToken}/ressources/${id}`, `/moi/${otherToken}/ressources/${id}/fichier`, `/moi/${"x".repeat(32)}/ressources/${id}`]) {
      expect((await fetch(server.url + p)).status, p).toBe(404);
    }
    // Request logs never carry the personal link.
    expect(server.stdout()).not.toContain(token);
  });
});

describe("back-office routes of the library", () => {
  it("refuse anonymous visitors (pages, data requests, files, posts), changing nothing", async () => {
    const any = resourceByTitle("Enregistrement du RDV #1 — Repérer la souffrance psychique des jeunes")!;
    for (const p of [BASE, `${BASE}/nouvelle`, `${BASE}/${any.id}`, `${BASE}/${any.id}/fichier`, `${BASE}.data`, `${BASE}/${any.id}.data`]) {
      const res = await fetch(server.url + p, { redirect: "manual" });
      const body = await res.text();
      if (p.endsWith(".data")) {
        expect([202, 204, 302, 303, 404], p).toContain(res.status);
        expect(body, p).not.toContain("Repérer la souffrance");
      } else {
        expect([302, 303], p).toContain(res.status);
        expect(res.headers.get("location"), p).toMatch(/^\/admin\/connexion\?suite=/);
      }
    }
    const before = resourceCount();
    const posted = await send(`${BASE}/nouvelle`, base("Intrusion"), { name: "x.pdf", type: "application/pdf", bytes: pdf("x") }, false);
    expect([302, 303]).toContain(posted.status);
    expect(posted.location).toMatch(/^\/admin\/connexion/);
    const toggled = await send(BASE, { intent: "unpublish", id: String(any.id) }, undefined, false);
    expect([302, 303]).toContain(toggled.status);
    const deleted = await send(`${BASE}/${any.id}`, { intent: "delete", confirm: "oui" }, undefined, false);
    expect([302, 303]).toContain(deleted.status);
    expect(resourceCount()).toBe(before);
    expect(resourceByTitle("Intrusion")).toBeUndefined();
    expect(resourceByTitle(any.title)!.published).toBe(true);
  });
});
