// The column shapes the tables repeat: the id, the creation and change stamps, a position in an
// ordered list, a JSON list, and a foreign key to the row a row belongs to (deleted with it). Each is
// a function: drizzle needs a new builder per table. SQL names are given here, so the migrations
// stay what they are (`drizzle-kit generate` finds no change).
import { sql } from "drizzle-orm";
import { integer, text, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";

/** SQLite's "now" as an ISO 8601 UTC instant, the default of every stamp. */
export const now = sql`(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))`;

export const id = () => integer("id").primaryKey({ autoIncrement: true });
export const createdAt = () => text("created_at").notNull().default(now);
export const timestamps = () => ({ createdAt: createdAt(), updatedAt: text("updated_at").notNull().default(now) });
export const position = () => integer("position").notNull();

/** A required reference to the parent row; the row goes when its parent goes. */
export const belongsTo = (name: string, parent: () => AnySQLiteColumn) => integer(name).notNull().references(parent, { onDelete: "cascade" });

/** A JSON array, empty by default. */
export const jsonList = <T>(name: string) =>
  text(name, { mode: "json" })
    .$type<T[]>()
    .notNull()
    .default(sql`'[]'`);
