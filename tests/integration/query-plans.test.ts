// No full scan on a hot path (issue #14, item 4): the real hot functions run on a migrated database that
// records every statement they execute (tests/helpers/query-plan.ts); each statement's EXPLAIN QUERY PLAN
// must not SCAN a large table, and each hot function must have run at least one statement (the guard
// covers what it names). The few scans that are fine are allowed below, each with its reason.
import { readFileSync, readdirSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { DEMO_SLUG } from "../../db/seed/demo-series";
import { planAccessCodes } from "~/access-codes/access-codes.server";
import { claimDue, enqueue, markSent } from "~/notifications/outbox.server";
import { emailLogTargets, listEmailLog, parseEmailLogFilters } from "~/notifications/email-log.server";
import { participantAnswers } from "~/questions/questions.server";
import { answerColumns } from "~/questions/questions.server";
import { createPersonalLink, participantByToken, personalSpace } from "~/registration/participants.server";
import { registrantsCsv } from "~/registration/registrants-csv.server";
import { eachRegistrant, listRegistrants, readRegistrantFilter, registrantsPage } from "~/registration/registrants.server";
import { registrationOptions } from "~/registration/registration-view.server";
import { registerAnswering, seriesQuestions } from "~/questions/questions.server";
import { confirmedByParticipation, confirmedCount } from "~/registration/seats.server";
import { waitingPosition, waitingPositionsOf } from "~/registration/waiting-list.server";
import { personalAudience, registeredSeriesIds, visibleResourceRow } from "~/resources/visibility.server";
import { visibleResources } from "~/resources/resource-views.server";
import { listSeriesForAdmin } from "~/series/admin-series.server";
import { seedIfEmpty } from "~/server/seed.server";
import { participantSurveys } from "~/surveys/survey-answers.server";
import { toUtcIso } from "~/utils/dates.server";
import { closeDatabase } from "~/utils/db.server";
import { NOW } from "../helpers/db";
import { participantInput } from "../helpers/people";
import { planDb, tableAliases, type PlanDb, type Scan } from "../helpers/query-plan";

const nowIso = toUtcIso(NOW);
let p: PlanDb;

/** Scans that are fine, each with why. */
const ALLOWED: { label: RegExp; table: string; detail?: RegExp; because: string }[] = [
  // The unfiltered email log reads the newest rows by id and stops after one page (LIMIT 51, OFFSET of the page);
  // its count stops at 1 001 rows (COUNT_CAP).
  { label: /^email log: (all|page 2)$/, table: "outbox", because: "newest first by rowid, LIMIT" },
];
const allowed = (s: Scan) => ALLOWED.some((a) => a.label.test(s.label) && a.table === s.table && (!a.detail || a.detail.test(s.detail)));

beforeAll(() => {
  p = planDb();
  const { db } = p;
  seedIfEmpty(db, NOW);
  const series = db.select().from(t.series).where(eq(t.series.slug, DEMO_SLUG)).get()!;
  const sessions = db.select().from(t.sessions).where(eq(t.sessions.seriesId, series.id)).orderBy(t.sessions.number).all();
  const two = sessions[1];
  db.update(t.sessions).set({ capacity: 1 }).where(eq(t.sessions.id, two.id)).run();
  const people = ["ana", "ben", "chloe"].map((n) => participantInput(`${n}@example.org`, n, "Testeur"));
  // With the form's answers: one given (stored), one left empty (clears an earlier answer, if any).
  const [needs, known] = seriesQuestions(db, series.id);
  const answers = [
    { questionId: known.id, key: known.key, label: known.label, kind: known.kind, accessibility: false, answer: "Par un collègue" },
    { questionId: needs.id, key: needs.key, label: needs.label, kind: needs.kind, accessibility: true, answer: "" },
  ];
  const registered = people.map((participant) =>
    p.hot("registration", () => registerAnswering(db, { seriesId: series.id, sessionIds: [two.id], participant, nowIso, answers })),
  );
  // Someone registering again: their empty answer clears an earlier one.
  p.hot("registration", () => registerAnswering(db, { seriesId: series.id, sessionIds: [sessions[2].id], participant: people[0], nowIso, answers }));
  expect(p.statements.some((s) => s.label === "registration" && /^DELETE FROM registration_answers/.test(s.sql))).toBe(true);
  const waiting = db.select().from(t.registrations).where(eq(t.registrations.status, "waiting")).get()!;
  const participantId = registered[0].ok ? registered[0].participantId : 0;
  const token = createPersonalLink(db, participantId, nowIso);
  const filter = (params: Record<string, string>) =>
    readRegistrantFilter(
      new URLSearchParams(params),
      sessions.map((s) => s.number),
    );

  // At the hour the codes of RDV #2 go out.
  p.hot("access-codes planner", () => planAccessCodes(db, two.accessCodesDueAt!));
  p.hot("enqueue", () =>
    enqueue(db, { kind: "promotion", dedupeKey: "plan:1", toAddress: "ana@example.org", sessionId: two.id, payload: { registrationId: 1 }, dueAt: nowIso }),
  );
  const claimed = p.hot("outbox claim", () => claimDue(db, { owner: "plans", dueIso: nowIso, clockIso: nowIso, isOwnerDead: () => false }, 300));
  p.hot("outbox mark sent", () => claimed.slice(0, 1).forEach((r) => markSent(db, r.id, nowIso, { messageId: "<x@y>", subject: "s" })));
  p.hot("seat count", () => [confirmedCount(db, two.id), confirmedByParticipation(db, [two.id])]);
  p.hot("waiting-list position", () => waitingPosition(db, waiting.id));
  p.hot("dashboard", () => listSeriesForAdmin(db, null, { nowIso }));

  const page = (label: string, params: Record<string, string>) =>
    p.hot(`registrants: ${label}`, () => registrantsPage(db, series, new URLSearchParams(params), nowIso));
  page("all", {});
  page("session", { session: String(two.number) });
  page("status", { status: "waiting" });
  page("participation", { participation: "onsite" });
  page("attendance", { presence: "unknown" });
  page("search", { q: "testeur ana" });
  page("page 2", { page: "2" });
  p.hot("registrants: csv", () => registrantsCsv(series, listRegistrants(db, series.id, filter({})), answerColumns(db, series.id)));
  p.hot("registrants: csv, streamed", () => [...eachRegistrant(db, series.id, filter({})).rows]);

  const log = (label: string, params: Record<string, string>) =>
    p.hot(`email log: ${label}`, () => listEmailLog(db, parseEmailLogFilters(new URLSearchParams(params))));
  log("all", {});
  log("page 2", { page: "2" });
  log("status", { statut: "failed" });
  log("kind", { type: "confirmation" });
  log("series", { cible: `serie-${series.id}` });
  log("session", { cible: `rdv-${two.id}` });
  log("recipient", { destinataire: "ana@" });
  p.hot("email log: the filter's series and the chosen one's sessions", () => emailLogTargets(db, null, `rdv-${two.id}`));

  p.hot("personal page", () => {
    const participant = participantByToken(db, token)!;
    const space = personalSpace(db, participant.id, nowIso);
    waitingPositionsOf(db, participant.id);
    participantAnswers(db, participant.id);
    for (const s of space) registrationOptions(db, s.slug, nowIso);
    participantSurveys(db, participant.id, nowIso);
    return visibleResources(db, { kind: "participant", participantId: participant.id }, { registrantsOnly: true });
  });
  p.hot("resource visibility", () => {
    const audience = personalAudience(db, token)!;
    registeredSeriesIds(db, participantId);
    visibleResourceRow(db, 1, audience);
    // A series' resources (the whole public catalogue is the library's search: app/resources/library.server.ts).
    return visibleResources(db, audience, { seriesId: series.id });
  });
});

afterAll(() => closeDatabase(p.db));

describe("query plans of the hot paths", () => {
  it("ran each hot function it names (≥ 1 statement each)", () => {
    const counts = p.counts();
    const labels = [
      "registration",
      "access-codes planner",
      "enqueue",
      "outbox claim",
      "outbox mark sent",
      "seat count",
      "waiting-list position",
      "dashboard",
      ...["all", "session", "status", "participation", "attendance", "search", "page 2", "csv"].map((l) => `registrants: ${l}`),
      ...["all", "page 2", "status", "kind", "series", "session", "recipient"].map((l) => `email log: ${l}`),
      "personal page",
      "resource visibility",
    ];
    expect(labels.filter((l) => !(counts.get(l)! >= 1))).toEqual([]);
  });

  it("never scans a large table (registrations, participants, outbox, resources, personal links, answers…)", () => {
    expect(p.scans(allowed).map((s) => `${s.label}: ${s.detail} (${s.table}) — ${s.sql.slice(0, 200)}`)).toEqual([]);
  });

  it("finds a scan when there is one, through an alias too (the guard can fail)", () => {
    p.hot("a bad query", () => p.db.$client.prepare("select count(*) from registrations r where r.created_at > '2020'").get());
    expect(
      p
        .scans()
        .filter((s) => s.label === "a bad query")
        .map((s) => s.table),
    ).toEqual(["registrations"]);
    expect(tableAliases("select * from outbox o left join sessions s on s.id = o.session_id where o.id = 1")).toEqual(
      new Map([
        ["outbox", "outbox"],
        ["o", "outbox"],
        ["sessions", "sessions"],
        ["s", "sessions"],
      ]),
    );
  });

  /** The plan lines of a hot function's statements that read `registrations` (under any alias). */
  const registrationReads = (label: RegExp) =>
    p.statements
      .filter((s) => label.test(s.label) && /^\s*(with|select)\b/i.test(s.sql))
      .flatMap((s) => {
        const aliases = tableAliases(s.sql);
        return (p.db.$client.prepare(`explain query plan ${s.sql}`).all() as { detail: string }[])
          .map((r) => r.detail)
          .filter((d) => /^(SCAN|SEARCH) (\S+)/.test(d) && aliases.get(d.split(" ")[1].toLowerCase()) === "registrations");
      });

  it("counts the dashboard from the counters: no statement reads a registration (ADR 021)", () => {
    expect(p.counts().get("dashboard")).toBeGreaterThan(0);
    expect(registrationReads(/^dashboard/)).toEqual([]);
  });

  it("reads a page of the whole series, a session or a status from the counters and one index range per (session, status) group", () => {
    const reads = registrationReads(/^registrants: (all|session|status|page 2)$/);
    // Run: the confirmed group (a range of the list index) and a session's waiting list (its places).
    expect(reads).toContain("SEARCH registrations USING COVERING INDEX registrations_session_list_idx (session_id=? AND status=?)");
    expect(reads.some((d) => /^SEARCH w USING (COVERING )?INDEX registrations_session_\w+_idx \(session_id=\? AND status=\?\)$/.test(d))).toBe(true);
    const allowed = [
      /^SEARCH registrations USING COVERING INDEX registrations_session_list_idx \(session_id=\? AND status=\?\)$/,
      /^SEARCH w USING (COVERING )?INDEX registrations_session_\w+_idx \(session_id=\? AND status=\?\)$/,
      /^SEARCH r USING INTEGER PRIMARY KEY \(rowid=\?\)$/,
      // The accessibility needs: the registrations of the people who stated one (registration_answers first).
      /^SEARCH r USING INDEX registrations_participant_session_uq \(participant_id=\?( AND session_id=\?)?\)$/,
    ];
    expect(reads.filter((d) => !allowed.some((a) => a.test(d)))).toEqual([]);
  });

  it("builds the dashboard in a constant number of queries, whatever the number of series", () => {
    const before = p.counts().get("dashboard")!;
    p.db.$client.exec(`insert into series (slug, title) values ('plan-a', 'A'), ('plan-b', 'B'), ('plan-c', 'C')`);
    p.hot("dashboard, more series", () => listSeriesForAdmin(p.db, null, { nowIso }));
    expect(p.counts().get("dashboard, more series")).toBe(before);
    expect(before).toBeLessThanOrEqual(4);
  });
});

describe("the series of each email (outbox.series_id, the email log's filter)", () => {
  const rows = () =>
    p.db.$client
      .prepare(
        "select o.id, o.kind, o.series_id, coalesce(s.series_id, json_extract(o.payload, '$.seriesId')) as expected from outbox o left join sessions s on s.id = o.session_id order by o.id",
      )
      .all() as { id: number; kind: string; series_id: number | null; expected: number | null }[];

  it("is set on insert by enqueue and by the planners: the session's series, else the payload's", () => {
    const all = rows();
    // Confirmations (enqueue, payload), J-2 emails (the planner's INSERT … SELECT), a promotion (enqueue, session).
    expect(new Set(all.map((r) => r.kind))).toEqual(new Set(["confirmation", "access-codes", "promotion"]));
    expect(all.filter((r) => r.series_id === null || r.series_id !== r.expected)).toEqual([]);
  });

  it("is filled for older rows by the custom migration, by the same rule", () => {
    const before = rows();
    p.db.$client.exec("update outbox set series_id = null");
    // Found by name: the lead renumbers the migrations at merge.
    const name = readdirSync("db/migrations").find((f) => f.endsWith("_outbox_series_backfill.sql"))!;
    const migration = readFileSync(`db/migrations/${name}`, "utf8");
    for (const statement of migration.split("--> statement-breakpoint")) p.db.$client.exec(statement);
    expect(rows()).toEqual(before);
  });
});
