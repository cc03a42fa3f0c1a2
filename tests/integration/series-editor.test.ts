// The back-office edits series through the series file: same rules, same effects as an import.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { DEMO_SLUG } from "../../db/seed/demo-series";
import { planAccessCodes } from "~/access-codes/access-codes.server";
import { createSeries, duplicateSeries, loadDoc, saveDoc, slugify, uniqueKey } from "~/series/series-editor.server";
import { ensureAdmin } from "~/accounts/accounts.server";
import { register } from "~/registration/registrations.server";
import { seedIfEmpty } from "~/server/seed.server";
import { toUtcIso } from "~/utils/dates.server";
import { problemsUnder } from "~/utils/problems";
import { NOW, memoryDb } from "../helpers/db";
import { participantInput } from "../helpers/people";

function setup() {
  const db = memoryDb();
  seedIfEmpty(db, NOW);
  ensureAdmin(db, "admin@example.org");
  const admin = db.select().from(t.accounts).get()!;
  return { db, admin };
}

describe("series editor", () => {
  it("creates a draft series, refusing an address already taken", () => {
    const { db, admin } = setup();
    expect(createSeries(db, admin, { title: "Santé et habitat", territory: "Orne (61)", slug: "" }, toUtcIso(NOW))).toEqual({
      ok: true,
      slug: "sante-et-habitat",
    });
    expect(db.select().from(t.series).where(eq(t.series.slug, "sante-et-habitat")).get()).toMatchObject({ status: "draft", territory: "Orne (61)" });
    const again = createSeries(db, admin, { title: "Autre", territory: "", slug: "sante-et-habitat" }, toUtcIso(NOW));
    expect(again.ok).toBe(false);
    expect(db.select().from(t.auditLog).where(eq(t.auditLog.action, "create")).all()).toHaveLength(1);
  });

  it("duplicates for another territory: dates shifted by calendar weeks (09:30 stays 09:30 across summer time), no registrations, no codes, a draft", () => {
    const { db, admin } = setup();
    const r = duplicateSeries(
      db,
      admin,
      "rdv-sante-qpv-seine-maritime-2022",
      { slug: "rdv-sante-qpv-eure-2023", title: "Les rendez-vous — Eure", territory: "Eure (27)", weeks: 52 },
      toUtcIso(NOW),
    );
    expect(r).toEqual({ ok: true, slug: "rdv-sante-qpv-eure-2023" });
    const copy = loadDoc(db, "rdv-sante-qpv-eure-2023")!;
    // 29 March 2022 09:30 (+02:00) → 28 March 2023 09:30 (+02:00 too, after the change on 26 March).
    expect(copy.sessions[0]).toMatchObject({ start: "2023-03-28T09:30", end: "2023-03-28T12:00" });
    expect(copy).toMatchObject({ status: "draft", territory: "Eure (27)" });
    expect(copy.sessions.every((s) => s.access === null)).toBe(true);
    expect(copy.sessions[0].programme).toHaveLength(6);
  });

  it("a change of codes saved from the back-office after they were sent queues one rectificatif per person", () => {
    const { db, admin } = setup();
    const doc = loadDoc(db, DEMO_SLUG)!;
    const s2 = doc.sessions.find((s) => s.number === 2)!;
    const session = db.select().from(t.sessions).where(eq(t.sessions.slug, s2.slug)).get()!;
    register(db, {
      seriesId: session.seriesId,
      sessionIds: [session.id],
      participant: participantInput("r@example.org", "R", "R"),
      nowIso: toUtcIso(NOW),
    });
    planAccessCodes(db, session.accessCodesDueAt!);
    db.update(t.outbox).set({ status: "sent" }).run();
    const edited = { ...doc, sessions: doc.sessions.map((s) => (s.number === 2 ? { ...s, access: { ...s.access!, passcode: "111222" } } : s)) };
    expect(saveDoc(db, admin, edited, session.accessCodesDueAt!, "update").ok).toBe(true);
    const corrections = db.select().from(t.outbox).where(eq(t.outbox.kind, "correction")).all();
    expect(corrections.map((c) => c.toAddress)).toEqual(["r@example.org"]);
    expect(db.select().from(t.auditLog).where(eq(t.auditLog.action, "update")).get()!.detail).toMatchObject({ changes: [{ number: 2, kinds: ["access"] }] });
  });

  it("refuses to delete a session with registrations, and maps problems back to fields", () => {
    const { db, admin } = setup();
    const doc = loadDoc(db, DEMO_SLUG)!;
    const session = db.select().from(t.sessions).where(eq(t.sessions.slug, "rdv-2-ecouter-orienter")).get()!;
    register(db, {
      seriesId: session.seriesId,
      sessionIds: [session.id],
      participant: participantInput("d@example.org", "D", "D"),
      nowIso: toUtcIso(NOW),
    });
    const r = saveDoc(db, admin, { ...doc, sessions: doc.sessions.filter((s) => s.number !== 2) }, toUtcIso(NOW), "update");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems[0].message).toMatch(/a des inscriptions/);
    expect(db.select().from(t.sessions).where(eq(t.sessions.id, session.id)).get()).toBeDefined();
    const bad = saveDoc(
      db,
      admin,
      { ...doc, sessions: doc.sessions.map((s) => (s.number === 3 ? { ...s, end: "2000-01-01T00:00" } : s)) },
      toUtcIso(NOW),
      "update",
    );
    expect(!bad.ok && problemsUnder(bad.problems, "sessions[2]")).toEqual({ end: "doit être après le début de la session (start)" });
  });

  it("derives keys from names, unique in the directory", () => {
    expect(slugify("Atelier Santé Ville d’Elbeuf")).toBe("atelier-sante-ville-d-elbeuf");
    expect(uniqueKey("Laurent Marie", ["laurent-marie", "laurent-marie-2"])).toBe("laurent-marie-3");
  });
});
