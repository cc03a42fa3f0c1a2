// The back office on a big database (issue #14, item 2): the dashboard, a series' registrants page and
// its CSV, the email log and its filters, timed on the demo database and on one filled with raw
// inserts (100 series, 500 sessions, 60,000 people, 200,000 registrations, 500,000 outbox rows), in
// the same run. Not a test: `npx tsx bench/backoffice.ts [--rows 200000] [--outbox 500000] [--db big.sqlite]`
// (--db keeps the big database in that file, and reuses it when it exists).
// The full benchmark of issue #14 is bench/scale; this one isolates the back-office functions.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { eq } from "drizzle-orm";
import { DateTime } from "luxon";
import * as t from "../db/schema";
import { openDatabase, closeDatabase, type AppDatabase } from "../app/utils/db.server";
import { seedIfEmpty } from "../app/server/seed.server";
import { listSeriesForAdmin } from "../app/series/admin-series.server";
import { listRegistrants, readRegistrantFilter, registrantsPage } from "../app/registration/registrants.server";
import { registrantsCsv } from "../app/registration/registrants-csv.server";
import { answerColumns } from "../app/questions/questions.server";
import { listEmailLog, parseEmailLogFilters } from "../app/notifications/email-log.server";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg("rows", 200_000);
const OUTBOX = arg("outbox", 500_000);
const SERIES = 100;
const SESSIONS_PER_SERIES = 5;
const PEOPLE = 60_000;
const NOW = DateTime.fromISO("2026-11-22T10:00:00", { zone: "Europe/Paris" });
const nowIso = NOW.toUTC().toISO({ suppressMilliseconds: true })!;

/** Raw inserts, in one transaction per table: the shapes the app writes, not its code paths. */
function fill(db: AppDatabase) {
  const c = db.$client;
  const hasSeriesId = (c.prepare("select count(*) n from pragma_table_info('outbox') where name = 'series_id'").get() as { n: number }).n > 0;
  c.transaction(() => {
    const series = c.prepare("insert into series (slug, title, territory, status) values (?, ?, ?, 'published')");
    const session = c.prepare(
      "insert into sessions (series_id, number, slug, title, starts_at, ends_at, mode, status, capacity) values (?, ?, ?, ?, ?, ?, ?, 'published', 60)",
    );
    for (let s = 1; s <= SERIES; s++) {
      const id = Number(series.run(`serie-${s}`, `Série ${s}`, `Territoire ${s % 18}`).lastInsertRowid);
      for (let n = 1; n <= SESSIONS_PER_SERIES; n++) {
        const start = NOW.plus({ days: (s % 40) * 30 - 600 + n * 7 }).toUTC();
        session.run(id, n, `rdv-${n}`, `Rencontre ${n} de la série ${s}`, start.toISO(), start.plus({ hours: 2 }).toISO(), n % 3 === 0 ? "hybrid" : "online");
      }
    }
    const person = c.prepare("insert into participants (email, first_name, last_name, organisation, data_consent_at) values (?, ?, ?, ?, ?)");
    for (let p = 1; p <= PEOPLE; p++) person.run(`personne.${p}@exemple${p % 97}.fr`, `Prénom${p}`, `Nom${p}`, `Structure ${p % 500}`, nowIso);
  })();
  const sessionIds = (c.prepare("select id, series_id from sessions order by id").all() as { id: number; series_id: number }[]).map((r) => [r.id, r.series_id]);
  c.transaction(() => {
    const reg = c.prepare(
      "insert into registrations (participant_id, session_id, status, participation, waiting_since, confirmed_at, attendance, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    for (let i = 0; i < ROWS; i++) {
      const p = (i % PEOPLE) + 1;
      const k = Math.floor(i / PEOPLE);
      const [sessionId] = sessionIds[(p * 37 + k * 101) % sessionIds.length];
      const status = i % 25 < 20 ? "confirmed" : i % 25 < 23 ? "waiting" : "cancelled";
      const at = NOW.minus({ minutes: ROWS - i })
        .toUTC()
        .toISO();
      reg.run(
        p,
        sessionId,
        status,
        i % 2 ? "onsite" : "remote",
        status === "waiting" ? at : null,
        status === "confirmed" ? at : null,
        status === "confirmed" && i % 3 ? "present" : null,
        at,
        at,
      );
    }
  })();
  const regs = c.prepare("select r.id, r.participant_id, r.session_id, s.series_id from registrations r join sessions s on s.id = r.session_id").all() as {
    id: number;
    participant_id: number;
    session_id: number;
    series_id: number;
  }[];
  const kinds = ["confirmation", "access-codes", "reminder", "survey", "promotion"];
  c.transaction(() => {
    const cols = `kind, dedupe_key, participant_id, session_id, to_address, payload, due_at, next_attempt_at, status, sent_at${hasSeriesId ? ", series_id" : ""}`;
    const box = c.prepare(
      `insert into outbox (${cols}) values (${cols
        .split(",")
        .map(() => "?")
        .join(", ")})`,
    );
    for (let i = 0; i < OUTBOX; i++) {
      const r = regs[i % regs.length];
      const kind = kinds[i % kinds.length];
      const confirmation = kind === "confirmation";
      const payload = confirmation ? { seriesId: r.series_id, registrationIds: [r.id], alreadyIds: [] } : { registrationId: r.id };
      const at = NOW.minus({ minutes: OUTBOX - i })
        .toUTC()
        .toISO();
      const status = i > OUTBOX - 300 ? "pending" : i % 101 === 0 ? "failed" : "sent";
      const values: unknown[] = [
        kind,
        `${kind}:${i}`,
        r.participant_id,
        confirmation ? null : r.session_id,
        `personne.${r.participant_id}@exemple${r.participant_id % 97}.fr`,
      ];
      values.push(JSON.stringify(payload), at, at, status, status === "sent" ? at : null);
      if (hasSeriesId) values.push(r.series_id);
      box.run(...values);
    }
  })();
  c.pragma("optimize");
}

type Case = [label: string, run: (db: AppDatabase) => unknown];

function cases(db: AppDatabase): Case[] {
  const series = db.$client
    .prepare("select * from series order by id limit 1 offset ?")
    .get(Math.min(49, Number((db.$client.prepare("select count(*) n from series").get() as { n: number }).n) - 1)) as {
    id: number;
  };
  const full = db.select().from(t.series).where(eq(t.series.id, series.id)).get()!;
  const email =
    (db.$client.prepare("select to_address from outbox order by id desc limit 1").get() as { to_address: string } | undefined)?.to_address ?? "x@example.org";
  const log = (params: Record<string, string>) => () => listEmailLog(db, parseEmailLogFilters(new URLSearchParams(params)));
  return [
    ["/admin (dashboard)", () => listSeriesForAdmin(db, null, { nowIso })],
    ["registrants page", () => registrantsPage(db, full, new URLSearchParams(), nowIso)],
    ["registrants page, status=waiting", () => registrantsPage(db, full, new URLSearchParams({ status: "waiting" }), nowIso)],
    ["registrants page, search", () => registrantsPage(db, full, new URLSearchParams({ q: "nom12" }), nowIso)],
    ["registrants CSV", () => registrantsCsv(full, listRegistrants(db, full.id, readRegistrantFilter(new URLSearchParams(), [])), answerColumns(db, full.id))],
    ["email log", log({})],
    ["email log, page 5", log({ page: "5" })],
    ["email log, series", log({ cible: `serie-${full.id}` })],
    ["email log, status failed", log({ statut: "failed" })],
    ["email log, recipient", log({ destinataire: email })],
  ];
}

/** Median of each case on both databases, their runs interleaved (a busy machine slows both alike). */
function measure(small: AppDatabase, big: AppDatabase, repeat = 21): [label: string, demo: number, big: number][] {
  const a = cases(small);
  const b = cases(big);
  const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  return a.map(([label, runSmall], i) => {
    const runBig = b[i][1];
    runSmall(small);
    runBig(big);
    const ts: [number[], number[]] = [[], []];
    for (let k = 0; k < repeat; k++) {
      for (const [j, run, db] of [[0, runSmall, small] as const, [1, runBig, big] as const]) {
        const t0 = performance.now();
        run(db);
        ts[j].push(performance.now() - t0);
      }
    }
    return [label, median(ts[0]), median(ts[1])];
  });
}

const dir = mkdtempSync(path.join(os.tmpdir(), "rdv-backoffice-"));
try {
  const demo = openDatabase(path.join(dir, "demo.sqlite"));
  seedIfEmpty(demo, NOW);
  const i = process.argv.indexOf("--db");
  const file = i > 0 ? path.resolve(process.argv[i + 1]) : path.join(dir, "big.sqlite");
  const reuse = existsSync(file);
  const big = openDatabase(file);
  const t0 = performance.now();
  if (!reuse) fill(big);
  console.error(`${reuse ? "reused" : "filled"} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const figures = measure(demo, big);
  closeDatabase(demo);
  closeDatabase(big);
  console.log(`| | demo (ms p50) | big (ms p50) | ratio |\n|---|---:|---:|---:|`);
  for (const [label, d, ms] of figures) console.log(`| ${label} | ${d.toFixed(2)} | ${ms.toFixed(2)} | ${(ms / d).toFixed(2)} |`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
