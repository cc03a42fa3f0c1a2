import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { DEMO_SECRETS, DEMO_SLUG } from "../../db/seed/demo-series";
import { dispatchDue } from "~/notifications/dispatch.server";
import { sessionUid } from "~/series/calendar.server";
import { participantByToken } from "~/registration/participants.server";
import { cancelRegistrations, register, type ParticipantInput } from "~/registration/registrations.server";
import { seedIfEmpty } from "~/server/seed.server";
import { toUtcIso } from "~/utils/dates.server";
import type { AppDatabase } from "~/utils/db.server";
import { createMailer } from "~/notifications/mail.server";
import { NOW, memoryDb } from "../helpers/db";
import { dispatchTo, startSmtp, smtpForSuite } from "../helpers/smtp";

const nowIso = toUtcIso(NOW);
const APP = "https://rdv.example.org";
const smtp = smtpForSuite();

function person(email: string, extra: Partial<ParticipantInput> = {}): ParticipantInput {
  return {
    firstName: "Marie-Hélène",
    lastName: "N'Diaye",
    email,
    organisation: "ASV Rouen",
    jobTitle: "Coordinatrice",
    structureType: "collectivite",
    territory: "Rouen",
    newsConsent: false,
    ...extra,
  };
}

function setup() {
  const db = memoryDb();
  seedIfEmpty(db, NOW);
  const series = db.select().from(t.series).where(eq(t.series.slug, DEMO_SLUG)).get()!;
  const sessions = db.select().from(t.sessions).where(eq(t.sessions.seriesId, series.id)).orderBy(t.sessions.number).all();
  return { db, series, sessions };
}

async function dispatch(db: AppDatabase) {
  return (await dispatchTo(smtp, db, nowIso, APP)).summary;
}

describe("registering", () => {
  it("registers one person for several sessions and sends one confirmation with an .ics per confirmed session", async () => {
    const { db, series, sessions } = setup();
    const r = register(db, { seriesId: series.id, sessionIds: [sessions[1].id, sessions[2].id], participant: person(" Marie.NDiaye@Example.org "), nowIso });
    expect(r.ok && r.created.map((c) => c.status)).toEqual(["confirmed", "confirmed"]);
    const before = smtp.messages.length;
    expect(await dispatch(db)).toEqual({ sent: 1, retried: 0, failed: 0, skipped: 0, missed: 0, released: 0, transportError: null });
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    expect(mail.envelopeTo).toEqual(["marie.ndiaye@example.org"]);
    expect(mail.parsed.subject).toBe(`Inscription enregistrée — ${series.title}`);
    expect(mail.parsed.text).toContain("Bonjour Marie-Hélène,");
    // RDV #2 online, RDV #3 in person: the codes for one, the practical information for the other.
    expect(mail.parsed.text).toMatch(
      /Vous recevrez 2 jours avant chaque rencontre les codes d’accès de celles que vous suivez à distance et les informations pratiques \(adresse, accès, accessibilité, contact\) de celles où vous venez sur place/,
    );
    expect(mail.parsed.text).toContain("spam");
    expect(mail.parsed.html).toContain("Bonjour Marie-Hélène,");
    expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    expect(mail.raw.replace(/\r?\n[ \t]+/g, " ")).toMatch(/^List-Unsubscribe: +<https:\/\/rdv\.example\.org\/desinscription\/[\w-]+\?serie=/m);
    expect(mail.parsed.headers.get("content-type")).toMatchObject({ value: "multipart/mixed" });
    expect(mail.raw).toMatch(/Content-Type: multipart\/alternative/);
    expect(mail.parsed.messageId).toMatch(/^<rdv\.\d+\.[\w-]+@rdv\.example\.org>$/);
    const ics = mail.parsed.attachments.filter((a) => a.contentType === "text/calendar");
    expect(ics).toHaveLength(2);
    const body = ics[0].content.toString("utf8");
    // Same UID as the public calendar file, its SEQUENCE, UTC times, and no access codes.
    expect(body).toContain(`UID:${sessionUid(sessions[1].id, APP)}`);
    expect(body).toMatch(/^SEQUENCE:0\r?$/m);
    expect(body).toMatch(/^DTSTART:\d{8}T\d{6}Z\r?$/m);
    expect(body).not.toContain(DEMO_SECRETS.passcode);
    expect(body).not.toContain("98120554731");
    // Both parts carry the same information.
    for (const part of [mail.parsed.text!, mail.parsed.html as string]) {
      expect(part).toContain(sessions[1].title.replace(/'/g, part === mail.parsed.text ? "'" : "&#39;"));
      expect(part).toMatch(/spam/);
      expect(part).toMatch(/\/moi\/[\w-]+/);
    }
    // The personal link in the email opens the person's space.
    const token = mail.parsed.text!.match(/\/moi\/([\w-]+)/)![1];
    expect(participantByToken(db, token)?.email).toBe("marie.ndiaye@example.org");
  });

  it("fills a small session, then puts newcomers on the waiting list in order, and promotes the first when a seat is freed", async () => {
    const { db, series, sessions } = setup();
    const small = sessions.find((s) => s.capacity === 12)!;
    const ids: number[] = [];
    for (let i = 0; i < 14; i++) {
      const r = register(db, { seriesId: series.id, sessionIds: [small.id], participant: person(`p${i}@example.org`), nowIso });
      if (!r.ok) throw new Error("refused");
      ids.push(r.participantId);
      expect(r.created[0].status).toBe(i < 12 ? "confirmed" : "waiting");
    }
    const cancelled = cancelRegistrations(db, { participantId: ids[3], nowIso });
    expect(cancelled.cancelled).toHaveLength(1);
    const promoted = db.select().from(t.registrations).where(eq(t.registrations.id, cancelled.promoted[0])).get()!;
    expect(promoted).toMatchObject({ participantId: ids[12], status: "confirmed" });
    const outbox = db.select().from(t.outbox).where(eq(t.outbox.kind, "promotion")).all();
    expect(outbox.map((o) => o.toAddress)).toEqual(["p12@example.org"]);
  });

  it("does not register twice for the same session, and reuses the person for a later session", () => {
    const { db, series, sessions } = setup();
    const a = register(db, { seriesId: series.id, sessionIds: [sessions[1].id], participant: person("x@example.org"), nowIso });
    const b = register(db, {
      seriesId: series.id,
      sessionIds: [sessions[1].id, sessions[3].id],
      participation: { [sessions[3].id]: "remote" },
      participant: person("X@EXAMPLE.ORG"),
      nowIso,
    });
    expect(a.ok && b.ok && b.participantId === a.participantId).toBe(true);
    expect(b.ok && b.already.map((x) => x.sessionId)).toEqual([sessions[1].id]);
    expect(b.ok && b.created.map((x) => x.sessionId)).toEqual([sessions[3].id]);
    expect(db.select().from(t.registrations).all()).toHaveLength(2);
    const c = register(db, { seriesId: series.id, sessionIds: [sessions[1].id], participant: person("x@example.org"), nowIso });
    expect(c.ok && c.created.length === 0 && c.confirmationId === null).toBe(true);
  });

  it.each([
    ["a past session", (s: any[]) => s[0].id, /déjà commencé ou est passée/],
    ["an unknown id", () => 99999, /n’existe pas/],
  ])("refuses %s", (_l, pick, message) => {
    const { db, series, sessions } = setup();
    const r = register(db, { seriesId: series.id, sessionIds: [pick(sessions)], participant: person("y@example.org"), nowIso });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors.sessions).toMatch(message);
    expect(db.select().from(t.participants).all()).toHaveLength(0);
  });

  it("refuses cancelled sessions and a series outside its registration window", () => {
    const { db, series, sessions } = setup();
    db.update(t.sessions).set({ status: "cancelled" }).where(eq(t.sessions.id, sessions[1].id)).run();
    const r = register(db, { seriesId: series.id, sessionIds: [sessions[1].id], participant: person("z@example.org"), nowIso });
    expect(!r.ok && r.errors.sessions).toMatch(/annulée/);
    db.update(t.series).set({ registrationClosesAt: "2026-11-01T00:00:00Z" }).where(eq(t.series.id, series.id)).run();
    const r2 = register(db, { seriesId: series.id, sessionIds: [sessions[2].id], participant: person("z@example.org"), nowIso });
    expect(!r2.ok && r2.errors.sessions).toMatch(/pas ouvertes/);
  });
});

describe("outbox dispatch", () => {
  it("retries a transient failure with backoff and records a permanent one with the server’s reason", async () => {
    const { db, series, sessions } = setup();
    register(db, { seriesId: series.id, sessionIds: [sessions[1].id], participant: person("t1@example.org"), nowIso });
    smtp.failNext(451, "Try again later");
    expect(await dispatch(db)).toMatchObject({ sent: 0, retried: 1 });
    const row = db.select().from(t.outbox).get()!;
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row.lastError).toMatch(/451|Try again/);
    expect(row.nextAttemptAt > nowIso).toBe(true);
    // Nothing is due before the backoff ends.
    expect(await dispatch(db)).toMatchObject({ sent: 0, retried: 0 });

    register(db, { seriesId: series.id, sessionIds: [sessions[1].id], participant: person("t2@example.org"), nowIso });
    smtp.failNext(550, "No such user here");
    expect(await dispatch(db)).toMatchObject({ failed: 1 });
    const failed = db.select().from(t.outbox).where(eq(t.outbox.toAddress, "t2@example.org")).get()!;
    expect(failed.status).toBe("failed");
    expect(failed.lastError).toMatch(/No such user/);
  });

  it("retries when the mail server refuses the connection", async () => {
    const { db, series, sessions } = setup();
    register(db, { seriesId: series.id, sessionIds: [sessions[1].id], participant: person("down@example.org"), nowIso });
    const closed = await startSmtp();
    const url = closed.url;
    await closed.close(); // nothing listens there any more
    const mailer = createMailer({ smtpUrl: url, from: "Rendez-vous <rdv@example.org>", db, pool: false });
    expect(await dispatchDue(db, mailer, { appUrl: APP, now: () => nowIso })).toMatchObject({ sent: 0, retried: 1 });
    mailer.close();
    expect(db.select().from(t.outbox).get()).toMatchObject({ status: "pending", attempts: 1, lastError: expect.stringMatching(/ECONNREFUSED|connect/i) });
  });

  it("keeps messages in the development mailbox when SMTP_URL is unset", async () => {
    const { db, series, sessions } = setup();
    register(db, { seriesId: series.id, sessionIds: [sessions[1].id], participant: person("dev@example.org"), nowIso });
    const mailer = createMailer({ from: "Rendez-vous <rdv@example.org>", db });
    expect(await dispatchDue(db, mailer, { appUrl: APP, now: () => nowIso })).toMatchObject({ sent: 1 });
    const kept = db.select().from(t.devMailbox).all();
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ toAddress: "dev@example.org" });
    expect(kept[0].raw).toMatch(/^Content-Type: multipart\/mixed/m);
    expect(kept[0].raw).toMatch(/List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
  });
});
