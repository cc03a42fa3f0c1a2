// The registration counters (ADR 021: session_counts, series_registrants, series_counts and the list's
// sort_name, kept by SQLite triggers) equal a recount after every kind of write the app does: a
// seeded random mix of real model calls (register, re-register under another name, cancel by the person
// and by an organiser with the waiting list's promotion, an organiser's promotion, walk-ins and
// check-ins at the door and their undo, attendance by hand, erasure, a series file re-imported without
// one of its sessions), then writes outside the app (a session and a series deleted with their
// registrations, a session moved to another series, a plain SQLite connection without the app's
// functions). The sort key is the same in JavaScript and in SQL. And the registrants page read from
// the counters (registrants-window.server.ts) shows exactly the rows, order and counts of the SQL list.
import { readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { ensureAdmin } from "~/accounts/accounts.server";
import { attendanceRefusal, setAttendance } from "~/attendance/attendance.server";
import { addWalkIn, checkInRegistration, undoCheckIn, type DoorContext } from "~/check-in/check-in.server";
import { eraseParticipant } from "~/registration/participants.server";
import { cancelRegistration, promoteRegistration } from "~/registration/registrant-changes.server";
import { listRegistrants, readRegistrantFilter, registrantsPage, seriesSessions } from "~/registration/registrants.server";
import { countable, countedPage } from "~/registration/registrants-window.server";
import { cancelRegistrations, register } from "~/registration/registrations.server";
import { confirmedByParticipation } from "~/registration/seats.server";
import { listSeriesForAdmin } from "~/series/admin-series.server";
import { importSeries } from "~/series-file/series-import.server";
import type { AppDatabase } from "~/utils/db.server";
import { nameSortKey, sortNameViewsSql } from "~/utils/sort-name";
import { pageWindow } from "~/utils/pagination";
import { fileDb, importOrThrow, memoryDb } from "../helpers/db";
import { participantInput } from "../helpers/people";
import { fileSession, seriesFile } from "../helpers/series-file";

const BEFORE = "2027-03-20T10:00:00Z";
/** 10 h 02 in Paris on the day of RDV #1: its door is open. */
const AT_DOOR = "2027-03-30T08:02:00Z";
/** After RDV #1: its attendance may be recorded by hand. */
const AFTER_ONE = "2027-03-31T10:00:00Z";
const VENUE = { name: "Salle des fêtes", address: "2 place de la Mairie, 76000 Rouen" };
const FIRST = ["Hélène", "Zoé", "Paul", "Émile", "Marie-Hélène", "Ana", "Ben", "Chloé", "Éric", "Jean", "Lou", "Œdipe"];
const LAST = ["Dupont", "Martin", "N’Diaye", "Ébène", "Zola", "Attente", "Leroy", "Ångström"];

/** The counters as stored. */
function stored(db: AppDatabase) {
  const c = db.$client;
  return {
    sessions: c.prepare("select * from session_counts where confirmed + waiting + cancelled > 0 order by session_id").all(),
    registrants: c.prepare("select series_id, participant_id, registrations from series_registrants order by 1, 2").all(),
    people: c.prepare("select series_id, people from series_counts where people > 0 order by 1").all(),
  };
}

/** The same, counted from the registrations. */
function recounted(db: AppDatabase) {
  const c = db.$client;
  return {
    sessions: c
      .prepare(
        `select session_id, sum(status = 'confirmed') confirmed, sum(status = 'confirmed' and participation = 'onsite') confirmed_onsite,
           sum(status = 'waiting') waiting, sum(status = 'cancelled') cancelled, sum(status = 'confirmed' and attendance is 'present') present,
           sum(status = 'confirmed' and attendance is 'excused') excused, sum(status = 'confirmed' and attendance is 'absent') absent
         from registrations group by session_id order by session_id`,
      )
      .all(),
    registrants: c
      .prepare(
        `select s.series_id, r.participant_id, count(*) registrations from registrations r join sessions s on s.id = r.session_id
         where r.status in ('confirmed', 'waiting') group by 1, 2 order by 1, 2`,
      )
      .all(),
    people: c
      .prepare(
        `select s.series_id, count(distinct r.participant_id) people from registrations r join sessions s on s.id = r.session_id
         where r.status in ('confirmed', 'waiting') group by 1 order by 1`,
      )
      .all(),
  };
}

/** Registrations whose sort_name is not their person's key (app/utils/sort-name.ts). */
function badSortNames(db: AppDatabase) {
  const rows = db.$client
    .prepare("select r.id, r.sort_name, p.first_name, p.last_name from registrations r join participants p on p.id = r.participant_id")
    .all() as { id: number; sort_name: string; first_name: string; last_name: string }[];
  return rows.filter((r) => r.sort_name !== nameSortKey(r.first_name, r.last_name));
}

function expectCountersRight(db: AppDatabase, step: string) {
  expect(stored(db), step).toEqual(recounted(db));
  expect(badSortNames(db), step).toEqual([]);
}

/** A small deterministic generator (mulberry32), so a failure replays. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function setup() {
  const db = memoryDb();
  const sessions = (withThree: boolean) => [
    fileSession(1, "Journée santé", "2027-03-30T09:30", "2027-03-30T16:30", { mode: "in-person", capacity: 3, venue: VENUE }),
    fileSession(2, "Restitution", "2027-04-20T09:30", "2027-04-20T12:00", {
      mode: "hybrid",
      capacity: 2,
      remoteCapacity: 2,
      venue: VENUE,
      access: { provider: "Zoom", joinUrl: "https://zoom.us/j/123" },
    }),
    ...(withThree ? [fileSession(3, "En ligne", "2027-05-11T14:00", "2027-05-11T16:00", { mode: "online", capacity: 2 })] : []),
  ];
  const file = (withThree: boolean) => seriesFile({ slug: "journees", title: "Journées", mode: "in-person", sessions: sessions(withThree) });
  const { seriesId } = importOrThrow(db, file(true), { nowIso: BEFORE });
  // A second series, so that the people counted per series are told apart.
  const other = importOrThrow(
    db,
    seriesFile({ slug: "autre", title: "Autre", sessions: [fileSession(1, "Seule", "2027-06-01T10:00", "2027-06-01T12:00", { capacity: 2 })] }),
    {
      nowIso: BEFORE,
    },
  ).seriesId;
  ensureAdmin(db, "orga@example.org");
  const accountId = db.select().from(t.accounts).get()!.id;
  return { db, seriesId, other, accountId, reimportWithoutThree: () => importSeries(db, file(false), { nowIso: BEFORE }) };
}

describe("registration counters", () => {
  it("equal a recount after each of 160 writes of every kind the app does, in a seeded random order", () => {
    const { db, seriesId, other, accountId, reimportWithoutThree } = setup();
    const rnd = random(14);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
    const sessions = () => db.select().from(t.sessions).all();
    const regs = (where?: (r: typeof t.registrations.$inferSelect) => boolean) =>
      db
        .select()
        .from(t.registrations)
        .all()
        .filter(where ?? (() => true));
    const person = (k: number) => participantInput(`p${k}@example.org`, pick(FIRST), pick(LAST));
    const door = (nowIso: string): DoorContext => ({
      session: sessions().find((s) => s.seriesId === seriesId && s.number === 1)!,
      zone: "Europe/Paris",
      accountId,
      nowIso,
    });
    const done = new Map<string, number>();
    let fresh = 0;
    const seen = new Set<string>();
    const ops: [string, () => unknown][] = [
      [
        "register",
        () => {
          const mine = sessions().filter(() => rnd() < 0.6);
          const bySeries = mine.filter((s) => s.seriesId === (rnd() < 0.8 ? seriesId : other));
          if (!bySeries.length) return false;
          const participation = Object.fromEntries(bySeries.filter((s) => s.mode === "hybrid").map((s) => [s.id, rnd() < 0.5 ? "onsite" : "remote"]));
          return register(db, {
            seriesId: bySeries[0].seriesId,
            sessionIds: bySeries.map((s) => s.id),
            participant: person(Math.floor(rnd() * 14)),
            nowIso: BEFORE,
            participation,
          }).ok;
        },
      ],
      [
        "cancel by the person",
        () =>
          ((r) => r && cancelRegistrations(db, { participantId: r.participantId, registrationIds: [r.id], nowIso: BEFORE }))(
            pick(regs((r) => r.status !== "cancelled")),
          ),
      ],
      [
        "cancel by an organiser",
        () => ((r) => r && cancelRegistration(db, { seriesId, registrationId: r.id, accountId, nowIso: BEFORE }))(pick(regs((r) => r.status !== "cancelled"))),
      ],
      [
        "promote by an organiser",
        () => {
          // Someone waiting first (RDV #3 of the other series holds 2), then a seat more (as the
          // organiser's message says to do), then the promotion.
          const single = sessions().find((x) => x.seriesId === other)!;
          for (let k = 0; !regs((x) => x.status === "waiting").length && k < 30; k++)
            register(db, { seriesId: other, sessionIds: [single.id], participant: person(100 + fresh++), nowIso: BEFORE });
          const r = pick(regs((x) => x.status === "waiting"));
          const s = sessions().find((x) => x.id === r.sessionId)!;
          db.update(t.sessions)
            .set({ capacity: (s.capacity ?? 0) + 1, remoteCapacity: s.remoteCapacity === null ? null : s.remoteCapacity + 1 })
            .where(eq(t.sessions.id, s.id))
            .run();
          return promoteRegistration(db, { seriesId: s.seriesId, registrationId: r.id, accountId, nowIso: BEFORE }).ok;
        },
      ],
      [
        "walk-in",
        () =>
          addWalkIn(db, door(AT_DOOR), { email: `p${Math.floor(rnd() * 16)}@example.org`, firstName: pick(FIRST), lastName: pick(LAST), organisation: null })
            .ok,
      ],
      [
        "check-in",
        () =>
          ((r) => r && checkInRegistration(db, door(AT_DOOR), r.id).ok)(
            pick(regs((r) => r.sessionId === door(AT_DOOR).session.id && r.status === "confirmed")),
          ),
      ],
      [
        "undo a check-in",
        () => ((r) => r && undoCheckIn(db, door(AT_DOOR), r.id).ok)(pick(regs((r) => r.sessionId === door(AT_DOOR).session.id && r.attendance === "present"))),
      ],
      [
        "attendance by hand",
        () => {
          const one = door(AFTER_ONE).session;
          const attendance = pick(["present", "excused", "absent", null] as const);
          if (attendanceRefusal(one, attendance, AFTER_ONE)) return false;
          const r = pick(regs((x) => x.sessionId === one.id && x.status === "confirmed"));
          return r && setAttendance(db, { sessionId: one.id, changes: [{ registrationId: r.id, attendance }], accountId, nowIso: AFTER_ONE }) > 0;
        },
      ],
      ["erasure", () => rnd() < 0.3 && ((r) => r && (eraseParticipant(db, r.participantId, BEFORE), true))(pick(regs()))],
    ];
    for (let step = 0; step < 160; step++) {
      const [name, run] = step === 120 ? ["series file without RDV #3", () => tryReimport()] : pick(ops);
      const result = run();
      if (result) done.set(name, (done.get(name) ?? 0) + 1);
      expectCountersRight(db, `step ${step}: ${name}`);
      for (const r of regs()) seen.add(r.status);
    }
    // RDV #3 goes only once nobody holds a registration there (an import refuses otherwise).
    function tryReimport() {
      const three = sessions().find((s) => s.seriesId === seriesId && s.number === 3);
      if (three) db.delete(t.registrations).where(eq(t.registrations.sessionId, three.id)).run();
      expectCountersRight(db, "RDV #3's registrations deleted");
      const r = reimportWithoutThree();
      expect(r.ok).toBe(true);
      expect(sessions().some((s) => s.seriesId === seriesId && s.number === 3)).toBe(false);
      return r;
    }
    // Every kind of write ran (the mix is seeded: this fails only if the mix itself changed).
    expect([...done.keys()].sort()).toEqual([...ops.map(([n]) => n), "series file without RDV #3"].sort());
    expect(regs().length).toBeGreaterThan(20);
    expect(seen).toEqual(new Set(["confirmed", "waiting", "cancelled"]));

    // What the pages show follows the counters, and the counters follow the rows.
    const series = db.select().from(t.series).where(eq(t.series.id, seriesId)).get()!;
    const dashboard = listSeriesForAdmin(db, null, { nowIso: BEFORE }).series.find((s) => s.slug === "journees")!;
    const count = (sql: string) => (db.$client.prepare(sql).get(seriesId) as { n: number }).n;
    expect(dashboard.confirmed).toBe(
      count("select count(*) n from registrations r join sessions s on s.id = r.session_id where s.series_id = ? and r.status = 'confirmed'"),
    );
    expect(dashboard.waiting).toBe(
      count("select count(*) n from registrations r join sessions s on s.id = r.session_id where s.series_id = ? and r.status = 'waiting'"),
    );
    expect(dashboard.people).toBe(
      count(
        "select count(distinct r.participant_id) n from registrations r join sessions s on s.id = r.session_id where s.series_id = ? and r.status != 'cancelled'",
      ),
    );
    const summaries = seriesSessions(db, series, BEFORE);
    const seats = confirmedByParticipation(
      db,
      summaries.map((s) => s.id),
    );
    for (const s of summaries) expect(s.confirmed).toBe(seats.get(s.id)!.onsite + seats.get(s.id)!.remote);
  });

  it("stay right when a session, a series or a person is deleted, or a session moved, outside the app (cascades included)", () => {
    const { db, seriesId, other } = setup();
    const all = db.select().from(t.sessions).all();
    const ours = all.filter((s) => s.seriesId === seriesId);
    for (let k = 0; k < 8; k++) {
      const r = register(db, {
        seriesId,
        sessionIds: ours.map((s) => s.id),
        participant: participantInput(`p${k}@example.org`, FIRST[k], LAST[k % LAST.length]),
        nowIso: BEFORE,
        participation: { [ours[1].id]: k % 2 ? "onsite" : "remote" },
      });
      expect(r.ok).toBe(true);
      register(db, {
        seriesId: other,
        sessionIds: all.filter((s) => s.seriesId === other).map((s) => s.id),
        participant: participantInput(`p${k}@example.org`, FIRST[k], "Autre"),
        nowIso: BEFORE,
      });
    }
    expectCountersRight(db, "registered");
    expect(stored(db).people).toEqual([
      { series_id: seriesId, people: 8 },
      { series_id: other, people: 8 },
    ]);
    const c = db.$client;
    c.prepare("update participants set last_name = 'Renommée' where email = 'p3@example.org'").run();
    expectCountersRight(db, "a person renamed by hand");
    // A session's format changed: its registrants' participation follows (onSessionChanged, app/access-codes/).
    c.prepare("update registrations set participation = 'onsite' where session_id = ?").run(ours[1].id);
    expectCountersRight(db, "participation changed");
    c.prepare("update sessions set series_id = ? where id = ?").run(other, ours[2].id);
    expectCountersRight(db, "a session moved to another series");
    c.prepare("delete from sessions where id = ?").run(ours[0].id);
    expectCountersRight(db, "a session deleted");
    c.prepare("delete from participants where email = 'p1@example.org'").run();
    expectCountersRight(db, "a person deleted");
    // Its emails first (outbox.series_id has no cascade).
    c.prepare("delete from outbox where series_id = ?").run(seriesId);
    c.prepare("delete from series where id = ?").run(seriesId);
    expectCountersRight(db, "a series deleted");
    expect(c.prepare("select count(*) n from session_counts where session_id not in (select id from sessions)").get()).toEqual({ n: 0 });
  });

  it("give the registrants page the same rows, order and counts as the SQL list, page after page, across sessions and statuses", () => {
    const { db, seriesId } = setup();
    const ours = db.select().from(t.sessions).where(eq(t.sessions.seriesId, seriesId)).all();
    // Enough people for waiting lists everywhere (capacities 3, 2 + 2, 2), some cancelled, some renamed.
    for (let k = 0; k < 14; k++) {
      const r = register(db, {
        seriesId,
        sessionIds: ours.filter((_, i) => (k + i) % 3 !== 0).map((s) => s.id),
        participant: participantInput(`p${k}@example.org`, FIRST[k % FIRST.length], LAST[(k * 5) % LAST.length]),
        nowIso: BEFORE,
        participation: { [ours[1].id]: k % 3 ? "remote" : "onsite" },
      });
      expect(r.ok).toBe(true);
      if (r.ok && k % 4 === 1) cancelRegistrations(db, { participantId: r.participantId, registrationIds: [r.created[0].registrationId], nowIso: BEFORE });
    }
    const series = db.select().from(t.series).where(eq(t.series.id, seriesId)).get()!;
    const sessions = seriesSessions(db, series, BEFORE);
    const numbers = sessions.map((s) => s.number);
    const key = (r: { registrationId: number; waitingPosition: number | null }) => `${r.registrationId}@${r.waitingPosition ?? "-"}`;
    const selections: Record<string, string>[] = [{}, { session: "2" }, { status: "waiting" }, { status: "cancelled" }, { session: "1", status: "confirmed" }];
    for (const params of selections) {
      const filter = readRegistrantFilter(new URLSearchParams(params), numbers);
      expect(countable(filter)).toBe(true);
      const whole = listRegistrants(db, seriesId, filter);
      for (const size of [3, 7, 50]) {
        const pages = Math.max(1, Math.ceil(whole.length / size));
        for (let page = 1; page <= pages + 1; page++) {
          const counted = countedPage(db, sessions, filter, page, size);
          const window = pageWindow(whole.length, page, size);
          expect(counted.window, JSON.stringify({ params, size, page })).toEqual(window);
          expect(
            counted.rows.map((r) => key({ ...r, waitingPosition: r.waitingPosition ?? null })),
            JSON.stringify({ params, size, page }),
          ).toEqual(listRegistrants(db, seriesId, filter, window).map(key));
        }
      }
    }
    // The page itself: its total, and a hybrid session's waiting places per participation.
    const page = registrantsPage(db, series, new URLSearchParams({ session: "2", status: "waiting" }), BEFORE);
    expect(page.total).toBe(sessions.find((s) => s.number === 2)!.waiting);
    expect(page.rows.map((r) => r.statusText).filter((s) => /n° 1\)/.test(s)).length).toBe(2);
    // A search is no countable selection: the SQL list counts it.
    expect(countable(readRegistrantFilter(new URLSearchParams({ q: "zola" }), numbers))).toBe(false);
  });
  it("sort people by one key, the same in JavaScript (the app's inserts) and in SQL (the triggers, for any writer)", () => {
    const db = memoryDb();
    const names = [
      ["Émile", "Ébène"],
      ["Marie-Hélène", "N’Diaye"],
      ["Œdipe", "Ångström"],
      ["Zoé", "d'Alembert"],
      ["JEAN", "LÆTITIA-ßEN"],
      ["Ñandú", "Çağlar"],
      ["", ""],
      ["Chloé", "Ėlą"],
    ];
    const insert = db.$client.prepare("insert into participants (email, first_name, last_name, data_consent_at) values (?, ?, ?, '2026-01-01')");
    names.forEach(([first, last], k) => insert.run(`n${k}@example.org`, first, last));
    const sql = db.$client.prepare("select sort_name from participant_sort_names order by participant_id").all() as { sort_name: string }[];
    expect(sql.map((r) => r.sort_name)).toEqual(names.map(([first, last]) => nameSortKey(first, last)));
    // Accents and case fold to the base letters; a letter the table does not know stays as it is.
    expect(nameSortKey("Émile", "Ébène")).toBe("ebene emile");
    expect(nameSortKey("Marie-Hélène", "N’Diaye")).toBe("ndiaye marie helene");
    expect(nameSortKey("Chloé", "Ėlą")).toBe("Ėlą chloe");
  });
  it("is a schema an older sqlite3 can read: no view or trigger nests more than 20 calls, and the migration holds sortNameViewsSql's views", () => {
    const db = memoryDb();
    const depth = (text: string) => {
      let d = 0;
      let max = 0;
      for (const c of text) {
        if (c === "(") max = Math.max(max, ++d);
        else if (c === ")") d--;
      }
      return max;
    };
    const objects = db.$client.prepare("select name, sql from sqlite_master where type in ('view', 'trigger')").all() as { name: string; sql: string }[];
    expect(objects.map((o) => o.name)).toContain("participant_sort_names");
    // The system's sqlite3 (3.40) stops at about a hundred nested calls and then opens no table at all.
    expect(objects.filter((o) => depth(o.sql) > 20).map((o) => o.name)).toEqual([]);
    const migration = readFileSync(path.resolve("db/migrations/0029_sort_names_staged.sql"), "utf8");
    for (const view of sortNameViewsSql()) expect(migration).toContain(view);
  });

  it("are kept by a plain SQLite connection too (no function of the app's: a maintenance sqlite3 session)", () => {
    const { db, file, cleanup } = fileDb();
    try {
      importOrThrow(
        db,
        seriesFile({ slug: "brute", title: "Brute", sessions: [fileSession(1, "Seule", "2027-06-01T10:00", "2027-06-01T12:00", { capacity: 2 })] }),
        {
          nowIso: BEFORE,
        },
      );
      const raw = new Database(file);
      try {
        raw.pragma("foreign_keys = ON");
        const session = (raw.prepare("select id from sessions").get() as { id: number }).id;
        const person = raw
          .prepare("insert into participants (email, first_name, last_name, data_consent_at) values ('brut@example.org', 'Élise', 'Øster', '2026-01-01')")
          .run();
        raw
          .prepare(
            "insert into registrations (participant_id, session_id, status, created_at, updated_at) values (?, ?, 'confirmed', '2026-01-01', '2026-01-01')",
          )
          .run(person.lastInsertRowid, session);
        raw.prepare("update participants set first_name = 'Lise' where id = ?").run(person.lastInsertRowid);
        raw.prepare("update registrations set status = 'cancelled'").run();
      } finally {
        raw.close();
      }
      expectCountersRight(db, "a plain connection");
      expect(db.$client.prepare("select sort_name, status from registrations").all()).toEqual([{ sort_name: "oster lise", status: "cancelled" }]);
    } finally {
      cleanup();
    }
  });
});
