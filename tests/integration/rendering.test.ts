// Rendering is pure: the renderer and the previews read, they never write (they run here on a
// read-only connection to the database); the personal link is made by the dispatcher's prepare step.
// The J-2 email has two kinds, "access-codes" and "practical-info", under one dedupe key; a row of the
// older single kind still renders by the registrant's participation.
import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { planAccessCodes } from "~/access-codes/access-codes.server";
import { PREVIEW_TOKEN, renderPreviews } from "~/notifications/email-previews.server";
import { issueLink, renderMessage, type Draft, type Skip } from "~/notifications/messages.server";
import { participantByToken } from "~/registration/participants.server";
import { register } from "~/registration/registrations.server";
import { EMAIL_KINDS, EMAIL_KIND_LABELS, dedupeKeyOf } from "~/notifications/email-kinds.server";
import type { AppDatabase } from "~/utils/db.server";
import { fileDb, importOrThrow } from "../helpers/db";
import { participantInput } from "../helpers/people";
import { fileSession, seriesFile } from "../helpers/series-file";

const APP = "https://rdv.example.org";
const BEFORE = "2027-03-20T10:00:00Z";
const DUE = "2027-03-28T09:00:00Z";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function setup() {
  const { db, file, cleanup } = fileDb();
  const readonly = new Database(file, { readonly: true, fileMustExist: true });
  cleanups.push(() => readonly.close(), cleanup);
  const r = importOrThrow(
    db,
    seriesFile({
      slug: "pure",
      title: "Série pure",
      sessions: [
        fileSession(1, "En ligne", "2027-03-30T09:30", "2027-03-30T12:00", {
          slug: "en-ligne",
          mode: "online",
          access: { provider: "Zoom", joinUrl: "https://zoom.us/j/1?pwd=x", meetingId: "111 222 333", passcode: "424242", dialIn: [] },
        }),
        fileSession(2, "Sur place", "2027-03-30T14:00", "2027-03-30T16:00", {
          slug: "sur-place",
          mode: "in-person",
          venue: { name: "Salle", address: "1 rue de la Paix, 76000 Rouen" },
        }),
      ],
    }),
    { nowIso: BEFORE },
  );
  const sessions = db.select().from(t.sessions).orderBy(t.sessions.number).all();
  const participant = participantInput("zoe@example.org", "Zoé", "Test");
  const reg = register(db, { seriesId: r.seriesId, sessionIds: sessions.map((s) => s.id), participant, nowIso: BEFORE });
  if (!reg.ok) throw new Error("registration refused");
  const accountId = db.insert(t.accounts).values({ email: "orga@example.org", name: "Orga", role: "admin" }).returning({ id: t.accounts.id }).get().id;
  return { db, ro: drizzle(readonly) as AppDatabase, sessions, reg, accountId };
}

const counts = (db: AppDatabase) =>
  Object.fromEntries(
    ["outbox", "personal_links", "sign_in_tokens", "participants", "registrations", "series", "sessions"].map((n) => [
      n,
      (db.$client.prepare(`select count(*) as n from ${n}`).get() as { n: number }).n,
    ]),
  );

const drafted = (m: Draft | Skip): Draft => {
  if ("skip" in m) throw new Error(m.reason);
  return m;
};

describe("rendering is pure", () => {
  it("renders a queued email on a read-only connection; the prepare step makes the link it carries", () => {
    const { db, ro } = setup();
    const row = db.select().from(t.outbox).where(eq(t.outbox.kind, "confirmation")).get()!;
    const before = counts(db);
    const draft = drafted(renderMessage(ro, row, { appUrl: APP, nowIso: BEFORE }));
    expect(draft.link).toMatchObject({ kind: "personal-link", participantId: row.participantId });
    expect(counts(db)).toEqual(before);
    const token = issueLink(db, draft.link, BEFORE);
    expect(counts(db)).toEqual({ ...before, personal_links: before.personal_links + 1 });
    expect(participantByToken(db, token)?.id).toBe(row.participantId);
    const message = draft.complete(token);
    expect(message.text).toContain(`${APP}/moi/${token}`);
    expect(message.headers?.["List-Unsubscribe"]).toContain(token);
  });

  it("renders every preview on a read-only connection, real data and sample data alike", () => {
    const { db, ro, accountId } = setup();
    const before = counts(db);
    const withData = renderPreviews(ro, { appUrl: APP, nowIso: BEFORE, account: { id: accountId, email: "orga@example.org", name: "Orga" } });
    expect(withData.sample).toBe(false);
    expect(withData.previews.map((p) => ("unavailable" in p ? p.unavailable : p.kind))).toEqual([
      "confirmation",
      "promotion",
      "personal-link",
      "access-codes",
      "correction",
      "practical-info",
      "session-cancelled",
      "session-postponed",
      "survey",
      "sign-in",
      "invitation",
      "newsletter-confirmation",
      "newsletter",
      "message",
      "certificate",
      "team-invitation",
    ]);
    for (const p of withData.previews) if (!("unavailable" in p)) expect(p.text).toContain(PREVIEW_TOKEN);
    // With nobody registered and no upcoming session: sample rows, in the scratch copy only.
    const sample = renderPreviews(ro, { appUrl: APP, nowIso: "2027-06-01T10:00:00Z", account: { id: accountId, email: "orga@example.org", name: "Orga" } });
    expect(sample.sample).toBe(true);
    // (The on-site session chosen for the practical information is over by then: said, not rendered.)
    expect(sample.previews.filter((p) => "unavailable" in p).map((p) => p.kind)).toEqual(["practical-info"]);
    expect(sample.previews.filter((p) => !("unavailable" in p))).toHaveLength(15);
    expect(counts(db)).toEqual(before);
  });

  it("labels every kind", () => {
    for (const kind of EMAIL_KINDS) expect(EMAIL_KIND_LABELS[kind]).toMatch(/\S/);
  });
});

describe("the two J-2 kinds", () => {
  it("plans access-codes for whoever joins remotely, practical-info for whoever comes on site, under one key", () => {
    const { db, reg, sessions } = setup();
    expect(planAccessCodes(db, DUE)).toBe(2);
    const rows = db
      .select()
      .from(t.outbox)
      .where(eq(t.outbox.participantId, reg.participantId))
      .all()
      .filter((r) => r.kind !== "confirmation");
    const confirmedAt = (sessionId: number) => db.select().from(t.registrations).where(eq(t.registrations.sessionId, sessionId)).get()!;
    expect(rows.map((r) => [r.kind, r.dedupeKey])).toEqual([
      ["access-codes", dedupeKeyOf("access-codes", confirmedAt(sessions[0].id).id, confirmedAt(sessions[0].id).confirmedAt!)],
      ["practical-info", dedupeKeyOf("practical-info", confirmedAt(sessions[1].id).id, confirmedAt(sessions[1].id).confirmedAt!)],
    ]);
    expect(rows[1].dedupeKey).toMatch(/^access-codes:/);
    // Planned again: nothing new.
    expect(planAccessCodes(db, DUE)).toBe(0);
  });

  it("renders an older access-codes row of an on-site registrant as the practical information, as before", () => {
    const { db, ro } = setup();
    planAccessCodes(db, DUE);
    const row = db.select().from(t.outbox).where(eq(t.outbox.kind, "practical-info")).get()!;
    const asNew = drafted(renderMessage(ro, row, { appUrl: APP, nowIso: DUE })).complete("T".repeat(32));
    const asOld = drafted(renderMessage(ro, { ...row, kind: "access-codes" }, { appUrl: APP, nowIso: DUE })).complete("T".repeat(32));
    expect(asOld.subject).toMatch(/^Informations pratiques\s: RDV #2/);
    expect(asOld.text).toBe(asNew.text);
    expect(asOld.text).not.toContain("424242");
  });
});
