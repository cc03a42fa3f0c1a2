// The audit log: who changed what, when. Written in the same transaction as the change.
import { desc, eq } from "drizzle-orm";
import * as t from "../../db/schema";
import type { AppDatabase, Tx } from "~/utils/db.server";

export function audit(
  db: AppDatabase | Tx,
  accountId: number | null,
  action: string,
  entity: string,
  entityId: string | number | null,
  detail: Record<string, unknown> = {},
): void {
  db.insert(t.auditLog)
    .values({ accountId, action, entity, entityId: entityId === null ? null : String(entityId), detail })
    .run();
}

export function listAudit(db: AppDatabase, limit = 200) {
  return db
    .select({
      id: t.auditLog.id,
      action: t.auditLog.action,
      entity: t.auditLog.entity,
      entityId: t.auditLog.entityId,
      detail: t.auditLog.detail,
      createdAt: t.auditLog.createdAt,
      who: t.accounts.email,
    })
    .from(t.auditLog)
    .leftJoin(t.accounts, eq(t.accounts.id, t.auditLog.accountId))
    .orderBy(desc(t.auditLog.id))
    .limit(limit)
    .all();
}
