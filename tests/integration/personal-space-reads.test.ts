// The personal page's reads (issue #14, item 5): a constant number of statements whatever the number of
// the person's registrations (no query per registration), every waiting place in one query equal to
// waitingPosition's, the registration options kept per version of the series (memoByVersion) with
// their seats counted afresh at each call, and the reserved resources kept per set of series under each
// person's own addresses.
import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { DEMO_SLUG } from "../../db/seed/demo-series";
import { participantCertificates } from "~/certificates/certificates.server";
import { personalCheckIns } from "~/check-in/personal-check-ins.server";
import { participantAnswers } from "~/questions/questions.server";
import { personalSpace } from "~/registration/participants.server";
import { registrationOptions } from "~/registration/registration-view.server";
import { register } from "~/registration/registrations.server";
import { waitingPosition, waitingPositionsOf } from "~/registration/waiting-list.server";
import { libraryCards } from "~/resources/library.server";
import { reservedResources } from "~/resources/reserved-resources.server";
import { personalBase } from "~/resources/resource-views";
import { registeredSeriesIds } from "~/resources/visibility.server";
import { seedIfEmpty } from "~/server/seed.server";
import { participantSurveys } from "~/surveys/survey-answers.server";
import { toUtcIso } from "~/utils/dates.server";
import { closeDatabase, type AppDatabase } from "~/utils/db.server";
import { NOW, fileDb } from "../helpers/db";
import { participantInput } from "../helpers/people";
import { planDb } from "../helpers/query-plan";

const nowIso = toUtcIso(NOW);
const p = planDb();
afterAll(() => closeDatabase(p.db));

/** The seeded demo series and its sessions still open (published, to come), soonest first. */
function openDemo(db: AppDatabase) {
  seedIfEmpty(db, NOW);
  const series = db.select().from(t.series).where(eq(t.series.slug, DEMO_SLUG)).get()!;
  const open = db
    .select()
    .from(t.sessions)
    .where(eq(t.sessions.seriesId, series.id))
    .orderBy(t.sessions.startsAt)
    .all()
    .filter((s) => s.status === "published" && s.startsAt > nowIso);
  return { series, open };
}

/** The demo series with every session full (one seat each side, taken), so that newcomers wait. */
function fullDemo(db: AppDatabase) {
  const { series, open } = openDemo(db);
  for (const s of open)
    db.update(t.sessions)
      .set({ capacity: 1, remoteCapacity: s.mode === "hybrid" ? 1 : null })
      .where(eq(t.sessions.id, s.id))
      .run();
  const both = (s: (typeof open)[number], n: number) =>
    register(db, {
      seriesId: series.id,
      sessionIds: [s.id],
      participant: participantInput(`plein-${s.id}-${n}@example.org`, "Plein", String(n)),
      participation: { [s.id]: n % 2 ? "onsite" : "remote" },
      nowIso,
    });
  for (const s of open) for (let n = 0; n < (s.mode === "hybrid" ? 2 : 1); n++) both(s, n);
  return { series, open };
}

/** What the personal page's loader reads (app/routes/personal/space.tsx), statement by statement. */
function personalReads(db: AppDatabase, participantId: number) {
  const space = personalSpace(db, participantId, nowIso);
  participantAnswers(db, participantId);
  for (const s of space) registrationOptions(db, s.slug, nowIso, { openOnly: true });
  participantSurveys(db, participantId, nowIso);
  personalCheckIns(db, participantId, nowIso);
  participantCertificates(db, participantId);
  registeredSeriesIds(db, participantId);
  return space;
}

describe("the personal page's reads", () => {
  it("run as many statements for 1 registration as for 3 (none per registration), and give each waiting place as waitingPosition does", () => {
    const { db } = p;
    const { series, open } = fullDemo(db);
    expect(open.length).toBeGreaterThanOrEqual(3);
    const registerIn = (email: string, sessions: typeof open, participation: "onsite" | "remote") => {
      const r = register(db, {
        seriesId: series.id,
        sessionIds: sessions.map((s) => s.id),
        participant: participantInput(email, "Camille", "Attente"),
        participation: Object.fromEntries(sessions.map((s) => [s.id, participation])),
        nowIso,
      });
      if (!r.ok) throw new Error("refused");
      return r.participantId;
    };
    const one = registerIn("une@example.org", open.slice(0, 1), "remote");
    // Two people ahead on some lists (hybrid: on-site and remote lists apart), then the person measured.
    registerIn("devant-1@example.org", open, "onsite");
    registerIn("devant-2@example.org", open.slice(1), "remote");
    const three = registerIn("trois@example.org", open.slice(0, 3), "remote");

    const runs = (label: string, id: number) => {
      personalReads(db, id); // statements prepared, memo filled
      p.hot(label, () => personalReads(db, id));
      return p.counts().get(label);
    };
    const space = personalReads(db, three);
    expect(space.flatMap((s) => s.registrations).map((r) => r.status)).toEqual(["waiting", "waiting", "waiting"]);
    expect(runs("one registration", one)).toBe(runs("three registrations", three));

    const waiting = db.select().from(t.registrations).where(eq(t.registrations.status, "waiting")).all();
    for (const who of new Set(waiting.map((r) => r.participantId))) {
      const places = waitingPositionsOf(db, who);
      const expected = waiting.filter((r) => r.participantId === who).map((r) => [r.id, waitingPosition(db, r.id)]);
      expect([...places.entries()].sort((a, b) => a[0] - b[0])).toEqual(expected.sort((a, b) => Number(a[0]) - Number(b[0])));
    }
    const places = space.flatMap((s) => s.registrations).map((r) => r.waitingPosition);
    expect(places.every((n) => n !== null && n >= 2)).toBe(true);
  });
});

describe("registration options (memoByVersion)", () => {
  it("keep the sessions while the series is unchanged, count the seats at each call, follow another connection's edit and the clock", () => {
    const { db, file, cleanup } = fileDb();
    try {
      seedIfEmpty(db, NOW);
      const first = registrationOptions(db, DEMO_SLUG, nowIso)!;
      const option = first.options.find((o) => o.closed === null && o.capacity !== null && o.mode !== "hybrid")!;
      const series = db.select().from(t.series).where(eq(t.series.slug, DEMO_SLUG)).get()!;
      // A registration far from the end bumps no version: the seats change all the same.
      const r = register(db, { seriesId: series.id, sessionIds: [option.id], participant: participantInput("siege@example.org", "Un", "Siège"), nowIso });
      expect(r.ok).toBe(true);
      const again = registrationOptions(db, DEMO_SLUG, nowIso)!;
      expect(again.options.find((o) => o.id === option.id)!.seatsLeft).toBe(option.seatsLeft! - 1);
      expect(again.series).toBe(first.series); // the rest is kept

      // Another connection (another process would do the same) renames the session.
      const other = new Database(file);
      other.prepare("update sessions set title = 'Titre corrigé' where id = ?").run(option.id);
      other.close();
      expect(registrationOptions(db, DEMO_SLUG, nowIso)!.options.find((o) => o.id === option.id)!.title).toBe("Titre corrigé");

      // At its start the session closes, without any write.
      const started = db.select().from(t.sessions).where(eq(t.sessions.id, option.id)).get()!.startsAt;
      const closed = registrationOptions(db, DEMO_SLUG, started)!.options.find((o) => o.id === option.id)!;
      expect(closed.closed).toMatch(/déjà commencé/);
      expect(registrationOptions(db, DEMO_SLUG, started, { openOnly: true })!.options.map((o) => o.id)).not.toContain(option.id);
    } finally {
      cleanup();
    }
  });
});

describe("reserved resources (kept per set of series)", () => {
  it("equal the library's registrants-only cards under each person's own links, reused for the same series, and follow a resource's edit", () => {
    const q = planDb();
    try {
      const { db } = q;
      const { series, open } = openDemo(db);
      const session = open.find((s) => s.mode !== "in-person")!;
      const person = (email: string) => {
        const r = register(db, { seriesId: series.id, sessionIds: [session.id], participant: participantInput(email, "Réservé", "Test"), nowIso });
        if (!r.ok) throw new Error("refused");
        return r.participantId;
      };
      const [a, b] = [person("a@example.org"), person("b@example.org")];
      const [tokenA, tokenB] = ["A".repeat(32), "B".repeat(32)];
      const expected = (id: number, token: string) =>
        libraryCards(db, { audience: { kind: "participant", participantId: id }, registrantsOnly: true }, { match: null }, undefined, personalBase(token));
      const first = q.hot("first person", () => reservedResources(db, a, tokenA));
      expect(first.length).toBeGreaterThan(0);
      expect(first).toEqual(expected(a, tokenA));
      const second = q.hot("second person", () => reservedResources(db, b, tokenB));
      expect(second).toEqual(expected(b, tokenB));
      expect(JSON.stringify(second)).not.toContain(tokenA);
      // The second person's cards came from what was kept: their series and the catalogue's version, nothing else.
      expect(q.counts().get("second person")).toBe(2);
      expect(q.counts().get("first person")!).toBeGreaterThan(2);

      db.$client.prepare("update resources set title = 'Titre revu' where id = ?").run(first[0].id);
      expect(reservedResources(db, b, tokenB)[0].title).toBe("Titre revu");
      expect(reservedResources(db, b, tokenB)).toEqual(expected(b, tokenB));
    } finally {
      closeDatabase(q.db);
    }
  });
});
