// The development mailbox (SMTP_URL unset): what the app would have sent, newest first.
import { desc, eq } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase } from "~/utils/db.server";

export function listDevMailbox(db: AppDatabase, limit = 100) {
  return db
    .select({ id: t.devMailbox.id, toAddress: t.devMailbox.toAddress, subject: t.devMailbox.subject, createdAt: t.devMailbox.createdAt })
    .from(t.devMailbox)
    .orderBy(desc(t.devMailbox.id))
    .limit(limit)
    .all();
}

export function getDevMessage(db: AppDatabase, id: number) {
  return db.select().from(t.devMailbox).where(eq(t.devMailbox.id, id)).get() ?? null;
}
