// The rules that have one home (issue #11): promotion from the waiting list (promote), why a session
// is closed (closedReason), finding a series for an audience (findSeries), the codes' due instant
// (storeDueInstant); and the transaction and clock conventions: work done "In" the caller's
// transaction goes with it, models stamp the instant they are given. Real SQLite, a fixed now.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { DEMO_SLUG } from "../../db/seed/demo-series";
import { accessCodesDueAt, onSessionChanged, refreshDueInstants, storeDueInstant } from "~/access-codes/access-codes.server";
import { promoteRegistration } from "~/registration/registrant-changes.server";
import { closedReason } from "~/registration/closed-reason.server";
import { cancelRegistrations, cancelRegistrationsIn, register, registerIn, type ParticipantInput } from "~/registration/registrations.server";
import { promote } from "~/registration/waiting-list.server";
import { seedIfEmpty } from "~/server/seed.server";
import { importSeries } from "~/series-file/series-import.server";
import { findSeries } from "~/series/series-lookup.server";
import { toUtcIso } from "~/utils/dates.server";
import type { AppDatabase } from "~/utils/db.server";
import { NOW, fixture, memoryDb } from "../helpers/db";
import { participantInput } from "../helpers/people";

const nowIso = toUtcIso(NOW);

function setup() {
  const db = memoryDb();
  seedIfEmpty(db, NOW);
  const series = findSeries(db, DEMO_SLUG, "organiser")!;
  const sessions = db.select().from(t.sessions).where(eq(t.sessions.seriesId, series.id)).orderBy(t.sessions.number).all();
  // An online session with one seat: the second registrant waits.
  const session = sessions.find((s) => s.mode === "online" && s.startsAt > nowIso)!;
  db.update(t.sessions).set({ capacity: 1 }).where(eq(t.sessions.id, session.id)).run();
  const accountId = db.insert(t.accounts).values({ email: "orga@example.org", role: "editor" }).returning({ id: t.accounts.id }).get().id;
  return { db, series, session: { ...session, capacity: 1 }, accountId };
}

const person = (n: number): ParticipantInput => participantInput(`personne${n}@example.org`, `Prénom${n}`, `Nom${n}`);

function registerOne(db: AppDatabase, seriesId: number, sessionId: number, n: number) {
  const r = register(db, { seriesId, sessionIds: [sessionId], participant: person(n), nowIso });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return { participantId: r.participantId, registrationId: r.created[0].registrationId, status: r.created[0].status };
}

const promotionEmails = (db: AppDatabase) => db.select().from(t.outbox).where(eq(t.outbox.kind, "promotion")).all();
const registration = (db: AppDatabase, id: number) => db.select().from(t.registrations).where(eq(t.registrations.id, id)).get()!;

describe("promotion from the waiting list has one write (promote)", () => {
  it("an automatic promotion and an organiser's promotion leave the same registration and the same email", () => {
    const auto = setup();
    const a1 = registerOne(auto.db, auto.series.id, auto.session.id, 1);
    const a2 = registerOne(auto.db, auto.series.id, auto.session.id, 2);
    expect(a2.status).toBe("waiting");
    expect(cancelRegistrations(auto.db, { participantId: a1.participantId, nowIso }).promoted).toEqual([a2.registrationId]);

    const hand = setup();
    const h1 = registerOne(hand.db, hand.series.id, hand.session.id, 1);
    const h2 = registerOne(hand.db, hand.series.id, hand.session.id, 2);
    hand.db.update(t.sessions).set({ capacity: 2 }).where(eq(t.sessions.id, hand.session.id)).run();
    expect(promoteRegistration(hand.db, { seriesId: hand.series.id, registrationId: h2.registrationId, accountId: hand.accountId, nowIso })).toMatchObject({
      ok: true,
      emailQueued: true,
    });
    expect(h1.status).toBe("confirmed");

    const shape = (db: AppDatabase, id: number) => {
      const r = registration(db, id);
      const [email] = promotionEmails(db);
      return {
        status: r.status,
        confirmedAt: r.confirmedAt,
        revision: r.revision,
        dedupeKey: email.dedupeKey,
        payload: email.payload,
        dueAt: email.dueAt,
        sessionId: email.sessionId,
      };
    };
    // The same ids in both databases (same seed, same steps): the two paths wrote the same rows.
    expect(a2.registrationId).toBe(h2.registrationId);
    expect(shape(auto.db, a2.registrationId)).toEqual(shape(hand.db, h2.registrationId));
    expect(shape(hand.db, h2.registrationId)).toEqual({
      status: "confirmed",
      confirmedAt: nowIso,
      revision: 2,
      dedupeKey: `promotion:${h2.registrationId}:2`,
      payload: { registrationId: h2.registrationId },
      dueAt: nowIso,
      sessionId: hand.session.id,
    });
  });

  it("queues one email per revision (the dedupe key)", () => {
    const { db, series, session } = setup();
    registerOne(db, series.id, session.id, 1);
    const waiting = registerOne(db, series.id, session.id, 2);
    const row = registration(db, waiting.registrationId);
    const first = db.transaction((tx) => promote(tx, row, "personne2@example.org", nowIso));
    // The same revision again (a replay): the registration is written, no second email.
    const again = db.transaction((tx) => promote(tx, row, "personne2@example.org", nowIso));
    expect(first).not.toBeNull();
    expect(again).toBeNull();
    expect(promotionEmails(db)).toHaveLength(1);
  });
});

describe("why a session is closed has one home (closedReason)", () => {
  const series = { id: 1, status: "published" as const, registrationOpensAt: null, registrationClosesAt: null };
  const session = (over: Partial<typeof t.sessions.$inferSelect>) =>
    ({ id: 9, seriesId: 1, number: 3, status: "published", startsAt: "2026-12-01T09:00:00Z", ...over }) as typeof t.sessions.$inferSelect;

  it("says why for registering, in French", () => {
    expect(closedReason(series, session({}), nowIso)).toBeNull();
    expect(closedReason(series, undefined, nowIso)).toBe("Cette rencontre n’existe pas dans cette série.");
    expect(closedReason(series, session({ seriesId: 2 }), nowIso)).toBe("Cette rencontre n’existe pas dans cette série.");
    expect(closedReason(series, session({ status: "draft" }), nowIso)).toBe("Cette rencontre n’existe pas dans cette série.");
    expect(closedReason(series, session({ status: "cancelled" }), nowIso)).toBe("La rencontre RDV #3 est annulée.");
    expect(closedReason(series, session({ status: "postponed" }), nowIso)).toBe(
      "La rencontre RDV #3 est reportée\u00a0: les inscriptions rouvriront avec sa nouvelle date.",
    );
    expect(closedReason(series, session({ startsAt: nowIso }), nowIso)).toBe("La rencontre RDV #3 a déjà commencé ou est passée.");
    expect(closedReason({ ...series, registrationClosesAt: nowIso }, session({}), nowIso)).toBe("Les inscriptions à cette série ne sont pas ouvertes.");
  });

  it("says why for a promotion, where the registration window does not apply", () => {
    expect(closedReason({ ...series, registrationClosesAt: nowIso }, session({}), nowIso, "promote")).toBeNull();
    expect(closedReason(series, session({ status: "cancelled" }), nowIso, "promote")).toBe("La rencontre RDV #3 est annulée.");
    for (const status of ["draft", "postponed"] as const) {
      expect(closedReason(series, session({ status }), nowIso, "promote")).toBe(
        "La rencontre RDV #3 n’est pas publiée\u00a0: les inscriptions y sont suspendues.",
      );
    }
    expect(closedReason(series, session({ startsAt: nowIso }), nowIso, "promote")).toBe("La rencontre RDV #3 a déjà commencé ou est passée.");
  });

  it("lets an organiser promote onto the side that has a seat of a hybrid session, and only that side", () => {
    const { db, series: s, accountId } = setup();
    const hybrid = db
      .select()
      .from(t.sessions)
      .where(and(eq(t.sessions.seriesId, s.id), eq(t.sessions.mode, "hybrid")))
      .get()!;
    db.update(t.sessions).set({ capacity: 1, remoteCapacity: 1 }).where(eq(t.sessions.id, hybrid.id)).run();
    const registerAs = (n: number, side: "onsite" | "remote") => {
      const r = register(db, { seriesId: s.id, sessionIds: [hybrid.id], participant: person(n), nowIso, participation: { [hybrid.id]: side } });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      return r.created[0];
    };
    expect(registerAs(1, "onsite").status).toBe("confirmed");
    expect(registerAs(2, "remote").status).toBe("confirmed");
    const remoteWaiting = registerAs(3, "remote");
    const onsiteWaiting = registerAs(4, "onsite");
    expect([remoteWaiting.status, onsiteWaiting.status]).toEqual(["waiting", "waiting"]);
    // One more remote seat: the remote person can be promoted, though the session's confirmed total (2) exceeds the on-site capacity (1).
    db.update(t.sessions).set({ remoteCapacity: 2 }).where(eq(t.sessions.id, hybrid.id)).run();
    const promote = (registrationId: number) => promoteRegistration(db, { seriesId: s.id, registrationId, accountId, nowIso });
    expect(promote(onsiteWaiting.registrationId)).toMatchObject({ ok: false });
    expect(promote(remoteWaiting.registrationId)).toMatchObject({ ok: true });
    // The remote side is full again: nobody else goes past it.
    const alsoRemote = registerAs(5, "remote");
    expect(alsoRemote.status).toBe("waiting");
    expect(promote(alsoRemote.registrationId)).toMatchObject({ ok: false });
    expect(registration(db, onsiteWaiting.registrationId).status).toBe("waiting");
  });

  it("is what an organiser's promotion and the automatic one obey", () => {
    const { db, series: s, session: one, accountId } = setup();
    const first = registerOne(db, s.id, one.id, 1);
    const waiting = registerOne(db, s.id, one.id, 2);
    db.update(t.sessions).set({ status: "postponed" }).where(eq(t.sessions.id, one.id)).run();
    expect(promoteRegistration(db, { seriesId: s.id, registrationId: waiting.registrationId, accountId, nowIso })).toEqual({
      ok: false,
      message: `La rencontre RDV #${one.number} n’est pas publiée\u00a0: les inscriptions y sont suspendues.`,
    });
    expect(cancelRegistrations(db, { participantId: first.participantId, nowIso }).promoted).toEqual([]);
    expect(registration(db, waiting.registrationId).status).toBe("waiting");
  });
});

describe("finding a series by slug has one home (findSeries)", () => {
  it("hides drafts from the public only", () => {
    const { db, series } = setup();
    db.update(t.series).set({ status: "draft" }).where(eq(t.series.id, series.id)).run();
    expect(findSeries(db, DEMO_SLUG, "public")).toBeNull();
    expect(findSeries(db, DEMO_SLUG, "registrant")?.id).toBe(series.id);
    expect(findSeries(db, DEMO_SLUG, "organiser")?.id).toBe(series.id);
    db.update(t.series).set({ status: "archived" }).where(eq(t.series.id, series.id)).run();
    expect(findSeries(db, DEMO_SLUG, "public")?.id).toBe(series.id);
    for (const audience of ["public", "registrant", "organiser"] as const) expect(findSeries(db, "pas-une-serie", audience)).toBeNull();
  });
});

describe("the codes' due instant has one write (storeDueInstant)", () => {
  it("stores the rule's instant, and the series refresh and a session change agree", () => {
    const { db, series, session } = setup();
    const rule = { timezone: series.timezone, accessDaysBefore: 3, accessSendAt: "07:30" };
    const expected = accessCodesDueAt(session.startsAt, rule.timezone, 3, "07:30");
    const due = () => db.select({ at: t.sessions.accessCodesDueAt }).from(t.sessions).where(eq(t.sessions.id, session.id)).get()!.at;

    storeDueInstant(db, session, rule);
    expect(due()).toBe(expected);

    db.update(t.series).set({ accessDaysBefore: 3, accessSendAt: "07:30" }).where(eq(t.series.id, series.id)).run();
    db.update(t.sessions).set({ accessCodesDueAt: null }).where(eq(t.sessions.id, session.id)).run();
    refreshDueInstants(db, series.id);
    expect(due()).toBe(expected);

    db.update(t.sessions).set({ accessCodesDueAt: null }).where(eq(t.sessions.id, session.id)).run();
    db.transaction((tx) => onSessionChanged(tx, session.id, ["created"], nowIso));
    expect(due()).toBe(expected);
  });
});

describe("transactions you can see", () => {
  it("registering and cancelling inside the caller's transaction go with it when it rolls back", () => {
    const { db, series, session } = setup();
    const kept = registerOne(db, series.id, session.id, 1);
    const before = { registrations: db.select().from(t.registrations).all(), outbox: db.select().from(t.outbox).all() };
    expect(() =>
      db.transaction((tx) => {
        expect(registerIn(tx, { seriesId: series.id, sessionIds: [session.id], participant: person(2), nowIso }).ok).toBe(true);
        expect(cancelRegistrationsIn(tx, { participantId: kept.participantId, nowIso }).promoted).toHaveLength(1);
        throw new Error("rollback");
      }),
    ).toThrow("rollback");
    expect(db.select().from(t.registrations).all()).toEqual(before.registrations);
    expect(db.select().from(t.outbox).all()).toEqual(before.outbox);
    expect(db.$client.inTransaction).toBe(false);
  });
});

describe("models do not read the clock", () => {
  it("an import stamps the instant it is given", () => {
    const db = memoryDb();
    const file = fixture();
    expect(importSeries(db, file, { nowIso: "2022-01-10T08:00:00Z" }).ok).toBe(true);
    file.title = `${file.title} (mise à jour)`;
    expect(importSeries(db, file, { nowIso: "2022-01-11T08:00:00Z" }).ok).toBe(true);
    const series = db.select().from(t.series).where(eq(t.series.slug, file.slug)).get()!;
    expect(series.updatedAt).toBe("2022-01-11T08:00:00Z");
    const organisation = db
      .select()
      .from(t.organisations)
      .where(and(eq(t.organisations.key, file.organisations[0].key)))
      .get()!;
    expect(organisation.updatedAt).toBe("2022-01-11T08:00:00Z");
  });
});
