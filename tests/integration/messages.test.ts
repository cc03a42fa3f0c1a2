// Messages to registrants on the model, with a real SMTP server: who is chosen (status, attendance,
// session, news consent), who never is (cancelled, erased), one email per person exactly once across
// runs, a send time in the series' zone, editing and cancelling before it leaves, the test send, an
// empty audience refused, organisers' markup escaped, the audit log and the email log.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { cancelMessage, countAudience, findMessage, readSendAt, saveMessage, sendMessage, sendTest, type MessageInput } from "~/messages/messages.server";
import { listEmailLog, parseEmailLogFilters } from "~/notifications/email-log.server";
import { eraseParticipant, stopNews } from "~/registration/participants.server";
import { cancelRegistrations, register } from "~/registration/registrations.server";
import { importSeries } from "~/series-file/series-import.server";
import { memoryDb } from "../helpers/db";
import { participantInput } from "../helpers/people";
import { fileSession, seriesFile } from "../helpers/series-file";
import { dispatchTo, smtpForSuite, type Received } from "../helpers/smtp";

const APP = "https://rdv.example.org";
const smtp = smtpForSuite();

const BEFORE = "2027-03-20T10:00:00Z";
/** After the first session (Monday 29 March 2027), before the second (12 April). */
const BETWEEN = "2027-04-01T10:00:00Z";

function setup() {
  const db = memoryDb();
  const r = importSeries(
    db,
    seriesFile({
      slug: "messages",
      title: "Série des messages",
      sessions: [
        fileSession(1, "Première", "2027-03-29T10:00", "2027-03-29T12:00", { mode: "online", capacity: 4 }),
        fileSession(2, "Seconde", "2027-04-12T14:00", "2027-04-12T16:00", { mode: "online" }),
      ],
    }),
    { nowIso: BEFORE },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const [s1, s2] = db.select().from(t.sessions).orderBy(t.sessions.number).all();
  const account = db.insert(t.accounts).values({ email: "orga@example.org", name: "Olga Orga", role: "editor" }).returning().get();
  const reg = (email: string, sessionIds: number[], news = false, at = BEFORE) => {
    const res = register(db, { seriesId: r.seriesId, sessionIds, participant: { ...participantInput(email, "Prénom", "Nom"), newsConsent: news }, nowIso: at });
    if (!res.ok) throw new Error(JSON.stringify(res));
    return res.participantId;
  };
  // s1 (4 seats): a, b, c, g confirmed, d waiting; s2: a and e confirmed, x cancelled.
  const ids = {
    a: reg("a@example.org", [s1.id, s2.id], true),
    b: reg("b@example.org", [s1.id]),
    c: reg("c@example.org", [s1.id]),
    g: reg("g@example.org", [s1.id]),
    d: reg("d@example.org", [s1.id]),
    e: reg("e@example.org", [s2.id], true),
    x: reg("x@example.org", [s2.id], true),
  };
  cancelRegistrations(db, { participantId: ids.x, nowIso: BEFORE });
  const attend = (p: number, attendance: "present" | "absent" | "excused") =>
    db
      .update(t.registrations)
      .set({ attendance })
      .where(and(eq(t.registrations.participantId, p), eq(t.registrations.sessionId, s1.id)))
      .run();
  attend(ids.a, "present");
  attend(ids.b, "absent");
  attend(ids.c, "excused");
  attend(ids.g, "present");
  // g erases their data after the first session: that past registration stays confirmed, anonymous.
  eraseParticipant(db, ids.g, BETWEEN);
  return { db, seriesId: r.seriesId, s1, s2, ids, by: { id: account.id, email: account.email } };
}

type Setup = ReturnType<typeof setup>;
const input = (over: Partial<MessageInput> = {}): MessageInput => ({
  sessionId: null,
  kind: "service",
  audience: ["confirmed"],
  subject: "Un mot aux inscrit·es",
  body: "Bonjour à toutes et tous.\n\nLe programme : https://example.org/programme",
  ...over,
});
const count = (x: Setup, over: Partial<MessageInput>) => countAudience(x.db, { seriesId: x.seriesId, ...input(over) });
const audited = (x: Setup) =>
  x.db
    .select()
    .from(t.auditLog)
    .where(eq(t.auditLog.entity, "message"))
    .all()
    .map((a) => a.action);
const to = (mails: Received[]) => mails.map((m) => m.envelopeTo[0]).sort();
const messages = async (x: Setup, at: string) =>
  (await dispatchTo(smtp, x.db, at, APP)).received.filter((m) => m.parsed.text?.includes("Vous recevez ce message parce que"));

describe("messages to registrants", () => {
  it("reach the people chosen by status, attendance and session; never cancelled or erased; news only with consent", () => {
    const x = setup();
    expect(count(x, {})).toBe(4); // a (two sessions, counted once), b, c, e
    expect(count(x, { audience: ["waiting"] })).toBe(1); // d
    expect(count(x, { sessionId: x.s1.id, audience: ["present"] })).toBe(1); // a (g is erased)
    expect(count(x, { sessionId: x.s1.id, audience: ["absent", "excused"] })).toBe(2);
    expect(count(x, { sessionId: x.s2.id, audience: ["confirmed"] })).toBe(2); // a, e (x cancelled)
    expect(count(x, { sessionId: x.s2.id, audience: ["waiting"] })).toBe(0);
    expect(count(x, { kind: "news", audience: ["confirmed", "waiting"] })).toBe(2); // a, e
    stopNews(x.db, x.ids.a, BEFORE);
    expect(count(x, { kind: "news", audience: ["confirmed"] })).toBe(1);
    expect(count(x, { kind: "service", audience: ["confirmed"] })).toBe(4);
  });

  it("sent now: one email per person, exactly once across two dispatch runs, in the email log", async () => {
    const x = setup();
    const id = saveMessage(x.db, x.by, x.seriesId, null, input(), BETWEEN)!;
    const sent = sendMessage(x.db, x.by, x.seriesId, id, null, BETWEEN);
    expect(sent).toEqual({ ok: true, queued: 4 });
    const first = await messages(x, BETWEEN);
    expect(to(first)).toEqual(["a@example.org", "b@example.org", "c@example.org", "e@example.org"]);
    expect(first[0].parsed.subject).toBe("Un mot aux inscrit·es");
    expect(first[0].parsed.text).toContain("Le programme : https://example.org/programme");
    expect(first[0].parsed.html).toContain('<a href="https://example.org/programme"');
    expect(first[0].raw).toMatch(/^List-Unsubscribe:\s+<https:\/\/rdv\.example\.org\/desinscription\//m);
    expect(await messages(x, "2027-04-01T11:00:00Z")).toHaveLength(0);
    // Sending the same message again is refused: it has left.
    expect(sendMessage(x.db, x.by, x.seriesId, id, null, BETWEEN).ok).toBe(false);
    const rows = x.db.select().from(t.outbox).where(eq(t.outbox.kind, "message")).all();
    expect(rows.map((r) => r.dedupeKey).sort()).toEqual([x.ids.a, x.ids.b, x.ids.c, x.ids.e].map((p) => `message:${id}:${p}`).sort());
    expect(rows.every((r) => r.status === "sent")).toBe(true);
    expect(findMessage(x.db, x.seriesId, id)).toMatchObject({ status: "sent", recipients: 4 });
    const log = listEmailLog(x.db, parseEmailLogFilters(new URLSearchParams("type=message")));
    expect(log.total).toBe(4);
    // Series-wide (no session): found by the log's series filter too.
    expect(listEmailLog(x.db, parseEmailLogFilters(new URLSearchParams(`type=message&cible=serie-${x.seriesId}`))).total).toBe(4);
    expect(audited(x)).toEqual(["send"]);
  });

  it("a service message reaches people who refused news; a news message does not, even after it was queued", async () => {
    const x = setup();
    const service = saveMessage(x.db, x.by, x.seriesId, null, input({ sessionId: x.s2.id }), BETWEEN)!;
    const news = saveMessage(x.db, x.by, x.seriesId, null, input({ kind: "news", subject: "Nouvelles" }), BETWEEN)!;
    stopNews(x.db, x.ids.a, BETWEEN);
    expect(sendMessage(x.db, x.by, x.seriesId, service, null, BETWEEN)).toEqual({ ok: true, queued: 2 });
    expect(sendMessage(x.db, x.by, x.seriesId, news, null, BETWEEN)).toEqual({ ok: true, queued: 1 }); // e only
    stopNews(x.db, x.ids.e, BETWEEN); // unsubscribes before the email leaves
    const got = await messages(x, BETWEEN);
    expect(got.filter((m) => m.parsed.subject === "Nouvelles")).toHaveLength(0);
    expect(to(got.filter((m) => m.parsed.subject !== "Nouvelles"))).toEqual(["a@example.org", "e@example.org"]);
    expect(got[0].parsed.text).toContain("RDV #2 — Seconde");
    const newsRow = x.db
      .select()
      .from(t.outbox)
      .where(eq(t.outbox.dedupeKey, `message:${news}:${x.ids.e}`))
      .get();
    expect(newsRow).toMatchObject({ status: "cancelled", lastError: "désinscrit·e des nouvelles" });
  });

  it("a person who cancels after the message was queued does not get it", async () => {
    const x = setup();
    const id = saveMessage(x.db, x.by, x.seriesId, null, input({ sessionId: x.s2.id }), BETWEEN)!;
    expect(sendMessage(x.db, x.by, x.seriesId, id, null, BETWEEN)).toEqual({ ok: true, queued: 2 });
    cancelRegistrations(x.db, { participantId: x.ids.e, nowIso: BETWEEN });
    expect(to(await messages(x, BETWEEN))).toEqual(["a@example.org"]);
    expect(
      x.db
        .select()
        .from(t.outbox)
        .where(eq(t.outbox.dedupeKey, `message:${id}:${x.ids.e}`))
        .get(),
    ).toMatchObject({
      status: "cancelled",
      lastError: "inscription annulée depuis",
    });
  });

  it("leaves at a local date and time in Europe/Paris (calendar math across the spring change), editable until then", async () => {
    const x = setup();
    // Sunday 28 March 2027: clocks go from 02:00 to 03:00 in Paris.
    expect(readSendAt("2027-03-28T02:30", "Europe/Paris", BEFORE)).toMatchObject({ ok: false, problem: expect.stringContaining("n’existe pas") });
    expect(readSendAt("2027-03-27T09:00", "Europe/Paris", BEFORE)).toEqual({ ok: true, utc: "2027-03-27T08:00:00Z" });
    const at = readSendAt("2027-03-28T09:00", "Europe/Paris", BEFORE);
    expect(at).toEqual({ ok: true, utc: "2027-03-28T07:00:00Z" });
    expect(readSendAt("2027-03-20T09:00", "Europe/Paris", BEFORE)).toMatchObject({ ok: false, problem: "Choisissez une date et une heure à venir." });
    const id = saveMessage(x.db, x.by, x.seriesId, null, input({ sessionId: x.s1.id }), BEFORE)!;
    expect(sendMessage(x.db, x.by, x.seriesId, id, "2027-03-28T07:00:00Z", BEFORE)).toEqual({ ok: true, queued: null });
    expect(x.db.select().from(t.outbox).where(eq(t.outbox.kind, "message")).all()).toHaveLength(0);
    // Edited while scheduled: the new words leave.
    expect(saveMessage(x.db, x.by, x.seriesId, id, input({ sessionId: x.s1.id, subject: "Objet corrigé" }), "2027-03-27T10:00:00Z")).toBe(id);
    expect(await messages(x, "2027-03-28T06:59:59Z")).toHaveLength(0);
    const got = await messages(x, "2027-03-28T07:00:00Z");
    expect(to(got)).toEqual(["a@example.org", "b@example.org", "c@example.org"]); // not g, erased
    expect(got.every((m) => m.parsed.subject === "Objet corrigé")).toBe(true);
    expect(await messages(x, "2027-03-28T08:00:00Z")).toHaveLength(0);
    // Sent: no more changes.
    expect(saveMessage(x.db, x.by, x.seriesId, id, input({ subject: "Trop tard" }), "2027-03-28T08:00:00Z")).toBeNull();
    expect(cancelMessage(x.db, x.by, x.seriesId, id, "2027-03-28T08:00:00Z")).toBe(false);
  });

  it("a scheduled message cancelled before it leaves sends nothing", async () => {
    const x = setup();
    const id = saveMessage(x.db, x.by, x.seriesId, null, input(), BEFORE)!;
    expect(sendMessage(x.db, x.by, x.seriesId, id, "2027-03-25T08:00:00Z", BEFORE).ok).toBe(true);
    expect(cancelMessage(x.db, x.by, x.seriesId, id, "2027-03-24T08:00:00Z")).toBe(true);
    expect(await messages(x, "2027-03-26T08:00:00Z")).toHaveLength(0);
    expect(x.db.select().from(t.outbox).where(eq(t.outbox.kind, "message")).all()).toHaveLength(0);
    expect(findMessage(x.db, x.seriesId, id)?.status).toBe("cancelled");
    expect(sendMessage(x.db, x.by, x.seriesId, id, null, "2027-03-26T08:00:00Z").ok).toBe(false);
    expect(audited(x)).toEqual(["schedule", "cancel"]);
  });

  it("test send: to the organiser only, through the outbox, the message stays a draft", async () => {
    const x = setup();
    const id = saveMessage(x.db, x.by, x.seriesId, null, input(), BEFORE)!;
    expect(sendTest(x.db, x.by, x.seriesId, id, BEFORE)).toBe(true);
    const { received } = await dispatchTo(smtp, x.db, BEFORE, APP);
    const mine = received.filter((m) => m.parsed.subject === "[Test] Un mot aux inscrit·es");
    expect(to(mine)).toEqual(["orga@example.org"]);
    expect(mine[0].parsed.text).toContain("Bonjour Olga Orga,");
    expect(mine[0].raw).not.toMatch(/^List-Unsubscribe:/m);
    expect(findMessage(x.db, x.seriesId, id)?.status).toBe("draft");
    expect(x.db.select().from(t.outbox).where(eq(t.outbox.kind, "message")).all()).toMatchObject([{ toAddress: "orga@example.org", status: "sent" }]);
  });

  it("an empty audience is refused with an explanation, nothing queued", () => {
    const x = setup();
    const id = saveMessage(x.db, x.by, x.seriesId, null, input({ sessionId: x.s2.id, audience: ["waiting"] }), BEFORE)!;
    const r = sendMessage(x.db, x.by, x.seriesId, id, null, BEFORE);
    expect(r).toMatchObject({ ok: false, problem: expect.stringContaining("Personne ne recevrait ce message") });
    expect(
      x.db
        .select()
        .from(t.outbox)
        .all()
        .filter((o) => o.kind === "message"),
    ).toHaveLength(0);
    expect(findMessage(x.db, x.seriesId, id)?.status).toBe("draft");
  });

  it("markup and formulas the organiser typed are escaped in the email, never markup", async () => {
    const x = setup();
    const subject = '<script>alert(1)</script> =HYPERLINK("https://evil.example")';
    const body = '<b>gras</b> & <i>italique</i>\n\n=HYPERLINK("https://evil.example","clic")\nhttps://example.org/ok';
    const id = saveMessage(x.db, x.by, x.seriesId, null, input({ sessionId: x.s2.id, subject, body }), BETWEEN)!;
    sendMessage(x.db, x.by, x.seriesId, id, null, BETWEEN);
    const [m] = (await messages(x, BETWEEN)).filter((r) => r.envelopeTo[0] === "e@example.org");
    expect(m.parsed.subject).toBe(subject);
    const html = String(m.parsed.html);
    expect(html).toContain("&lt;b&gt;gras&lt;/b&gt; &amp; &lt;i&gt;italique&lt;/i&gt;");
    expect(html).not.toContain("<b>gras");
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("=HYPERLINK(&quot;");
    expect(html).toContain("&quot;,&quot;clic&quot;)");
    expect(html).toContain('<a href="https://example.org/ok"');
    expect(m.parsed.text).toContain("<b>gras</b> & <i>italique</i>");
  });
});
