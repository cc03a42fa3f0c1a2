// Helper of bench/scale.mjs (run as `node --import tsx bench/scale-build.ts <command> …`): builds the
// databases the scale benchmark compares, through the app's own code, and times the in-process
// figures (planner, dispatch). Each command prints one JSON line on stdout.
//
//   small <file> --ref <ISO>            the demo database: the demo seed + DEMO_REGISTRANTS people
//   big <file> --ref <ISO> [--scale f]  the same, plus 98 generated series (100 in all), 500 sessions,
//                                       ~2,000 resources, 60,000 participants, 200,000 registrations,
//                                       ~600,000 outbox rows (f = 1; smaller for a smoke run)
//   prepare <file> --ref <ISO> --secret <SESSION_SECRET>
//                                       an organiser login (its cookie) and personal links
//   measure <file> --ref <ISO> --smtp <url>
//                                       the access-codes planner's timing, then 300 due emails
//                                       queued and one dispatch of them to the SMTP sink, timed
//
// How the big database is made (docs/benchmarks.md, "bench:scale"):
// - series: series files (the format of docs/series-format.md) generated here and imported with
//   importSeries(), as `npm run series:import` does;
// - registrations and cancellations: registerIn() / cancelRegistrationsIn(), the model the form and
//   the personal space use, replayed in time order with the instant of each event as "now" (seats,
//   waiting lists, promotions and confirmation emails as in real life), 2,000 events per IMMEDIATE
//   transaction for speed;
// - the outbox history: the app's own planners (planAccessCodes, planReminders, planRecordingEmails)
//   called at each session's start as it passed and the day after, then every row due before the reference instant marked sent in one
//   UPDATE (a send is not what this benchmark measures; bench:dispatch does).
import { DateTime } from "luxon";
import { createCookie } from "@remix-run/node";
import { eq, inArray, sql } from "drizzle-orm";
import * as t from "../db/schema";
import { DEMO_SLUG } from "../db/seed/demo-series";
import { consumeSignIn, createSignInToken, ensureAdmin, LOGIN_HOURS } from "../app/accounts/accounts.server";
import { PLAN_LOOKBACK_DAYS, planAccessCodes } from "../app/access-codes/access-codes.server";
import { dispatchDue } from "../app/notifications/dispatch.server";
import { createMailer } from "../app/notifications/mail.server";
import { EMAIL_KIND_LABELS } from "../app/notifications/email-kinds";
import { planReminders } from "../app/reminders/reminders.server";
import { planRecordingEmails } from "../app/resources/recording-emails.server";
import { createPersonalLink, requestPersonalLink } from "../app/registration/participants.server";
import { inviteMember } from "../app/teams/team.server";
import { cancelRegistrationsIn, register, registerIn, type ParticipantInput } from "../app/registration/registrations.server";
import { seedDemoData } from "../app/server/seed.server";
import { importSeries } from "../app/series-file/series-import.server";
import type { SeriesFileInput } from "../app/series-file/series-format.server";
import { closeDatabase, openDatabase, type AppDatabase } from "../app/utils/db.server";
import { toUtcIso } from "../app/utils/dates.server";

export const DEMO_REGISTRANTS = 300;
export const ORGANISER = "bench-organisatrice@example.org";
export const HEAVY_EMAIL = "camille.assidue@example.org";
export const TEAM_ORGANISER = "bench-equipe@example.org";
/** The real 2022 series of the demo seed (db/seed/rdv-sante-qpv-seine-maritime-2022.series.json). */
const REAL_SLUG = "rdv-sante-qpv-seine-maritime-2022";
const DISPATCH_COUNT = 300;

/** The full-scale targets (issue #14); `scale` multiplies the counts (not the series). */
export function targets(scale = 1) {
  return {
    series: 100,
    sessions: 500,
    resources: 2000,
    participants: Math.round(60_000 * scale),
    registrations: Math.round(200_000 * scale),
  };
}

// ---------------------------------------------------------------------------------------------
// a small deterministic random generator (the same database on every build)

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(14);
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

const REGIONS = [
  "Auvergne-Rhône-Alpes",
  "Bourgogne-Franche-Comté",
  "Bretagne",
  "Centre-Val de Loire",
  "Corse",
  "Grand Est",
  "Hauts-de-France",
  "Île-de-France",
  "Normandie",
  "Nouvelle-Aquitaine",
  "Occitanie",
  "Pays de la Loire",
  "Provence-Alpes-Côte d’Azur",
  "Guadeloupe",
  "Martinique",
  "Guyane",
  "La Réunion",
  "Mayotte",
];
const THEMES = [
  "santé mentale",
  "nutrition",
  "activité physique",
  "addictions",
  "logement",
  "petite enfance",
  "vieillissement",
  "environnement",
  "accès aux soins",
  "vaccination",
];
const FIRST = [
  "Camille",
  "Dominique",
  "Claude",
  "Sacha",
  "Alix",
  "Morgane",
  "Yanis",
  "Inès",
  "Nadia",
  "Louis",
  "Aïcha",
  "Hugo",
  "Léa",
  "Mamadou",
  "Chloé",
  "Théo",
];
const LAST = ["Martin", "Bernard", "Petit", "Durand", "Leroy", "Moreau", "Diallo", "Benali", "N’Diaye", "Lefèvre", "Garcia", "Roux", "Fournier", "Nguyen"];
const STRUCTURES = ["collectivite", "etat-ars", "association", "sante", "education", "bailleur", "habitant", "autre"] as const;
const RESOURCE_TYPES = ["recording", "slides", "document", "link", "statistical-note", "data-sheet", "video"] as const;

// ---------------------------------------------------------------------------------------------
// series files

type Gen = { slug: string; weight: number; file: SeriesFileInput };

/** Series `k` (1…n) of the generated ones: a few big ones, many small (weights ∝ 1/(rank + 2)). */
function generatedSeries(k: number, sessionCount: number, resourceCount: number, ref: DateTime): Gen {
  const region = REGIONS[k % REGIONS.length];
  const theme = THEMES[k % THEMES.length];
  const slug = `bench-serie-${String(k).padStart(3, "0")}`;
  // Most series are history (up to four years back), about one in six still has sessions ahead.
  const upcoming = k % 6 === 0;
  const first = upcoming ? ref.minus({ days: int(10, 60) }) : ref.minus({ days: int(120, 1460) });
  const mode = k % 4 === 0 ? "hybrid" : k % 7 === 0 ? "in-person" : "online";
  const sessions: NonNullable<SeriesFileInput["sessions"]> = [];
  for (let n = 1; n <= sessionCount; n++) {
    const day = first.plus({ days: (n - 1) * 21 }).setZone("Europe/Paris");
    const start = day.set({ hour: n % 2 ? 9 : 14, minute: 30 });
    const sessionMode = mode === "online" ? "online" : n % 3 === 0 ? "online" : mode;
    const capacity = sessionMode === "online" ? (k % 3 === 0 ? 400 : null) : int(25, 120);
    sessions.push({
      number: n,
      slug: `rdv-${n}`,
      title: `Rencontre ${n} — ${theme} en ${region}`,
      theme,
      start: start.toFormat("yyyy-MM-dd'T'HH:mm"),
      end: start.plus({ hours: 2, minutes: 30 }).toFormat("yyyy-MM-dd'T'HH:mm"),
      mode: sessionMode,
      status: "published",
      capacity,
      ...(sessionMode !== "online"
        ? { venue: { name: `Maison de quartier ${n}`, address: `${n} rue de la Santé, ${region}`, instructions: "Salle au rez-de-chaussée." } }
        : {}),
      access:
        sessionMode !== "in-person"
          ? { provider: "Zoom", joinUrl: `https://zoom.us/j/${900000 + k * 100 + n}`, meetingId: `${900000 + k * 100 + n}`, passcode: "123456", dialIn: [] }
          : null,
      programme: [
        { start: start.toFormat("HH:mm"), end: start.plus({ minutes: 15 }).toFormat("HH:mm"), kind: "welcome", title: "Accueil" },
        {
          start: start.plus({ minutes: 15 }).toFormat("HH:mm"),
          end: start.plus({ hours: 2 }).toFormat("HH:mm"),
          kind: "talk",
          title: `Intervention : ${theme}`,
        },
        { start: start.plus({ hours: 2 }).toFormat("HH:mm"), end: start.plus({ hours: 2, minutes: 30 }).toFormat("HH:mm"), kind: "closing", title: "Clôture" },
      ],
    } as NonNullable<SeriesFileInput["sessions"]>[number]);
  }
  const resources = Array.from({ length: resourceCount }, (_, i) => {
    const type = RESOURCE_TYPES[(k + i) % RESOURCE_TYPES.length];
    const session = (i % sessionCount) + 1;
    return {
      key: `ressource-${i + 1}`,
      type,
      title: `${type === "recording" ? "Enregistrement" : "Document"} ${i + 1} : ${theme} et territoires (${region})`,
      description: `Ressource ${i + 1} de la série ${k}, sur ${theme}.`,
      session,
      authors: [`Agence régionale de santé ${region}`],
      themes: [theme, pick(THEMES)].filter((v, j, xs) => xs.indexOf(v) === j),
      territory: region,
      url: `https://ressources.example.org/${slug}/${i + 1}`,
      visibility: i % 5 === 4 ? "registrants" : "public",
    };
  });
  // two reminders in most series, one in a third of them: ~3 emails per registration in all
  const reminders = [
    { key: "veille", timing: "days-before", days: 1, at: "18:00", message: "À demain !" },
    ...(k % 3 === 0 ? [] : [{ key: "une-heure", timing: "minutes-before", minutes: 60, message: "La rencontre commence dans une heure." }]),
  ];
  const file = {
    format: "rendez-vous.series/1",
    slug,
    title: `Rencontres ${theme} — ${region} (${k})`,
    subtitle: `Série générée pour le banc d’essai, n° ${k}`,
    territory: region,
    timezone: "Europe/Paris",
    status: "published",
    summary: `Une série de ${sessionCount} rencontres sur ${theme} pour les acteurs de ${region}.`,
    mode,
    platform: "Zoom",
    registration: { required: true, multipleSessions: true },
    accessCodes: { daysBefore: 2, sendAt: "09:00" },
    reminders,
    organisations: [{ key: `ars-${k % REGIONS.length}`, name: `Agence régionale de santé ${region}`, role: "organiser" }],
    sessions,
    resources,
  } as unknown as SeriesFileInput;
  return { slug, weight: 1 / (k + 2), file };
}

// ---------------------------------------------------------------------------------------------
// people

function person(i: number): ParticipantInput {
  return {
    firstName: FIRST[i % FIRST.length],
    lastName: `${LAST[(i >> 4) % LAST.length]}-${i}`,
    email: `personne-${i}@example.org`,
    organisation: i % 3 ? `Structure ${i % 997}` : null,
    jobTitle: i % 4 ? "Chargé·e de mission" : null,
    structureType: STRUCTURES[i % STRUCTURES.length],
    territory: REGIONS[i % REGIONS.length],
    newsConsent: i % 5 === 0,
  };
}

type SessionRow = { id: number; seriesId: number; number: number; startsAt: string; mode: string };

/** The demo part, the same in both databases: the demo seed, then DEMO_REGISTRANTS registrations. */
function buildDemo(db: AppDatabase, ref: DateTime) {
  seedDemoData(db, ref);
  const series = db.select().from(t.series).where(eq(t.series.slug, DEMO_SLUG)).get()!;
  const refIso = toUtcIso(ref);
  const open = db
    .select()
    .from(t.sessions)
    .where(eq(t.sessions.seriesId, series.id))
    .all()
    .filter((s) => s.startsAt > refIso && s.status === "published");
  const participation = (ids: number[]) => Object.fromEntries(ids.map((id) => [id, "remote"]));
  const heavy = { ...person(0), email: HEAVY_EMAIL, firstName: "Camille", lastName: "Assidue" };
  register(db, {
    seriesId: series.id,
    sessionIds: open.map((s) => s.id),
    participant: heavy,
    nowIso: refIso,
    participation: participation(open.map((s) => s.id)),
  });
  for (let i = 1; i < DEMO_REGISTRANTS; i++) {
    const ids = [open[i % open.length].id, ...(i % 3 === 0 ? [open[(i + 1) % open.length].id] : [])];
    register(db, {
      seriesId: series.id,
      sessionIds: ids,
      participant: { ...person(1_000_000 + i), email: `demo-${i}@example.org` },
      nowIso: refIso,
      participation: participation(ids),
    });
  }
}

/** Every row due before `refIso` marked sent, in one statement. */
function markHistorySent(db: AppDatabase, refIso: string): number {
  const subject = sql.raw(
    `case kind ${Object.entries(EMAIL_KIND_LABELS)
      .map(([k, v]) => `when '${k}' then '${v.replace(/'/g, "''")}'`)
      .join(" ")} else kind end`,
  );
  return db.run(sql`update outbox set status = 'sent', attempts = 1, sent_at = due_at, subject = ${subject},
    message_id = '<' || id || '.bench@rendez-vous.localhost>' where status = 'pending' and due_at <= ${refIso}`).changes;
}

function buildBig(db: AppDatabase, ref: DateTime, scale: number) {
  const refIso = toUtcIso(ref);
  const goal = targets(scale);
  const phases: Record<string, number> = {};
  let t0 = performance.now();
  const lap = (name: string) => {
    phases[name] = Math.round(performance.now() - t0);
    t0 = performance.now();
  };
  buildDemo(db, ref);
  lap("demo");

  // 1. series files: the 98 others, sessions and resources shared out so that the totals are the targets
  const existing = db
    .select({ n: sql<number>`count(*)` })
    .from(t.sessions)
    .get()!.n;
  const existingRes = db
    .select({ n: sql<number>`count(*)` })
    .from(t.resources)
    .get()!.n;
  const n = goal.series - 2;
  const sessionsLeft = goal.sessions - existing;
  const resourcesLeft = goal.resources - existingRes;
  const gens: Gen[] = [];
  for (let k = 1; k <= n; k++) {
    const sessionCount = Math.floor(sessionsLeft / n) + (k <= sessionsLeft % n ? 1 : 0);
    const resourceCount = Math.floor(resourcesLeft / n) + (k <= resourcesLeft % n ? 1 : 0);
    gens.push(generatedSeries(k, sessionCount, resourceCount, ref));
  }
  for (const g of gens) {
    const r = importSeries(db, g.file, { nowIso: refIso });
    if (!r.ok) throw new Error(`${g.slug}: ${r.problems.map((p) => `${p.path} ${p.message}`).join("; ")}`);
  }
  lap("import");

  // 2. registration events, in time order
  const seriesIds = new Map(
    db
      .select({ id: t.series.id, slug: t.series.slug })
      .from(t.series)
      .all()
      .map((s) => [s.slug, s.id]),
  );
  const sessionsOf = new Map<number, SessionRow[]>();
  for (const s of db
    .select({ id: t.sessions.id, seriesId: t.sessions.seriesId, number: t.sessions.number, startsAt: t.sessions.startsAt, mode: t.sessions.mode })
    .from(t.sessions)
    .all()) {
    sessionsOf.set(s.seriesId, [...(sessionsOf.get(s.seriesId) ?? []), s]);
  }
  const totalWeight = gens.reduce((a, g) => a + g.weight, 0);
  type Ev = { at: string; kind: "register"; seriesId: number; sessionIds: number[]; who: number; id: number } | { at: string; kind: "cancel"; of: number };
  const events: Ev[] = [];
  const refMs = ref.toMillis();
  let rows = 0;
  let evId = 0;
  for (const g of gens) {
    const seriesId = seriesIds.get(g.slug)!;
    const sessions = sessionsOf.get(seriesId)!.sort((a, b) => a.number - b.number);
    // 3.5 % more than the share: a regular choosing a session they already have adds no row
    const want = Math.round((goal.registrations * 1.035 * g.weight) / totalWeight);
    let got = 0;
    while (got < want) {
      const anchor = pick(sessions);
      const startMs = DateTime.fromISO(anchor.startsAt).toMillis();
      const atMs = startMs - int(3 * 3600, 40 * 86400) * 1000;
      if (atMs >= refMs) {
        // an upcoming session: registered before the reference instant
        if (startMs <= refMs) continue;
      }
      const at = new Date(Math.min(atMs, refMs - int(60, 30 * 86400) * 1000)).toISOString().replace(/\.\d{3}Z$/, "Z");
      const open = sessions.filter((s) => s.startsAt > at);
      if (!open.length) continue;
      const count = Math.min(open.length, rand() < 0.45 ? 1 : rand() < 0.6 ? 2 : int(3, 5));
      const chosen = new Set([anchor.startsAt > at ? anchor.id : open[0].id]);
      while (chosen.size < count) chosen.add(pick(open).id);
      const id = evId++;
      events.push({ at, kind: "register", seriesId, sessionIds: [...chosen], who: -1, id });
      got += chosen.size;
      if (rand() < 0.07) {
        const first = Math.min(...[...chosen].map((x) => DateTime.fromISO(sessions.find((s) => s.id === x)!.startsAt).toMillis()));
        const cancelMs = Date.parse(at) + rand() * (Math.min(first, refMs) - Date.parse(at) - 3_600_000);
        if (cancelMs > Date.parse(at)) events.push({ at: new Date(cancelMs).toISOString().replace(/\.\d{3}Z$/, "Z"), kind: "cancel", of: id });
      }
    }
    rows += got;
  }
  // participants: every one of the N appears once; of the other events, a third go to "regulars"
  // (one person in 60, ~40 registrations each over the years), the rest to anyone
  const regs = events.filter((e): e is Extract<Ev, { kind: "register" }> => e.kind === "register");
  const order = regs.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const regulars = Math.max(10, Math.round(goal.participants / 60));
  order.forEach((ev, i) => (regs[ev].who = i < goal.participants ? i : Math.floor((rand() < 0.33 ? regulars : goal.participants) * rand())));
  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  lap("plan");

  const created = new Map<number, { participantId: number; ids: number[] }>();
  const modes = new Map<number, string>();
  for (const list of sessionsOf.values()) for (const s of list) modes.set(s.id, s.mode);
  let refused = 0;
  for (let i = 0; i < events.length; i += 2000) {
    db.transaction(
      (tx) => {
        for (const e of events.slice(i, i + 2000)) {
          if (e.kind === "register") {
            const participation = Object.fromEntries(e.sessionIds.filter((s) => modes.get(s) === "hybrid").map((s) => [s, e.who % 3 ? "remote" : "onsite"]));
            const r = registerIn(tx, { seriesId: e.seriesId, sessionIds: e.sessionIds, participant: person(e.who), nowIso: e.at, participation });
            if (r.ok) created.set(e.id, { participantId: r.participantId, ids: r.created.map((c) => c.registrationId) });
            else refused++;
          } else {
            const c = created.get(e.of);
            if (c?.ids.length) cancelRegistrationsIn(tx, { participantId: c.participantId, registrationIds: [c.ids[0]], nowIso: e.at });
          }
        }
      },
      { behavior: "immediate" },
    );
  }
  lap("registrations");

  // 3. the outbox history: the planners as each session's start passed (access codes, reminders)
  // and the day after it (its recording), then everything sent
  const past = [...sessionsOf.values()].flat().filter((s) => s.startsAt <= refIso);
  const instants = new Map<string, "start" | "after">();
  for (const s of past) {
    instants.set(toUtcIso(DateTime.fromISO(s.startsAt).minus({ minutes: 1 })), "start");
    instants.set(toUtcIso(DateTime.fromISO(s.startsAt).plus({ days: 1 })), "after");
  }
  for (const [at, what] of [...instants].filter(([at]) => at <= refIso).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (what === "start") {
      planAccessCodes(db, at);
      planReminders(db, at);
    } else planRecordingEmails(db, at);
  }
  planAccessCodes(db, refIso);
  planReminders(db, refIso);
  planRecordingEmails(db, refIso);
  lap("planners");
  const sent = markHistorySent(db, refIso);
  lap("mark-sent");
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.exec("analyze");
  lap("analyze");
  return { phases, plannedRegistrationRows: rows, events: events.length, refused, markedSent: sent };
}

// ---------------------------------------------------------------------------------------------
// counts, prepare, measure

function counts(db: AppDatabase) {
  const one = (q: string) => (db.$client.prepare(q).get() as { n: number }).n;
  return {
    series: one("select count(*) n from series"),
    sessions: one("select count(*) n from sessions"),
    pastSessions: one(`select count(*) n from sessions where starts_at <= strftime('%Y-%m-%dT%H:%M:%SZ','now')`),
    resources: one("select count(*) n from resources"),
    participants: one("select count(*) n from participants"),
    registrations: one("select count(*) n from registrations"),
    confirmed: one("select count(*) n from registrations where status = 'confirmed'"),
    waiting: one("select count(*) n from registrations where status = 'waiting'"),
    cancelled: one("select count(*) n from registrations where status = 'cancelled'"),
    outbox: one("select count(*) n from outbox"),
    outboxPending: one("select count(*) n from outbox where status = 'pending'"),
    biggestSeriesRegistrations: one(
      "select max(c) n from (select count(*) c from registrations r join sessions s on s.id = r.session_id group by s.series_id)",
    ),
  };
}

/** The series with the most registrations, its id and slug and how many rows its CSVs hold. */
function biggestSeries(db: AppDatabase) {
  return db.$client
    .prepare(
      `select se.id, se.slug, count(*) registrations, count(distinct r.participant_id) participants
       from registrations r join sessions s on s.id = r.session_id join series se on se.id = s.series_id
       group by se.id order by registrations desc limit 1`,
    )
    .get() as { id: number; slug: string; registrations: number; participants: number };
}

async function prepare(db: AppDatabase, ref: DateTime, secret: string) {
  const now = toUtcIso(DateTime.now());
  ensureAdmin(db, ORGANISER);
  const account = db.select().from(t.accounts).where(eq(t.accounts.email, ORGANISER)).get()!;
  const cookieOf = async (accountId: number) => {
    const login = consumeSignIn(db, createSignInToken(db, accountId, now), now)!;
    return (await createCookie("rdv_admin", { secrets: [secret], maxAge: LOGIN_HOURS * 3600 }).serialize(login.loginId)).split(";")[0];
  };
  const cookie = await cookieOf(account.id);
  // An organiser of the two demo series only (invited by the administrator, as the team page does):
  // the same dashboard on both databases.
  for (const s of db
    .select()
    .from(t.series)
    .where(inArray(t.series.slug, [DEMO_SLUG, REAL_SLUG]))
    .all()) {
    const r = inviteMember(db, account, s, { email: TEAM_ORGANISER, name: "Organisatrice des démos", role: "organiser" }, now);
    if (!r.ok) throw new Error(`invitation refused: ${JSON.stringify(r)}`);
  }
  const team = db.select().from(t.accounts).where(eq(t.accounts.email, TEAM_ORGANISER)).get()!;
  const teamCookie = await cookieOf(team.id);
  const heavy = db.select().from(t.participants).where(eq(t.participants.email, HEAVY_EMAIL)).get()!;
  // the busiest participant of the database (in the demo database, the heavy demo registrant)
  const busiest = db.$client
    .prepare("select participant_id id, count(*) n from registrations where status != 'cancelled' group by participant_id order by n desc limit 1")
    .get() as { id: number; n: number };
  const countOf = (id: number) =>
    (db.$client.prepare("select count(*) n from registrations where participant_id = ? and status != 'cancelled'").get(id) as { n: number }).n;
  const demo = db.select().from(t.series).where(eq(t.series.slug, DEMO_SLUG)).get()!;
  const demoSession = db
    .select()
    .from(t.sessions)
    .where(eq(t.sessions.seriesId, demo.id))
    .all()
    .find((s) => s.number === 2)!;
  return {
    cookie,
    teamCookie,
    demo: { id: demo.id, slug: demo.slug, session: demoSession.slug },
    heavy: { token: createPersonalLink(db, heavy.id, now), registrations: countOf(heavy.id) },
    busiest: { token: createPersonalLink(db, busiest.id, now), registrations: busiest.n },
    biggest: biggestSeries(db),
    counts: counts(db),
    ref: toUtcIso(ref),
  };
}

async function measure(db: AppDatabase, ref: DateTime, smtpUrl: string) {
  const refIso = toUtcIso(ref);
  const now = toUtcIso(DateTime.now());
  // The planner at the instant the codes of the demo series' next session go out: on both databases
  // it has that session's registrants to go through (the big one, whatever else is in its window).
  // The first call queues them; the next ones are the scheduler's minute-by-minute runs, with
  // everything queued already: one index probe per registrant of the sessions in the window.
  const planAt =
    (
      db.$client
        .prepare(
          "select min(s.access_codes_due_at) as at from sessions s join series se on se.id = s.series_id where se.slug = ? and s.status = 'published' and s.access_codes_due_at > ?",
        )
        .get(DEMO_SLUG, now) as { at: string | null }
    ).at ?? now;
  const plannerMs: number[] = [];
  for (let i = 0; i < 8; i++) {
    const t1 = performance.now();
    planAccessCodes(db, planAt);
    if (i > 0) plannerMs.push(performance.now() - t1);
  }
  const lookback = toUtcIso(DateTime.fromISO(planAt).minus({ days: PLAN_LOOKBACK_DAYS }));
  const plannerRows = (
    db.$client
      .prepare(
        `select count(*) as n from sessions s join registrations r on r.session_id = s.id
         where s.status = 'published' and s.access_codes_due_at <= ? and s.ends_at > ? and r.status = 'confirmed'`,
      )
      .get(planAt, lookback) as { n: number }
  ).n;
  const mailer = createMailer({ smtpUrl, from: "Rendez-vous <rdv@example.org>", db });
  // What is due already (the load's confirmations not sent yet) goes first, untimed: the timed
  // dispatch below sends exactly the 300 emails, on both databases.
  const before = await dispatchDue(db, mailer, { appUrl: "http://127.0.0.1", now: () => now });
  // 300 due emails: personal links asked by the demo registrants, among everything else
  const people = db.$client
    .prepare("select email from participants where email like 'demo-%@example.org' or email = ? order by id limit ?")
    .all(HEAVY_EMAIL, DISPATCH_COUNT) as { email: string }[];
  for (const p of people) requestPersonalLink(db, p.email, now);
  const due = (db.$client.prepare("select count(*) n from outbox where status = 'pending' and due_at <= ?").get(now) as { n: number }).n;
  const t1 = performance.now();
  const summary = await dispatchDue(db, mailer, { appUrl: "http://127.0.0.1", now: () => now });
  const dispatchMs = performance.now() - t1;
  mailer.close();
  return { ref: refIso, planAt, plannerMs, plannerRows, sentBefore: before.sent, due, dispatchMs, summary };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const [command, file, ...rest] = process.argv.slice(2);
  const opt = (name: string) => {
    const i = rest.indexOf(`--${name}`);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  const ref = DateTime.fromISO(opt("ref") ?? toUtcIso(DateTime.now().startOf("minute")), { zone: "utc" });
  if (!file || !["small", "big", "prepare", "measure"].includes(command ?? "")) {
    console.error("usage: node --import tsx bench/scale-build.ts small|big|prepare|measure <file.sqlite> [--ref ISO] [--scale f] [--secret s] [--smtp url]");
    process.exit(2);
  }
  const db = openDatabase(file);
  const t0 = performance.now();
  let out: unknown;
  if (command === "small") {
    buildDemo(db, ref);
    markHistorySent(db, toUtcIso(ref));
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    out = { counts: counts(db) };
  } else if (command === "big") {
    const info = buildBig(db, ref, Number(opt("scale") ?? 1));
    out = { ...info, counts: counts(db) };
  } else if (command === "prepare") out = await prepare(db, ref, opt("secret") ?? "");
  else out = await measure(db, ref, opt("smtp") ?? "");
  closeDatabase(db);
  console.log(JSON.stringify({ command, ref: toUtcIso(ref), ms: Math.round(performance.now() - t0), ...(out as object) }));
}

await main();
