// Access codes end to end on the model: planner, dispatch to a real SMTP server, corrections,
// cancellations, late registrants, missed emails, the personal space.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { sessionUid } from "~/series/calendar.server";
import { personalSpace } from "~/registration/participants.server";
import { cancelRegistrations, register } from "~/registration/registrations.server";
import { importSeries } from "~/series-file/series-import.server";
import type { AppDatabase } from "~/utils/db.server";
import { memoryDb, importOrThrow } from "../helpers/db";
import { fileSession, seriesFile } from "../helpers/series-file";
import { participantInput } from "../helpers/people";
import { dispatchTo, smtpForSuite, type Received } from "../helpers/smtp";

const APP = "https://rdv.example.org";
const smtp = smtpForSuite();

const ACCESS = {
  provider: "Zoom",
  joinUrl: "https://zoom.us/j/5550001111?pwd=c2VjcmV0",
  meetingId: "555 000 1111",
  passcode: "246810",
  dialIn: [
    { label: "France (Paris)", number: "+33 1 70 37 22 46" },
    { label: "France (Lyon)", number: "+33 4 28 29 07 51" },
  ],
  instructions: "Par téléphone : l’ID de réunion puis #.",
};

function file(overrides: (f: any) => void = () => {}) {
  const rules = ["Micro coupé pendant les interventions.", "Questions par écrit, dans la discussion."];
  const sessions = [
    // Tuesday 30 March 2027, 09:30 Paris: codes due Sunday 28 March 09:00+02:00 (summer time starts that day).
    fileSession(1, "Session une", "2027-03-30T09:30", "2027-03-30T12:00", { mode: "online", capacity: 2, access: structuredClone(ACCESS) }),
    fileSession(2, "Session deux", "2027-04-13T14:00", "2027-04-13T16:00", { mode: "online", access: null }),
  ];
  return seriesFile({ slug: "codes", title: "Série des codes", rules, sessions }, overrides);
}

const DUE = "2027-03-28T07:00:00Z";
const BEFORE = "2027-03-20T10:00:00Z";

function setup() {
  const db = memoryDb();
  const r = importOrThrow(db, file(), { nowIso: BEFORE });
  const sessions = db.select().from(t.sessions).orderBy(t.sessions.number).all();
  const s1 = sessions[0];
  /** Registers `email` to session 1. */
  const toS1 = (email: string, nowIso = BEFORE) => register(db, { seriesId: r.seriesId, sessionIds: [s1.id], participant: person(email), nowIso });
  /** Imports the series file again with `change` made to it, at `nowIso`. */
  const reimport = (change: (f: any) => void, nowIso: string) => importSeries(db, file(change), { nowIso });
  return { db, seriesId: r.seriesId, s1, s2: sessions[1], toS1, reimport };
}

const person = (email: string) => participantInput(email, "Zoé", "Test");

async function dispatchAt(db: AppDatabase, nowIso: string): Promise<Received[]> {
  const { received } = await dispatchTo(smtp, db, nowIso, APP);
  return received;
}
const codesMails = (list: Received[]) => list.filter((m) => /codes d’accès|Rectificatif/.test(m.parsed.subject ?? ""));

describe("the access-codes email", () => {
  it("goes to confirmed registrants only, at the due instant, not a minute before", async () => {
    const { db, s1, toS1 } = setup();
    expect(s1.accessCodesDueAt).toBe(DUE);
    for (const email of ["a@example.org", "b@example.org", "c@example.org"]) toS1(email);
    await dispatchAt(db, BEFORE); // confirmations
    expect(codesMails(await dispatchAt(db, "2027-03-28T06:59:00Z"))).toHaveLength(0);
    const sent = codesMails(await dispatchAt(db, DUE));
    expect(sent.map((m) => m.envelopeTo[0]).sort()).toEqual(["a@example.org", "b@example.org"]); // c is on the waiting list
    expect(codesMails(await dispatchAt(db, "2027-03-28T08:00:00Z"))).toHaveLength(0); // once
  });

  it("carries the link, meeting ID, passcode, one-tap dial-in, the rules and a private .ics, in both parts", async () => {
    const { db, s1, toS1 } = setup();
    toS1("content@example.org");
    await dispatchAt(db, BEFORE);
    const [mail] = codesMails(await dispatchAt(db, DUE));
    const text = mail.parsed.text!;
    const html = mail.parsed.html as string;
    expect(mail.parsed.subject).toBe("Vos codes d’accès : RDV #1, mardi 30 mars 2027, 9 h 30 – 12 h");
    for (const part of [text, html]) {
      expect(part).toContain(ACCESS.joinUrl);
      expect(part).toContain("555 000 1111");
      expect(part).toContain("246810");
      expect(part).toContain("+33170372246,,5550001111#,,,,246810#");
      expect(part).toMatch(/Connectez-vous 10 minutes avant/);
      expect(part).toContain("Micro coupé pendant les interventions.");
      expect(part).toContain(`${APP}/series/codes/sessions/s1`);
      expect(part).toMatch(/\/moi\/[\w-]+/);
    }
    expect(html).toContain('href="tel:+33170372246,,5550001111%23,,,,246810%23"');
    expect(mail.raw).toMatch(/^Content-Type: multipart\/alternative/m);
    const ics = mail.parsed.attachments.find((a) => a.contentType === "text/calendar")!.content.toString();
    const unfolded = ics.replace(/\r?\n[ \t]/g, "");
    expect(unfolded).toContain(`UID:${sessionUid(s1.id, APP)}`);
    expect(unfolded).toMatch(/^SEQUENCE:1\r?$/m); // the public copy's is 0 (calendarSequence)
    expect(unfolded).toContain(ACCESS.joinUrl);
    expect(unfolded).toMatch(/^DTSTART:20270330T073000Z\r?$/m);
  });

  it("reaches a late registrant and a promoted person at once, before the session ends", async () => {
    const { db, seriesId, s1, toS1 } = setup();
    const a = toS1("early@example.org");
    toS1("early2@example.org");
    toS1("waiting@example.org");
    await dispatchAt(db, DUE);
    // After the due instant a seat frees up: the first on the waiting list is promoted and gets the codes now.
    const later = "2027-03-29T15:00:00Z";
    if (!a.ok) throw new Error();
    cancelRegistrations(db, { participantId: a.participantId, nowIso: later });
    const mails = await dispatchAt(db, later);
    expect(mails.map((m) => [m.envelopeTo[0], m.parsed.subject?.split(" :")[0]])).toEqual(
      expect.arrayContaining([
        ["waiting@example.org", "Une place s’est libérée"],
        ["waiting@example.org", "Vos codes d’accès"],
      ]),
    );
    // Somebody registering the evening before (capacity raised) gets them with the confirmation.
    db.update(t.sessions).set({ capacity: 10 }).where(eq(t.sessions.id, s1.id)).run();
    const eve = "2027-03-29T19:00:00Z";
    register(db, { seriesId, sessionIds: [s1.id], participant: person("eve@example.org"), nowIso: eve });
    const mails2 = await dispatchAt(db, eve);
    expect(mails2.map((m) => [m.envelopeTo[0], m.parsed.subject?.split(" ")[0]]).sort()).toEqual([
      ["eve@example.org", "Inscription"],
      ["eve@example.org", "Vos"],
    ]);
  });

  it("marks as missed the codes that could not leave before the start (server down), and sends nothing after", async () => {
    const { db, toS1 } = setup();
    toS1("down@example.org");
    await dispatchAt(db, BEFORE);
    // The server comes back at 10:00 on the day, after the 09:30 start.
    expect(codesMails(await dispatchAt(db, "2027-03-30T08:00:00Z"))).toHaveLength(0);
    const row = db.select().from(t.outbox).where(eq(t.outbox.kind, "access-codes")).get()!;
    expect(row).toMatchObject({ status: "missed", dueAt: DUE });
  });

  it("after downtime, late codes still go out while the session has not started", async () => {
    const { db, toS1 } = setup();
    toS1("late@example.org");
    expect(codesMails(await dispatchAt(db, "2027-03-30T07:00:00Z")).map((m) => m.envelopeTo[0])).toEqual(["late@example.org"]);
  });
});

describe("the personal space", () => {
  it("shows the codes from the due instant on, never before, and only for a confirmed registration", () => {
    const { db, seriesId, s1, toS1 } = setup();
    const r = toS1("space@example.org");
    const w = register(db, { seriesId, sessionIds: [s1.id, s1.id], participant: person("space2@example.org"), nowIso: BEFORE });
    toS1("space3@example.org"); // waiting
    if (!r.ok || !w.ok) throw new Error();
    const codesAt = (participantId: number, now: string) => personalSpace(db, participantId, now)[0].registrations[0].codes;
    expect(codesAt(r.participantId, "2027-03-28T06:59:59Z")).toBeNull();
    expect(codesAt(r.participantId, DUE)).toMatchObject({ passcode: "246810", meetingId: "555 000 1111" });
    const waiting = db.select().from(t.participants).where(eq(t.participants.email, "space3@example.org")).get()!;
    expect(codesAt(waiting.id, DUE)).toBeNull();
  });
});

describe("corrections and cancellations", () => {
  it("before the send, a change of codes sends nothing extra: the J-2 email carries the new details", async () => {
    const { db, toS1, reimport } = setup();
    toS1("x@example.org");
    await dispatchAt(db, BEFORE);
    reimport((f) => (f.sessions[0].access.passcode = "135790"), "2027-03-25T10:00:00Z");
    const mails = await dispatchAt(db, DUE);
    expect(mails).toHaveLength(1);
    expect(mails[0].parsed.text).toContain("135790");
    expect(mails[0].parsed.text).not.toContain("246810");
  });

  it("after the send, a change of codes sends one rectificatif per person, once per revision", async () => {
    const { db, toS1 } = setup();
    for (const email of ["r1@example.org", "r2@example.org"]) toS1(email);
    await dispatchAt(db, DUE);
    const changed = file((f) => (f.sessions[0].access.passcode = "999111"));
    importSeries(db, changed, { nowIso: "2027-03-29T10:00:00Z" });
    importSeries(db, changed, { nowIso: "2027-03-29T10:05:00Z" }); // same revision: nothing new
    const mails = await dispatchAt(db, "2027-03-29T10:10:00Z");
    expect(mails.map((m) => m.envelopeTo[0]).sort()).toEqual(["r1@example.org", "r2@example.org"]);
    expect(mails[0].parsed.subject).toBe("Rectificatif : RDV #1 — Session une");
    expect(mails[0].parsed.text).toMatch(/les codes de connexion .* ont changé/);
    expect(mails[0].parsed.text).toContain("999111");
    const ics = mails[0].parsed.attachments[0].content.toString();
    expect(ics).toMatch(/^SEQUENCE:3\r?$/m); // above the first private copy (1) and the public one after the change (2)
  });

  it("after the send, a change of time sends a rectificatif with the new time and a higher SEQUENCE", async () => {
    const { db, toS1, reimport } = setup();
    toS1("time@example.org");
    await dispatchAt(db, DUE);
    reimport((f) => ((f.sessions[0].start = "2027-03-30T10:00"), (f.sessions[0].end = "2027-03-30T12:30")), "2027-03-29T09:00:00Z");
    const [mail] = await dispatchAt(db, "2027-03-29T09:00:00Z");
    expect(mail.parsed.text).toMatch(/la date ou l’horaire/);
    expect(mail.parsed.text).toContain("mardi 30 mars 2027, 10 h – 12 h 30");
    // The rectificatif says what it was and what it is now.
    expect(mail.parsed.text).toContain("- Date et horaire : mardi 30 mars 2027, 9 h 30 – 12 h → mardi 30 mars 2027, 10 h – 12 h 30");
    expect(mail.parsed.html).toMatch(/line-through">mardi 30 mars 2027, 9 h 30 – 12 h<\/span> → <strong>mardi 30 mars 2027, 10 h – 12 h 30<\/strong>/);
    const ics = mail.parsed.attachments[0].content.toString();
    expect(ics).toMatch(/^SEQUENCE:3\r?$/m);
    expect(ics).toMatch(/^DTSTART:20270330T080000Z\r?$/m);
  });

  it("a cancelled session cancels its pending codes and tells registrants and the waiting list once, with STATUS:CANCELLED", async () => {
    const { db, toS1 } = setup();
    for (const email of ["k1@example.org", "k2@example.org", "k3@example.org"]) toS1(email);
    await dispatchAt(db, BEFORE);
    const cancelled = file((f) => (f.sessions[0].status = "cancelled"));
    importSeries(db, cancelled, { nowIso: "2027-03-26T10:00:00Z" });
    importSeries(db, cancelled, { nowIso: "2027-03-26T11:00:00Z" });
    const mails = await dispatchAt(db, "2027-03-26T11:00:00Z");
    expect(mails.map((m) => m.envelopeTo[0]).sort()).toEqual(["k1@example.org", "k2@example.org", "k3@example.org"]);
    expect(mails[0].parsed.subject).toBe("Annulation : RDV #1 — Session une");
    expect(mails[0].parsed.attachments[0].content.toString()).toMatch(/^STATUS:CANCELLED\r?$/m);
    // No codes at J-2 any more.
    expect(await dispatchAt(db, DUE)).toHaveLength(0);
  });

  it("a postponed session tells its registrants the new date", async () => {
    const { db, toS1, reimport } = setup();
    toS1("p@example.org");
    await dispatchAt(db, BEFORE);
    reimport(
      (f) => ((f.sessions[0].status = "postponed"), (f.sessions[0].start = "2027-05-04T09:30"), (f.sessions[0].end = "2027-05-04T12:00")),
      "2027-03-26T10:00:00Z",
    );
    const [mail] = await dispatchAt(db, "2027-03-26T10:00:00Z");
    expect(mail.parsed.subject).toBe("Report : RDV #1 — Session une");
    expect(mail.parsed.text).toContain("Nouvelle date : mardi 4 mai 2027, 9 h 30 – 12 h");
  });
});
