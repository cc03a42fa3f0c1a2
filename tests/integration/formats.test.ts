// In-person and hybrid sessions: a hybrid registrant chooses on site or remote (separate seats and
// waiting lists), and the J-2 rule sends whoever comes on site the practical information, never the
// codes, through a real SMTP server; the personal space and the page copy follow the same rule.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { DEMO_SECRETS, DEMO_SLUG } from "../../db/seed/demo-series";
import { personalSpace } from "~/registration/participants.server";
import { registrantsCsv } from "~/registration/registrants-csv.server";
import { listRegistrants } from "~/registration/registrants.server";
import { cancelRegistrations, register, type ParticipantInput } from "~/registration/registrations.server";
import { registrationOptions } from "~/registration/registration-view.server";
import { seedIfEmpty } from "~/server/seed.server";
import { exportSeries } from "~/series-file/series-export.server";
import { importSeries } from "~/series-file/series-import.server";
import { toUtcIso } from "~/utils/dates.server";
import type { AppDatabase } from "~/utils/db.server";
import { receiveSentence, receivesOfModes, seriesFormatLine } from "~/utils/formats";
import { NOW, fixture, memoryDb, importOrThrow } from "../helpers/db";
import { participantInput } from "../helpers/people";
import { dispatchTo, smtpForSuite, type Received } from "../helpers/smtp";

const nowIso = toUtcIso(NOW);
const APP = "https://rdv.example.org";
const smtp = smtpForSuite();

const person = (email: string): ParticipantInput => participantInput(email, "Inès", "Format");

function setup() {
  const db = memoryDb();
  seedIfEmpty(db, NOW);
  const series = db.select().from(t.series).where(eq(t.series.slug, DEMO_SLUG)).get()!;
  const sessions = db.select().from(t.sessions).where(eq(t.sessions.seriesId, series.id)).orderBy(t.sessions.number).all();
  const [, online, inPerson, hybrid] = sessions;
  expect([online.mode, inPerson.mode, hybrid.mode]).toEqual(["online", "in-person", "hybrid"]);
  return { db, series, online, inPerson, hybrid };
}

async function dispatchAt(db: AppDatabase, at: string): Promise<Received[]> {
  return (await dispatchTo(smtp, db, at, APP)).received;
}

const statusOf = (db: AppDatabase, id: number) =>
  db.select({ s: t.registrations.status, p: t.registrations.participation }).from(t.registrations).where(eq(t.registrations.id, id)).get();

describe("a hybrid session", () => {
  it("asks each registrant to choose on site or remote, and counts each side’s seats and waiting list apart", () => {
    const { db, series, hybrid } = setup();
    db.update(t.sessions).set({ capacity: 1, remoteCapacity: 1 }).where(eq(t.sessions.id, hybrid.id)).run();
    const none = register(db, { seriesId: series.id, sessionIds: [hybrid.id], participant: person("sans-choix@example.org"), nowIso });
    expect(none).toEqual({ ok: false, errors: { participation: "Pour le RDV #4, indiquez si vous venez sur place ou si vous suivez à distance." } });
    expect(db.select().from(t.participants).all()).toHaveLength(0);

    const reg = (email: string, p: string) => {
      const r = register(db, { seriesId: series.id, sessionIds: [hybrid.id], participation: { [hybrid.id]: p }, participant: person(email), nowIso });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      return r.created[0].registrationId;
    };
    const onsite1 = reg("sur-place-1@example.org", "onsite");
    const onsite2 = reg("sur-place-2@example.org", "onsite");
    const remote1 = reg("distance-1@example.org", "remote");
    const remote2 = reg("distance-2@example.org", "remote");
    expect([onsite1, onsite2, remote1, remote2].map((id) => statusOf(db, id))).toEqual([
      { s: "confirmed", p: "onsite" },
      { s: "waiting", p: "onsite" },
      { s: "confirmed", p: "remote" },
      { s: "waiting", p: "remote" },
    ]);
    const option = registrationOptions(db, DEMO_SLUG, nowIso)!.options.find((o) => o.id === hybrid.id)!;
    expect(option.participations).toEqual([
      { participation: "onsite", seatsLeft: 0 },
      { participation: "remote", seatsLeft: 0 },
    ]);
    // The organisers' list: each side's waiting list numbered apart, the participation in the CSV.
    const listed = listRegistrants(db, series.id, { session: hybrid.number, status: null, q: "" });
    expect(listed.filter((r) => r.status === "waiting").map((r) => [r.email, r.participation, r.waitingPosition])).toEqual([
      ["sur-place-2@example.org", "onsite", 1],
      ["distance-2@example.org", "remote", 1],
    ]);
    expect(registrantsCsv(series, listed)).toMatch(/sur-place-1@example\.org.*Sur place/);
    // The on-site seat freed goes to the on-site waiting list, not to the remote one.
    const p1 = db.select().from(t.registrations).where(eq(t.registrations.id, onsite1)).get()!;
    expect(cancelRegistrations(db, { participantId: p1.participantId, nowIso }).promoted).toEqual([onsite2]);
    expect(statusOf(db, remote2)).toEqual({ s: "waiting", p: "remote" });
  });
});

describe("the J-2 email", () => {
  it("gives whoever comes on site the practical information and never the codes; whoever joins remotely the codes", async () => {
    const { db, series, inPerson, hybrid } = setup();
    const at = (email: string, sessionId: number, p?: string) => {
      const r = register(db, {
        seriesId: series.id,
        sessionIds: [sessionId],
        participation: p ? { [sessionId]: p } : undefined,
        participant: person(email),
        nowIso,
      });
      expect(r.ok).toBe(true);
    };
    at("presentiel@example.org", inPerson.id);
    at("hybride-salle@example.org", hybrid.id, "onsite");
    at("hybride-distance@example.org", hybrid.id, "remote");
    await dispatchAt(db, nowIso); // confirmations
    const confirmation = smtp.messages.find((m) => m.envelopeTo.includes("presentiel@example.org"))!;
    expect(confirmation.parsed.text).toMatch(
      /Vous recevrez les informations pratiques \(adresse, accès, accessibilité, contact\) 2 jours avant chaque rencontre/,
    );
    expect(confirmation.parsed.text).not.toMatch(/codes d’accès/);
    const hybridOnsite = smtp.messages.find((m) => m.envelopeTo.includes("hybride-salle@example.org"))!;
    expect(hybridOnsite.parsed.text).toMatch(/hybride, vous venez sur place/);

    const inPersonMail = (await dispatchAt(db, inPerson.accessCodesDueAt!)).find((m) => m.envelopeTo.includes("presentiel@example.org"))!;
    expect(inPersonMail.parsed.subject).toMatch(/^Informations pratiques\s: RDV #3, /);
    for (const text of [inPersonMail.parsed.text!, inPersonMail.parsed.html as string]) {
      expect(text).toContain("1 rue Jean-Bart, 27000 Évreux");
      expect(text).toContain("Bus ligne T1, arrêt Madeleine");
      expect(text).toMatch(/accessibles en fauteuil roulant/);
      expect(text).toContain("Sophie Leroy, 02 32 00 00 00");
      expect(text).not.toMatch(/codes? (d’accès|secret)|ID de réunion|zoom\.us/i);
    }

    const hybridMails = await dispatchAt(db, hybrid.accessCodesDueAt!);
    const onsite = hybridMails.find((m) => m.envelopeTo.includes("hybride-salle@example.org"))!;
    const remote = hybridMails.find((m) => m.envelopeTo.includes("hybride-distance@example.org"))!;
    expect(onsite.parsed.subject).toMatch(/^Informations pratiques\s: RDV #4/);
    expect(onsite.raw).not.toContain(DEMO_SECRETS.hybridPasscode);
    expect(onsite.raw).not.toContain(DEMO_SECRETS.hybridMeetingId);
    expect(onsite.parsed.text).toContain("12 rue de Nétreville, 27000 Évreux");
    expect(remote.parsed.subject).toMatch(/^Vos codes d’accès\s: RDV #4/);
    expect(remote.parsed.text).toContain(DEMO_SECRETS.hybridPasscode);
    // Each exactly once.
    expect(await dispatchAt(db, hybrid.accessCodesDueAt!)).toEqual([]);

    // The personal space says the same from the due instant on.
    const space = (email: string, at = hybrid.accessCodesDueAt!) => {
      const p = db.select().from(t.participants).where(eq(t.participants.email, email)).get()!;
      return personalSpace(db, p.id, at)[0].registrations[0];
    };
    expect(space("hybride-salle@example.org")).toMatchObject({
      codes: null,
      participation: "onsite",
      practical: { address: "12 rue de Nétreville, 27000 Évreux" },
    });
    expect(space("hybride-distance@example.org")).toMatchObject({ practical: null, participation: "remote", codes: { passcode: DEMO_SECRETS.hybridPasscode } });
    expect(space("presentiel@example.org", inPerson.startsAt)).toMatchObject({
      codes: null,
      practical: { contact: "Sophie Leroy, 02 32 00 00 00, le jour même" },
    });
  });

  it("after a change of address, sends on-site registrants a rectificatif that says old → new, never codes", async () => {
    const { db, series, inPerson } = setup();
    expect(register(db, { seriesId: series.id, sessionIds: [inPerson.id], participant: person("demenage@example.org"), nowIso }).ok).toBe(true);
    await dispatchAt(db, inPerson.accessCodesDueAt!);
    const file = exportSeries(db, DEMO_SLUG)!;
    file.sessions!.find((x) => x.number === inPerson.number)!.venue!.address = "5 place Sepmanville, 27000 Évreux";
    expect(importSeries(db, file, { nowIso: inPerson.accessCodesDueAt! }).ok).toBe(true);
    const [mail] = (await dispatchAt(db, inPerson.accessCodesDueAt!)).filter((m) => m.envelopeTo.includes("demenage@example.org"));
    expect(mail.parsed.subject).toBe("Rectificatif : RDV #3 — Atelier en présentiel : construire un parcours de repérage à l’échelle du quartier");
    expect(mail.parsed.text).toContain(
      "- Lieu : En présentiel : Maison de quartier de la Madeleine, 1 rue Jean-Bart, 27000 Évreux → En présentiel : Maison de quartier de la Madeleine, 5 place Sepmanville, 27000 Évreux",
    );
    expect(mail.parsed.text).toContain("Adresse : 5 place Sepmanville, 27000 Évreux");
    expect(mail.raw).not.toMatch(/Code secret|ID de réunion/);
  });

  it("follows a session that changes format: its registrants come on site once it is in person", () => {
    const { db, series, online } = setup();
    const r = register(db, { seriesId: series.id, sessionIds: [online.id], participant: person("bascule@example.org"), nowIso });
    if (!r.ok) throw new Error("not registered");
    expect(statusOf(db, r.created[0].registrationId)).toEqual({ s: "confirmed", p: "remote" });
    const file = exportSeries(db, DEMO_SLUG)!;
    const s = file.sessions!.find((x) => x.number === online.number)!;
    s.mode = "in-person";
    s.venue = { name: "Salle des fêtes", address: "2 place de la Mairie, 27000 Évreux" };
    s.access = null;
    const imported = importSeries(db, file, { nowIso });
    expect(imported.ok).toBe(true);
    expect(statusOf(db, r.created[0].registrationId)).toEqual({ s: "confirmed", p: "onsite" });
  });
});

describe("the copy derived from the sessions' formats", () => {
  it("says how many sessions and in which format, and what registrants receive", () => {
    expect(seriesFormatLine(["online", "online", "online", "online", "online"], "Zoom")).toBe("5 rendez-vous en visio-conférence sur Zoom");
    expect(seriesFormatLine(["in-person", "in-person"], "Zoom")).toBe("2 rendez-vous en présentiel");
    expect(seriesFormatLine(["online", "online", "in-person", "hybrid"], "Zoom")).toBe(
      "4 rendez-vous\u00a0: 1 en présentiel, 1 en hybride (sur place ou à distance) sur Zoom, 2 en visio-conférence sur Zoom",
    );
    expect(receiveSentence(receivesOfModes(["online"]), 2)).toBe(
      "Vous recevrez les codes d’accès 2 jours avant chaque rencontre, si et seulement si votre inscription est confirmée.",
    );
    expect(receiveSentence(receivesOfModes(["in-person"]), 1)).toBe(
      "Vous recevrez les informations pratiques (adresse, accès, accessibilité, contact) la veille de chaque rencontre, si et seulement si votre inscription est confirmée.",
    );
    expect(receiveSentence(receivesOfModes(["in-person", "online"]), 2)).toMatch(
      /les codes d’accès de celles que vous suivez à distance et les informations pratiques/,
    );
  });

  it("refuses, in the series file, an in-person session without an address and remote seats outside a hybrid session", () => {
    const { db } = setup();
    const file = exportSeries(db, DEMO_SLUG)!;
    const three = file.sessions!.findIndex((x) => x.mode === "in-person");
    const one = file.sessions!.findIndex((x) => x.mode === "online");
    delete file.sessions![three].venue!.address;
    file.sessions![one].remoteCapacity = 10;
    const r = importSeries(db, file, { nowIso });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map((p) => p.path).sort()).toEqual([`sessions[${one}].remoteCapacity`, `sessions[${three}].venue.address`]);
  });
});

describe("the codes email of the real 2022 series", () => {
  it("never says a sentence twice (its rules repeat « Connectez-vous 10 minutes avant »)", async () => {
    const db = memoryDb();
    const file = fixture();
    file.status = "published";
    file.sessions[0].access = { provider: "Zoom", joinUrl: "https://zoom.us/j/5550001111", meetingId: "555 000 1111", passcode: "246810" };
    const imported = importOrThrow(db, file, { nowIso: "2022-03-01T10:00:00Z" });
    const first = db.select().from(t.sessions).orderBy(t.sessions.number).all()[0];
    expect(
      register(db, { seriesId: imported.seriesId, sessionIds: [first.id], participant: person("deux-fois@example.org"), nowIso: "2022-03-01T10:00:00Z" }).ok,
    ).toBe(true);
    await dispatchAt(db, "2022-03-01T10:00:00Z");
    const codes = (await dispatchAt(db, first.accessCodesDueAt!)).find((m) => /^Vos codes d’accès/.test(m.parsed.subject ?? ""))!;
    const sentences = codes.parsed
      .text!.split(/(?<=[.!?])\s+|\n+/)
      .map((x) => x.replace(/^[-\s]+/, "").trim())
      .filter((x) => x.length > 20);
    const twice = sentences.filter((x, i) => sentences.indexOf(x) !== i);
    expect(twice).toEqual([]);
    expect(codes.parsed.text).toContain("Connectez-vous 10 minutes avant le début de la séance.");
  });
});
