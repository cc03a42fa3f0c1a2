// The lettre d'information on the model, through a real SMTP server: double opt-in (the confirmation
// link read from the email), only confirmed addresses get a letter, exactly once across two dispatch
// runs, one-click unsubscription by the List-Unsubscribe address of the letter itself, "since the
// last letter" (nothing twice, a resource published later is in the next one), grouping by type,
// refusals (nothing new, nobody confirmed), tokens stored as hashes only, the introduction escaped.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { RESOURCE_TYPES } from "../../db/schema/resources";
import {
  EMPTY_DIGEST,
  NO_SUBSCRIBER,
  groupByType,
  itemsSinceLastDigest,
  saveIntro,
  sendDigest,
  sendTest,
  sentLetter,
  sentLetters,
} from "~/newsletter/digest.server";
import { confirmSubscription, confirmationState, requestSubscription, unsubscribeByLink } from "~/newsletter/subscriptions.server";
import { setPublished } from "~/resources/resource-saving.server";
import { seedIfEmpty } from "~/server/seed.server";
import { toUtcIso } from "~/utils/dates.server";
import type { AppDatabase } from "~/utils/db.server";
import { NOW, memoryDb } from "../helpers/db";
import { dispatchTo, startSmtp, type Received, type TestSmtp } from "../helpers/smtp";

const APP = "https://rdv.example.org";
const at = (minutes: number) => toUtcIso(NOW.plus({ minutes }));

function seeded() {
  const db = memoryDb();
  seedIfEmpty(db, NOW);
  db.insert(t.accounts).values({ email: "orga@example.org", role: "admin" }).run();
  return { db, me: db.select().from(t.accounts).where(eq(t.accounts.email, "orga@example.org")).get()! };
}

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => smtp?.close());

const to = (address: string, subject: RegExp) => smtp.messages.filter((m) => m.envelopeTo.includes(address) && subject.test(m.parsed.subject ?? ""));
/** A header as sent (mailparser groups the List-* headers under "list"). */
const header = (m: Received, name: string) =>
  m.parsed.headerLines
    .find((h) => h.key === name)
    ?.line.replace(/^[^:]+:\s*/, "")
    .replace(/\r?\n\s+/g, " ");
const linkIn = (m: Received, pattern: RegExp) => m.parsed.text!.match(pattern)![1];

/** Subscribes and confirms by the link of the confirmation email, as a person would. */
async function subscribeAndConfirm(db: AppDatabase, email: string, minute: number) {
  requestSubscription(db, { email, source: "library", nowIso: at(minute) });
  await dispatchTo(smtp, db, at(minute), APP);
  const mail = to(email, /Confirmez votre abonnement/).at(-1)!;
  const token = linkIn(mail, /\/lettres\/confirmation\/([A-Za-z0-9_-]+)/);
  expect(confirmSubscription(db, token, at(minute + 1))).toBe("confirmed");
  return token;
}

describe("subscribing (double opt-in)", () => {
  it("sends one confirmation email whose link confirms; the raw token is stored nowhere", async () => {
    const { db } = seeded();
    expect(requestSubscription(db, { email: "  Alice.Optin@Example.org ", source: "library", nowIso: at(0) })).not.toBeNull();
    const subscriber = db.select().from(t.newsletterSubscribers).get()!;
    expect(subscriber).toMatchObject({ email: "alice.optin@example.org", status: "pending", source: "library" });
    // The same request in the same minute does not queue a second email.
    expect(requestSubscription(db, { email: "alice.optin@example.org", source: "library", nowIso: at(0) })).toBeNull();
    const { received } = await dispatchTo(smtp, db, at(0), APP);
    expect(received).toHaveLength(1);
    const mail = received[0];
    expect(mail.parsed.subject).toBe("Confirmez votre abonnement à la lettre d’information");
    const token = linkIn(mail, /\/lettres\/confirmation\/([A-Za-z0-9_-]+)/);
    expect(mail.parsed.html).toContain(`${APP}/lettres/confirmation/${token}`);
    // Only its hash is stored.
    const dump = JSON.stringify([db.select().from(t.newsletterLinks).all(), db.select().from(t.outbox).all()]);
    expect(dump).not.toContain(token);

    expect(confirmationState(db, token, at(1))).toBe("valid");
    expect(confirmSubscription(db, token, at(1))).toBe("confirmed");
    expect(db.select().from(t.newsletterSubscribers).get()).toMatchObject({ status: "confirmed", confirmedAt: at(1) });
    // Confirming again changes nothing; an unknown token is refused.
    expect(confirmSubscription(db, token, at(2))).toBe("confirmed");
    expect(confirmSubscription(db, `${token}x`, at(2))).toBe("invalid");
    // A confirmed address asking again gets no email (and the form says the same as for anyone).
    expect(requestSubscription(db, { email: "alice.optin@example.org", source: "registration", nowIso: at(5) })).toBeNull();
  });

  it("refuses a confirmation link older than seven days", async () => {
    const { db } = seeded();
    requestSubscription(db, { email: "late@example.org", source: "library", nowIso: at(0) });
    await dispatchTo(smtp, db, at(0), APP);
    const token = linkIn(to("late@example.org", /Confirmez/)[0], /\/lettres\/confirmation\/([A-Za-z0-9_-]+)/);
    expect(confirmSubscription(db, token, at(8 * 24 * 60))).toBe("expired");
    expect(db.select().from(t.newsletterSubscribers).get()!.status).toBe("pending");
  });
});

describe("leaving and coming back", () => {
  it("asks again for confirmation after an unsubscription; an old confirmation link does not subscribe again", async () => {
    const { db, me } = seeded();
    const oldToken = await subscribeAndConfirm(db, "back@example.org", 0);
    expect(sendDigest(db, { accountId: me.id, nowIso: at(3) })).toMatchObject({ ok: true, recipients: 1 });
    const { received } = await dispatchTo(smtp, db, at(3), APP);
    const token = header(
      received.find((m) => m.envelopeTo.includes("back@example.org"))!,
      "list-unsubscribe",
    )!.match(/desinscription\/([A-Za-z0-9_-]+)/)![1];
    expect(unsubscribeByLink(db, token, at(4))).toBe(true);
    expect(unsubscribeByLink(db, token, at(5))).toBe(true);
    expect(confirmSubscription(db, oldToken, at(6))).toBe("invalid");
    expect(db.select().from(t.newsletterSubscribers).get()!.status).toBe("unsubscribed");
    // A new request: pending again, and a new confirmation email whose link works.
    await subscribeAndConfirm(db, "back@example.org", 10);
    expect(db.select().from(t.newsletterSubscribers).get()).toMatchObject({ status: "confirmed", unsubscribedAt: null });
  });

  it("holds back a queued letter whose address unsubscribed before it left", async () => {
    const { db, me } = seeded();
    await subscribeAndConfirm(db, "stay@example.org", 0);
    await subscribeAndConfirm(db, "leave@example.org", 2);
    expect(sendDigest(db, { accountId: me.id, nowIso: at(4) })).toMatchObject({ ok: true, recipients: 2 });
    db.update(t.newsletterSubscribers)
      .set({ status: "unsubscribed", unsubscribedAt: at(5) })
      .where(eq(t.newsletterSubscribers.email, "leave@example.org"))
      .run();
    const { summary, received } = await dispatchTo(smtp, db, at(6), APP);
    expect(summary).toMatchObject({ sent: 1, skipped: 1 });
    expect(received.map((m) => m.envelopeTo).flat()).toEqual(["stay@example.org"]);
    const held = db
      .select()
      .from(t.outbox)
      .where(eq(t.outbox.toAddress, "leave@example.org"))
      .all()
      .find((r) => r.kind === "newsletter")!;
    expect(held).toMatchObject({ status: "cancelled", lastError: "adresse désabonnée" });
  });
});

describe("sending a letter", () => {
  it("goes only to confirmed addresses, once each across two dispatch runs, grouped by type, with one-click unsubscription", async () => {
    const { db, me } = seeded();
    await subscribeAndConfirm(db, "one@example.org", 0);
    await subscribeAndConfirm(db, "two@example.org", 2);
    await subscribeAndConfirm(db, "gone@example.org", 4);
    requestSubscription(db, { email: "pending@example.org", source: "registration", nowIso: at(6) });
    await dispatchTo(smtp, db, at(6), APP);

    const expected = itemsSinceLastDigest(db);
    expect(expected.length).toBeGreaterThan(3);
    // Grouped by type, in the order of the types.
    const sections = groupByType(expected);
    const ranks = sections.map((s) => RESOURCE_TYPES.indexOf(s.type as (typeof RESOURCE_TYPES)[number]));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(new Set(sections.map((s) => s.type)).size).toBe(sections.length);

    expect(saveIntro(db, { accountId: me.id, intro: "Bonjour,\n\nÀ lire : https://example.org/a?b=1 <script>alert(1)</script>", nowIso: at(7) })).toEqual({
      ok: true,
    });
    const sent = sendDigest(db, { accountId: me.id, nowIso: at(8) });
    expect(sent).toEqual({ ok: true, number: 1, recipients: 3, items: expected.length });
    // One outbox row per confirmed address; none for the pending one.
    const rows = db.select().from(t.outbox).where(eq(t.outbox.kind, "newsletter")).all();
    expect(rows.map((r) => r.toAddress).sort()).toEqual(["gone@example.org", "one@example.org", "two@example.org"]);
    expect(new Set(rows.map((r) => r.dedupeKey)).size).toBe(3);
    expect(
      db
        .select()
        .from(t.auditLog)
        .where(eq(t.auditLog.entity, "newsletter"))
        .all()
        .map((a) => a.action),
    ).toEqual(["update", "send"]);

    const first = await dispatchTo(smtp, db, at(8), APP);
    expect(first.summary.sent).toBe(3);
    const again = await dispatchTo(smtp, db, at(9), APP);
    expect(again.summary.sent).toBe(0);
    const letters = (address: string) => to(address, /^Lettre d’information des Rendez-vous n°\s1/);
    for (const address of ["one@example.org", "two@example.org", "gone@example.org"]) expect(letters(address)).toHaveLength(1);
    expect(letters("pending@example.org")).toHaveLength(0);

    const letter = letters("one@example.org")[0];
    // Every resource with its absolute page link and its series; types as headings, in order.
    for (const item of expected) {
      expect(letter.parsed.text).toContain(`${APP}${item.path}`);
      expect(letter.parsed.html).toContain(`href="${APP}${item.path}"`);
    }
    expect(letter.parsed.text).toContain(expected[0].seriesTitle);
    const headings = sections.map((s) => letter.parsed.text!.indexOf(`\n${s.label.toUpperCase()}\n`));
    expect(headings.every((h) => h > 0)).toBe(true);
    expect(headings).toEqual([...headings].sort((a, b) => a - b));
    // The introduction: escaped, its link a link.
    expect(letter.parsed.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(letter.parsed.html).not.toContain("<script>");
    expect(letter.parsed.html).toContain('<a href="https://example.org/a?b=1"');

    // RFC 8058 headers; the address unsubscribes in one click.
    const gone = letters("gone@example.org")[0];
    expect(header(gone, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    const token = header(gone, "list-unsubscribe")!.match(/\/lettres\/desinscription\/([A-Za-z0-9_-]+)/)![1];
    expect(unsubscribeByLink(db, token, at(10))).toBe(true);
    expect(db.select().from(t.newsletterSubscribers).where(eq(t.newsletterSubscribers.email, "gone@example.org")).get()!.status).toBe("unsubscribed");
    // A confirmation token does not unsubscribe, nor an unsubscription token confirm.
    expect(confirmSubscription(db, token, at(10))).toBe("invalid");

    // The next letter: nothing new yet, refused. Then one resource published later: only that one.
    expect(sendDigest(db, { accountId: me.id, nowIso: at(11) })).toEqual({ ok: false, reason: EMPTY_DIGEST });
    const later = db.select().from(t.resources).where(eq(t.resources.id, expected[1].resourceId!)).get()!;
    setPublished(db, me, later.seriesId, later.id, false, at(12));
    // (unpublished and published again: it was announced already, so it is not news)
    setPublished(db, me, later.seriesId, later.id, true, at(13));
    expect(itemsSinceLastDigest(db)).toEqual([]);
    const fresh = db
      .insert(t.resources)
      .values({ seriesId: later.seriesId, type: "bibliography", title: "Bibliographie « Jeunesse et santé »", position: 99, key: "biblio-jeunesse" })
      .returning()
      .get();
    expect(itemsSinceLastDigest(db).map((i) => i.resourceId)).toEqual([fresh.id]);
    expect(sendDigest(db, { accountId: me.id, nowIso: at(14) })).toMatchObject({ ok: true, number: 2, recipients: 2, items: 1 });
    await dispatchTo(smtp, db, at(14), APP);
    expect(to("gone@example.org", /^Lettre d’information des Rendez-vous n°\s2/)).toHaveLength(0);
    const second = to("one@example.org", /^Lettre d’information des Rendez-vous n°\s2/);
    expect(second).toHaveLength(1);
    expect(second[0].parsed.text).toContain(`${APP}/ressources/${fresh.id}`);
    expect(second[0].parsed.text).not.toContain(`${APP}${expected[0].path}\n`);

    // The archive: both letters, what each announced, nothing about subscribers.
    expect(sentLetters(db).map((l) => [l.number, l.items])).toEqual([
      [2, 1],
      [1, expected.length],
    ]);
    const archived = JSON.stringify(sentLetter(db, 1));
    expect(archived).toContain(expected[0].title.replace(/"/g, '\\"'));
    expect(archived).not.toMatch(/@example\.org/);
  });

  it("is refused when no address is confirmed, and a test goes to the organiser alone", async () => {
    const { db, me } = seeded();
    requestSubscription(db, { email: "waiting@example.org", source: "library", nowIso: at(0) });
    expect(sendDigest(db, { accountId: me.id, nowIso: at(1) })).toEqual({ ok: false, reason: NO_SUBSCRIBER });
    expect(db.select().from(t.newsletters).where(eq(t.newsletters.status, "sent")).all()).toHaveLength(0);

    sendTest(db, { accountId: me.id, email: me.email, nowIso: at(2) });
    const { received } = await dispatchTo(smtp, db, at(2), APP);
    const test = received.find((m) => m.envelopeTo.includes(me.email))!;
    expect(test.parsed.subject).toMatch(/^Lettre d’information des Rendez-vous n°\s1 \(essai\)/);
    expect(header(test, "list-unsubscribe")).toBeUndefined();
    expect(received.filter((m) => /^Lettre/.test(m.parsed.subject ?? "") && !m.envelopeTo.includes(me.email))).toHaveLength(0);
    // A test does not count as a letter: the next one is still n° 1, with the same resources.
    expect(db.select().from(t.newsletters).where(eq(t.newsletters.status, "sent")).all()).toHaveLength(0);
  });
});
