// A satisfaction survey through the production server: an organiser builds it in the back-office
// (French errors next to the fields), the scheduler emails it after the session to the confirmed
// registrant, who answers through the personal link without an account (errors next to each wrong
// field, values kept, markup shown as text), edits, and the bilan and its CSVs show the answers with
// markup escaped and formulas neutralised.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SLUG } from "../../db/seed/demo-series";
import { startSignedIn } from "../helpers/admin";
import { textOf } from "../helpers/html";
import { stopAll, type TestServer } from "../helpers/server";
import { queryFile } from "../helpers/server-db";
import { COMMENT_QUESTION, RATING_QUESTION, SEND_AT_ONCE, moveIntoPast, nextDemoSession, registrationFields, surveyLink } from "../helpers/survey-flow";
import type { TestSmtp } from "../helpers/smtp";

let server: TestServer;
let smtp: TestSmtp;
let cookie: string;
const sql = <T = any>(query: string, ...args: unknown[]): T[] => queryFile<T>(server.databasePath, query, ...args);

beforeAll(async () => {
  ({ smtp, server, cookie } = await startSignedIn("orga@example.org", { MAIL_POLL_SECONDS: "1" }));
}, 60_000);
afterAll(() => stopAll(server, smtp));

const MARKUP = `<img src=x onerror="alert(1)">`;
const FORMULA = `=HYPERLINK("http://evil.example";"clic")`;
/** A question label with markup and a formula: escaped in pages, neutralised in the CSV header. */
const LABEL = "=1+2 pour <b>vous</b>";
const post = (path: string, fields: [string, string][], headers: Record<string, string> = {}) =>
  fetch(server.url + path, { method: "POST", redirect: "manual", headers, body: new URLSearchParams(fields) });

describe("a satisfaction survey through the production server", () => {
  it("is built, sent after the session, answered by the personal link, and shown in the bilan", { timeout: 120_000 }, async () => {
    // A person registers to an upcoming demo session…
    const session = nextDemoSession(server.databasePath);
    const email = "avis.e2e@example.org";
    const registered = await post(`/series/${DEMO_SLUG}/inscription`, registrationFields(session.id, "Avis", email, [["structureType", "association"]]));
    expect(registered.status).toBe(303);

    // …the organiser builds the survey: wrong values first, then right ones.
    const admin = `/admin/series/${DEMO_SLUG}/sessions/${session.number}/questionnaire`;
    const wrong = await post(
      admin,
      [
        ["intent", "settings"],
        ["delay", "deux"],
        ["delayUnit", "hours"],
        ["closes", ""],
      ],
      { cookie },
    );
    expect(wrong.status).toBe(400);
    const wrongPage = await wrong.text();
    expect(wrongPage).toMatch(/id="erreur-delay"[^>]*>.*Indiquez un nombre entier entre 0 et 1440/s);
    expect(wrongPage).toContain("Indiquez la date de clôture du questionnaire.");
    expect(wrongPage).toMatch(/id="champ-delay"[^>]*value="deux"|value="deux"[^>]*id="champ-delay"/);
    expect((await post(admin, SEND_AT_ONCE, { cookie })).status).toBe(200);
    const noLabel = await post(
      admin,
      [
        ["intent", "add"],
        ["nouvelle-type", "single"],
        ["nouvelle-options", "Oui"],
      ],
      { cookie },
    );
    expect(noLabel.status).toBe(400);
    const noLabelText = textOf(await noLabel.text());
    expect(noLabelText).toContain("Écrivez la question.");
    expect(noLabelText).toContain("Écrivez au moins deux choix, un par ligne.");
    for (const q of [
      RATING_QUESTION,
      COMMENT_QUESTION,
      [
        ["nouvelle-label", LABEL],
        ["nouvelle-type", "text"],
      ],
    ] as [string, string][][])
      expect((await post(admin, [["intent", "add"], ...q], { cookie })).status).toBe(200);
    const editor = textOf(await (await fetch(server.url + admin, { headers: { cookie } })).text());
    expect(editor).toContain("Question 2 — Texte libre");
    expect(editor).toContain("1 inscrit·e(s) confirmé·e(s)");
    expect(sql("select action from audit_log where entity = 'survey' order by id").map((r) => r.action)).toEqual([
      "survey.create",
      "survey.question.add",
      "survey.question.add",
      "survey.question.add",
    ]);

    // The session takes place (moved into the past); the scheduler sends the survey.
    moveIntoPast(server.databasePath, session.id);
    const link = await surveyLink(smtp, email);
    const [rating, comment] = sql<{ id: number }>("select id from survey_questions order by position").map((r) => `q-${r.id}`);

    // The personal link opens the survey without an account.
    const page = await fetch(server.url + link);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("private, no-store");
    const pageHtml = await page.text();
    expect(textOf(pageHtml)).toContain("Satisfaction générale");
    expect(pageHtml).toContain("=1+2 pour &lt;b&gt;vous&lt;/b&gt;");
    expect(pageHtml).not.toContain("<b>vous</b>");
    // The required rating forgotten: a French error next to it, the comment kept (as text, never markup).
    const missing = await post(link, [[comment, MARKUP]]);
    expect(missing.status).toBe(400);
    const missingPage = await missing.text();
    expect(missingPage).toMatch(new RegExp(`id="erreur-${rating}"[^>]*>.*Cette question est obligatoire`, "s"));
    expect(missingPage).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(missingPage).not.toContain(MARKUP);
    expect(
      (
        await post(link, [
          [rating, "7"],
          [comment, MARKUP],
        ])
      ).status,
    ).toBe(400);
    const saved = await post(link, [
      [rating, "4"],
      [comment, MARKUP],
    ]);
    expect(saved.status).toBe(200);
    expect(textOf(await saved.text())).toContain("Merci, vos réponses sont enregistrées");
    const edited = await post(link, [
      [rating, "5"],
      [comment, FORMULA],
    ]);
    expect(textOf(await edited.text())).toContain("Vos réponses sont modifiées");
    expect(sql("select count(*) as n from survey_responses")[0].n).toBe(1);

    // The bilan: counts, mean, the free text escaped; the CSVs neutralise formulas.
    const bilan = await (await fetch(`${server.url}/admin/series/${DEMO_SLUG}/bilan`, { headers: { cookie } })).text();
    expect(textOf(bilan)).toContain("1 réponse pour 1 questionnaire envoyé");
    expect(textOf(bilan)).toContain("note moyenne 5,0 sur 5");
    expect(bilan).toContain("=HYPERLINK(&quot;http://evil.example&quot;;&quot;clic&quot;)");
    const answers = await (await fetch(`${server.url}/admin/series/${DEMO_SLUG}/bilan/questionnaires/${session.number}.csv`, { headers: { cookie } })).text();
    expect(answers).toContain(`"'=HYPERLINK(""http://evil.example"";""clic"")"`);
    expect(answers).toContain("Avis;Zoé;5;");
    expect(answers).toContain(";'=1+2 pour <b>vous</b>\r\n");
    const figures = await (await fetch(`${server.url}/admin/series/${DEMO_SLUG}/bilan.csv`, { headers: { cookie } })).text();
    expect(figures).toContain(`RDV #${session.number};Satisfaction générale;1;5`);
    // Anonymous visitors get nothing.
    expect((await fetch(`${server.url}/admin/series/${DEMO_SLUG}/bilan/questionnaires/${session.number}.csv`, { redirect: "manual" })).status).not.toBe(200);
  });
});
