// Minutes (« compte rendu »): a territorial process of three steps (COPIL 1, an atelier, the
// restitution), imported from a series file with its minutes; attendance recorded by hand; the lists
// of présent·es, excusé·es and absent·es built from it. A public compte rendu names only the people
// who consented at registration (the others counted); one reserved to registrants names everyone;
// a person who erased their data is never named. The consent is stored with its date, kept by a later
// registration without the box, withdrawn from the personal space, dropped on erasure.
import { eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import * as t from "../../db/schema";
import { setAttendance } from "~/attendance/attendance.server";
import { minutesLists } from "~/minutes/minutes.server";
import { listLine, minutesListsText } from "~/minutes/minutes-text";
import { eraseParticipant, setMinutesConsent } from "~/registration/participants.server";
import { readRegistrationForm, validateRegistration } from "~/registration/registration-form.server";
import { register, type ParticipantInput } from "~/registration/registrations.server";
import { checkResource } from "~/resources/resource-saving.server";
import { resourcePage } from "~/resources/resource-views.server";
import { toUtcIso } from "~/utils/dates.server";
import type { AppDatabase } from "~/utils/db.server";
import { NOW, importOrThrow, memoryDb } from "../helpers/db";
import { participantInput } from "../helpers/people";
import { fileSession, seriesFile } from "../helpers/series-file";

const nowIso = toUtcIso(NOW);
const before = toUtcIso(DateTime.fromISO("2026-09-01T10:00:00", { zone: "Europe/Paris" }));
const venue = { name: "Salle du conseil, Syndicat du Pays de Maurienne", address: "Avenue d’Italie, 73300 Saint-Jean-de-Maurienne" };
const RESTITUTION_TEXT = "Restitution du diagnostic local de santé : priorités retenues, fiches actions.";

export const MAURIENNE = seriesFile({
  slug: "cls-maurienne",
  title: "Contrat local de santé du Pays de Maurienne",
  organisations: [{ key: "spm", name: "Syndicat du Pays de Maurienne", role: "organiser" }],
  sessions: [
    fileSession(1, "COPIL n° 1", "2026-09-15T14:00", "2026-09-15T16:30", { mode: "in-person", venue }),
    fileSession(2, "Atelier « accès aux droits »", "2026-10-13T09:30", "2026-10-13T12:00", { mode: "hybrid", venue }),
    fileSession(3, "Restitution", "2026-11-17T14:00", "2026-11-17T16:00", { mode: "in-person", venue }),
  ],
  resources: [
    { key: "cr-copil-1", type: "minutes", title: "Compte rendu du COPIL n° 1", session: 1, visibility: "registrants", description: "Relevé de décisions." },
    { key: "cr-restitution", type: "minutes", title: "Compte rendu de la restitution", session: 3, description: RESTITUTION_TEXT },
  ],
});

type Person = { email: string; first: string; last: string; organisation: string; consent: boolean };
const PEOPLE: Person[] = [
  { email: "durbet@example.org", first: "Pierre", last: "Durbet", organisation: "Syndicat du Pays de Maurienne", consent: true },
  { email: "hars@example.org", first: "Hélène", last: "Hars", organisation: "Conseil départemental", consent: true },
  { email: "raffin@example.org", first: "Luc", last: "Raffin", organisation: "SPM", consent: false },
  { email: "bonnivard@example.org", first: "Émilie", last: "Bonnivard", organisation: "Conseil régional", consent: true },
  { email: "laruaz@example.org", first: "Marc", last: "Laruaz", organisation: "CD73", consent: false },
  { email: "devos@example.org", first: "Zoé", last: "Devos", organisation: "ADRETS", consent: false },
  { email: "oubli@example.org", first: "Ana", last: "Oubli", organisation: "CCAS", consent: true },
];

function setup() {
  const db = memoryDb();
  importOrThrow(db, MAURIENNE, { nowIso: before });
  const series = db.select().from(t.series).where(eq(t.series.slug, "cls-maurienne")).get()!;
  const sessions = db.select().from(t.sessions).where(eq(t.sessions.seriesId, series.id)).orderBy(t.sessions.number).all();
  const accountId = db.insert(t.accounts).values({ email: "orga@example.org", role: "editor" }).returning({ id: t.accounts.id }).get().id;
  const ids: Record<string, { participant: number; registrations: Record<number, number> }> = {};
  for (const p of PEOPLE) {
    const input: ParticipantInput = { ...participantInput(p.email, p.first, p.last), organisation: p.organisation, minutesConsent: p.consent };
    const r = register(db, { seriesId: series.id, sessionIds: [sessions[0].id, sessions[2].id], participant: input, nowIso: before });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    ids[p.email] = { participant: r.participantId, registrations: Object.fromEntries(r.created.map((c) => [c.number, c.registrationId])) };
  }
  // Restitution: Durbet, Hars, Raffin, Devos present; Bonnivard and Laruaz excused; Oubli not recorded.
  const mark = (number: number, email: string, attendance: "present" | "excused" | "absent") => ({
    registrationId: ids[email].registrations[number],
    attendance,
  });
  const restitution = [
    mark(3, "durbet@example.org", "present"),
    mark(3, "hars@example.org", "present"),
    mark(3, "raffin@example.org", "present"),
    mark(3, "devos@example.org", "present"),
    mark(3, "bonnivard@example.org", "excused"),
    mark(3, "laruaz@example.org", "excused"),
  ];
  setAttendance(db, { sessionId: sessions[2].id, changes: restitution, accountId, nowIso });
  const copil = PEOPLE.map((p) => mark(1, p.email, p.last === "Laruaz" ? "absent" : "present"));
  setAttendance(db, { sessionId: sessions[0].id, changes: copil, accountId, nowIso });
  return { db, series, sessions, ids };
}

const names = (db: AppDatabase, sessionId: number, allNames: boolean) =>
  Object.fromEntries(minutesLists(db, sessionId, { allNames }).lists.map((l) => [l.attendance, l.named.map((p) => p.name)]));

describe("minutes (compte rendu)", () => {
  it("are a resource of a session like any other: the restitution of a three-step process, imported from the series file", () => {
    const { db, sessions } = setup();
    const restitution = db.select().from(t.resources).where(eq(t.resources.key, "cr-restitution")).get()!;
    expect(restitution).toMatchObject({ type: "minutes", sessionId: sessions[2].id, visibility: "public" });
    // Stored with French typography (a no-break space before the colon).
    expect(restitution.description).toBe(RESTITUTION_TEXT.replace(" :", "\u00a0:"));
    const page = resourcePage(db, restitution.id, { kind: "public" })!;
    expect(page.session).toMatchObject({ id: sessions[2].id, number: 3, title: "Restitution" });
  });

  it("list présent·es, excusé·es and absent·es from attendance, naming on public minutes only the people who consented", () => {
    const { db, sessions } = setup();
    const m = minutesLists(db, sessions[2].id, { allNames: false });
    expect(m.lists.map((l) => [l.attendance, l.total, l.others])).toEqual([
      ["present", 4, 2],
      ["excused", 2, 1],
      ["absent", 0, 0],
    ]);
    expect(m.unrecorded).toBe(1);
    expect(names(db, sessions[2].id, false)).toEqual({ present: ["Pierre Durbet", "Hélène Hars"], excused: ["Émilie Bonnivard"], absent: [] });
    expect(m.lists[0].named[0]).toEqual({ name: "Pierre Durbet", organisation: "Syndicat du Pays de Maurienne" });
    expect(minutesListsText(m)).toBe(
      [
        "Présent·es (4)\u00a0: Pierre Durbet (Syndicat du Pays de Maurienne), Hélène Hars (Conseil départemental) et 2\u00a0autres personnes.",
        "Excusé·es (2)\u00a0: Émilie Bonnivard (Conseil régional) et 1\u00a0autre personne.",
        "Absent·es (0)\u00a0: personne.",
        "Présence non renseignée\u00a0: 1 inscrit·e.",
      ].join("\n"),
    );
    // Nobody named: only the count.
    expect(listLine({ attendance: "absent", title: "Absent·es", total: 3, named: [], others: 3 })).toBe("Absent·es (3)\u00a0: 3\u00a0personnes.");
  });

  it("name everyone, sorted by last name, when reserved to registrants", () => {
    const { db, sessions } = setup();
    expect(names(db, sessions[0].id, true)).toEqual({
      present: ["Émilie Bonnivard", "Zoé Devos", "Pierre Durbet", "Hélène Hars", "Ana Oubli", "Luc Raffin"],
      excused: [],
      absent: ["Marc Laruaz"],
    });
  });

  it("never name a person who erased their data, even on registrants-only minutes; they stay counted", () => {
    const { db, sessions, ids } = setup();
    eraseParticipant(db, ids["durbet@example.org"].participant, nowIso);
    eraseParticipant(db, ids["devos@example.org"].participant, nowIso);
    for (const allNames of [false, true]) {
      const m = minutesLists(db, sessions[2].id, { allNames });
      expect(m.lists[0].total).toBe(4);
      const text = minutesListsText(m);
      expect(text).not.toMatch(/Durbet|Devos|Pierre|Zoé/);
      expect(m.lists[0].named.map((p) => p.name)).toEqual(allNames ? ["Hélène Hars", "Luc Raffin"] : ["Hélène Hars"]);
    }
  });

  it("keep the consent with its date from the registration form; a later registration without the box keeps it; the personal space withdraws it", () => {
    const { db, series, sessions, ids } = setup();
    const form = new FormData();
    for (const [k, v] of Object.entries({ firstName: "Nina", lastName: "Nouvelle", email: "nina@example.org", consent: "oui", minutes: "oui" })) form.set(k, v);
    form.append("sessions", String(sessions[2].id));
    const parsed = validateRegistration(readRegistrationForm(form));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.participant.minutesConsent).toBe(true);
    const r = register(db, { seriesId: series.id, sessionIds: parsed.sessionIds, participant: parsed.participant, nowIso: before });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const consentOf = (id: number) => db.select({ at: t.participants.minutesConsentAt }).from(t.participants).where(eq(t.participants.id, id)).get()!.at;
    expect(consentOf(r.participantId)).toBe(before);

    // Unticked by default: the box is off unless sent.
    form.delete("minutes");
    expect(validateRegistration(readRegistrationForm(form))).toMatchObject({ ok: true, participant: { minutesConsent: false } });
    const again = register(db, {
      seriesId: series.id,
      sessionIds: [sessions[0].id],
      participant: { ...parsed.participant, minutesConsent: false },
      nowIso: before,
    });
    expect(again.ok).toBe(true);
    expect(consentOf(r.participantId)).toBe(before);

    const hars = ids["hars@example.org"].participant;
    setMinutesConsent(db, hars, false, nowIso);
    expect(consentOf(hars)).toBeNull();
    expect(names(db, sessions[2].id, false).present).toEqual(["Pierre Durbet"]);
    setMinutesConsent(db, hars, true, nowIso);
    expect(consentOf(hars)).toBe(nowIso);
    eraseParticipant(db, hars, nowIso);
    expect(consentOf(hars)).toBeNull();
  });

  it("written in the back-office may be text only, and must be attached to a session", () => {
    const { db, series } = setup();
    expect(checkResource(db, series.id, { type: "minutes", title: "CR", description: "Texte.", session: 3 }, false)).toMatchObject({ ok: true });
    const noSession = checkResource(db, series.id, { type: "minutes", title: "CR", description: "Texte." }, false);
    expect(noSession).toMatchObject({ ok: false, problems: [{ path: "session" }] });
    const noText = checkResource(db, series.id, { type: "minutes", title: "CR", session: 3 }, false);
    expect(noText).toMatchObject({ ok: false, problems: [{ path: "url" }] });
  });
});
