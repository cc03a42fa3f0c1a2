// Check-in at the door (app/check-in/): codes unique and stable; the door's hours in the series'
// zone; marking present by code or row, its refusals (unknown code, another session's code, already
// present, cancelled, waiting list, remote) leaving the database unchanged; two organisers on two
// connections checking the same person at once (counted once); accent-insensitive search; the undo;
// the walk-in; and the practical-information email carrying the code and a QR that decodes to it.
import { spawn } from "node:child_process";
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { ensureAdmin } from "~/accounts/accounts.server";
import { addWalkIn, checkInByCode, checkInRegistration, doorList, undoCheckIn, type DoorContext } from "~/check-in/check-in.server";
import { CODE_ALPHABET, CODE_LENGTH, codesOf, ensureSessionCodes, formatCode } from "~/check-in/check-in-codes.server";
import { filterRows } from "~/check-in/door-search";
import { doorRefusal } from "~/check-in/door.server";
import { personalCheckIns } from "~/check-in/personal-check-ins.server";
import { saveCertificateSettings } from "~/certificates/certificate-settings.server";
import { issuedCertificate } from "~/certificates/certificates.server";
import { readWalkIn } from "~/check-in/walk-in-form.server";
import { cancelRegistrations, register } from "~/registration/registrations.server";
import type { AppDatabase } from "~/utils/db.server";
import { fileDb, importOrThrow } from "../helpers/db";
import { participantInput } from "../helpers/people";
import { fileSession, seriesFile } from "../helpers/series-file";
import { decodeQrPng } from "../helpers/qr";
import { dispatchTo, smtpForSuite } from "../helpers/smtp";

const APP = "https://rdv.example.org";
const smtp = smtpForSuite();
const BEFORE = "2027-03-20T10:00:00Z";
/** 10 h 02 in Paris on the day of RDV #1 (summer time since 28 March). */
const AT_DOOR = "2027-03-30T08:02:00Z";
const VENUE = { name: "Salle des fêtes", address: "2 place de la Mairie, 76000 Rouen" };
const hybrid = (capacity: number, remoteCapacity: number) => ({
  mode: "hybrid",
  capacity,
  remoteCapacity,
  venue: VENUE,
  access: { provider: "Zoom", joinUrl: "https://zoom.us/j/123" },
});

let cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
});

function setup() {
  const { db, file, cleanup } = fileDb();
  cleanups.push(cleanup);
  const sessions = [
    fileSession(1, "Journée santé", "2027-03-30T09:30", "2027-03-30T16:30", { mode: "in-person", capacity: 3, venue: VENUE }),
    fileSession(2, "Restitution", "2027-04-20T09:30", "2027-04-20T12:00", hybrid(10, 10)),
  ];
  const { seriesId } = importOrThrow(db, seriesFile({ slug: "journees", title: "Journées", mode: "in-person", sessions }), { nowIso: BEFORE });
  const [s1, s2] = db.select().from(t.sessions).orderBy(t.sessions.number).all();
  ensureAdmin(db, "orga@example.org");
  const accountId = db.select().from(t.accounts).get()!.id;
  const reg = (email: string, first: string, last: string, sessionIds: number[], participation?: Record<number, string>) => {
    const r = register(db, { seriesId, sessionIds, participant: participantInput(email, first, last), nowIso: BEFORE, participation });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r;
  };
  const helene = reg("helene@example.org", "Hélène", "Dupont", [s1.id, s2.id], { [s2.id]: "onsite" }).created;
  const marie = reg("mh@example.org", "Marie-Hélène", "N’Diaye", [s1.id, s2.id], { [s2.id]: "remote" }).created;
  const zoe = reg("zoe@example.org", "Zoé", "Martin", [s1.id]).created;
  const waiting = reg("attente@example.org", "Paul", "Attente", [s1.id]).created; // capacity 3: waiting list
  const ctx = (nowIso = AT_DOOR, session = s1): DoorContext => ({ session, zone: "Europe/Paris", accountId, nowIso });
  return { db, file, seriesId, s1, s2, accountId, helene, marie, zoe, waiting, ctx };
}

const codeOf = (db: AppDatabase, registrationId: number) => codesOf(db, [registrationId]).get(registrationId)!;
const attendance = (db: AppDatabase, registrationId: number) =>
  db.select({ a: t.registrations.attendance }).from(t.registrations).where(eq(t.registrations.id, registrationId)).get()!.a;
/** Everything a refusal must leave as it was. */
const snapshot = (db: AppDatabase) => ({
  registrations: db.select().from(t.registrations).all(),
  checkIns: db.select().from(t.checkIns).all(),
  participants: db.select().from(t.participants).all(),
  audit: db.select().from(t.auditLog).all().length,
  outbox: db.select().from(t.outbox).all().length,
});

describe("check-in codes", () => {
  it("every registration gets one at registration: 8 characters of the alphabet, all different, unchanged by cancelling and registering again", () => {
    const { db, s1, helene, zoe } = setup();
    const all = db.select().from(t.checkIns).all();
    expect(all).toHaveLength(db.select().from(t.registrations).all().length);
    for (const c of all) expect(c.code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`));
    expect(new Set(all.map((c) => c.code)).size).toBe(all.length);
    expect(CODE_ALPHABET).not.toMatch(/[0O1IL]/);

    const before = codeOf(db, zoe[0].registrationId);
    cancelRegistrations(db, { participantId: db.select().from(t.participants).where(eq(t.participants.email, "zoe@example.org")).get()!.id, nowIso: BEFORE });
    const again = register(db, {
      seriesId: s1.seriesId,
      sessionIds: [s1.id],
      participant: participantInput("zoe@example.org", "Zoé", "Martin"),
      nowIso: BEFORE,
    });
    expect(again.ok && again.created[0].registrationId).toBe(zoe[0].registrationId);
    expect(codeOf(db, zoe[0].registrationId)).toBe(before);
    // Registrations from before check-in existed get theirs once, when the page opens.
    db.delete(t.checkIns).where(eq(t.checkIns.registrationId, helene[0].registrationId)).run();
    expect(ensureSessionCodes(db, s1.id)).toBe(1);
    expect(ensureSessionCodes(db, s1.id)).toBe(0);
    expect(codeOf(db, helene[0].registrationId)).toMatch(/^[A-Z2-9]{8}$/);
  });

  it("are shown in the personal space only for sessions the person comes to on site", () => {
    const { db, helene, marie } = setup();
    const pid = (email: string) => db.select().from(t.participants).where(eq(t.participants.email, email)).get()!.id;
    const hers = personalCheckIns(db, pid("helene@example.org"), BEFORE);
    expect(hers.map((c) => c.number)).toEqual([1, 2]);
    expect(hers[0].code).toBe(formatCode(codeOf(db, helene[0].registrationId)));
    expect(hers[0].qr).toMatch(/^data:image\/svg\+xml;base64,/);
    // Marie-Hélène joins RDV #2 remotely: only RDV #1's code.
    expect(personalCheckIns(db, pid("mh@example.org"), BEFORE).map((c) => c.registrationId)).toEqual([marie[0].registrationId]);
  });
});

describe("the door's hours", () => {
  it("open at midnight of the session's day in Paris and close at the end of the day it ends", () => {
    const { s1 } = setup();
    expect(doorRefusal(s1, "Europe/Paris", "2027-03-29T21:59:00Z")).toMatch(/^L’accueil ouvre le mardi 30 mars 2027 à 0\u00a0h/);
    expect(doorRefusal(s1, "Europe/Paris", "2027-03-29T22:00:00Z")).toBeNull();
    expect(doorRefusal(s1, "Europe/Paris", "2027-03-30T21:59:00Z")).toBeNull();
    expect(doorRefusal(s1, "Europe/Paris", "2027-03-30T22:00:01Z")).toMatch(/passée/);
    expect(doorRefusal({ ...s1, status: "cancelled" }, "Europe/Paris", AT_DOOR)).toMatch(/annulée/);
  });
});

describe("marking present", () => {
  it("by code: présent·e, audited, counted once; a second scan says when it was done", () => {
    const { db, helene, ctx, s1 } = setup();
    const code = formatCode(codeOf(db, helene[0].registrationId)).toLowerCase(); // typed in lower case, with its dash
    const first = checkInByCode(db, ctx(), code);
    expect(first).toMatchObject({ ok: true, message: "Hélène Dupont est enregistré·e présent·e, à 10\u00a0h\u00a002." });
    expect(attendance(db, helene[0].registrationId)).toBe("present");
    expect(doorList(db, s1, "Europe/Paris").counts).toEqual({ present: 1, expected: 3 });
    const audits = db.select().from(t.auditLog).where(eq(t.auditLog.action, "attendance")).all();
    expect(audits.map((a) => (a.detail as { source: string }).source)).toEqual(["door"]);

    const before = snapshot(db);
    const second = checkInByCode(db, ctx("2027-03-30T08:30:00Z"), code);
    expect(second).toMatchObject({ ok: false, reason: "already", message: "Hélène Dupont est déjà enregistré·e, à 10\u00a0h\u00a002." });
    expect(snapshot(db)).toEqual(before);
    expect(doorList(db, s1, "Europe/Paris").counts).toEqual({ present: 1, expected: 3 });
  });

  it("refuses, changing nothing: an unknown code, a code of another session, the waiting list, a cancelled registration, a remote one, the door closed", () => {
    const { db, helene, marie, zoe, ctx, s2, seriesId, s1 } = setup();
    // Zoé's cancellation gives her seat to Paul; Anne stays on the waiting list.
    const anne = register(db, { seriesId, sessionIds: [s1.id], participant: participantInput("anne@example.org", "Anne", "Deux"), nowIso: BEFORE });
    const waiting = anne.ok ? anne.created : [];
    cancelRegistrations(db, {
      participantId: db.select().from(t.participants).where(eq(t.participants.email, "zoe@example.org")).get()!.id,
      nowIso: BEFORE,
    });
    const before = snapshot(db);
    expect(checkInByCode(db, ctx(), "ZZZZ-ZZZZ")).toMatchObject({ ok: false, reason: "unknown", message: expect.stringMatching(/^Code inconnu/) });
    expect(checkInByCode(db, ctx(), "bonjour")).toMatchObject({
      ok: false,
      reason: "unknown",
      message: expect.stringContaining("n’est pas un code d’accueil"),
    });
    expect(checkInByCode(db, ctx(), codeOf(db, helene[1].registrationId))).toMatchObject({
      ok: false,
      reason: "other-session",
      message: "Ce code est celui d’une inscription au RDV #2 «\u00a0Restitution\u00a0», pas à cette rencontre-ci\u00a0: personne n’a été enregistré·e.",
    });
    expect(checkInByCode(db, ctx(), codeOf(db, waiting[0].registrationId))).toMatchObject({
      ok: false,
      reason: "waiting",
      message: expect.stringContaining("liste d’attente"),
    });
    expect(checkInByCode(db, ctx(), codeOf(db, zoe[0].registrationId))).toMatchObject({
      ok: false,
      reason: "cancelled",
      message: expect.stringContaining("annulée"),
    });
    expect(checkInByCode(db, ctx("2027-04-20T07:00:00Z", s2), codeOf(db, marie[1].registrationId))).toMatchObject({ ok: false, reason: "remote" });
    expect(checkInByCode(db, ctx("2027-03-29T12:00:00Z"), codeOf(db, helene[0].registrationId))).toMatchObject({
      ok: false,
      reason: "closed",
      message: expect.stringMatching(/^L’accueil ouvre le mardi 30 mars 2027/),
    });
    expect(snapshot(db)).toEqual(before);
  });

  it("by row, and undone: attendance back to unknown, the code still valid", () => {
    const { db, marie, ctx, s1 } = setup();
    expect(checkInRegistration(db, ctx(), marie[0].registrationId).ok).toBe(true);
    const undone = undoCheckIn(db, ctx(), marie[0].registrationId);
    expect(undone).toMatchObject({ ok: true, message: "Présence de Marie-Hélène N’Diaye annulée." });
    expect(attendance(db, marie[0].registrationId)).toBeNull();
    expect(db.select().from(t.checkIns).where(eq(t.checkIns.registrationId, marie[0].registrationId)).get()!.checkedInAt).toBeNull();
    expect(doorList(db, s1, "Europe/Paris").counts.present).toBe(0);
    expect(checkInByCode(db, ctx("2027-03-30T09:00:00Z"), codeOf(db, marie[0].registrationId))).toMatchObject({ ok: true });
    expect(undoCheckIn(db, ctx(), marie[1].registrationId)).toMatchObject({ ok: false }); // another session's registration
  });

  it("is not undone once the door has closed: refused with the door's message, nothing changed", () => {
    const { db, zoe, ctx, s1 } = setup();
    expect(checkInRegistration(db, ctx(), zoe[0].registrationId).ok).toBe(true);
    const late = "2027-03-31T08:00:00Z"; // the next morning
    const message = doorRefusal(s1, "Europe/Paris", late)!;
    expect(message).toMatch(/l’accueil est fermé/);
    const before = snapshot(db);
    expect(undoCheckIn(db, ctx(late), zoe[0].registrationId)).toEqual({ ok: false, reason: "closed", message });
    expect(snapshot(db)).toEqual(before);
    expect(attendance(db, zoe[0].registrationId)).toBe("present");
  });

  it("two organisers on two connections checking the same person at once: one wins, the other is told, counted once", async () => {
    const { db, file, helene, s1, accountId } = setup();
    const code = codeOf(db, helene[0].registrationId);
    const racers = [0, 1].map(() => {
      const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/check-in-racer.ts", file, String(s1.id), code, String(accountId), AT_DOOR], {
        stdio: ["pipe", "pipe", "inherit"],
      });
      let out = "";
      const ready = new Promise<void>((resolve) => child.stdout.on("data", (b: Buffer) => ((out += b.toString()), out.includes("ready\n") && resolve())));
      const done = new Promise<string>((resolve) => child.on("exit", () => resolve(out)));
      return { child, ready, done };
    });
    await Promise.all(racers.map((r) => r.ready));
    for (const r of racers) r.child.stdin.write("go\n");
    const outcomes = (await Promise.all(racers.map((r) => r.done))).map((out) => JSON.parse(out.split("\n")[1]));
    expect(outcomes.map((o) => o.ok).sort()).toEqual([false, true]);
    expect(outcomes.find((o) => !o.ok)).toMatchObject({ reason: "already", message: "Hélène Dupont est déjà enregistré·e, à 10\u00a0h\u00a002." });
    expect(doorList(db, s1, "Europe/Paris").counts.present).toBe(1);
    const doorAudits = db
      .select()
      .from(t.auditLog)
      .where(and(eq(t.auditLog.action, "attendance"), eq(t.auditLog.entityId, String(s1.id))))
      .all();
    expect(doorAudits).toHaveLength(1);
  }, 30_000);
});

describe("the attendance certificate", () => {
  it("is issued by a présence noted at the door, revoked by its undo, and its email queued once (series offering them)", () => {
    const { db, seriesId, helene, ctx, accountId } = setup();
    const saved = saveCertificateSettings(db, {
      seriesId,
      input: {
        enabled: true,
        autoEmail: true,
        signatoryName: "Anaïs Lefèvre",
        signatoryTitle: "Directrice",
        organisationName: "IREPS",
        signature: null,
        removeSignature: false,
      },
      accountId,
      nowIso: BEFORE,
    });
    expect(saved.ok).toBe(true);
    const id = helene[0].registrationId;
    expect(issuedCertificate(db, id)).toBeNull();
    expect(checkInRegistration(db, ctx(), id).ok).toBe(true);
    const issued = issuedCertificate(db, id)!;
    expect(issued.revokedAt).toBeNull();
    const certificateEmails = () => db.select().from(t.outbox).where(eq(t.outbox.kind, "certificate")).all();
    expect(certificateEmails().map((e) => e.toAddress)).toEqual(["helene@example.org"]);
    expect(undoCheckIn(db, ctx(), id).ok).toBe(true);
    expect(issuedCertificate(db, id)!.revokedAt).not.toBeNull();
    expect(checkInRegistration(db, ctx("2027-03-30T09:00:00Z"), id).ok).toBe(true);
    expect(issuedCertificate(db, id)).toMatchObject({ code: issued.code, revokedAt: null });
    expect(certificateEmails()).toHaveLength(1);
  });
});

describe("the search", () => {
  it("ignores accents, case and punctuation, within the session's on-site registrants", () => {
    const { db, s1, s2 } = setup();
    const names = (q: string, session = s1) => filterRows(doorList(db, session, "Europe/Paris").rows, q).map((r) => `${r.firstName} ${r.lastName}`);
    expect(names("helene")).toEqual(["Hélène Dupont", "Marie-Hélène N’Diaye"]);
    expect(names("HÉLÈNE dup")).toEqual(["Hélène Dupont"]);
    expect(names("n diaye")).toEqual(["Marie-Hélène N’Diaye"]);
    expect(names("attente")).toEqual([]); // the waiting list is not expected at the door
    expect(names("", s2)).toEqual(["Hélène Dupont"]); // Marie-Hélène joins RDV #2 remotely
  });
});

describe("a walk-in", () => {
  it("is refused field by field when the form is wrong, nothing created", () => {
    const form = new FormData();
    form.set("firstName", " ");
    form.set("lastName", "Durand");
    form.set("email", "pas-une-adresse");
    const read = readWalkIn(form);
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.errors).toEqual({
        firstName: "Indiquez le prénom de la personne.",
        email: "L’adresse e-mail n’est pas valide\u00a0: elle doit ressembler à prenom.nom@exemple.fr.",
      });
      expect(read.values.lastName).toBe("Durand");
    }
  });

  it("becomes a confirmed on-site registrant, present, over capacity, with no confirmation email; after the start, the J-2 email is never sent", async () => {
    const { db, s1, ctx } = setup();
    await dispatchTo(smtp, db, BEFORE, APP); // the confirmations of the registrations above
    const outcome = addWalkIn(db, ctx(), { firstName: "Léa", lastName: "Sur-Place", email: " Lea@Example.org ", organisation: "CCAS" });
    expect(outcome).toMatchObject({ ok: true, message: "Léa Sur-Place est enregistré·e présent·e, à 10\u00a0h\u00a002." });
    const r = db
      .select()
      .from(t.registrations)
      .innerJoin(t.participants, eq(t.participants.id, t.registrations.participantId))
      .where(eq(t.participants.email, "lea@example.org"))
      .get()!;
    expect(r.registrations).toMatchObject({ status: "confirmed", participation: "onsite", attendance: "present" });
    expect(db.select().from(t.checkIns).where(eq(t.checkIns.registrationId, r.registrations.id)).get()).toMatchObject({ walkIn: true });
    expect(doorList(db, s1, "Europe/Paris").counts).toEqual({ present: 1, expected: 4 }); // capacity 3
    expect(db.select().from(t.outbox).where(eq(t.outbox.participantId, r.participants.id)).all()).toEqual([]);

    const { received } = await dispatchTo(smtp, db, "2027-03-30T08:05:00Z", APP);
    expect(received.filter((m) => m.envelopeTo.includes("lea@example.org"))).toEqual([]);
    const rows = db.select().from(t.outbox).where(eq(t.outbox.participantId, r.participants.id)).all();
    expect(rows.every((row) => row.status !== "sent")).toBe(true);

    // The same person again: already there, nothing added.
    const before = snapshot(db);
    expect(addWalkIn(db, ctx(), { firstName: "Léa", lastName: "Sur-Place", email: "lea@example.org", organisation: null })).toMatchObject({
      ok: false,
      reason: "already",
    });
    expect(snapshot(db)).toEqual(before);
  });
  it("finds a registered on-site person: checked in, not labelled as an unregistered walk-in", () => {
    const { db, s1, helene, ctx } = setup();
    const audits = db.select().from(t.auditLog).all().length;
    const outcome = addWalkIn(db, ctx(), { firstName: "Hélène", lastName: "Dupont", email: "helene@example.org", organisation: null });
    expect(outcome).toMatchObject({ ok: true, registrationId: helene[0].registrationId });
    expect(attendance(db, helene[0].registrationId)).toBe("present");
    expect(db.select().from(t.checkIns).where(eq(t.checkIns.registrationId, helene[0].registrationId)).get()).toMatchObject({ walkIn: false });
    expect(doorList(db, s1, "Europe/Paris").rows.find((r) => r.registrationId === helene[0].registrationId)).toMatchObject({ present: true, walkIn: false });
    expect(
      db
        .select()
        .from(t.auditLog)
        .all()
        .filter((a) => a.action === "walk-in"),
    ).toEqual([]);
    expect(db.select().from(t.auditLog).all().length).toBeGreaterThan(audits); // the présence itself is audited
  });

  it("who had a remote seat of a full hybrid session frees it: the first person waiting for a remote seat is promoted and told", () => {
    const { db, accountId } = setup();
    const file = seriesFile({
      slug: "hybride",
      title: "Hybride",
      mode: "hybrid",
      sessions: [fileSession(1, "Atelier", "2027-04-20T09:30", "2027-04-20T12:00", hybrid(5, 1))],
    });
    const { seriesId } = importOrThrow(db, file, { nowIso: BEFORE });
    const session = db.select().from(t.sessions).where(eq(t.sessions.seriesId, seriesId)).get()!;
    const reg = (email: string, first: string) => {
      const r = register(db, {
        seriesId,
        sessionIds: [session.id],
        participant: participantInput(email, first, "Distance"),
        nowIso: BEFORE,
        participation: { [session.id]: "remote" },
      });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      return r.created[0].registrationId;
    };
    const remote = reg("remote@example.org", "Rémi");
    const next = reg("next@example.org", "Nina");
    const status = (id: number) => db.select().from(t.registrations).where(eq(t.registrations.id, id)).get()!;
    expect(status(next).status).toBe("waiting");
    // 7 h in Paris on the day: the door is open, the session has not started.
    const ctx: DoorContext = { session, zone: "Europe/Paris", accountId, nowIso: "2027-04-20T05:00:00Z" };
    expect(addWalkIn(db, ctx, { firstName: "Rémi", lastName: "Distance", email: "remote@example.org", organisation: null })).toMatchObject({ ok: true });
    expect(status(remote)).toMatchObject({ status: "confirmed", participation: "onsite", attendance: "present" });
    expect(db.select().from(t.checkIns).where(eq(t.checkIns.registrationId, remote)).get()).toMatchObject({ walkIn: true });
    expect(status(next)).toMatchObject({ status: "confirmed", participation: "remote" });
    expect(
      db
        .select()
        .from(t.outbox)
        .where(and(eq(t.outbox.kind, "promotion"), eq(t.outbox.toAddress, "next@example.org")))
        .all(),
    ).toHaveLength(1);
  });
});

describe("the practical-information email", () => {
  it("carries the code and its QR as an inline image that decodes back to the code; the remote one has neither", async () => {
    const { db, helene, marie } = setup();
    await dispatchTo(smtp, db, BEFORE, APP);
    const { received } = await dispatchTo(smtp, db, "2027-04-18T07:00:00Z", APP); // RDV #2's J-2 emails
    const hers = received.find((m) => m.envelopeTo.includes("helene@example.org"))!;
    const code = formatCode(codeOf(db, helene[1].registrationId));
    expect(hers.parsed.subject).toMatch(/^Informations pratiques/);
    expect(hers.parsed.text).toContain(`VOTRE CODE D’ACCUEIL\u00a0: ${code}`);
    const qr = hers.parsed.attachments.find((a) => a.contentType === "image/png")!;
    expect(qr.cid).toBeTruthy();
    // mailparser puts the attachment in place of its cid: reference, only when they match.
    expect(hers.parsed.html).toContain(`src="data:image/png;base64,${qr.content.toString("base64")}"`);
    expect(formatCode(decodeQrPng(qr.content))).toBe(code);

    const remote = received.find((m) => m.envelopeTo.includes("mh@example.org"))!;
    expect(remote.parsed.subject).toMatch(/codes d’accès/);
    expect(remote.parsed.text).not.toContain(formatCode(codeOf(db, marie[1].registrationId)));
    expect(remote.parsed.attachments.some((a) => a.contentType === "image/png")).toBe(false);
  });
});
