// The check-in page through the production server, without JavaScript: search and a button per
// person (POST → redirect → flash), the code typed, refusals next to the field with the database
// unchanged (wrong code, reused code, another session's code, a wrong walk-in), the walk-in, the undo
// (not offered, and refused, while the door is closed), and the page closed to anonymous visitors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCode } from "~/check-in/check-in-codes.server";
import { createPersonalLink } from "~/registration/participants.server";
import { postForm, startSignedIn } from "../helpers/admin";
import { DOOR_SLUG, doorState, setUpDoor } from "../helpers/door";
import { textOf } from "../helpers/html";
import { stopAll, type TestServer } from "../helpers/server";
import { queryFile, runFile, withServerDb } from "../helpers/server-db";
import type { TestSmtp } from "../helpers/smtp";

const PAGE = `/admin/series/${DOOR_SLUG}/accueil/1`;
let server: TestServer;
let smtp: TestSmtp;
let cookie: string;
let people: ReturnType<typeof setUpDoor>;

beforeAll(async () => {
  ({ smtp, server, cookie } = await startSignedIn("orga@example.org"));
  people = setUpDoor(server.databasePath);
}, 60_000);
afterAll(() => stopAll(server, smtp));

/** The page as a browser without JavaScript gets it after a redirect, with the flash cookie it was given. */
async function follow(res: { status: number; location: string | null }, flash: string | null) {
  expect(res.status).toBe(302);
  const cookies = [cookie, flash?.split(";")[0]].filter(Boolean).join("; ");
  return textOf(await (await fetch(server.url + res.location!, { headers: { cookie: cookies } })).text());
}
async function post(fields: Record<string, string>) {
  const res = await fetch(server.url + PAGE, { method: "POST", body: new URLSearchParams(fields), headers: { cookie }, redirect: "manual" });
  return { status: res.status, location: res.headers.get("location"), flash: res.headers.get("set-cookie"), html: await res.text() };
}
const everything = () => ({
  registrations: queryFile(server.databasePath, "select * from registrations order by id"),
  checkIns: queryFile(server.databasePath, "select * from check_ins order by registration_id"),
  participants: queryFile(server.databasePath, "select count(*) n from participants"),
  outbox: queryFile(server.databasePath, "select count(*) n from outbox"),
});
const invalid = (html: string, id: string) => new RegExp(`<[^>]*id="${id}"[^>]*aria-invalid="true"|<[^>]*aria-invalid="true"[^>]*id="${id}"`).test(html);

describe("the check-in page without JavaScript", () => {
  it("is closed to anonymous visitors", async () => {
    const page = await fetch(server.url + PAGE, { redirect: "manual" });
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toMatch(/^\/admin\/connexion/);
    const res = await postForm(server, PAGE, { intent: "present", registration: String(people.helene.registrationId) });
    expect(res.status).toBe(302);
    expect(doorState(server.databasePath, people.helene.registrationId).attendance).toBeNull();
  });

  it("finds a person by name without accents and marks them present with their button", async () => {
    const page = await (await fetch(`${server.url}${PAGE}?q=helene+dup`, { headers: { cookie } })).text();
    const text = textOf(page);
    // Every form of the page posts to the page itself, JavaScript or not (the layout's own: sign-out).
    const actions = [...page.matchAll(/<form method="post" action="([^"]*)"/g)].map((m) => m[1]).filter((a) => a !== "/admin/deconnexion");
    expect(actions.length).toBeGreaterThanOrEqual(3);
    // (keeping the search, so that the redirect comes back to the same list)
    expect(new Set(actions)).toEqual(new Set([`${PAGE}?q=helene+dup`]));
    expect(text).toContain("0 présent·e sur 3 inscrit·es sur place");
    expect(text).toContain("Hélène Dupont");
    expect(text).not.toContain("Zoé Martin");
    expect(text).not.toContain(people.helene.code); // codes are not listed
    const res = await post({ intent: "present", registration: String(people.helene.registrationId) });
    const after = await follow(res, res.flash);
    expect(after).toContain("Hélène Dupont est enregistré·e présent·e, à");
    expect(after).toContain("1 présent·e sur 3 inscrit·es sur place");
    expect(doorState(server.databasePath, people.helene.registrationId).attendance).toBe("present");
  });

  it("marks present by the code typed, and refuses a reused, wrong or other session's code next to the field, changing nothing", async () => {
    const ok = await post({ intent: "code", code: ` ${people.marie.code.slice(0, 4).toLowerCase()} ${people.marie.code.slice(4)} ` });
    expect(await follow(ok, ok.flash)).toContain("Marie-Hélène N’Diaye est enregistré·e présent·e");

    const before = everything();
    for (const [code, message] of [
      [people.marie.code, /^Marie-Hélène N’Diaye est déjà enregistré·e, à \d+ h( \d\d)?\.$/],
      ["ZZZZZZZZ", /^Code inconnu : ZZZZ-ZZZZ ne correspond à aucune inscription/],
      [people.marieAtTwo.code, /^Ce code est celui d’une inscription au RDV #2 « Restitution », pas à cette rencontre-ci : personne n’a été enregistré·e\.$/],
      ["", /^Saisissez le code d’accueil/],
    ] as const) {
      const res = await post({ intent: "code", code });
      expect(res.status, code).toBe(400);
      expect(invalid(res.html, "champ-code"), code).toBe(true);
      const error = /<p class="field-error" id="erreur-code">([\s\S]*?)<\/p>/.exec(res.html)?.[1] ?? "";
      expect(
        textOf(error)
          .replace(/^Erreur : /, "")
          .replace(/\u00a0/g, " "),
        code,
      ).toMatch(message);
      expect(res.html).toContain(`value="${code}"`);
    }
    expect(everything()).toEqual(before);
  });

  it("refuses a walk-in without a name or with a wrong address, each message next to its field, values kept, nothing created", async () => {
    const before = everything();
    const res = await post({ intent: "walk-in", firstName: "", lastName: "Sur-Place", email: "lea@", organisation: "CCAS" });
    expect(res.status).toBe(400);
    expect(invalid(res.html, "champ-firstName")).toBe(true);
    expect(invalid(res.html, "champ-email")).toBe(true);
    expect(invalid(res.html, "champ-lastName")).toBe(false);
    expect(textOf(res.html)).toContain("Indiquez le prénom de la personne.");
    expect(textOf(res.html)).toContain("L’adresse e-mail n’est pas valide");
    expect(res.html).toContain('value="Sur-Place"');
    expect(res.html).toContain('value="CCAS"');
    expect(everything()).toEqual(before);
  });

  it("adds a walk-in, confirmed on site and present; undoes a presence", async () => {
    const res = await post({ intent: "walk-in", firstName: "Léa", lastName: "Sur-Place", email: "lea@example.org", organisation: "CCAS" });
    const after = await follow(res, res.flash);
    expect(after).toContain("Léa Sur-Place est enregistré·e présent·e");
    expect(after).toContain("3 présent·es sur 4 inscrit·es sur place");
    expect(after).toContain("(sur place, non inscrit·e)");
    const [lea] = queryFile<{ status: string; participation: string; attendance: string; walk_in: number }>(
      server.databasePath,
      "select r.status, r.participation, r.attendance, c.walk_in from registrations r join participants p on p.id = r.participant_id join check_ins c on c.registration_id = r.id where p.email = 'lea@example.org'",
    );
    expect(lea).toEqual({ status: "confirmed", participation: "onsite", attendance: "present", walk_in: 1 });
    expect(queryFile(server.databasePath, "select kind from outbox where to_address = 'lea@example.org' and kind = 'confirmation'")).toEqual([]);

    const undo = await post({ intent: "undo", registration: String(people.helene.registrationId) });
    expect(await follow(undo, undo.flash)).toContain("Présence de Hélène Dupont annulée.");
    expect(doorState(server.databasePath, people.helene.registrationId)).toEqual({ attendance: null, checked_in_at: null });
  });

  it("offers no « Annuler la présence » while the door is closed, and refuses one posted anyway, changing nothing", async () => {
    runFile(server.databasePath, "update registrations set attendance = 'present' where id = ?", people.marieAtTwo.registrationId);
    const closedPage = `/admin/series/${DOOR_SLUG}/accueil/2`; // RDV #2, in 2099: the door is not open yet
    const text = textOf(await (await fetch(server.url + closedPage, { headers: { cookie } })).text());
    expect(text).toContain("L’accueil ouvre le");
    expect(text).toContain("Marie-Hélène N’Diaye");
    expect(text).toContain("Présent·e");
    expect(text).not.toContain("Annuler la présence");
    const before = everything();
    const res = await fetch(server.url + closedPage, {
      method: "POST",
      body: new URLSearchParams({ intent: "undo", registration: String(people.marieAtTwo.registrationId) }),
      headers: { cookie },
      redirect: "manual",
    });
    expect(res.status).toBe(400);
    expect(textOf(await res.text())).toMatch(/L’accueil ouvre le .* il n’est pas encore possible d’enregistrer une arrivée\./);
    expect(everything()).toEqual(before);
    expect(doorState(server.databasePath, people.marieAtTwo.registrationId).attendance).toBe("present");
  });

  it("shows each person their own code and its QR in their personal space", async () => {
    const token = withServerDb(server.databasePath, (db) => {
      const [p] = queryFile<{ id: number }>(server.databasePath, "select id from participants where email = ?", people.marie.email);
      return createPersonalLink(db, p.id, new Date().toISOString());
    });
    const html = await (await fetch(`${server.url}/moi/${token}`)).text();
    const section = /<section aria-labelledby="codes-accueil-titre"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";
    expect(textOf(section)).toContain("Vos codes d’accueil");
    for (const p of [people.marie, people.marieAtTwo]) {
      expect(textOf(section)).toContain(formatCode(p.code));
      expect(section).toContain(`alt="QR code de votre code d’accueil ${formatCode(p.code)}"`);
    }
    expect(section).toMatch(/src="data:image\/svg\+xml;base64,/);
    expect(html).not.toContain(formatCode(people.helene.code));
  });

  it("never writes a check-in code in the server's logs", () => {
    const logs = server.stdout() + server.stderr();
    expect(logs).toContain(PAGE); // the requests were logged
    for (const p of Object.values(people)) expect(logs).not.toContain(p.code);
  });

  it("is linked from the session's page and the attendance page", async () => {
    for (const url of [`/admin/series/${DOOR_SLUG}/sessions/1`, `/admin/series/${DOOR_SLUG}/presence/1`]) {
      const html = await (await fetch(server.url + url, { headers: { cookie } })).text();
      expect(html, url).toContain(`href="${PAGE}"`);
    }
  });
});
