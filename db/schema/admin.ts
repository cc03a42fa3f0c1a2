// Organisers (the back-office's users), their password-less sign-in links, server-side sessions,
// and the audit log of what they change.
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { belongsTo, createdAt, id } from "./columns";

export const ACCOUNT_ROLES = ["admin", "editor"] as const;

export const accounts = sqliteTable("organisers", {
  id: id(),
  email: text("email").notNull().unique(),
  name: text("name"),
  role: text("role", { enum: ACCOUNT_ROLES }).notNull().default("editor"),
  invitedBy: integer("invited_by"),
  disabledAt: text("disabled_at"),
  lastSignInAt: text("last_sign_in_at"),
  createdAt: createdAt(),
});

/** Single-use, short-lived sign-in links; only a hash of the token is stored. */
export const signInTokens = sqliteTable(
  "sign_in_tokens",
  {
    id: id(),
    accountId: belongsTo("organiser_id", () => accounts.id),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: text("expires_at").notNull(),
    usedAt: text("used_at"),
    createdAt: createdAt(),
  },
  (t) => [index("sign_in_tokens_organiser_idx").on(t.accountId)],
);

/** Back-office sessions, stored server-side (the cookie holds a random id; its hash is stored). */
export const logins = sqliteTable(
  "admin_sessions",
  {
    id: id(),
    accountId: belongsTo("organiser_id", () => accounts.id),
    idHash: text("id_hash").notNull().unique(),
    expiresAt: text("expires_at").notNull(),
    revokedAt: text("revoked_at"),
    createdAt: createdAt(),
    lastSeenAt: text("last_seen_at"),
  },
  (t) => [index("admin_sessions_organiser_idx").on(t.accountId)],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: id(),
    accountId: integer("organiser_id").references(() => accounts.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    detail: text("detail", { mode: "json" })
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'`),
    createdAt: createdAt(),
  },
  (t) => [index("audit_log_entity_idx").on(t.entity, t.entityId), index("audit_log_created_idx").on(t.createdAt)],
);
