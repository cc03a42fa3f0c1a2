// Back-office accounts at the model level. Sign-in requests: each request is its own email (the
// form's rate limits bound them), even two in the same second — a link already used must never block
// the next one. A sign-in email queued before accounts were renamed in code (payload key
// `organiserId`) still renders after an upgrade.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { ensureAdmin, listAccounts, requestSignIn } from "~/accounts/accounts.server";
import { renderMessage } from "~/notifications/messages.server";
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

  it("renders a sign-in email from its stored payload, whose key keeps its first name (organiserId)", () => {
    const db = memoryDb();
    ensureAdmin(db, "admin@example.org");
    const now = "2026-12-03T09:00:00Z";
    requestSignIn(db, "admin@example.org", now);
    const row = db.select().from(t.outbox).where(eq(t.outbox.kind, "sign-in")).get()!;
    const [account] = listAccounts(db);
    // What this version stores is what earlier versions stored.
    expect(row.payload).toEqual({ organiserId: account.id });
    const draft = renderMessage(db, row, { appUrl: "https://rdv.example.org", nowIso: now });
    expect("complete" in draft).toBe(true);
    if (!("complete" in draft)) return;
    expect(draft.link).toEqual({ kind: "sign-in", accountId: account.id });
    expect(draft.complete("TOKEN").text).toContain("https://rdv.example.org/admin/connexion/TOKEN");
  });
});
