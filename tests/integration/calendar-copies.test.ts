// Every copy of one session's calendar event, as a participant's calendar meets them over time: the
// session file and the series feed, the confirmation, the access codes, a correction, the
// cancellation. Each is parsed by two iCalendar parsers this project does not write (ical.js and
// node-ical) and checked octet by octet: one UID for all, a SEQUENCE that grows with every change (a
// registrant's copy above the public one of the same version, so clients replace rather than ignore),
// STATUS:CANCELLED with "ANNULÉ — " once cancelled, lines folded at 75 octets on character boundaries.
import ICAL from "ical.js";
import nodeIcal, { type VEvent } from "node-ical";
import { describe, expect, it } from "vitest";
import { seriesFeedIcs, sessionFileIcs } from "~/series/calendar.server";
import { register } from "~/registration/registrations.server";
import { importSeries } from "~/series-file/series-import.server";
import type { AppDatabase } from "~/utils/db.server";
import * as t from "../../db/schema";
import { memoryDb, importOrThrow } from "../helpers/db";
import { fileSession, seriesFile } from "../helpers/series-file";
import { participantInput } from "../helpers/people";
import { dispatchTo, smtpForSuite } from "../helpers/smtp";

const APP = "https://rdv.example.org";
const smtp = smtpForSuite();

// Long French texts with accents and typographic characters, so that folding meets multi-byte characters.
const LONG_TITLE = "Santé mentale des jeunes « en quartier prioritaire » : repérer, orienter, accompagner — état des lieux";
function file(change: (f: any) => void = () => {}) {
  const access = { provider: "Zoom", joinUrl: "https://zoom.us/j/5550001111?pwd=c2VjcmV0", meetingId: "555 000 1111", passcode: "246810", dialIn: [] };
  const programme = [
    {
      start: "09:30",
      end: "10:00",
      title: "Accueil, présentation de la matinée et des enjeux régionaux — éléments de contexte épidémiologique",
      kind: "other",
    },
    {
      start: "10:00",
      end: "12:00",
      title: "Table ronde : les acteurs de proximité (maisons de santé, centres sociaux, éducation nationale, PMI)",
      kind: "round-table",
    },
  ];
  const sessions = [fileSession(1, LONG_TITLE, "2027-03-30T09:30", "2027-03-30T12:00", { mode: "online", access, programme })];
  return seriesFile({ slug: "agenda", title: "Les rendez-vous de la santé en quartier prioritaire — Seine-Maritime", platform: "Zoom", sessions }, change);
}

type Copy = { name: string; ics: string };

async function dispatchAt(db: AppDatabase, nowIso: string) {
  return (await dispatchTo(smtp, db, nowIso, APP)).received;
}

async function emailCopy(db: AppDatabase, nowIso: string, name: string): Promise<Copy> {
  const mails = await dispatchAt(db, nowIso);
  expect(mails, name).toHaveLength(1);
  const attachment = mails[0].parsed.attachments.find((a) => /calendar/.test(a.contentType));
  expect(attachment, `${name}: a calendar attachment`).toBeDefined();
  return { name, ics: attachment!.content.toString("utf8") };
}

function publicCopies(db: AppDatabase, nowIso: string, when: string): Copy[] {
  return [
    { name: `session file ${when}`, ics: sessionFileIcs(db, "agenda", "s1", nowIso, APP)!.body },
    { name: `series feed ${when}`, ics: seriesFeedIcs(db, "agenda", nowIso, APP)!.body },
  ];
}

type Parsed = { uid: string; sequence: number; status: string; summary: string };

/** The event as ical.js reads it. */
function withIcalJs(ics: string): Parsed {
  const component = new ICAL.Component(ICAL.parse(ics));
  const events = component.getAllSubcomponents("vevent");
  expect(events).toHaveLength(1);
  const e = events[0];
  return {
    uid: String(e.getFirstPropertyValue("uid")),
    sequence: Number(e.getFirstPropertyValue("sequence")),
    status: String(e.getFirstPropertyValue("status")),
    summary: String(e.getFirstPropertyValue("summary")),
  };
}

/** The same event as node-ical reads it. */
function withNodeIcal(ics: string): Parsed {
  const events = Object.values(nodeIcal.sync.parseICS(ics)).filter((c) => c?.type === "VEVENT") as VEvent[];
  expect(events).toHaveLength(1);
  const e = events[0];
  const summary = typeof e.summary === "string" ? e.summary : (e.summary as { val: string }).val;
  return { uid: e.uid, sequence: Number(e.sequence), status: String(e.status), summary };
}

/** RFC 5545 §3.1: content lines of at most 75 octets, CRLF, folded without splitting a UTF-8 character. */
function checkLines(copy: Copy) {
  const bytes = Buffer.from(copy.ics, "utf8");
  expect(bytes.toString("utf8"), `${copy.name}: valid UTF-8`).toBe(copy.ics);
  const lines = copy.ics.split("\r\n");
  expect(lines.at(-1), `${copy.name}: ends with CRLF`).toBe("");
  expect(copy.ics.replace(/\r\n/g, ""), `${copy.name}: no bare LF or CR`).not.toMatch(/[\r\n]/);
  for (const line of lines) {
    expect(Buffer.byteLength(line, "utf8"), `${copy.name}: ${JSON.stringify(line)}`).toBeLessThanOrEqual(75);
  }
  // A continuation line never starts in the middle of a character (it would start with U+FFFD or a combining mark).
  for (const line of lines.filter((l) => /^[ \t]/.test(l))) expect(line, copy.name).not.toMatch(/^[ \t](?:\uFFFD|[\u0300-\u036f])/);
}

describe("every copy of a session’s event", () => {
  it("shares one UID; SEQUENCE grows with each change; cancelled says so; every line ≤ 75 octets; two parsers agree", async () => {
    const db = memoryDb();
    const r = importOrThrow(db, file(), { nowIso: "2027-03-01T10:00:00Z" });
    const session = db.select().from(t.sessions).get()!;

    const first = publicCopies(db, "2027-03-01T10:00:00Z", "at first");
    register(db, {
      seriesId: r.seriesId,
      sessionIds: [session.id],
      participant: participantInput("zoe@example.org", "Zoé", "Agenda"),
      nowIso: "2027-03-02T10:00:00Z",
    });
    const confirmation = await emailCopy(db, "2027-03-02T10:00:00Z", "confirmation");
    const codes = await emailCopy(db, "2027-03-28T07:00:00Z", "access codes");
    importSeries(
      db,
      file((f) => (f.sessions[0].access.passcode = "999111")),
      { nowIso: "2027-03-29T08:00:00Z" },
    );
    const correction = await emailCopy(db, "2027-03-29T08:00:00Z", "correction (codes)");
    const afterCorrection = publicCopies(db, "2027-03-29T08:00:00Z", "after the correction");
    importSeries(
      db,
      file((f) => ((f.sessions[0].access.passcode = "999111"), (f.sessions[0].status = "cancelled"))),
      { nowIso: "2027-03-29T09:00:00Z" },
    );
    const cancellation = await emailCopy(db, "2027-03-29T09:00:00Z", "cancellation");
    const afterCancellation = publicCopies(db, "2027-03-29T09:00:00Z", "after the cancellation");

    const all = [...first, confirmation, codes, correction, ...afterCorrection, cancellation, ...afterCancellation];
    const parsed = new Map<string, Parsed>();
    for (const copy of all) {
      checkLines(copy);
      const a = withIcalJs(copy.ics);
      expect(withNodeIcal(copy.ics), `${copy.name}: node-ical reads what ical.js reads`).toEqual(a);
      parsed.set(copy.name, a);
    }
    const seq = (c: Copy) => parsed.get(c.name)!.sequence;

    expect(new Set([...parsed.values()].map((p) => p.uid)).size, "one UID for every copy").toBe(1);
    // What a registrant receives, in order: each copy replaces the one before.
    const received = [confirmation, codes, correction, cancellation];
    for (let i = 1; i < received.length; i++)
      expect(seq(received[i]), `${received[i].name} after ${received[i - 1].name}`).toBeGreaterThan(seq(received[i - 1]));
    expect(seq(confirmation)).toBe(seq(first[0]));
    // A public copy after a change replaces the registrant's copy from before that change.
    for (const c of afterCorrection) expect(seq(c), c.name).toBeGreaterThan(seq(codes));
    for (const c of afterCancellation) expect(seq(c), c.name).toBe(seq(cancellation));

    for (const c of [cancellation, ...afterCancellation]) {
      expect(parsed.get(c.name)!.status, c.name).toBe("CANCELLED");
      expect(parsed.get(c.name)!.summary, c.name).toBe(`ANNULÉ — RDV #1 — ${LONG_TITLE}`);
    }
    for (const c of [...first, confirmation, codes, correction, ...afterCorrection]) {
      expect(parsed.get(c.name)!.status, c.name).toBe("CONFIRMED");
      expect(parsed.get(c.name)!.summary, c.name).toBe(`RDV #1 — ${LONG_TITLE}`);
    }
  });
});
