// Registration questions: each kind checked with its French message, required and per-session rules,
// answers stored per person and series (one upsert), kept readable after the question changes or
// goes, shown on the registrants page (accessibility needs pointed out), exported as CSV columns with
// markup and formulas neutralised, erased with the person, and carried by the series file by key.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { DEMO_SLUG } from "../../db/seed/demo-series";
import { ensureAdmin } from "~/accounts/accounts.server";
import { changeQuestion, questionsPage, readQuestionForm, saveQuestion } from "~/questions/question-editor.server";
import { answerColumns, checkAnswers, registerAnswering, seriesAnswers, seriesQuestions, type Question } from "~/questions/questions.server";
import { eraseParticipant } from "~/registration/participants.server";
import { registrantsCsv } from "~/registration/registrants-csv.server";
import { listRegistrants, registrantsPage } from "~/registration/registrants.server";
import { exportSeries } from "~/series-file/series-export.server";
import { importSeries } from "~/series-file/series-import.server";
import { parseSeriesFile } from "~/series-file/series-format.server";
import { seedIfEmpty } from "~/server/seed.server";
import { parseCsv } from "~/utils/csv.server";
import { toUtcIso } from "~/utils/dates.server";
import { NOW, memoryDb } from "../helpers/db";
import { participantInput } from "../helpers/people";
import type { ParticipantInput } from "~/registration/registrations.server";

const nowIso = toUtcIso(NOW);

function setup() {
  const db = memoryDb();
  seedIfEmpty(db, NOW);
  ensureAdmin(db, "admin@example.org");
  const admin = db.select().from(t.accounts).get()!;
  const series = db.select().from(t.series).where(eq(t.series.slug, DEMO_SLUG)).get()!;
  const sessions = db.select().from(t.sessions).where(eq(t.sessions.seriesId, series.id)).orderBy(t.sessions.number).all();
  /** Registers a person to one session with answers to the series' questions as they stand, checked as the form checks them. */
  const registerWith = (participant: ParticipantInput, session: { id: number }, values: Record<string, string[]>) => {
    const r = checkAnswers(seriesQuestions(db, series.id), values, [session.id]);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return registerAnswering(db, { seriesId: series.id, sessionIds: [session.id], participant, answers: r.answers, nowIso });
  };
  return { db, admin, series, sessions, questions: seriesQuestions(db, series.id), registerWith };
}

const question = (kind: Question["kind"], extra: Partial<Question> = {}): Question => ({
  id: 7,
  key: "q",
  kind,
  label: "Question",
  help: null,
  required: false,
  accessibility: false,
  choices: [],
  sessionIds: [],
  ...extra,
});
const check = (q: Question, ...given: string[]) => checkAnswers([q], { "question-7": given }, []);

function form(fields: Record<string, string | string[]>): FormData {
  const f = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) f.append(name, v);
  return f;
}

describe("registration questions", () => {
  it("checks each kind with a French message, and stores the answer as given", () => {
    const errorOf = (r: ReturnType<typeof check>) => (r.ok ? null : r.errors["question-7"]);
    const answerOf = (r: ReturnType<typeof check>) => (r.ok ? r.answers[0]?.answer : null);
    // Short text: trimmed, spaces folded, length and control characters refused.
    expect(answerOf(check(question("short-text"), "  Fauteuil   roulant  "))).toBe("Fauteuil roulant");
    expect(errorOf(check(question("short-text"), "x".repeat(301)))).toBe("Votre réponse ne doit pas dépasser 300 caractères.");
    expect(errorOf(check(question("short-text"), "a\u0007b"))).toBe("Votre réponse contient des caractères non autorisés.");
    // Long text keeps its lines.
    expect(answerOf(check(question("long-text"), "ligne 1\r\nligne 2"))).toBe("ligne 1\nligne 2");
    expect(errorOf(check(question("long-text"), "x".repeat(3001)))).toBe("Votre réponse ne doit pas dépasser 3000 caractères.");
    // Number: digits with a comma or a dot.
    expect(answerOf(check(question("number"), "2,5"))).toBe("2,5");
    expect(errorOf(check(question("number"), "deux"))).toBe("Indiquez un nombre, par exemple 3 ou 2,5.");
    // Yes / no.
    expect(answerOf(check(question("yes-no"), "oui"))).toBe("Oui");
    expect(errorOf(check(question("yes-no"), "peut-être"))).toBe("Répondez par oui ou par non.");
    // Single choice: one of the choices.
    const single = question("single-choice", { choices: ["Matin", "Après-midi"] });
    expect(answerOf(check(single, "Après-midi"))).toBe("Après-midi");
    expect(errorOf(check(single, "Soir"))).toBe("Choisissez une réponse dans la liste.");
    // Multiple choice: in the question's order, duplicates dropped, unknown refused.
    const multiple = question("multiple-choice", { choices: ["LSF", "Sous-titres", "Boucle"] });
    expect(answerOf(check(multiple, "Boucle", "LSF", "Boucle"))).toBe("LSF ; Boucle");
    expect(errorOf(check(multiple, "LSF", "Braille"))).toBe("Choisissez vos réponses dans la liste.");
  });

  it("requires a required question, and an optional one left blank is stored empty", () => {
    const messages = (["short-text", "long-text", "number", "yes-no", "single-choice", "multiple-choice"] as const).map((kind) => {
      const r = check(question(kind, { required: true, choices: kind.endsWith("choice") ? ["A", "B"] : [] }));
      return r.ok ? null : r.errors["question-7"];
    });
    expect(messages).toEqual([
      "Répondez à cette question.",
      "Répondez à cette question.",
      "Indiquez un nombre.",
      "Répondez par oui ou par non.",
      "Choisissez une réponse.",
      "Choisissez au moins une réponse.",
    ]);
    expect(check(question("short-text"))).toMatchObject({ ok: true, answers: [{ answer: "" }] });
  });

  it("asks a question limited to a session only of those who choose it (the demo's buffet question, session 3)", () => {
    const { questions, sessions } = setup();
    expect(questions.map((q) => [q.key, q.kind, q.required, q.accessibility])).toEqual([
      ["besoins-accessibilite", "long-text", false, true],
      ["connu-par", "single-choice", false, false],
      ["dejeuner", "yes-no", false, false],
    ]);
    // Made required here: asked, and required, only of those who choose session 3.
    const buffet = { ...questions[2], required: true };
    questions[2] = buffet;
    expect(buffet.sessionIds).toEqual([sessions[2].id]);
    const without = checkAnswers(questions, {}, [sessions[1].id]);
    expect(without.ok && without.answers.map((a) => a.key)).toEqual(["besoins-accessibilite", "connu-par"]);
    const withIt = checkAnswers(questions, {}, [sessions[1].id, sessions[2].id]);
    expect(withIt).toEqual({ ok: false, errors: { [`question-${buffet.id}`]: "Répondez par oui ou par non." } });
  });

  it("stores answers per person and series, updates them on a later registration, and erases them with the person", () => {
    const { db, series, sessions, questions, registerWith } = setup();
    const [needs, known, buffet] = questions;
    const ana = participantInput("ana@example.org", "Ana", "Lopes");
    const first = registerWith(ana, sessions[1], { [`question-${needs.id}`]: ["Sous-titrage"], [`question-${known.id}`]: ["Par un collègue"] });
    expect(first.ok).toBe(true);
    const pid = first.ok ? first.participantId : 0;
    expect(
      seriesAnswers(db, series.id)
        .get(pid)
        ?.map((a) => [a.label, a.answer, a.accessibility]),
    ).toEqual([
      ["Avez-vous des besoins d’accessibilité pour suivre la rencontre\u00a0?", "Sous-titrage", true],
      ["Comment avez-vous connu ces rencontres\u00a0?", "Par un collègue", false],
    ]);
    // A later registration (session 3 too) answers the buffet question, changes one answer and clears another.
    registerWith(ana, sessions[2], { [`question-${needs.id}`]: ["Interprète LSF"], [`question-${buffet.id}`]: ["non"] });
    expect(
      seriesAnswers(db, series.id)
        .get(pid)
        ?.map((a) => a.answer),
    ).toEqual(["Interprète LSF", "Non"]);
    // Only answers are rows: the cleared one is gone, not kept empty.
    const keys = () =>
      db
        .select({ key: t.registrationAnswers.questionKey, answer: t.registrationAnswers.answer })
        .from(t.registrationAnswers)
        .where(eq(t.registrationAnswers.participantId, pid))
        .orderBy(t.registrationAnswers.questionKey)
        .all();
    expect(keys()).toEqual([
      { key: "besoins-accessibilite", answer: "Interprète LSF" },
      { key: "dejeuner", answer: "Non" },
    ]);
    // Someone who answers nothing costs no row at all.
    const silent = registerWith(participantInput("sam@example.org", "Sam", "Roy"), sessions[2], {});
    expect(silent.ok).toBe(true);
    const silentRows = db
      .select()
      .from(t.registrationAnswers)
      .where(eq(t.registrationAnswers.participantId, silent.ok ? silent.participantId : 0))
      .all();
    expect(silentRows).toEqual([]);
    eraseParticipant(db, pid, nowIso);
    expect(db.select().from(t.registrationAnswers).where(eq(t.registrationAnswers.participantId, pid)).all()).toHaveLength(0);
  });

  it("keeps old answers readable when a question is changed or removed, shows them on the registrants page with the accessibility needs", () => {
    const { db, admin, series, sessions, questions, registerWith } = setup();
    const [needs, known] = questions;
    const bo = participantInput("bo@example.org", "Bo", "Martin");
    registerWith(bo, sessions[1], { [`question-${needs.id}`]: ["Boucle magnétique"], [`question-${known.id}`]: ["Autrement"] });
    // The organiser rewrites the choices of "connu-par" (the answer "Autrement" is no longer one) and its label.
    const edit = saveQuestion(
      db,
      admin,
      DEMO_SLUG,
      readQuestionForm(form({ key: "connu-par", kind: "single-choice", label: "Qui vous a parlé de nous ?", choices: "Un collègue\nLa presse" })),
      nowIso,
    );
    expect(edit).toMatchObject({ ok: true, key: "connu-par" });
    const after = seriesQuestions(db, series.id);
    expect(after.find((q) => q.key === "connu-par")).toMatchObject({
      id: known.id,
      label: "Qui vous a parlé de nous\u00a0?",
      choices: ["Un collègue", "La presse"],
    });
    const page = registrantsPage(db, series, new URLSearchParams(), nowIso);
    const row = page.rows.find((x) => x.name === "Bo Martin")!;
    expect(row.answers).toEqual([
      { label: "Avez-vous des besoins d’accessibilité pour suivre la rencontre\u00a0?", answer: "Boucle magnétique", accessibility: true },
      { label: "Comment avez-vous connu ces rencontres\u00a0?", answer: "Autrement", accessibility: false },
    ]);
    expect(page.accessibilityNeeds).toEqual([
      { participantId: expect.any(Number), name: "Bo Martin", sessions: [2], answers: [{ label: needs.label, answer: "Boucle magnétique" }] },
    ]);
    // Removed: the answer stays, in its own CSV column under the label it was answered with.
    expect(changeQuestion(db, admin, DEMO_SLUG, { key: "besoins-accessibilite", action: "delete" }, nowIso).ok).toBe(true);
    const columns = answerColumns(db, series.id);
    expect(columns.columns.map((c) => c.key)).toEqual(["connu-par", "dejeuner", "besoins-accessibilite"]);
    expect(
      seriesAnswers(db, series.id)
        .values()
        .next()
        .value?.map((a) => a.answer),
    ).toEqual(["Autrement", "Boucle magnétique"]);
    const audit = db.select().from(t.auditLog).where(eq(t.auditLog.action, "update")).all();
    expect(audit.map((a) => (a.detail as { change?: string }).change)).toEqual(["edit", "delete"]);
  });

  it("refuses a wrong question in the back-office with French messages by field, and reorders", () => {
    const { db, admin } = setup();
    const bad = saveQuestion(db, admin, DEMO_SLUG, readQuestionForm(form({ key: "", kind: "multiple-choice", label: "  ", choices: "Seul\nSeul" })), nowIso);
    expect(bad).toEqual({ ok: false, errors: { label: "Le texte de la question ne doit pas être vide." }, others: [] });
    const twice = saveQuestion(db, admin, DEMO_SLUG, readQuestionForm(form({ kind: "multiple-choice", label: "Repas", choices: "Seul\nSeul" })), nowIso);
    expect(twice.ok ? null : twice.errors).toEqual({ choices: "Le choix «\u00a0Seul\u00a0» est donné deux fois." });
    const few = saveQuestion(db, admin, DEMO_SLUG, readQuestionForm(form({ kind: "single-choice", label: "Repas", choices: "Oui" })), nowIso);
    expect(few.ok ? null : few.errors).toEqual({ choices: "La liste des choix doit contenir au moins deux choix pour une question à choix." });
    const added = saveQuestion(
      db,
      admin,
      DEMO_SLUG,
      readQuestionForm(form({ kind: "number", label: "Combien de collègues viendront ?", required: "oui" })),
      nowIso,
    );
    expect(added).toMatchObject({ ok: true, key: "combien-de-collegues-viendront" });
    changeQuestion(db, admin, DEMO_SLUG, { key: "combien-de-collegues-viendront", action: "up" }, nowIso);
    expect(questionsPage(db, DEMO_SLUG)!.questions.map((q) => q.key)).toEqual([
      "besoins-accessibilite",
      "connu-par",
      "combien-de-collegues-viendront",
      "dejeuner",
    ]);
  });

  it("exports answers as one CSV column per question, markup kept as text and formulas neutralised", () => {
    const { db, admin, series, sessions, registerWith } = setup();
    saveQuestion(db, admin, DEMO_SLUG, readQuestionForm(form({ kind: "short-text", label: "=1+1 <b>gras</b>" })), nowIso);
    const questions = seriesQuestions(db, series.id);
    const payload = questions.find((q) => q.kind === "short-text")!;
    const needs = questions[0];
    registerWith(participantInput("cy@example.org", "Cy", "Roux"), sessions[1], {
      [`question-${payload.id}`]: ['=HYPERLINK("http://evil.example","x")'],
      [`question-${needs.id}`]: ["<script>alert(1)</script>"],
    });
    const csv = registrantsCsv(series, listRegistrants(db, series.id, { session: null, status: null, q: "" }), answerColumns(db, series.id));
    const [header, row] = parseCsv(csv);
    const col = (label: string) => header.indexOf(label);
    expect(header.slice(-4)).toEqual([
      "Avez-vous des besoins d’accessibilité pour suivre la rencontre\u00a0?",
      "Comment avez-vous connu ces rencontres\u00a0?",
      "Restez-vous au buffet après l’atelier\u00a0?",
      "'=1+1 <b>gras</b>",
    ]);
    expect(row[col("'=1+1 <b>gras</b>")]).toBe('\'=HYPERLINK("http://evil.example","x")');
    expect(row[col(header.at(-4)!)]).toBe("<script>alert(1)</script>");
  });

  it("round-trips the questions through the series file, keeping each question's identity by key", () => {
    const { db, series } = setup();
    const before = seriesQuestions(db, series.id);
    const file = exportSeries(db, DEMO_SLUG)!;
    expect(file.questions).toEqual([
      expect.objectContaining({ key: "besoins-accessibilite", kind: "long-text", accessibility: true }),
      expect.objectContaining({
        key: "connu-par",
        choices: ["Par un collègue", "Par la lettre de la Maison des adolescents", "Par l’Atelier Santé Ville", "Autrement"],
      }),
      { key: "dejeuner", kind: "yes-no", label: "Restez-vous au buffet après l’atelier\u00a0?", help: expect.any(String), sessions: [3] },
    ]);
    // Reordered and relabelled in the file: same rows (ids), new order and label; export gives the file back.
    const changed = { ...file, questions: [{ ...file.questions![2], label: "Buffet ?" }, file.questions![0], file.questions![1]] };
    expect(importSeries(db, JSON.parse(JSON.stringify(changed)), { nowIso }).ok).toBe(true);
    const after = seriesQuestions(db, series.id);
    expect(after.map((q) => [q.key, q.id])).toEqual([
      ["dejeuner", before[2].id],
      ["besoins-accessibilite", before[0].id],
      ["connu-par", before[1].id],
    ]);
    expect(after[0].label).toBe("Buffet\u00a0?");
    expect(exportSeries(db, DEMO_SLUG)!.questions).toEqual(
      JSON.parse(JSON.stringify(changed.questions)).map((q: { label: string }) => ({ ...q, label: q.label.replace(" ?", "\u00a0?") })),
    );
  });

  it("refuses a wrong questions list with JSON paths and French messages", () => {
    const { db } = setup();
    const file = exportSeries(db, DEMO_SLUG)!;
    const r = parseSeriesFile({
      ...file,
      questions: [
        { key: "a", kind: "yes-no", label: "Oui ?", choices: ["x", "y"] },
        { key: "a", kind: "single-choice", label: "Choix", choices: ["x"], sessions: [9] },
        { key: "b", kind: "couleur", label: "Couleur" },
      ],
    });
    expect(r.ok ? [] : r.problems).toEqual([{ path: "questions[2].kind", message: expect.stringContaining("valeur inconnue «\u00a0couleur\u00a0»") }]);
    const r2 = parseSeriesFile({
      ...file,
      questions: file.questions!.slice(0, 0).concat([
        { key: "a", kind: "yes-no", label: "Oui ?", choices: ["x", "y"] },
        { key: "a", kind: "single-choice", label: "Choix", choices: ["x"], sessions: [9] },
      ]),
    });
    expect(r2.ok ? [] : r2.problems).toEqual([
      { path: "questions[0].choices", message: "ne vaut que pour une question à choix (single-choice, multiple-choice)" },
      { path: "questions[1].key", message: "la clé «\u00a0a\u00a0» est déjà utilisée par une autre question" },
      { path: "questions[1].choices", message: "doit contenir au moins deux choix pour une question à choix" },
      { path: "questions[1].sessions[0]", message: "aucune session ne porte le numéro 9" },
    ]);
  });
});
