// Satisfaction surveys end to end on the model: the planner at every dispatch run and a real SMTP
// server (who receives it, when in the series' zone, exactly once), answering through the personal
// link (validation, once per person, editing, closing), anonymous answers that nothing links to a
// person, and the survey's results and CSV in the bilan.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { cancelRegistrations, register } from "~/registration/registrations.server";
import { eraseParticipant, participantByToken } from "~/registration/participants.server";
import { importSeries } from "~/series-file/series-import.server";
import { readAnswers, submitAnswers, surveyForAnswer } from "~/surveys/survey-answers.server";
import { surveyDueAt } from "~/surveys/survey-planner.server";
import * as editor from "~/surveys/surveys.server";
import { readQuestion, readSettings } from "~/surveys/survey-form.server";
import { seriesSurveyResults, surveyAnswersCsv, surveyCsvRows } from "~/report/survey-results.server";
import { parseCsv } from "~/utils/csv.server";
import type { AppDatabase } from "~/utils/db.server";
import { memoryDb } from "../helpers/db";
import { fileSession, seriesFile } from "../helpers/series-file";
import { participantInput } from "../helpers/people";
import { dispatchTo, smtpForSuite, type Received } from "../helpers/smtp";

const APP = "https://rdv.example.org";
const smtp = smtpForSuite();

// Saturday 27 March 2027, 10:00–12:00 in Paris (09:00–11:00 UTC), the eve of the switch to summer time.
function file() {
  const sessions = [fileSession(1, "En ligne", "2027-03-27T10:00", "2027-03-27T12:00", { mode: "online", capacity: 5 })];
  return seriesFile({ slug: "avis", title: "Série des avis", sessions });
}
const BEFORE = "2027-03-20T10:00:00Z";
const AFTER_END = "2027-03-27T12:00:00Z";
/** One calendar day after the end: Sunday 28 March at 12:00 CEST, 10:00 UTC (not 11:00). */
const DUE = "2027-03-28T10:00:00Z";
const ACCOUNT = 1;

function setup(opts: { anonymous?: boolean; people?: string[] } = {}) {
  const db = memoryDb();
  const r = importSeries(db, file(), { nowIso: BEFORE });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  db.insert(t.accounts).values({ id: ACCOUNT, email: "orga@example.org", role: "admin" }).run();
  const session = db.select().from(t.sessions).get()!;
  const regs = new Map<string, number>();
  for (const email of opts.people ?? ["a@example.org", "b@example.org"]) {
    const res = register(db, { seriesId: r.seriesId, sessionIds: [session.id], participant: participantInput(email, "Zoé", "Avis"), nowIso: BEFORE });
    if (!res.ok) throw new Error(JSON.stringify(res.errors));
    regs.set(email, res.created[0].registrationId);
  }
  const saved = editor.saveSettings(db, {
    sessionId: session.id,
    input: { anonymous: opts.anonymous ?? false, delay: 1, delayUnit: "days", closesAt: "2027-04-11T22:00:00Z", intro: null },
    accountId: ACCOUNT,
    nowIso: BEFORE,
  });
  if (!saved.ok) throw new Error("settings");
  const rating = editor.addQuestion(db, {
    surveyId: saved.surveyId,
    input: { type: "rating", label: "Satisfaction générale", required: true, options: [], lowLabel: "Déçu·e", highLabel: "Ravi·e" },
    accountId: ACCOUNT,
    nowIso: BEFORE,
  });
  const choice = editor.addQuestion(db, {
    surveyId: saved.surveyId,
    input: { type: "multiple", label: "Ce qui vous a servi", required: false, options: ["Les exposés", "Les échanges"], lowLabel: null, highLabel: null },
    accountId: ACCOUNT,
    nowIso: BEFORE,
  });
  const text = editor.addQuestion(db, {
    surveyId: saved.surveyId,
    input: { type: "text", label: "Un commentaire", required: false, options: [], lowLabel: null, highLabel: null },
    accountId: ACCOUNT,
    nowIso: BEFORE,
  });
  return { db, seriesId: r.seriesId, session, surveyId: saved.surveyId, regs, q: { rating, choice, text } };
}

const surveys = async (db: AppDatabase, at: string): Promise<Received[]> =>
  (await dispatchTo(smtp, db, at, APP)).received.filter((m) => m.parsed.subject?.startsWith("Votre avis"));
const to = (mails: Received[]) => mails.map((m) => m.envelopeTo[0]).sort();
const mark = (db: AppDatabase, registrationId: number, attendance: "present" | "absent" | "excused") =>
  db.update(t.registrations).set({ attendance }).where(eq(t.registrations.id, registrationId)).run();
/** The personal link the survey email carries, and the person it opens. */
function linkOf(db: AppDatabase, mail: Received) {
  const m = /\/moi\/([A-Za-z0-9_-]+)\/questionnaires\/(\d+)/.exec(mail.parsed.text ?? "");
  expect(m).not.toBeNull();
  return { token: m![1], surveyId: Number(m![2]), participant: participantByToken(db, m![1])! };
}
const form = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

describe("survey dispatch", () => {
  it("goes to every confirmed registrant when no attendance was recorded, a calendar day after the end in the series’ zone, once", async () => {
    const { db, seriesId, session } = setup({ people: ["a@example.org", "b@example.org", "c@example.org", "cancelled@example.org", "erased@example.org"] });
    const waiting = register(db, { seriesId, sessionIds: [session.id], participant: participantInput("waiting@example.org", "W", "W"), nowIso: BEFORE });
    expect(waiting.ok && waiting.created[0].status).toBe("waiting");
    const cancelled = db.select().from(t.participants).where(eq(t.participants.email, "cancelled@example.org")).get()!;
    cancelRegistrations(db, { participantId: cancelled.id, nowIso: BEFORE });
    // The waiting list moved up when a seat was freed: that person is confirmed now.
    const erased = db.select().from(t.participants).where(eq(t.participants.email, "erased@example.org")).get()!;
    eraseParticipant(db, erased.id, BEFORE);
    await dispatchTo(smtp, db, BEFORE, APP);
    expect(surveyDueAt(session.endsAt, "Europe/Paris", 1, "days")).toBe(DUE);
    expect(await surveys(db, AFTER_END)).toHaveLength(0);
    expect(await surveys(db, "2027-03-28T09:59:00Z")).toHaveLength(0);
    const sent = await surveys(db, DUE);
    expect(to(sent)).toEqual(["a@example.org", "b@example.org", "c@example.org", "waiting@example.org"]);
    const mail = sent.find((m) => m.envelopeTo[0] === "a@example.org")!;
    expect(mail.parsed.subject).toBe("Votre avis sur la rencontre RDV #1 — En ligne");
    expect(mail.parsed.text).toContain("3 questions");
    expect(mail.parsed.text).toContain("jusqu’au dimanche 11 avril 2027 à 23 h 59");
    expect(mail.raw).toContain("List-Unsubscribe:");
    expect(await surveys(db, "2027-03-28T12:00:00Z")).toHaveLength(0);
    expect(await surveys(db, "2027-03-30T12:00:00Z")).toHaveLength(0);
    const rows = db.select().from(t.outbox).where(eq(t.outbox.kind, "survey")).all();
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.status === "sent")).toBe(true);
  });

  it("goes to the people marked present only once attendance is recorded; someone marked later gets theirs at the next run", async () => {
    const { db, regs, session, surveyId } = setup({ people: ["a@example.org", "b@example.org", "c@example.org"] });
    mark(db, regs.get("a@example.org")!, "present");
    mark(db, regs.get("b@example.org")!, "absent");
    expect(editor.surveyState(db, editor.surveyOfSession(db, session.id)!, session, "Europe/Paris", AFTER_END).audience).toEqual({ count: 1, rule: "present" });
    expect(to(await surveys(db, DUE))).toEqual(["a@example.org"]);
    mark(db, regs.get("c@example.org")!, "present");
    expect(to(await surveys(db, "2027-03-28T11:00:00Z"))).toEqual(["c@example.org"]);
    expect(db.select().from(t.outbox).where(eq(t.outbox.kind, "survey")).all()).toHaveLength(2);
    expect(surveyId).toBeGreaterThan(0);
  });

  it("counts only hours for an hour delay, across the clock change", () => {
    // Ends at 01:30 CET on 28 March 2027; two hours later it is 04:30 CEST (02:30 UTC).
    expect(surveyDueAt("2027-03-28T00:30:00Z", "Europe/Paris", 2, "hours")).toBe("2027-03-28T02:30:00Z");
    expect(surveyDueAt("2027-10-30T10:00:00Z", "Europe/Paris", 1, "days")).toBe("2027-10-31T11:00:00Z");
  });

  it("sends nothing for a cancelled session, and nothing to an empty audience, the back-office saying why", async () => {
    const one = setup();
    one.db.update(t.sessions).set({ status: "cancelled" }).where(eq(t.sessions.id, one.session.id)).run();
    expect(await surveys(one.db, DUE)).toHaveLength(0);
    const cancelledSession = one.db.select().from(t.sessions).get()!;
    expect(editor.surveyState(one.db, editor.surveyOfSession(one.db, one.session.id)!, cancelledSession, "Europe/Paris", DUE).blocked).toMatch(/annulée/);

    const empty = setup({ people: [] });
    expect(await surveys(empty.db, DUE)).toHaveLength(0);
    const state = editor.surveyState(empty.db, editor.surveyOfSession(empty.db, empty.session.id)!, empty.session, "Europe/Paris", DUE);
    expect(state.audience.count).toBe(0);
    expect(state.blocked).toBe("Aucune personne inscrite confirmée à cette rencontre : le questionnaire ne sera envoyé à personne.");

    const nobodyPresent = setup();
    for (const id of nobodyPresent.regs.values()) mark(nobodyPresent.db, id, "absent");
    expect(await surveys(nobodyPresent.db, DUE)).toHaveLength(0);
    expect(
      editor.surveyState(nobodyPresent.db, editor.surveyOfSession(nobodyPresent.db, nobodyPresent.session.id)!, nobodyPresent.session, "Europe/Paris", DUE)
        .blocked,
    ).toMatch(/Personne n’est marqué présent/);
  });

  it("is not sent once the survey has closed", async () => {
    const { db, session } = setup();
    db.update(t.surveys).set({ closesAt: "2027-03-28T09:00:00Z" }).where(eq(t.surveys.sessionId, session.id)).run();
    expect(await surveys(db, DUE)).toHaveLength(0);
  });
});

describe("answering", () => {
  it("checks each answer, keeps one sheet per person, editable until the survey closes, then refused", async () => {
    const { db, q } = setup();
    const [mail] = (await surveys(db, DUE)).filter((m) => m.envelopeTo[0] === "a@example.org");
    const { participant, surveyId } = linkOf(db, mail);
    const survey = surveyForAnswer(db, participant.id, surveyId, DUE)!;
    expect(survey.state).toBe("open");
    const bad = readAnswers(
      survey.questions,
      form([
        [`q-${q.rating}`, "9"],
        [`q-${q.choice}`, "Autre chose"],
      ]),
    );
    expect(bad.errors).toEqual({ [`q-${q.rating}`]: "Choisissez une note de 1 à 5.", [`q-${q.choice}`]: "Choisissez parmi les réponses proposées." });
    expect(readAnswers(survey.questions, form([])).errors).toEqual({ [`q-${q.rating}`]: "Cette question est obligatoire : choisissez une réponse." });
    const good = readAnswers(
      survey.questions,
      form([
        [`q-${q.rating}`, "4"],
        [`q-${q.choice}`, "Les échanges"],
        [`q-${q.text}`, "  Merci  "],
      ]),
    );
    expect(good.errors).toEqual({});
    expect(submitAnswers(db, { participantId: participant.id, surveyId, answers: good.answers, nowIso: DUE })).toEqual({ ok: true, updated: false });
    expect(submitAnswers(db, { participantId: participant.id, surveyId, answers: { ...good.answers, [q.rating]: 5 }, nowIso: DUE })).toEqual({
      ok: true,
      updated: true,
    });
    const rows = db.select().from(t.surveyResponses).all();
    expect(rows).toHaveLength(1);
    expect(rows[0].answers).toEqual({ [q.rating]: 5, [q.choice]: ["Les échanges"], [q.text]: "Merci" });
    expect(surveyForAnswer(db, participant.id, surveyId, DUE)!.previous).toEqual(rows[0].answers);
    const closed = "2027-04-11T22:00:00Z";
    expect(surveyForAnswer(db, participant.id, surveyId, closed)!.state).toBe("closed");
    expect(submitAnswers(db, { participantId: participant.id, surveyId, answers: good.answers, nowIso: closed })).toEqual({ ok: false, reason: "closed" });
    expect(submitAnswers(db, { participantId: participant.id, surveyId, answers: good.answers, nowIso: "2027-03-27T10:30:00Z" })).toEqual({
      ok: false,
      reason: "not-yet",
    });
  });

  it("stores an anonymous answer with no registration id, no instant and no order, once", async () => {
    const { db, q, regs } = setup({ anonymous: true, people: ["a@example.org", "b@example.org", "c@example.org"] });
    const mails = await surveys(db, DUE);
    const given: Record<string, number> = { "a@example.org": 1, "b@example.org": 5, "c@example.org": 3 };
    for (const mail of mails) {
      const { participant, surveyId } = linkOf(db, mail);
      const r = submitAnswers(db, { participantId: participant.id, surveyId, answers: { [q.rating]: given[mail.envelopeTo[0]] }, nowIso: DUE });
      expect(r).toEqual({ ok: true, updated: false });
      expect(surveyForAnswer(db, participant.id, surveyId, DUE)!.state).toBe("answered-anonymous");
      expect(submitAnswers(db, { participantId: participant.id, surveyId, answers: { [q.rating]: 2 }, nowIso: DUE })).toEqual({
        ok: false,
        reason: "answered",
      });
    }
    const responses = db.all<Record<string, unknown>>(sql`select * from survey_responses`);
    expect(responses).toHaveLength(3);
    for (const row of responses) {
      expect(Object.keys(row).sort()).toEqual(["answers", "id", "registration_id", "survey_id"]);
      expect(row.registration_id).toBeNull();
    }
    // "Has answered" is a separate row per registration with nothing that points to an answer sheet.
    const submissions = db.all<Record<string, unknown>>(sql`select * from survey_submissions`);
    expect(submissions.map((s) => s.registration_id).sort()).toEqual([...regs.values()].sort());
    for (const row of submissions) expect(Object.keys(row).sort()).toEqual(["id", "registration_id", "survey_id"]);
    // No column of either table carries an instant, and the ids are drawn at random, not in the order of answers.
    const columns = (table: string) => db.all<{ name: string }>(sql.raw(`pragma table_info(${table})`)).map((c) => c.name);
    for (const c of [...columns("survey_responses"), ...columns("survey_submissions")]) expect(c).not.toMatch(/_at$|time|date/);
    expect(responses.every((r) => (r.id as number) > 1000)).toBe(true);
    // Nor does the audit log or the outbox hold any answer.
    expect(JSON.stringify(db.select().from(t.auditLog).all())).not.toContain('"5"');
    const csv = surveyAnswersCsv(db, db.select().from(t.sessions).get()!.id)!;
    expect(csv.anonymous).toBe(true);
    expect(csv.csv).not.toMatch(/Zoé|Avis|@example/);
    expect(parseCsv(csv.csv)[0]).toEqual(["Satisfaction générale", "Ce qui vous a servi", "Un commentaire"]);
  });
});

describe("results in the bilan", () => {
  it("counts answers, means and distributions, lists free text, and neutralises formulas in the CSV", async () => {
    const { db, seriesId, session, q } = setup({ people: ["a@example.org", "b@example.org", "c@example.org"] });
    const mails = await surveys(db, DUE);
    const sheets: Record<string, Record<string, number | string | string[]>> = {
      "a@example.org": { [q.rating]: 4, [q.choice]: ["Les exposés", "Les échanges"], [q.text]: '=HYPERLINK("http://evil";"x")' },
      "b@example.org": { [q.rating]: 5, [q.choice]: ["Les échanges"], [q.text]: "<script>alert(1)</script>" },
    };
    for (const mail of mails) {
      const sheet = sheets[mail.envelopeTo[0]];
      if (!sheet) continue;
      const { participant, surveyId } = linkOf(db, mail);
      expect(submitAnswers(db, { participantId: participant.id, surveyId, answers: sheet, nowIso: DUE }).ok).toBe(true);
    }
    const [result] = seriesSurveyResults(db, seriesId);
    expect(result).toMatchObject({ number: 1, sent: 3, answers: 2, anonymous: false });
    const [rating, choice, text] = result.questions;
    expect(rating).toMatchObject({ type: "rating", answered: 2, mean: 4.5 });
    expect(rating.type === "rating" && rating.distribution.map((d) => d.count)).toEqual([0, 0, 0, 1, 1]);
    expect(rating.type === "rating" && rating.distribution[0].label).toBe("1 — Déçu·e");
    expect(choice.type !== "text" && choice.type !== "rating" && choice.distribution).toEqual([
      { label: "Les exposés", count: 1 },
      { label: "Les échanges", count: 2 },
    ]);
    expect(text.type === "text" && [...text.texts].sort()).toEqual(["<script>alert(1)</script>", '=HYPERLINK("http://evil";"x")'].sort());
    expect(surveyCsvRows([result]).slice(1)).toEqual([
      ["Questionnaire de satisfaction", "Question", "Réponses", "Moyenne (sur 5)"],
      ["RDV #1", "Questionnaires envoyés / réponses", 3, 2],
      ["RDV #1", "Satisfaction générale", 2, "4,5"],
    ]);
    const csv = surveyAnswersCsv(db, session.id)!.csv;
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(["Nom", "Prénom", "Satisfaction générale", "Ce qui vous a servi", "Un commentaire"]);
    const cells = rows.slice(1).flat();
    expect(cells).toContain('\'=HYPERLINK("http://evil";"x")');
    expect(cells).not.toContain('=HYPERLINK("http://evil";"x")');
    expect(cells).toContain("Les exposés ; Les échanges");
  });
});

describe("the back-office", () => {
  it("checks the settings and questions with a French message per field", () => {
    const sendsAt = () => surveyDueAt("2027-03-27T11:00:00Z", "Europe/Paris", 1, "days");
    expect(
      readSettings(
        form([
          ["delay", "-3"],
          ["delayUnit", "weeks"],
          ["closes", "31/12/2027"],
        ]),
        "Europe/Paris",
        sendsAt,
      ),
    ).toEqual({
      ok: false,
      errors: {
        delayUnit: "Choisissez heures ou jours.",
        delay: "Indiquez un nombre entier entre 0 et 60.",
        closes: "Date invalide\u00a0: utilisez le format jj/mm/aaaa.",
      },
    });
    // Closing on the day it is sent, before its hour (the end of 27 March comes before 28 March 12:00).
    const early = readSettings(
      form([
        ["delay", "1"],
        ["delayUnit", "days"],
        ["closes", "2027-03-27"],
      ]),
      "Europe/Paris",
      sendsAt,
    );
    expect(!early.ok && early.errors.closes).toMatch(/La clôture doit venir après l’envoi/);
    const good = readSettings(
      form([
        ["delay", "2"],
        ["delayUnit", "days"],
        ["closes", "2027-04-11"],
        ["anonymous", "oui"],
      ]),
      "Europe/Paris",
      sendsAt,
    );
    // The end of 11 April in Paris (summer time): 22:00 UTC.
    expect(good).toEqual({ ok: true, value: { anonymous: true, delay: 2, delayUnit: "days", closesAt: "2027-04-11T22:00:00Z", intro: null } });
    expect(
      readQuestion(
        form([
          ["nouvelle-type", "single"],
          ["nouvelle-options", "Oui\nOui"],
        ]),
        "nouvelle-",
      ),
    ).toEqual({
      ok: false,
      errors: { "nouvelle-label": "Écrivez la question.", "nouvelle-options": "Écrivez au moins deux choix, un par ligne." },
    });
    expect(
      readQuestion(
        form([
          ["q7-label", "Note"],
          ["q7-type", "rating"],
        ]),
        "q7-",
      ),
    ).toMatchObject({
      ok: true,
      value: { type: "rating", lowLabel: "Pas du tout satisfait·e", highLabel: "Très satisfait·e", options: [] },
    });
  });

  it("reorders and removes questions, and keeps answers readable once given, with an audit line per change", async () => {
    const { db, session, surveyId, q } = setup();
    expect(editor.moveQuestion(db, { surveyId, questionId: q.text, direction: -1, accountId: ACCOUNT })).toBe(true);
    expect(editor.moveQuestion(db, { surveyId, questionId: q.rating, direction: -1, accountId: ACCOUNT })).toBe(false);
    expect(editor.surveyQuestions(db, surveyId).map((x) => x.id)).toEqual([q.rating, q.text, q.choice]);
    expect(editor.deleteQuestion(db, { surveyId, questionId: q.choice, accountId: ACCOUNT })).toBeNull();
    expect(editor.surveyQuestions(db, surveyId).map((x) => x.id)).toEqual([q.rating, q.text]);
    const [mail] = await surveys(db, DUE);
    const { participant } = linkOf(db, mail);
    expect(submitAnswers(db, { participantId: participant.id, surveyId, answers: { [q.rating]: 3 }, nowIso: DUE }).ok).toBe(true);
    expect(editor.deleteQuestion(db, { surveyId, questionId: q.text, accountId: ACCOUNT })).toMatch(/ne peut plus être supprimée/);
    const change = { type: "text" as const, label: "Satisfaction", required: true, options: [], lowLabel: null, highLabel: null };
    expect(editor.updateQuestion(db, { surveyId, questionId: q.rating, input: change, accountId: ACCOUNT, nowIso: DUE })).toEqual({
      type: expect.stringMatching(/le type de la question ne peut plus changer/),
    });
    expect(editor.updateQuestion(db, { surveyId, questionId: q.rating, input: { ...change, type: "rating" }, accountId: ACCOUNT, nowIso: DUE })).toBeNull();
    const settings = { anonymous: true, delay: 1, delayUnit: "days" as const, closesAt: "2027-04-11T22:00:00Z", intro: null };
    expect(editor.saveSettings(db, { sessionId: session.id, input: settings, accountId: ACCOUNT, nowIso: DUE })).toEqual({
      ok: false,
      errors: { anonymous: expect.stringMatching(/l’anonymat du questionnaire ne peut plus changer/) },
    });
    expect(
      db
        .select({ action: t.auditLog.action })
        .from(t.auditLog)
        .all()
        .map((a) => a.action),
    ).toEqual([
      "survey.create",
      "survey.question.add",
      "survey.question.add",
      "survey.question.add",
      "survey.question.move",
      "survey.question.delete",
      "survey.question.update",
    ]);
  });
});
