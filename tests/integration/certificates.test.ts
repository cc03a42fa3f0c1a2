// Attendance certificates on the model: the PDF read back with pdfjs (accents, session, date in the
// series' zone, scheduled duration, signatory, code and URL), the code stable across downloads,
// refusals (absent, excusé·e, not registered, certificates off), revocation on the verification
// page, the settings' checks, and the email: queued in the attendance transaction (by hand and from a
// Zoom report), sent once with the PDF attached through a real SMTP server across toggles and runs,
// not sent to someone no longer présent·e.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { importAttendance, setAttendance } from "~/attendance/attendance.server";
import { certificateEmailDueAt } from "~/certificates/certificate-emails.server";
import { certificateFile, requestedCertificate } from "~/certificates/certificate-download.server";
import { saveCertificateSettings, type SettingsInput } from "~/certificates/certificate-settings.server";
import { CODE_ALPHABET, normaliseCode, verifyCertificate } from "~/certificates/certificates.server";
import { register } from "~/registration/registrations.server";
import { exportParticipantData } from "~/registration/participants.server";
import { importSeries } from "~/series-file/series-import.server";
import { memoryDb } from "../helpers/db";
import { fileSession, seriesFile } from "../helpers/series-file";
import { dispatchTo, smtpForSuite } from "../helpers/smtp";
import { createMailer } from "~/notifications/mail.server";
import { dispatchDue } from "~/notifications/dispatch.server";
import { simpleParser } from "mailparser";
import { pdfPages, pdfText } from "../helpers/pdf";

const APP = "https://rdv.example.org";
const smtp = smtpForSuite();
const ACCOUNT = 1;
// Tuesday 30 March 2027, 9:30–12:00 in Paris (summer time: 07:30–10:00 UTC).
const BEFORE = "2027-03-20T10:00:00Z";
const AFTER = "2027-03-30T10:30:00Z";
/** 9:00 in Paris the day after: Wednesday 31 March, 07:00 UTC. */
const NEXT_MORNING = "2027-03-31T07:00:00Z";

// The smallest valid PNG (1×1, transparent).
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

const settings = (over: Partial<SettingsInput> = {}): SettingsInput => ({
  enabled: true,
  autoEmail: true,
  signatoryName: "Anaïs Lefèvre",
  signatoryTitle: "Directrice de l’IREPS",
  organisationName: "IREPS Normandie",
  signature: PNG,
  removeSignature: false,
  ...over,
});

function setup(opts: { settings?: Partial<SettingsInput> | null } = {}) {
  const db = memoryDb();
  const file = seriesFile({
    slug: "attestations",
    title: "Santé des jeunes en ville",
    sessions: [
      fileSession(1, "Écouter, orienter", "2027-03-30T09:30", "2027-03-30T12:00", {
        mode: "in-person",
        venue: { name: "Maison des associations", address: "Rouen" },
      }),
    ],
  });
  const r = importSeries(db, file, { nowIso: BEFORE });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  db.insert(t.accounts).values({ id: ACCOUNT, email: "orga@example.org", role: "admin" }).run();
  const session = db.select().from(t.sessions).get()!;
  const people = [
    { firstName: "Zoé", lastName: "L’Hôte-Šimková", email: "zoe@example.org", organisation: "CCAS d’Elbeuf" },
    { firstName: "Bruno", lastName: "Absent", email: "bruno@example.org", organisation: null },
    { firstName: "Chloé", lastName: "Excusée", email: "chloe@example.org", organisation: null },
  ];
  const regs: number[] = [];
  for (const p of people) {
    const res = register(db, {
      seriesId: r.seriesId,
      sessionIds: [session.id],
      participant: { ...p, jobTitle: null, structureType: null, territory: null, newsConsent: false },
      nowIso: BEFORE,
    });
    if (!res.ok) throw new Error(JSON.stringify(res.errors));
    regs.push(res.created[0].registrationId);
  }
  if (opts.settings !== null) {
    const saved = saveCertificateSettings(db, { seriesId: r.seriesId, input: settings(opts.settings), accountId: ACCOUNT, nowIso: BEFORE });
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  }
  const mark = (registrationId: number, attendance: "present" | "absent" | "excused" | null, nowIso = AFTER) =>
    setAttendance(db, { sessionId: session.id, changes: [{ registrationId, attendance }], accountId: ACCOUNT, nowIso });
  return { db, seriesId: r.seriesId, session, regs, mark };
}

const certificateEmails = (db: ReturnType<typeof memoryDb>) => db.select().from(t.outbox).where(eq(t.outbox.kind, "certificate")).all();

describe("the certificate PDF", () => {
  it("prints the name with its accents, the session, the date in Paris, the scheduled duration, the signatory, the code and its URL", async () => {
    const { db, seriesId, regs, mark } = setup();
    mark(regs[0], "present");
    const e = requestedCertificate(db, regs[0], { seriesId });
    if (!e.ok) throw new Error(e.message);
    const file = await certificateFile(db, e, APP, AFTER);
    expect(file.fileName).toBe("attestation-presence-rdv-1.pdf");
    expect(file.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(file.bytes.byteLength).toBeLessThan(120_000);
    const text = await pdfText(file.bytes);
    expect(await pdfPages(file.bytes)).toHaveLength(1);
    expect(text).toContain("Attestation de présence");
    expect(text).toContain("Je soussigné·e Anaïs Lefèvre, Directrice de l’IREPS, atteste que Zoé L’Hôte-Šimková (CCAS d’Elbeuf) a participé");
    expect(text).toContain("RDV #1 « Écouter, orienter » de la série « Santé des jeunes en ville »");
    expect(text).toContain("le mardi 30 mars 2027 de 9 h 30 à 12 h, soit une durée de 2 h 30.");
    expect(text).toContain("Lieu : Maison des associations, Rouen");
    expect(text).toContain("IREPS Normandie");
    const code = db.select().from(t.certificates).get()!.code;
    expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{12}$`));
    const printed = code.replace(/(.{4})(?=.)/g, "$1-");
    expect(text).toContain(`Code de vérification : ${printed}`);
    expect(text).toContain(`${APP}/attestations/${printed}`);

    // In the person's data export, with its code.
    expect(exportParticipantData(db, e.found.p.id).certificates).toEqual([{ session: "RDV #1 — Écouter, orienter", code, issuedAt: AFTER, revokedAt: null }]);

    // Downloaded again later: the same code.
    const again = await pdfText((await certificateFile(db, e, APP, "2027-05-01T10:00:00Z")).bytes);
    expect(again).toContain(printed);
    expect(db.select().from(t.certificates).all()).toHaveLength(1);
  });

  it("names the venue only for who came on site: « à distance (en ligne) » for a remote registrant of a hybrid session or of an online one", async () => {
    const db = memoryDb();
    const venue = { name: "Maison des associations", address: "Rouen" };
    const access = { provider: "Zoom", joinUrl: "https://zoom.us/j/789" };
    const file = seriesFile({
      slug: "mixte",
      title: "Mixte",
      sessions: [
        fileSession(1, "Hybride", "2027-03-30T09:30", "2027-03-30T12:00", { mode: "hybrid", capacity: 10, remoteCapacity: 10, venue, access }),
        fileSession(2, "En ligne", "2027-04-06T09:30", "2027-04-06T12:00", { mode: "online", access }),
      ],
    });
    const r = importSeries(db, file, { nowIso: BEFORE });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    db.insert(t.accounts).values({ id: ACCOUNT, email: "orga@example.org", role: "admin" }).run();
    const saved = saveCertificateSettings(db, { seriesId: r.seriesId, input: settings({ autoEmail: false }), accountId: ACCOUNT, nowIso: BEFORE });
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    const [hybrid, online] = db.select().from(t.sessions).orderBy(t.sessions.number).all();
    const registered = (email: string, sessionIds: number[], participation?: Record<number, string>) => {
      const p = {
        firstName: "Camille",
        lastName: email.split("@")[0],
        email,
        organisation: null,
        jobTitle: null,
        structureType: null,
        territory: null,
        newsConsent: false,
      };
      const res = register(db, { seriesId: r.seriesId, sessionIds, participant: p, nowIso: BEFORE, participation });
      if (!res.ok) throw new Error(JSON.stringify(res.errors));
      return res.created.map((c) => c.registrationId);
    };
    const [remote, remoteOnline] = registered("distance@example.org", [hybrid.id, online.id], { [hybrid.id]: "remote" });
    const [onsite] = registered("salle@example.org", [hybrid.id], { [hybrid.id]: "onsite" });
    const placeOf = async (registrationId: number, session: typeof hybrid) => {
      setAttendance(db, { sessionId: session.id, changes: [{ registrationId, attendance: "present" }], accountId: ACCOUNT, nowIso: "2027-04-10T10:00:00Z" });
      const e = requestedCertificate(db, registrationId, { seriesId: r.seriesId });
      if (!e.ok) throw new Error(e.message);
      return pdfText((await certificateFile(db, e, APP, "2027-04-10T10:00:00Z")).bytes);
    };
    const remoteText = await placeOf(remote, hybrid);
    expect(remoteText).toContain("Lieu : à distance (en ligne)");
    expect(remoteText).not.toContain("Maison des associations");
    expect(await placeOf(remoteOnline, online)).toContain("Lieu : à distance (en ligne)");
    expect(await placeOf(onsite, hybrid)).toContain("Lieu : Maison des associations, Rouen");
  });

  it("refuses someone absent, excusé·e, not registered or in another series, and a series without certificates — writing nothing", () => {
    const { db, seriesId, regs, mark } = setup();
    mark(regs[1], "absent");
    mark(regs[2], "excused");
    const absent = requestedCertificate(db, regs[1], { seriesId });
    expect(absent).toMatchObject({ ok: false, status: 409, reason: "not-present" });
    expect(!absent.ok && absent.message).toContain("Bruno Absent a été noté·e absent·e");
    const excused = requestedCertificate(db, regs[2], { seriesId });
    expect(!excused.ok && excused.message).toContain("a été excusé·e");
    expect(requestedCertificate(db, regs[0], { seriesId })).toMatchObject({ ok: false, status: 409 });
    expect(requestedCertificate(db, 9999, { seriesId })).toMatchObject({ ok: false, status: 404 });
    expect(requestedCertificate(db, regs[0], { seriesId: seriesId + 1 })).toMatchObject({ ok: false, status: 404 });
    // Someone else's registration, asked from a personal space.
    const zoe = db.select().from(t.registrations).where(eq(t.registrations.id, regs[0])).get()!;
    expect(requestedCertificate(db, regs[1], { participantId: zoe.participantId })).toMatchObject({ ok: false, status: 404 });
    expect(db.select().from(t.certificates).all()).toEqual([]);

    const off = setup({ settings: null });
    off.mark(off.regs[0], "present");
    expect(requestedCertificate(off.db, off.regs[0], { seriesId: off.seriesId })).toMatchObject({
      ok: false,
      status: 409,
      reason: "disabled",
      message: "Les attestations de présence ne sont pas proposées pour cette série.",
    });
    expect(off.db.select().from(t.certificates).all()).toEqual([]);
  });
});

describe("verification", () => {
  it("confirms name, session and date only; a revoked or wrong code is said so", () => {
    const { db, regs, mark } = setup();
    mark(regs[0], "present");
    const code = db.select().from(t.certificates).get()!.code;
    const dashed = code.replace(/(.{4})(?=.)/g, "$1-").toLowerCase();
    const valid = verifyCertificate(db, dashed);
    expect(valid).toEqual({
      status: "valid",
      name: "Zoé L’Hôte-Šimková",
      sessionTitle: "RDV #1 — Écouter, orienter",
      seriesTitle: "Santé des jeunes en ville",
      date: "mardi 30 mars 2027",
    });
    expect(JSON.stringify(valid)).not.toMatch(/zoe@example\.org|Elbeuf/);
    expect(verifyCertificate(db, "ABCD-EFGH-JKMN")).toEqual({ status: "unknown" });
    expect(verifyCertificate(db, "pas un code")).toEqual({ status: "unknown" });
    expect(normaliseCode("0000-1111-IIII")).toBeNull();

    mark(regs[0], "absent");
    expect(verifyCertificate(db, code)).toEqual({ status: "revoked" });
    mark(regs[0], "present");
    expect(verifyCertificate(db, code)).toMatchObject({ status: "valid" });
    // Same certificate, same code.
    expect(
      db
        .select()
        .from(t.certificates)
        .all()
        .map((c) => c.code),
    ).toEqual([code]);
  });
});

describe("settings", () => {
  it("checks each field and writes nothing on an error", () => {
    const { db, seriesId } = setup({ settings: null });
    const bad = saveCertificateSettings(db, {
      seriesId,
      input: settings({ signatoryName: "", signatoryTitle: "x".repeat(161), signature: new TextEncoder().encode("<html>pas une image</html>") }),
      accountId: ACCOUNT,
      nowIso: BEFORE,
    });
    expect(bad).toEqual({
      ok: false,
      errors: {
        signatoryName: "Indiquez le nom de la personne qui signe les attestations.",
        signatoryTitle: "160 caractères au plus (161 saisis).",
        signature: "Ce fichier n’est pas une image PNG ou JPEG. Enregistrez la signature en PNG ou en JPEG.",
      },
    });
    const big = Buffer.concat([PNG, Buffer.alloc(400 * 1024)]);
    const tooBig = saveCertificateSettings(db, { seriesId, input: settings({ signature: big }), accountId: ACCOUNT, nowIso: BEFORE });
    expect(!tooBig.ok && tooBig.errors.signature).toMatch(/^Cette image pèse .* au plus/);
    const emailOnly = saveCertificateSettings(db, { seriesId, input: settings({ enabled: false }), accountId: ACCOUNT, nowIso: BEFORE });
    expect(!emailOnly.ok && emailOnly.errors.autoEmail).toMatch(/demande que les attestations soient proposées/);
    expect(db.select().from(t.certificateSettings).all()).toEqual([]);
  });
});

describe("the certificate email", () => {
  it("leaves once, the morning after, with the PDF attached — across toggles and dispatch runs", async () => {
    const { db, regs, mark, session } = setup();
    expect(certificateEmailDueAt(session, "Europe/Paris", AFTER)).toBe(NEXT_MORNING);
    expect(certificateEmailDueAt(session, "Europe/Paris", "2027-04-02T10:00:00Z")).toBe("2027-04-02T10:00:00Z");
    mark(regs[0], "present");
    mark(regs[0], "absent", "2027-03-30T10:40:00Z");
    mark(regs[0], "present", "2027-03-30T10:50:00Z");
    mark(regs[1], "absent");
    expect(certificateEmails(db)).toHaveLength(1);
    expect(certificateEmails(db)[0]).toMatchObject({ dueAt: NEXT_MORNING, toAddress: "zoe@example.org" });

    expect((await dispatchTo(smtp, db, "2027-03-30T20:00:00Z", APP)).received.filter((m) => /attestation/i.test(m.parsed.subject ?? ""))).toEqual([]);
    const { received } = await dispatchTo(smtp, db, NEXT_MORNING, APP);
    const mails = received.filter((m) => /attestation/i.test(m.parsed.subject ?? ""));
    expect(mails).toHaveLength(1);
    const mail = mails[0];
    expect(mail.envelopeTo).toEqual(["zoe@example.org"]);
    expect(mail.parsed.subject).toBe("Votre attestation de présence — RDV #1 Écouter, orienter");
    const pdf = mail.parsed.attachments.find((a) => a.contentType === "application/pdf")!;
    expect(pdf.filename).toBe("attestation-presence-rdv-1.pdf");
    const text = await pdfText(pdf.content);
    const code = db
      .select()
      .from(t.certificates)
      .get()!
      .code.replace(/(.{4})(?=.)/g, "$1-");
    expect(text).toContain("Zoé L’Hôte-Šimková (CCAS d’Elbeuf)");
    expect(text).toContain(code);
    expect(mail.parsed.text).toContain(`${APP}/attestations/${code}`);
    expect(mail.parsed.text).toMatch(/\/moi\/[\w-]+/);

    // Toggled again and dispatched again: nothing more.
    mark(regs[0], "absent", "2027-04-01T10:00:00Z");
    mark(regs[0], "present", "2027-04-01T10:05:00Z");
    const later = await dispatchTo(smtp, db, "2027-04-02T10:00:00Z", APP);
    expect(later.received.filter((m) => /attestation/i.test(m.parsed.subject ?? ""))).toEqual([]);
    expect(certificateEmails(db)).toHaveLength(1);
  });

  it("leaves once for each person already présent·e when certificates, or their email, are turned on afterwards; never for the absent", async () => {
    const off = setup({ settings: null });
    off.mark(off.regs[0], "present");
    off.mark(off.regs[1], "absent");
    const save = (over: Partial<SettingsInput>, nowIso: string) => {
      const saved = saveCertificateSettings(off.db, { seriesId: off.seriesId, input: settings(over), accountId: ACCOUNT, nowIso });
      if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    };
    save({}, "2027-03-30T11:00:00Z");
    expect(certificateEmails(off.db).map((r) => r.toAddress)).toEqual(["zoe@example.org"]);
    // Saved again (and toggled off and on): still one email.
    save({}, "2027-03-30T11:05:00Z");
    save({ autoEmail: false }, "2027-03-30T11:10:00Z");
    save({}, "2027-03-30T11:15:00Z");
    const sent = await dispatchTo(smtp, off.db, NEXT_MORNING, APP);
    expect(sent.received.filter((m) => /attestation/i.test(m.parsed.subject ?? "")).map((m) => m.envelopeTo)).toEqual([["zoe@example.org"]]);
    save({}, "2027-04-01T08:00:00Z");
    expect((await dispatchTo(smtp, off.db, "2027-04-01T08:00:00Z", APP)).received.filter((m) => /attestation/i.test(m.parsed.subject ?? ""))).toEqual([]);
    expect(certificateEmails(off.db)).toHaveLength(1);

    // Certificates without email, then the email turned on: queued at once (the morning after has passed).
    const quiet = setup({ settings: { autoEmail: false } });
    quiet.mark(quiet.regs[0], "present");
    quiet.mark(quiet.regs[2], "excused");
    expect(certificateEmails(quiet.db)).toEqual([]);
    saveCertificateSettings(quiet.db, { seriesId: quiet.seriesId, input: settings(), accountId: ACCOUNT, nowIso: "2027-04-02T10:00:00Z" });
    const mails = (await dispatchTo(smtp, quiet.db, "2027-04-02T10:00:00Z", APP)).received.filter((m) => /attestation/i.test(m.parsed.subject ?? ""));
    expect(mails.map((m) => m.envelopeTo)).toEqual([["zoe@example.org"]]);

    // Turned off before the email left (skipped), then on again: it leaves, once.
    const toggled = setup();
    toggled.mark(toggled.regs[0], "present");
    saveCertificateSettings(toggled.db, {
      seriesId: toggled.seriesId,
      input: settings({ enabled: false, autoEmail: false }),
      accountId: ACCOUNT,
      nowIso: AFTER,
    });
    expect((await dispatchTo(smtp, toggled.db, NEXT_MORNING, APP)).received.filter((m) => /attestation/i.test(m.parsed.subject ?? ""))).toEqual([]);
    expect(certificateEmails(toggled.db)[0]).toMatchObject({ status: "cancelled" });
    saveCertificateSettings(toggled.db, { seriesId: toggled.seriesId, input: settings(), accountId: ACCOUNT, nowIso: "2027-04-01T08:00:00Z" });
    const again = (await dispatchTo(smtp, toggled.db, "2027-04-01T08:00:00Z", APP)).received.filter((m) => /attestation/i.test(m.parsed.subject ?? ""));
    expect(again.map((m) => m.envelopeTo)).toEqual([["zoe@example.org"]]);
    expect(certificateEmails(toggled.db)).toHaveLength(1);
  });

  it("is not sent to someone no longer présent·e at send time, and leaves if they are marked présent·e again", async () => {
    const { db, regs, mark } = setup();
    mark(regs[0], "present");
    mark(regs[0], "excused", "2027-03-30T18:00:00Z");
    const run = await dispatchTo(smtp, db, NEXT_MORNING, APP);
    expect(run.received.filter((m) => /attestation/i.test(m.parsed.subject ?? ""))).toEqual([]);
    expect(certificateEmails(db)[0]).toMatchObject({ status: "cancelled" });
    mark(regs[0], "present", "2027-04-01T08:00:00Z");
    const again = await dispatchTo(smtp, db, "2027-04-01T08:00:00Z", APP);
    expect(again.received.filter((m) => /attestation/i.test(m.parsed.subject ?? ""))).toHaveLength(1);
    expect(certificateEmails(db)).toHaveLength(1);
  });

  it("is kept whole in the development mailbox (no SMTP_URL): the PDF attachment is read from its stream", async () => {
    const { db, regs, mark } = setup();
    mark(regs[0], "present");
    const mailer = createMailer({ from: "Rendez-vous <rdv@example.org>", db });
    const summary = await dispatchDue(db, mailer, { appUrl: APP, now: () => NEXT_MORNING });
    mailer.close();
    expect(summary.failed).toBe(0);
    const kept = db
      .select()
      .from(t.devMailbox)
      .all()
      .filter((m) => /^Votre attestation de présence/.test(m.subject));
    expect(kept).toHaveLength(1);
    const parsed = await simpleParser(kept[0].raw);
    const pdf = parsed.attachments.find((x) => x.contentType === "application/pdf")!;
    expect(pdf.filename).toBe("attestation-presence-rdv-1.pdf");
    expect(await pdfText(pdf.content)).toContain("Zoé L’Hôte-Šimková");
  });

  it("is queued by a Zoom report import, and never when the series does not email certificates", () => {
    const { db, session } = setup();
    importAttendance(db, {
      sessionId: session.id,
      attendees: [{ name: "Zoé", email: "zoe@example.org", minutes: 140, lines: 1 }],
      accountId: ACCOUNT,
      nowIso: AFTER,
    });
    expect(certificateEmails(db).map((r) => r.toAddress)).toEqual(["zoe@example.org"]);

    const quiet = setup({ settings: { autoEmail: false } });
    quiet.mark(quiet.regs[0], "present");
    expect(certificateEmails(quiet.db)).toEqual([]);
    // The certificate itself is issued all the same (downloadable from the personal space).
    expect(quiet.db.select().from(t.certificates).all()).toHaveLength(1);
  });
});
