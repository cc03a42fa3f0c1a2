// Series teams: who may do what on one series (organiser, editor, viewer), beside the account's
// global role (admin: everything everywhere). docs/decisions/016-series-roles.md.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { accounts } from "./admin";
import { belongsTo, createdAt, id } from "./columns";
import { SERIES_ROLES } from "../../app/accounts/series-roles";
import { series } from "./series";

export const seriesMembers = sqliteTable(
  "series_members",
  {
    id: id(),
    accountId: belongsTo("organiser_id", () => accounts.id),
    seriesId: belongsTo("series_id", () => series.id),
    role: text("role", { enum: SERIES_ROLES }).notNull(),
    invitedBy: integer("invited_by").references(() => accounts.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: text("updated_at"),
  },
  (t) => [uniqueIndex("series_members_account_series_idx").on(t.accountId, t.seriesId), index("series_members_series_idx").on(t.seriesId)],
);
