// Attendance certificates over HTTP against the production server: the settings form (errors next to
// each field, values kept, a signature that is not an image), attendance recorded by hand, the
// organiser's and the person's downloads (same code), the email sent by the server's own scheduler
// with the PDF attached, the public verification page (name, session and date only; wrong and
// revoked codes), and the refusals (absent, someone else's, certificates off) with French pages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as t from "../../db/schema";
import { importOrThrow } from "../helpers/db";
import { startSignedIn } from "../helpers/admin";
import { fieldError, pageText } from "../helpers/html";
import { pdfText } from "../helpers/pdf";
import { stopAll, type TestServer } from "../helpers/server";
import { queryFile, withServerDb } from "../helpers/server-db";
import { fileSession, seriesFile } from "../helpers/series-file";
import { type TestSmtp } from "../helpers/smtp";
import { typographyProblems, visibleText } from "../helpers/typography";
import { createPersonalLink } from "~/registration/participants.server";
import { nowIso as clockNow } from "~/utils/now.server";

const SLUG = "journees-attestees";
const OFF = "sans-attestations";
const SETTINGS = `/admin/series/${SLUG}/attestations`;
const PRESENCE = `/admin/series/${SLUG}/presence/1`;
// The smallest valid PNG (1×1, transparent).
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

let server: TestServer;
let smtp: TestSmtp;
let cookie: string;
const reg: Record<string, number> = {};
const token: Record<string, string> = {};

beforeAll(async () => {
  ({ smtp, server, cookie } = await startSignedIn("orga@example.org", { MAIL_POLL_SECONDS: "1" }));
  withServerDb(server.databasePath, (db) => {
    const session = fileSession(1, "Journée « prévention »", "2026-03-10T09:30", "2026-03-10T16:45", {
      slug: "journee",
      mode: "in-person",
      venue: { name: "Halle aux toiles", address: "Rouen" },
    });
    importOrThrow(db, seriesFile({ slug: SLUG, title: "Journées attestées", sessions: [session] }), { nowIso: clockNow() });
    importOrThrow(db, seriesFile({ slug: OFF, title: "Sans attestations", sessions: [{ ...session, slug: "autre" }] }), { nowIso: clockNow() });
    // Registrations of past sessions cannot be made through the rules: written directly.
    const at = "2026-02-01T08:15:00Z";
    for (const [key, slug, firstName, lastName, email] of [
      ["zoe", SLUG, "Zoé", "L’Hôte", "zoe.lhote@example.org"],
      ["bruno", SLUG, "Bruno", "Absent", "bruno@example.org"],
      ["off", OFF, "Olga", "Présente", "olga@example.org"],
    ]) {
      const s = db
        .select()
        .from(t.sessions)
        .where(eq(t.sessions.slug, slug === SLUG ? "journee" : "autre"))
        .get()!;
      const participantId = db
        .insert(t.participants)
        .values({ firstName, lastName, email, organisation: "CCAS d’Elbeuf", dataConsentAt: at, createdAt: at, updatedAt: at })
        .returning({ id: t.participants.id })
        .get().id;
      reg[key] = db
        .insert(t.registrations)
        .values({
          participantId,
          sessionId: s.id,
          status: "confirmed",
          confirmedAt: at,
          createdAt: at,
          updatedAt: at,
          attendance: key === "off" ? "present" : null,
        })
        .returning({ id: t.registrations.id })
        .get().id;
      token[key] = createPersonalLink(db, participantId, clockNow());
    }
  });
}, 60_000);

afterAll(() => stopAll(server, smtp));

const get = (url: string, withCookie = true) => fetch(server.url + url, { headers: withCookie ? { cookie } : {}, redirect: "manual" });

async function saveSettings(fields: Record<string, string>, signature?: File) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  if (signature) body.append("signature", signature);
  const res = await fetch(server.url + SETTINGS, { method: "POST", body, headers: { cookie }, redirect: "manual" });
  return { status: res.status, location: res.headers.get("location"), html: await res.text() };
}

async function mark(registrationId: number, from: string, to: string) {
  const body = new URLSearchParams({ intent: "mark", [`presence-${registrationId}`]: to, [`avant-${registrationId}`]: from });
  const res = await fetch(server.url + PRESENCE, { method: "POST", body, headers: { cookie } });
  expect(res.status).toBe(200);
}

/** Follows a download: the PDF's text, or the page it was sent to instead (status and text). */
async function download(url: string, withCookie = true) {
  const res = await get(url, withCookie);
  if (res.status === 200) {
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="attestation-presence-rdv-1\.pdf"$/);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    return { status: 200, text: await pdfText(new Uint8Array(await res.arrayBuffer())) };
  }
  expect(res.status, url).toBe(303);
  const page = await get(res.headers.get("location")!, withCookie);
  return { status: page.status, text: pageText(await page.text()) };
}

const codeOf = (registrationId: number) =>
  queryFile<{ code: string }>(server.databasePath, "select code from certificates where registration_id = ?", registrationId)[0]?.code.replace(
    /(.{4})(?=.)/g,
    "$1-",
  );

describe("certificate settings", () => {
  it("says what is wrong next to each field, keeps the values, and refuses a signature that is not an image", async () => {
    expect((await get(SETTINGS)).status).toBe(200);
    const bad = await saveSettings(
      { enabled: "oui", autoEmail: "oui", signatoryName: "", signatoryTitle: "Directrice", organisationName: "IREPS Normandie" },
      new File(["<html>pas une image</html>"], "signature.png", { type: "image/png" }),
    );
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, "signatoryName")).toBe("Indiquez le nom de la personne qui signe les attestations.");
    expect(fieldError(bad.html, "signature")).toMatch(/^Ce fichier n’est pas une image PNG ou JPEG/);
    expect(bad.html).toMatch(/id="champ-signatoryName"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="champ-signatoryName"/);
    expect(bad.html).toContain('value="IREPS Normandie"');
    expect(bad.html).toContain('value="Directrice"');
    expect(queryFile(server.databasePath, "select * from certificate_settings")).toEqual([]);
    expect(typographyProblems(visibleText(bad.html), "réglages en erreur")).toEqual([]);

    const big = await saveSettings(
      { enabled: "oui", signatoryName: "Anaïs Lefèvre", signatoryTitle: "Directrice" },
      new File([Buffer.concat([PNG, Buffer.alloc(400 * 1024)])], "signature.png", { type: "image/png" }),
    );
    expect(big.status).toBe(400);
    expect(fieldError(big.html, "signature")).toMatch(/^Cette image pèse 40\d\sKo\s: 300\sKo au plus\./);
    expect(fieldError(big.html, "signatoryName")).toBeNull();
    expect(big.html).toContain('value="Anaïs Lefèvre"');

    const ok = await saveSettings(
      { enabled: "oui", autoEmail: "oui", signatoryName: "Anaïs Lefèvre", signatoryTitle: "Directrice", organisationName: "IREPS Normandie" },
      new File([PNG], "signature.png", { type: "image/png" }),
    );
    expect(ok.status).toBe(302);
    expect(ok.location).toBe(`${SETTINGS}?etat=enregistre`);
    // The email's preview renders (with its PDF attached).
    const previews = pageText(await (await get("/admin/emails/apercu")).text());
    expect(previews).toContain("Votre attestation de présence — RDV #");
    expect(previews).toContain("attestation-presence-rdv-");
    const image = await get(`${SETTINGS}/signature`);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true);
  });
});

describe("certificates once attendance is recorded", () => {
  it("are downloaded by the organiser and the person with the same code, emailed once, and verified publicly", async () => {
    await mark(reg.zoe, "non-renseigne", "present");
    await mark(reg.bruno, "non-renseigne", "absent");
    const presence = await (await get(PRESENCE)).text();
    expect(presence).toContain(`/admin/series/${SLUG}/attestations/${reg.zoe}.pdf`);
    expect(presence).not.toContain(`/attestations/${reg.bruno}.pdf`);

    const organiser = await download(`/admin/series/${SLUG}/attestations/${reg.zoe}.pdf`);
    expect(organiser.status).toBe(200);
    expect(organiser.text).toContain(
      "Je soussigné·e Anaïs Lefèvre, Directrice, atteste que Zoé L’Hôte (CCAS d’Elbeuf) a participé à la rencontre RDV #1 « Journée « prévention » »",
    );
    expect(organiser.text).toContain("le mardi 10 mars 2026 de 9 h 30 à 16 h 45, soit une durée de 7 h 15.");
    const code = codeOf(reg.zoe);
    expect(organiser.text).toContain(`Code de vérification : ${code}`);
    expect(organiser.text).toContain(`${server.url}/attestations/${code}`);

    const space = await (await get(`/moi/${token.zoe}`, false)).text();
    expect(space).toContain(`/moi/${token.zoe}/attestations/${reg.zoe}.pdf`);
    const own = await download(`/moi/${token.zoe}/attestations/${reg.zoe}.pdf`, false);
    expect(own.text).toContain(`Code de vérification : ${code}`);

    // The server's scheduler sends the email (the session is long over): once, with the PDF.
    const mail = await smtp.waitForMatch((m) => m.envelopeTo.includes("zoe.lhote@example.org") && /attestation/i.test(m.parsed.subject ?? ""));
    const attached = mail.parsed.attachments.find((a) => a.contentType === "application/pdf")!;
    expect(attached.filename).toBe("attestation-presence-rdv-1.pdf");
    expect(await pdfText(attached.content)).toContain(code);
    await mark(reg.zoe, "present", "absent");
    await mark(reg.zoe, "absent", "present");
    expect(queryFile(server.databasePath, "select id from outbox where kind = 'certificate'")).toHaveLength(1);

    // The public verification page: name, session, date — nothing else.
    const verified = await get(`/attestations/${code}`, false);
    expect(verified.status).toBe(200);
    const html = await verified.text();
    const text = pageText(html);
    expect(text).toContain("Attestation authentique");
    expect(text).toContain("Zoé L’Hôte");
    expect(text).toContain("RDV #1 — Journée « prévention »");
    expect(text).toContain("mardi 10 mars 2026");
    for (const secret of ["zoe.lhote@example.org", "Elbeuf", token.zoe, "/moi/"]) expect(html).not.toContain(secret);
    expect(typographyProblems(visibleText(html), "vérification")).toEqual([]);
    const typed = await get(`/attestations?code=${encodeURIComponent(code!.toLowerCase())}`, false);
    expect(typed.status).toBe(302);
    expect((await get(typed.headers.get("location")!.replace(server.url, ""), false)).status).toBe(200);
  });

  it("says so for a wrong or revoked code, and refuses an absent person, someone else's registration and a series without certificates", async () => {
    const wrong = await get("/attestations/ABCD-EFGH-JKMN", false);
    expect(wrong.status).toBe(404);
    expect(pageText(await wrong.text())).toContain("Aucune attestation ne correspond à ce code.");

    const absent = await download(`/admin/series/${SLUG}/attestations/${reg.bruno}.pdf`);
    expect(absent.status).toBe(409);
    expect(absent.text).toContain("Pas d’attestation de présence : Bruno Absent a été noté·e absent·e à la rencontre RDV #1");
    expect(codeOf(reg.bruno)).toBeUndefined();

    const someoneElse = await download(`/moi/${token.zoe}/attestations/${reg.bruno}.pdf`, false);
    expect(someoneElse.status).toBe(404);
    expect(someoneElse.text).toContain("Aucune inscription ne correspond à cette attestation.");
    expect(someoneElse.text).not.toContain("Bruno");

    const off = await download(`/moi/${token.off}/attestations/${reg.off}.pdf`, false);
    expect(off.status).toBe(409);
    expect(off.text).toContain("Les attestations de présence ne sont pas proposées pour cette série.");
    expect(await (await get(`/moi/${token.off}`, false)).text()).not.toContain("/attestations/");

    // Corrected to absent: the code no longer verifies.
    const code = codeOf(reg.zoe)!;
    await mark(reg.zoe, "present", "absent");
    const revoked = await get(`/attestations/${code}`, false);
    expect(revoked.status).toBe(404);
    expect(pageText(await revoked.text())).toContain("Cette attestation a été révoquée.");
  });
});
