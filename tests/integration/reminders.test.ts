// Reminders end to end on the model: the planner at every dispatch run, a real SMTP server, late
// registrants, the waiting list, a cancelled or moved session, downtime, in-person sessions.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { eraseParticipant } from "~/registration/participants.server";
import { cancelRegistrations, register } from "~/registration/registrations.server";
import { importSeries } from "~/series-file/series-import.server";
import type { AppDatabase } from "~/utils/db.server";
import { memoryDb, importOrThrow } from "../helpers/db";
import { fileSession, seriesFile } from "../helpers/series-file";
import { participantInput } from "../helpers/people";
import { dispatchTo, smtpForSuite, type Received } from "../helpers/smtp";

const APP = "https://rdv.example.org";
const smtp = smtpForSuite();

const ACCESS = { provider: "Zoom", joinUrl: "https://zoom.us/j/5550001111", meetingId: "555 000 1111", passcode: "246810", dialIn: [], instructions: null };

// Monday 29 March 2027, 10:00 Paris (08:00 UTC), the day after summer time starts.
function file(change: (f: any) => void = () => {}) {
  const venue = { name: "Maison des associations", address: "12 rue de la Paix, 76000 Rouen", accessibility: "Plain-pied" };
  const sessions = [
    fileSession(1, "En ligne", "2027-03-29T10:00", "2027-03-29T12:00", { mode: "online", capacity: 2, access: structuredClone(ACCESS) }),
    fileSession(2, "En salle", "2027-04-12T14:00", "2027-04-12T16:00", { mode: "in-person", venue }),
  ];
  // The day before at 18:00 and one hour before the start (read at call time, after the constants below).
  const reminders = [
    { key: "veille", timing: "days-before", days: 1, at: "18:00", message: EVE_TEXT },
    { key: "une-heure", timing: "minutes-before", minutes: 60 },
  ];
  return seriesFile({ slug: "rappels", title: "Série des rappels", sessions, reminders }, change);
}

const BEFORE = "2027-03-20T10:00:00Z";
/** The day before at 18:00 CEST (the switch day), and one hour before the start. */
const EVE = "2027-03-28T16:00:00Z";
const HOUR = "2027-03-29T07:00:00Z";
const EVE_TEXT = "À demain !\n\nLe support : https://example.org/support";

function setup() {
  const db = memoryDb();
  const r = importOrThrow(db, file(), { nowIso: BEFORE });
  const [s1, s2] = db.select().from(t.sessions).orderBy(t.sessions.number).all();
  return { db, seriesId: r.seriesId, s1, s2 };
}

const person = (email: string) => participantInput(email, "Zoé", "Rappel");
/** The series file imported again, as organisers do after an edit. */
const reimport = (db: AppDatabase, nowIso: string, change: (f: any) => void) => expect(importSeries(db, file(change), { nowIso }).ok).toBe(true);
const reminders = async (db: AppDatabase, at: string): Promise<Received[]> =>
  (await dispatchTo(smtp, db, at, APP)).received.filter((m) => m.parsed.subject?.startsWith("Rappel"));
const to = (mails: Received[]) => mails.map((m) => m.envelopeTo[0]).sort();

describe("reminders", () => {
  it("go to confirmed registrants at each reminder’s instant, once; only the last one repeats the codes", async () => {
    const { db, seriesId, s1 } = setup();
    for (const email of ["a@example.org", "b@example.org", "waiting@example.org"])
      register(db, { seriesId, sessionIds: [s1.id], participant: person(email), nowIso: BEFORE });
    await dispatchTo(smtp, db, BEFORE, APP);
    expect(await reminders(db, "2027-03-28T15:59:00Z")).toHaveLength(0);
    const eve = await reminders(db, EVE);
    expect(to(eve)).toEqual(["a@example.org", "b@example.org"]);
    expect(eve[0].parsed.subject).toBe("Rappel : RDV #1, lundi 29 mars 2027, 10 h – 12 h");
    expect(eve[0].parsed.text).toContain(EVE_TEXT);
    expect(eve[0].parsed.html).toContain('<a href="https://example.org/support"');
    for (const m of eve) expect(`${m.parsed.text}${m.parsed.html}`).not.toContain("246810");
    expect(await reminders(db, "2027-03-28T17:00:00Z")).toHaveLength(0); // never twice
    const hour = await reminders(db, HOUR);
    expect(to(hour)).toEqual(["a@example.org", "b@example.org"]);
    for (const m of hour) {
      expect(m.parsed.text).toContain("La rencontre à laquelle vous êtes inscrit·e approche");
      expect(m.parsed.text).toContain("246810");
      expect(m.parsed.text).toContain("https://zoom.us/j/5550001111");
    }
    expect(await reminders(db, "2027-03-29T07:30:00Z")).toHaveLength(0);
    const rows = db.select().from(t.outbox).where(eq(t.outbox.kind, "reminder")).all();
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.status === "sent")).toBe(true);
  });

  it("reach a late registrant or a promoted person with the reminders still ahead only", async () => {
    const { db, seriesId, s1 } = setup();
    const a = register(db, { seriesId, sessionIds: [s1.id], participant: person("early@example.org"), nowIso: BEFORE });
    register(db, { seriesId, sessionIds: [s1.id], participant: person("early2@example.org"), nowIso: BEFORE });
    register(db, { seriesId, sessionIds: [s1.id], participant: person("promoted@example.org"), nowIso: BEFORE });
    expect(to(await reminders(db, EVE))).toEqual(["early2@example.org", "early@example.org"]);
    if (!a.ok) throw new Error();
    // At 20:00 the evening before, a seat frees up: the promoted person missed the eve's reminder, gets the next one.
    cancelRegistrations(db, { participantId: a.participantId, nowIso: "2027-03-28T18:00:00Z" });
    expect(await reminders(db, "2027-03-28T18:00:00Z")).toHaveLength(0);
    expect(to(await reminders(db, HOUR))).toEqual(["early2@example.org", "promoted@example.org"]);
  });

  it("send nothing for a cancelled session, and cancel what was still to go", async () => {
    const { db, seriesId, s1 } = setup();
    register(db, { seriesId, sessionIds: [s1.id], participant: person("c@example.org"), nowIso: BEFORE });
    expect(await reminders(db, EVE)).toHaveLength(1);
    // The eve's reminder has gone; the hour-before one is queued by a run at its instant, after the cancellation: never.
    reimport(db, "2027-03-28T20:00:00Z", (f) => (f.sessions[0].status = "cancelled"));
    expect(await reminders(db, HOUR)).toHaveLength(0);
    expect(db.select().from(t.outbox).where(eq(t.outbox.kind, "reminder")).all()).toHaveLength(1);
  });

  it("remind again, once, when a session moves to another date, never for the old one", async () => {
    const { db, seriesId, s1 } = setup();
    register(db, { seriesId, sessionIds: [s1.id], participant: person("m@example.org"), nowIso: BEFORE });
    expect(await reminders(db, EVE)).toHaveLength(1);
    // The next morning, 08:30 local, the session moves a week later; the hour-before of the old date never goes.
    reimport(db, "2027-03-29T06:30:00Z", (f) => Object.assign(f.sessions[0], { start: "2027-04-05T10:00", end: "2027-04-05T12:00" }));
    expect(await reminders(db, HOUR)).toHaveLength(0);
    expect(to(await reminders(db, "2027-04-04T16:00:00Z"))).toEqual(["m@example.org"]);
    expect(await reminders(db, "2027-04-04T17:00:00Z")).toHaveLength(0);
  });

  it("after downtime, late reminders go out before the start and never after it", async () => {
    const { db, seriesId, s1 } = setup();
    register(db, { seriesId, sessionIds: [s1.id], participant: person("d@example.org"), nowIso: BEFORE });
    // Back at 09:30 local on the day: the eve's and the hour-before reminders are both due; both go, the last with the codes.
    const late = await reminders(db, "2027-03-29T07:30:00Z");
    expect(late).toHaveLength(2);
    // Another series member, registered long before, with the server back only after the start: nothing.
    const other = setup();
    register(other.db, { seriesId: other.seriesId, sessionIds: [other.s1.id], participant: person("e@example.org"), nowIso: BEFORE });
    expect(await reminders(other.db, "2027-03-29T08:05:00Z")).toHaveLength(0);
  });

  it("give whoever comes on site the place and practical information in the last reminder, never codes", async () => {
    const { db, seriesId, s2 } = setup();
    register(db, { seriesId, sessionIds: [s2.id], participant: person("onsite@example.org"), nowIso: BEFORE });
    const [eve] = await reminders(db, "2027-04-11T16:00:00Z");
    expect(eve.parsed.text).not.toContain("Plain-pied");
    const [last] = await reminders(db, "2027-04-12T11:00:00Z");
    expect(last.parsed.text).toContain("Maison des associations");
    expect(last.parsed.text).toContain("Plain-pied");
    expect(last.parsed.text).toContain("Sur place");
    expect(last.parsed.text).not.toContain("246810");
  });

  it("never reach an erased person, nor anyone whose registration was cancelled", async () => {
    const { db, seriesId, s1 } = setup();
    const erased = register(db, { seriesId, sessionIds: [s1.id], participant: person("erased@example.org"), nowIso: BEFORE });
    const gone = register(db, { seriesId, sessionIds: [s1.id], participant: person("gone@example.org"), nowIso: BEFORE });
    if (!erased.ok || !gone.ok) throw new Error();
    eraseParticipant(db, erased.participantId, "2027-03-25T10:00:00Z");
    cancelRegistrations(db, { participantId: gone.participantId, nowIso: "2027-03-25T10:00:00Z" });
    register(db, { seriesId, sessionIds: [s1.id], participant: person("stays@example.org"), nowIso: "2027-03-26T10:00:00Z" });
    expect(to(await reminders(db, EVE))).toEqual(["stays@example.org"]);
    expect(to(await reminders(db, HOUR))).toEqual(["stays@example.org"]);
    const rows = db.select().from(t.outbox).where(eq(t.outbox.kind, "reminder")).all();
    expect(rows.map((r) => r.toAddress)).toEqual(["stays@example.org", "stays@example.org"]);
  });

  it("give, in the last reminder of a hybrid session, the codes to whoever joins remotely and the place to whoever comes", async () => {
    const { db, seriesId } = setup();
    reimport(db, BEFORE, (f) =>
      Object.assign(f.sessions[0], {
        mode: "hybrid",
        capacity: 10,
        remoteCapacity: 10,
        venue: { name: "Salle des fêtes", address: "2 place de la Mairie, 76000 Rouen", instructions: "Bus 4, arrêt Mairie" },
      }),
    );
    const s1 = db.select().from(t.sessions).where(eq(t.sessions.number, 1)).get()!;
    register(db, { seriesId, sessionIds: [s1.id], participant: person("far@example.org"), participation: { [s1.id]: "remote" }, nowIso: BEFORE });
    register(db, { seriesId, sessionIds: [s1.id], participant: person("near@example.org"), participation: { [s1.id]: "onsite" }, nowIso: BEFORE });
    for (const m of await reminders(db, EVE)) expect(`${m.parsed.text}`).not.toMatch(/246810|Bus 4/);
    const last = await reminders(db, HOUR);
    const far = last.find((m) => m.envelopeTo[0] === "far@example.org")!;
    const near = last.find((m) => m.envelopeTo[0] === "near@example.org")!;
    expect(far.parsed.text).toContain("246810");
    expect(far.parsed.text).not.toContain("Bus 4");
    expect(near.parsed.text).toContain("2 place de la Mairie, 76000 Rouen");
    expect(near.parsed.text).toContain("Bus 4, arrêt Mairie");
    expect(`${near.parsed.text}${near.parsed.html}`).not.toContain("246810");
  });

  it("skip a reminder turned off after it was queued", async () => {
    const { db, seriesId, s1 } = setup();
    register(db, { seriesId, sessionIds: [s1.id], participant: person("off@example.org"), nowIso: BEFORE });
    await dispatchTo(smtp, db, BEFORE, APP);
    db.update(t.seriesReminders).set({ enabled: false }).where(eq(t.seriesReminders.key, "une-heure")).run();
    await reminders(db, EVE);
    expect(await reminders(db, HOUR)).toHaveLength(0);
  });
});
