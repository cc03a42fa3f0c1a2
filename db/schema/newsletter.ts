// The lettre d'information (a digest of new resources, the seeds' monthly "Info-Veille"): its
// subscribers (double opt-in, one-click unsubscribe), the links its emails carry (only their hashes,
// as personal links: ADR 006), and the digests sent, each with a copy of what it announced so that
// the public archive stays as it was sent.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { accounts } from "./admin";
import { belongsTo, id, position } from "./columns";
import { resources } from "./resources";

export const SUBSCRIBER_STATUSES = ["pending", "confirmed", "unsubscribed"] as const;
export const SUBSCRIPTION_SOURCES = ["library", "registration"] as const;

/** One row per address (stored lower-cased). Nothing is ever sent to a pending or unsubscribed one but the confirmation request. */
export const newsletterSubscribers = sqliteTable(
  "newsletter_subscribers",
  {
    id: id(),
    email: text("email").notNull().unique(),
    status: text("status", { enum: SUBSCRIBER_STATUSES }).notNull().default("pending"),
    /** Where the last request came from (the library's form, the registration form). */
    source: text("source", { enum: SUBSCRIPTION_SOURCES }).notNull(),
    /** UTC instants (injected "now"). */
    createdAt: text("created_at").notNull(),
    requestedAt: text("requested_at").notNull(),
    confirmedAt: text("confirmed_at"),
    unsubscribedAt: text("unsubscribed_at"),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [index("newsletter_subscribers_status_idx").on(t.status)],
);

export const NEWSLETTER_LINK_PURPOSES = ["confirm", "unsubscribe"] as const;

/** A link made for one email (a confirmation request, a digest): only the token's sha256 is stored. */
export const newsletterLinks = sqliteTable(
  "newsletter_links",
  {
    id: id(),
    subscriberId: belongsTo("subscriber_id", () => newsletterSubscribers.id),
    purpose: text("purpose", { enum: NEWSLETTER_LINK_PURPOSES }).notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("newsletter_links_subscriber_idx").on(t.subscriberId)],
);

export const NEWSLETTER_STATUSES = ["draft", "sent"] as const;

/** A digest: the draft being prepared (at most one), then the numbered letters sent. */
export const newsletters = sqliteTable(
  "newsletters",
  {
    id: id(),
    /** 1, 2, 3… given when sent (null for the draft). */
    number: integer("number"),
    status: text("status", { enum: NEWSLETTER_STATUSES }).notNull().default("draft"),
    /** The organiser's introduction: plain text, paragraphs and links (escaped everywhere). */
    intro: text("intro").notNull().default(""),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
    sentAt: text("sent_at"),
    sentBy: integer("sent_by").references(() => accounts.id, { onDelete: "set null" }),
    recipients: integer("recipients"),
  },
  (t) => [uniqueIndex("newsletters_number_uq").on(t.number)],
);

/** What a sent digest announced, copied at sending time (the archive does not change when a resource does). */
export const newsletterItems = sqliteTable(
  "newsletter_items",
  {
    id: id(),
    newsletterId: belongsTo("newsletter_id", () => newsletters.id),
    /** The resource announced; it is never announced again (set null if it is deleted). */
    resourceId: integer("resource_id").references(() => resources.id, { onDelete: "set null" }),
    position: position(),
    type: text("type").notNull(),
    title: text("title").notNull(),
    seriesTitle: text("series_title").notNull(),
    /** The resource page's path (/ressources/<id>). */
    path: text("path").notNull(),
  },
  (t) => [index("newsletter_items_newsletter_idx").on(t.newsletterId, t.position), index("newsletter_items_resource_idx").on(t.resourceId)],
);
