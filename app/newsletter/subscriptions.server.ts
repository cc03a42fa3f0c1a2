// Subscribing to the lettre d'information: a request (from the library or the registration form)
// makes or revives a "pending" subscriber and queues the confirmation email (double opt-in); its link
// confirms; the link of each letter unsubscribes in one click. Links are made per email and only
// their sha256 is stored (as personal links, ADR 006). Nothing here says whether an address was
// already known: the forms answer the same in every case.
import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { DateTime } from "luxon";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";
import { dedupeKeyOf } from "~/notifications/email-kinds.server";
import { enqueue } from "../notifications/outbox.server";
import { hashToken } from "../registration/participants.server";
import { normaliseEmail } from "../registration/registrations.server";

export type Subscriber = typeof t.newsletterSubscribers.$inferSelect;
export type SubscriptionSource = Subscriber["source"];
export type LinkPurpose = (typeof t.newsletterLinks.$inferSelect)["purpose"];

/** A confirmation link works for this many days. */
export const CONFIRM_DAYS = 7;

/**
 * A subscription request. New or unsubscribed address: pending, and a confirmation email; pending:
 * the confirmation again (at most one per address and minute); confirmed: nothing changes. Returns
 * the queued email's id, if any (the caller kicks the scheduler).
 */
export function requestSubscription(db: AppDatabase, input: { email: string; source: SubscriptionSource; nowIso: string }): number | null {
  const email = normaliseEmail(input.email);
  return db.transaction((tx) => {
    const existing = tx.select().from(t.newsletterSubscribers).where(eq(t.newsletterSubscribers.email, email)).get();
    if (existing?.status === "confirmed") return null;
    const subscriber = existing
      ? tx
          .update(t.newsletterSubscribers)
          .set({ status: "pending", source: input.source, requestedAt: input.nowIso, updatedAt: input.nowIso })
          .where(eq(t.newsletterSubscribers.id, existing.id))
          .returning()
          .get()
      : tx
          .insert(t.newsletterSubscribers)
          .values({ email, source: input.source, createdAt: input.nowIso, requestedAt: input.nowIso, updatedAt: input.nowIso })
          .returning()
          .get();
    return enqueue(tx, {
      kind: "newsletter-confirmation",
      dedupeKey: dedupeKeyOf("newsletter-confirmation", subscriber.id, input.nowIso),
      toAddress: subscriber.email,
      payload: { subscriberId: subscriber.id },
      dueAt: input.nowIso,
    });
  });
}

/** A new link for one email (the dispatcher's prepare step); the raw token exists only in that email. */
export function createNewsletterLink(db: AppDatabase, subscriberId: number, purpose: LinkPurpose, nowIso: string): string {
  const token = randomBytes(24).toString("base64url");
  db.insert(t.newsletterLinks)
    .values({ subscriberId, purpose, tokenHash: hashToken(token), createdAt: nowIso })
    .run();
  return token;
}

/** The subscriber a link was made for, with the link's date, or null (unknown token, another purpose). */
export function subscriberByLink(db: AppDatabase, token: string, purpose: LinkPurpose): (Subscriber & { linkCreatedAt: string }) | null {
  if (!token || token.length > 100) return null;
  const row = db
    .select({ s: t.newsletterSubscribers, linkCreatedAt: t.newsletterLinks.createdAt })
    .from(t.newsletterLinks)
    .innerJoin(t.newsletterSubscribers, eq(t.newsletterSubscribers.id, t.newsletterLinks.subscriberId))
    .where(and(eq(t.newsletterLinks.tokenHash, hashToken(token)), eq(t.newsletterLinks.purpose, purpose)))
    .get();
  return row ? { ...row.s, linkCreatedAt: row.linkCreatedAt } : null;
}

export type ConfirmState = "valid" | "confirmed" | "expired" | "invalid";

/** What a confirmation link can still do: confirm (valid), nothing more (already confirmed), or nothing (expired, superseded by an unsubscription, unknown). */
export function confirmationState(db: AppDatabase, token: string, nowIso: string): ConfirmState {
  const s = subscriberByLink(db, token, "confirm");
  if (!s) return "invalid";
  if (s.status === "confirmed") return "confirmed";
  // A request older than the last unsubscription does not subscribe again.
  if (s.status === "unsubscribed" && s.unsubscribedAt && s.linkCreatedAt <= s.unsubscribedAt) return "invalid";
  const expires = DateTime.fromISO(s.linkCreatedAt, { zone: "utc" }).plus({ days: CONFIRM_DAYS });
  return DateTime.fromISO(nowIso, { zone: "utc" }) > expires ? "expired" : "valid";
}

/** Confirms the subscription of the link's address; returns the state the page shows. */
export function confirmSubscription(db: AppDatabase, token: string, nowIso: string): ConfirmState {
  const state = confirmationState(db, token, nowIso);
  if (state !== "valid") return state;
  const s = subscriberByLink(db, token, "confirm")!;
  db.update(t.newsletterSubscribers)
    .set({ status: "confirmed", confirmedAt: nowIso, unsubscribedAt: null, updatedAt: nowIso })
    .where(eq(t.newsletterSubscribers.id, s.id))
    .run();
  return "confirmed";
}

/** One-click unsubscription by a letter's link: true when the link is known (unsubscribing twice is fine). */
export function unsubscribeByLink(db: AppDatabase, token: string, nowIso: string): boolean {
  const s = subscriberByLink(db, token, "unsubscribe");
  if (!s) return false;
  if (s.status !== "unsubscribed") {
    db.update(t.newsletterSubscribers)
      .set({ status: "unsubscribed", unsubscribedAt: nowIso, updatedAt: nowIso })
      .where(eq(t.newsletterSubscribers.id, s.id))
      .run();
  }
  return true;
}

export function subscriberById(db: AppDatabase, id: number): Subscriber | undefined {
  return db.select().from(t.newsletterSubscribers).where(eq(t.newsletterSubscribers.id, id)).get();
}

/** How many addresses in each state (the organisers' page). */
export function subscriberCounts(db: AppDatabase): Record<Subscriber["status"], number> {
  const rows = db
    .select({ status: t.newsletterSubscribers.status, n: sql<number>`count(*)` })
    .from(t.newsletterSubscribers)
    .groupBy(t.newsletterSubscribers.status)
    .all();
  const counts = { pending: 0, confirmed: 0, unsubscribed: 0 };
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}
