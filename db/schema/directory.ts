// The directory of actors: organisations and people, shared by every series so that one person who
// speaks in several series has one entry.
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { id, timestamps } from "./columns";

export const organisations = sqliteTable("organisations", {
  id: id(),
  key: text("key").notNull().unique(),
  name: text("name").notNull(),
  shortName: text("short_name"),
  address: text("address"),
  phone: text("phone"),
  email: text("email"),
  website: text("website"),
  ...timestamps(),
});

export const people = sqliteTable("people", {
  id: id(),
  key: text("key").notNull().unique(),
  name: text("name").notNull(),
  /** Job title or service, e.g. "Direction de la santé publique". */
  role: text("role"),
  organisationId: integer("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
  bio: text("bio"),
  ...timestamps(),
});
