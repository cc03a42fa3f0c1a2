// French typography everywhere people read: every public page, every page of the personal space and
// of the back-office reachable by links (signed in through the real email link), error pages and a
// form's error messages, every email template (the previews: subject, text part and HTML part) and the
// emails really sent during the test. No ASCII apostrophe between letters, a no-break space before
// « : ; ! ? » and inside « ». The crawl proves it reached every page the route table declares.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_SLUG } from "../../db/seed/demo-series";
import { startSignedIn } from "../helpers/admin";
import { decode } from "../helpers/html";
import { appRoutes } from "../helpers/routes";
import { type TestServer } from "../helpers/server";
import { type TestSmtp } from "../helpers/smtp";
import { typographyProblems, visibleText, type TypographyProblem } from "../helpers/typography";

let server: TestServer;
let smtp: TestSmtp;
let cookie: string;
beforeAll(async () => {
  ({ smtp, server, cookie } = await startSignedIn("organisation@example.org"));
});
afterAll(async () => {
  await server?.stop();
  await smtp?.close();
});

const problems: TypographyProblem[] = [];
const visited = new Set<string>();

function scanHtml(html: string, where: string) {
  problems.push(...typographyProblems(visibleText(html), where));
  // An email preview's HTML part sits in its frame's srcdoc.
  for (const [, doc] of html.matchAll(/srcDoc="([^"]*)"/gi)) problems.push(...typographyProblems(visibleText(decode(doc)), `${where} (srcdoc)`));
}

/** Follows same-origin links from `start` that stay under `prefix`, scanning every HTML page. */
async function crawl(start: string[], prefix: RegExp, headers: Record<string, string> = {}) {
  const queue = [...start];
  while (queue.length && visited.size < 400) {
    const path = queue.shift()!;
    if (visited.has(path)) continue;
    visited.add(path);
    const res = await fetch(server.url + path, { headers, redirect: "manual" });
    const body = await res.text();
    if (!(res.headers.get("content-type") ?? "").startsWith("text/html")) continue;
    expect(res.status, path).toBe(200);
    scanHtml(body, path);
    for (const [, href] of body.matchAll(/href="(\/[^"#]*)"/g)) {
      const clean = decode(href);
      if (prefix.test(clean) && !/^\/assets\/|\/deconnexion|\.(csv|json|ics|bib|ris)(\?|$)|\/fichier(\?|$)/.test(clean) && !visited.has(clean))
        queue.push(clean);
    }
  }
}

describe("French typography", () => {
  it("holds on every page and in every email", { timeout: 240_000 }, async () => {
    await crawl(["/", `/series/${DEMO_SLUG}`, "/admin/connexion", "/moi"], /^\/(?!admin|moi\/)/);
    // A satisfaction survey on every demo session, so that its back-office page, its answer page (from
    // the personal space), its preview and its section of the bilan are all read.
    for (let n = 1; n <= 7; n++) {
      const survey = `/admin/series/${DEMO_SLUG}/sessions/${n}/questionnaire`;
      const made = await fetch(server.url + survey, {
        method: "POST",
        headers: { cookie },
        body: new URLSearchParams({ intent: "settings", delay: "1", delayUnit: "days", closes: "2099-12-31" }),
      });
      if (made.status !== 200) continue;
      for (const [type, label] of [
        ["rating", "Dans l’ensemble, êtes-vous satisfait·e ?"],
        ["single", "Reviendrez-vous ?"],
        ["text", "Un commentaire ?"],
      ])
        await fetch(server.url + survey, {
          method: "POST",
          headers: { cookie },
          body: new URLSearchParams({ intent: "add", "nouvelle-type": type, "nouvelle-label": label, "nouvelle-options": "Oui\nNon" }),
        });
    }
    await crawl(["/admin", "/admin/emails/apercu"], /^\/admin/, { cookie });

    // A registration through the public form, its thanks page and confirmation email, then the
    // personal space through the link it gives, and the unsubscribe page.
    const form = await (await fetch(`${server.url}/series/${DEMO_SLUG}/inscription`)).text();
    const session = [...form.matchAll(/<input type="checkbox" name="sessions"[^>]*>/g)]
      .map((m) => m[0])
      .filter((m) => !m.includes("disabled"))[0]
      .match(/value="(\d+)"/)![1];
    const email = "zoe.lhote@example.org";
    const registered = await fetch(`${server.url}/series/${DEMO_SLUG}/inscription`, {
      method: "POST",
      redirect: "manual",
      body: new URLSearchParams({
        sessions: session,
        firstName: "Zoé",
        lastName: "L’Hôte",
        email,
        organisation: "CCAS d’Elbeuf",
        structureType: "collectivite",
        consent: "oui",
      }),
    });
    expect(registered.status).toBe(303);
    await crawl([registered.headers.get("location")!.replace(server.url, "")], /^$/);
    const confirmation = await smtp.waitForMatch((m) => m.envelopeTo.includes(email));
    const personal = confirmation.parsed.text!.match(/\/moi\/[\w-]+/)![0];
    await crawl([personal], new RegExp(`^${personal}`));
    const unsubscribe = confirmation.raw.replace(/=\r?\n/g, "").match(/\/desinscription\/[\w-]+(\?serie=[\w-]+)?/)![0];
    await crawl([unsubscribe], /^$/);

    // Attendance certificates: the verification form, a wrong code's page (404), and a certificate
    // refused from the personal space and the back-office (nobody is présent·e in the demo data).
    await crawl(["/attestations"], /^$/);
    for (const [path, headers] of [
      ["/attestations/ABCD-EFGH-JKMN", {}],
      [`${personal}/attestations/${session}`, {}],
      [`/admin/series/${DEMO_SLUG}/attestations/1`, { cookie }],
    ] as const) {
      const res = await fetch(server.url + path, { headers, redirect: "manual" });
      expect([404, 409], path).toContain(res.status);
      scanHtml(await res.text(), `${res.status} ${path}`);
      visited.add(path);
    }

    // The sign-in page a link opens (shown, not used).
    const asked = smtp.messages.length;
    await fetch(`${server.url}/admin/connexion`, { method: "POST", body: new URLSearchParams({ email: "organisation@example.org" }) });
    const signInMail = await smtp.waitForMatch((m) => smtp.messages.indexOf(m) >= asked && m.envelopeTo.includes("organisation@example.org"));
    await crawl([signInMail.parsed.text!.match(/\/admin\/connexion\/[\w-]+/)![0]], /^$/);

    // The lettre d’information: the subscription form's answer and error, the confirmation page, a
    // letter sent from the back-office, the archive and the letter's unsubscription page.
    for (const address of ["pas-une-adresse", "lea.lettre@example.org"]) {
      const res = await fetch(`${server.url}/lettres/abonnement`, { method: "POST", body: new URLSearchParams({ email: address }) });
      scanHtml(await res.text(), `abonnement à la lettre (${address})`);
    }
    await crawl(["/lettres/abonnement"], /^$/);
    const ask = await smtp.waitForMatch((m) => m.envelopeTo.includes("lea.lettre@example.org"));
    const confirmPath = ask.parsed.text!.match(/\/lettres\/confirmation\/[\w-]+/)![0];
    await crawl([confirmPath], /^$/);
    scanHtml(await (await fetch(server.url + confirmPath, { method: "POST" })).text(), "abonnement confirmé");
    const sent = await fetch(`${server.url}/admin/lettre`, { method: "POST", headers: { cookie }, body: new URLSearchParams({ intent: "send" }) });
    expect(sent.status).toBe(200);
    scanHtml(await sent.text(), "lettre envoyée");
    const letter = await smtp.waitForMatch((m) => m.envelopeTo.includes("lea.lettre@example.org") && /^Lettre/.test(m.parsed.subject ?? ""));
    await crawl(["/lettres", "/lettres/1", letter.parsed.text!.match(/\/lettres\/desinscription\/[\w-]+/)![0]], /^$/);

    // A compte rendu of RDV #1 written in the back-office: its editor (lists to copy), its public page
    // (présent·es, excusé·es, absent·es), and a sign-in sheet refused (plain text).
    const minutes = new FormData();
    for (const [k, v] of Object.entries({
      intent: "save",
      type: "minutes",
      attachment: "s:1",
      title: "Compte rendu du RDV #1",
      description: "Relevé de décisions.",
      visibility: "public",
      published: "oui",
    }))
      minutes.set(k, v);
    const made = await fetch(`${server.url}/admin/series/${DEMO_SLUG}/ressources/nouvelle`, {
      method: "POST",
      headers: { cookie },
      body: minutes,
      redirect: "manual",
    });
    expect(made.status).toBe(302);
    const list = await (await fetch(`${server.url}/admin/series/${DEMO_SLUG}/ressources`, { headers: { cookie } })).text();
    const minutesId = list.match(/ressources\/(\d+)"[^>]*>Compte rendu du RDV #1</)![1];
    await crawl([`/admin/series/${DEMO_SLUG}/ressources/${minutesId}`], /^$/, { cookie });
    await crawl([`/ressources/${minutesId}`], /^$/);
    for (const n of [1, 99])
      problems.push(
        ...typographyProblems(
          await (await fetch(`${server.url}/admin/series/${DEMO_SLUG}/emargement/${n}.pdf`, { headers: { cookie } })).text(),
          `émargement ${n}`,
        ),
      );

    // A page that does not exist, and the public form sent empty and with a wrong address.
    for (const path of ["/series/nulle-part", "/nulle-part"]) {
      const missing = await fetch(server.url + path);
      expect(missing.status).toBe(404);
      scanHtml(await missing.text(), `404 ${path}`);
      visited.add(path);
    }
    for (const fields of [{} as Record<string, string>, { firstName: "Zoé", lastName: "L'Hôte", email: "pas-une-adresse", sessions: "2" }]) {
      const res = await fetch(`${server.url}/series/${DEMO_SLUG}/inscription`, { method: "POST", body: new URLSearchParams(fields) });
      expect(res.status).toBe(400);
      scanHtml(await res.text(), `formulaire d’inscription en erreur ${JSON.stringify(fields)}`);
    }

    // Every email sent during the test: subject, text part, HTML part.
    for (const m of smtp.messages) {
      const where = `e-mail « ${m.parsed.subject} »`;
      problems.push(...typographyProblems(m.parsed.subject ?? "", where), ...typographyProblems(m.parsed.text ?? "", `${where} (texte)`));
      if (m.parsed.html) scanHtml(m.parsed.html, `${where} (HTML)`);
    }
    expect(smtp.messages.length).toBeGreaterThanOrEqual(2);

    expect(problems, problems.map((p) => `${p.where} — ${p.rule} — ${p.excerpt}`).join("\n")).toEqual([]);
  });

  it("reached every page the route table declares, and every email template", async () => {
    const views = (await appRoutes()).filter((r) => r.hasView);
    const unreached = views
      .filter((r) => {
        // The route's path with its parameters as wildcards.
        const re = new RegExp(
          "^" +
            r.url
              .replace(/[.+?^${}()|[\]\\]/g, "\\$&")
              .replace(/\*/g, ".+")
              .replace(new RegExp("x{32}|rdv-sante-mentale-jeunes-eure-demo|rdv-2-ecouter-orienter|/\\d+(?=/|$)", "g"), (m) =>
                m.startsWith("/") ? "/[^/]+" : "[^/]+",
              ) +
            "/?(\\?.*)?$",
        );
        return ![...visited].some((v) => re.test(v));
      })
      .map((r) => r.id);
    expect(unreached).toEqual([]);
    const apercu = await (await fetch(`${server.url}/admin/emails/apercu`, { headers: { cookie } })).text();
    expect(apercu.match(/<pre class="mail-text">/g)?.length).toBeGreaterThanOrEqual(11);
  });

  it("would notice a break of each rule", () => {
    const found = typographyProblems(`Lieu : Rouen. L'équipe « salut » ? Oui!`, "exemple").map((p) => p.rule);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/apostrophe/),
        expect.stringMatching(/manquante avant « :/),
        expect.stringMatching(/après «/),
        expect.stringMatching(/avant »/),
      ]),
    );
    expect(found.filter((r) => /manquante avant « :/.test(r))).toHaveLength(3);
    expect(typographyProblems("Lieu\u00a0: Rouen, 14:30. L’équipe «\u00a0salut\u00a0»\u00a0? https://exemple.fr/?a=1", "juste")).toEqual([]);
  });
});
