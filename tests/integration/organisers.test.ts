// Sign-in requests at the model level: each request is its own email (the form's rate limits bound
// them), even two in the same second — a link already used must never block the next one.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { ensureAdmin, requestSignIn } from "~/accounts/accounts.server";
import { memoryDb } from "../helpers/db";

describe("sign-in requests", () => {
  it("queues one email per request, even two in the same second; none for an unknown address", () => {
    const db = memoryDb();
    ensureAdmin(db, "admin@example.org");
    const now = "2026-12-03T09:00:00Z";
    requestSignIn(db, "admin@example.org", now);
    requestSignIn(db, "Admin@Example.org", now);
    requestSignIn(db, "personne@example.org", now);
    const rows = db.select().from(t.outbox).where(eq(t.outbox.kind, "sign-in")).all();
    expect(rows.map((r) => r.toAddress)).toEqual(["admin@example.org", "admin@example.org"]);
  });
});
