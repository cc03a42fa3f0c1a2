// Organisers (the back-office's users), their password-less sign-in links, server-side sessions,
// and the audit log of what they change.
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

const now = sql`(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))`;

export const ACCOUNT_ROLES = ["admin", "editor"] as const;

export const accounts = sqliteTable("organisers", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  email: text("email").notNull().unique(),
  name: text("name"),
  role: text("role", { enum: ACCOUNT_ROLES }).notNull().default("editor"),
  invitedBy: integer("invited_by"),
  disabledAt: text("disabled_at"),
  lastSignInAt: text("last_sign_in_at"),
  createdAt: text("created_at").notNull().default(now),
});

/** Single-use, short-lived sign-in links; only a hash of the token is stored. */
export const signInTokens = sqliteTable(
  "sign_in_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountId: integer("organiser_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [index("sign_in_tokens_organiser_idx").on(t.accountId)],
);

/** Back-office sessions, stored server-side (the cookie holds a random id; its hash is stored). */
export const logins = sqliteTable(
  "admin_sessions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountId: integer("organiser_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    idHash: text("id_hash").notNull().unique(),
    expiresAt: text("expires_at").notNull(),
    revokedAt: text("revoked_at"),
    createdAt: text("created_at").notNull().default(now),
    lastSeenAt: text("last_seen_at"),
  },
  (t) => [index("admin_sessions_organiser_idx").on(t.accountId)],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountId: integer("organiser_id").references(() => accounts.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    detail: text("detail", { mode: "json" })
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'`),
    createdAt: text("created_at").notNull().default(now),
  },
  (t) => [index("audit_log_entity_idx").on(t.entity, t.entityId), index("audit_log_created_idx").on(t.createdAt)],
);
