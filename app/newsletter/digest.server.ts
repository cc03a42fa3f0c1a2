// The digest itself: which resources the next letter announces (every public resource of the
// library that no letter has announced yet: "published since the last one"), grouped by type; the
// draft's introduction; the test to oneself; sending (numbered, its content copied for the archive,
// one outbox row per confirmed subscriber in one INSERT … SELECT); the public archive. An empty
// letter, or one nobody would receive, is refused with the reason.
import { asc, desc, eq, isNotNull, sql } from "drizzle-orm";
import * as t from "../../db/schema";
import { RESOURCE_TYPES } from "../../db/schema/resources";
import type { AppDatabase } from "~/utils/db.server";
import { RESOURCE_TYPE_LABELS } from "~/utils/labels";
import { frenchTypography } from "~/utils/typography";
import { dedupeKeyOf, NEWSLETTER_DEDUPE_SQL } from "~/notifications/email-kinds.server";
import { audit } from "../accounts/audit.server";
import { enqueue } from "../notifications/outbox.server";
import { visibleRows } from "../resources/visibility.server";

export type Newsletter = typeof t.newsletters.$inferSelect;
export type DigestEntry = { resourceId: number | null; type: string; title: string; seriesTitle: string; path: string };
export type DigestSection = { type: string; label: string; items: DigestEntry[] };

/** The longest introduction accepted. */
export const INTRO_MAX = 5000;

const typeRank = (type: string) => {
  const i = (RESOURCE_TYPES as readonly string[]).indexOf(type);
  return i < 0 ? RESOURCE_TYPES.length : i;
};

/** Public resources no letter has announced yet, in the order of the letter (type, then series and position). */
export function itemsSinceLastDigest(db: AppDatabase): DigestEntry[] {
  const announced = new Set(
    db
      .select({ id: t.newsletterItems.resourceId })
      .from(t.newsletterItems)
      .where(isNotNull(t.newsletterItems.resourceId))
      .all()
      .map((r) => r.id),
  );
  const rows = visibleRows(db, { kind: "public" }).filter((row) => !announced.has(row.r.id));
  return rows
    .map((row, order) => ({
      order,
      entry: { resourceId: row.r.id, type: row.r.type, title: row.r.title, seriesTitle: row.series.title, path: `/ressources/${row.r.id}` },
    }))
    .sort((a, b) => typeRank(a.entry.type) - typeRank(b.entry.type) || a.order - b.order)
    .map((x) => x.entry);
}

/** The entries grouped by resource type, in the order they come. */
export function groupByType(entries: DigestEntry[]): DigestSection[] {
  const sections: DigestSection[] = [];
  for (const e of entries) {
    let s = sections.find((x) => x.type === e.type);
    if (!s) sections.push((s = { type: e.type, label: RESOURCE_TYPE_LABELS[e.type] ?? e.type, items: [] }));
    s.items.push(e);
  }
  return sections;
}

/** The draft's introduction, without making a draft (pages only read). */
export function draftIntro(db: AppDatabase): string {
  return (
    db.select({ intro: t.newsletters.intro }).from(t.newsletters).where(eq(t.newsletters.status, "draft")).orderBy(asc(t.newsletters.id)).get()?.intro ?? ""
  );
}

/** The letter being prepared (made on first use). */
export function currentDraft(db: AppDatabase, nowIso: string): Newsletter {
  const draft = db.select().from(t.newsletters).where(eq(t.newsletters.status, "draft")).orderBy(asc(t.newsletters.id)).get();
  return draft ?? db.insert(t.newsletters).values({ createdAt: nowIso, updatedAt: nowIso }).returning().get();
}

export function newsletterById(db: AppDatabase, id: number): Newsletter | undefined {
  return db.select().from(t.newsletters).where(eq(t.newsletters.id, id)).get();
}

/** The number the next letter sent gets. */
export function nextNumber(db: AppDatabase): number {
  return (
    (db
      .select({ n: sql<number | null>`max(${t.newsletters.number})` })
      .from(t.newsletters)
      .get()?.n ?? 0) + 1
  );
}

/** The entries of a letter: what it announced once sent, what it would announce while a draft. */
export function entriesOf(db: AppDatabase, letter: Newsletter): DigestEntry[] {
  if (letter.status === "draft") return itemsSinceLastDigest(db);
  return db
    .select({
      resourceId: t.newsletterItems.resourceId,
      type: t.newsletterItems.type,
      title: t.newsletterItems.title,
      seriesTitle: t.newsletterItems.seriesTitle,
      path: t.newsletterItems.path,
    })
    .from(t.newsletterItems)
    .where(eq(t.newsletterItems.newsletterId, letter.id))
    .orderBy(asc(t.newsletterItems.position))
    .all();
}

export type IntroResult = { ok: true } | { ok: false; error: string };

/** Saves the draft's introduction (plain text; escaped wherever it is shown). */
export function saveIntro(db: AppDatabase, input: { accountId: number; intro: string; nowIso: string }): IntroResult {
  if (input.intro.length > INTRO_MAX)
    return { ok: false, error: `L’introduction est trop longue : ${INTRO_MAX} caractères au plus (elle en compte ${input.intro.length}).` };
  db.transaction(() => {
    const draft = currentDraft(db, input.nowIso);
    db.update(t.newsletters)
      .set({ intro: frenchTypography(input.intro), updatedAt: input.nowIso })
      .where(eq(t.newsletters.id, draft.id))
      .run();
    audit(db, input.accountId, "update", "newsletter", draft.id, { intro: input.intro.length });
  });
  return { ok: true };
}

/** The draft as it stands, sent to one organiser (no unsubscription link, nothing recorded as sent). */
export function sendTest(db: AppDatabase, input: { accountId: number; email: string; nowIso: string }): number | null {
  return db.transaction(() => {
    const draft = currentDraft(db, input.nowIso);
    audit(db, input.accountId, "test", "newsletter", draft.id, { to: input.email });
    return enqueue(db, {
      kind: "newsletter",
      dedupeKey: dedupeKeyOf("newsletter", { test: draft.id, nowIso: input.nowIso }),
      toAddress: input.email,
      payload: { newsletterId: draft.id, test: true },
      dueAt: input.nowIso,
    });
  });
}

export type SendOutcome = { ok: true; number: number; recipients: number; items: number } | { ok: false; reason: string };

export const EMPTY_DIGEST = "Aucune nouvelle ressource publique n’a été publiée depuis la dernière lettre : il n’y a rien à annoncer, rien n’a été envoyé.";
export const NO_SUBSCRIBER =
  "Aucune adresse n’a confirmé son abonnement : personne ne recevrait la lettre, rien n’a été envoyé. Les adresses en attente de confirmation ne reçoivent jamais de lettre.";

/**
 * Sends the draft: it gets the next number, its entries are copied (the archive and "since the last
 * one" rely on them), and one email per confirmed subscriber is queued, all in one transaction.
 */
export function sendDigest(db: AppDatabase, input: { accountId: number; nowIso: string }): SendOutcome {
  // better-sqlite3 runs the transaction on this same connection: every query below is in it.
  return db.transaction((): SendOutcome => {
    const entries = itemsSinceLastDigest(db);
    if (!entries.length) return { ok: false, reason: EMPTY_DIGEST };
    const confirmed =
      db
        .select({ n: sql<number>`count(*)` })
        .from(t.newsletterSubscribers)
        .where(eq(t.newsletterSubscribers.status, "confirmed"))
        .get()?.n ?? 0;
    if (!confirmed) return { ok: false, reason: NO_SUBSCRIBER };
    const draft = currentDraft(db, input.nowIso);
    const number = nextNumber(db);
    db.insert(t.newsletterItems)
      .values(entries.map((e, position) => ({ ...e, newsletterId: draft.id, position })))
      .run();
    const recipients = db.run(sql`
      insert into outbox (kind, dedupe_key, to_address, payload, due_at, next_attempt_at)
      select 'newsletter', ${NEWSLETTER_DEDUPE_SQL(draft.id)}, s.email,
             json_object('newsletterId', ${draft.id}, 'subscriberId', s.id), ${input.nowIso}, ${input.nowIso}
      from newsletter_subscribers s
      where s.status = 'confirmed'
      on conflict (dedupe_key) do nothing`).changes;
    db.update(t.newsletters)
      .set({ status: "sent", number, sentAt: input.nowIso, sentBy: input.accountId, recipients, updatedAt: input.nowIso })
      .where(eq(t.newsletters.id, draft.id))
      .run();
    audit(db, input.accountId, "send", "newsletter", draft.id, { number, recipients, items: entries.length });
    return { ok: true, number, recipients, items: entries.length };
  });
}

/** The letters sent, newest first, with their numbers of recipients (organisers only). */
export function sentLettersForOrganisers(db: AppDatabase) {
  return db
    .select({ number: t.newsletters.number, sentAt: t.newsletters.sentAt, recipients: t.newsletters.recipients, sentBy: t.accounts.email })
    .from(t.newsletters)
    .leftJoin(t.accounts, eq(t.accounts.id, t.newsletters.sentBy))
    .where(eq(t.newsletters.status, "sent"))
    .orderBy(desc(t.newsletters.number))
    .all();
}

/** The letters sent, newest first (public: no subscriber data). */
export function sentLetters(db: AppDatabase) {
  return db
    .select({
      number: t.newsletters.number,
      sentAt: t.newsletters.sentAt,
      items: sql<number>`(select count(*) from newsletter_items i where i.newsletter_id = "newsletters"."id")`,
    })
    .from(t.newsletters)
    .where(eq(t.newsletters.status, "sent"))
    .orderBy(desc(t.newsletters.number))
    .all() as { number: number; sentAt: string; items: number }[];
}

/** One sent letter by its number, with its entries grouped (public). */
export function sentLetter(db: AppDatabase, number: number) {
  if (!Number.isInteger(number) || number < 1) return null;
  const letter = db.select().from(t.newsletters).where(eq(t.newsletters.number, number)).get();
  if (!letter || letter.status !== "sent") return null;
  return { number, sentAt: letter.sentAt!, intro: letter.intro, sections: groupByType(entriesOf(db, letter)) };
}
