// Check-in at the door (accueil): each registration's personal check-in code (code d’accueil), and
// when and by whom the person was welcomed. Attendance itself stays on the registration
// (registrations.attendance, through app/attendance/); this table only adds the door's facts.
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { accounts } from "./admin";
import { createdAt } from "./columns";
import { registrations } from "./registrations";

export const checkIns = sqliteTable("check_ins", {
  registrationId: integer("registration_id")
    .primaryKey()
    .references(() => registrations.id, { onDelete: "cascade" }),
  /** 8 characters of an unambiguous alphabet (app/check-in/check-in-codes.server.ts), unique across all sessions. */
  code: text("code").notNull().unique(),
  createdAt: createdAt(),
  /** Set once by the first organiser who welcomes the person (conditional update); cleared by an undo. */
  checkedInAt: text("checked_in_at"),
  checkedInBy: integer("checked_in_by").references(() => accounts.id, { onDelete: "set null" }),
  /** Added on the spot at the door (participant·e sur place non inscrit·e). */
  walkIn: integer("walk_in", { mode: "boolean" }).notNull().default(false),
});
