// The library's pages through the production server (issue #14 item 2): a catalogue written by
// another process (the import, as the CLI does) shows at once, by pages of 20 with « Pagination »
// links that keep the filters; a search with filters is counted over the whole filtered set; hostile
// or huge queries answer 200 with a message, never an error.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toUtcIso } from "~/utils/dates.server";
import { NOW } from "../helpers/db";
import { textOf } from "../helpers/html";
import { fillLibrary } from "../helpers/library-scale";
import { withServerDb } from "../helpers/server-db";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  await fetch(`${server.url}/ressources`); // cached by the server before the catalogue grows
  withServerDb(server.databasePath, (db) => fillLibrary(db, { series: 3, perSeries: 20, nowIso: toUtcIso(NOW) }));
});
afterAll(() => server?.stop());

const page = async (query: string) => {
  const res = await fetch(`${server.url}/ressources${query}`);
  const html = await res.text();
  return { status: res.status, html, text: textOf(html.replace(/<!--.*?-->/g, "")) };
};
/** The « Pagination » links: [rel, href]. */
const links = (html: string) =>
  [...html.matchAll(/<a [^>]*>/g)].flatMap(([tag]) => {
    const rel = /rel="(prev|next)"/.exec(tag)?.[1];
    return rel ? [[rel, /href="([^"]*)"/.exec(tag)![1].replace(/&amp;/g, "&")]] : [];
  });

describe("the library's pages", () => {
  it("lists the sessions of the chosen series only in the session menu (a GET form: choose a series, then its session)", async () => {
    const first = await page("");
    expect(first.html).not.toContain('id="champ-session"');
    expect(first.text).toContain("Pour choisir une rencontre, choisissez d’abord une série puis lancez la recherche.");
    const series = [...first.html.match(/<select id="champ-serie"[\s\S]*?<\/select>/)![0].matchAll(/value="([^"]+)"/g)].map((m) => m[1]);
    expect(series.length).toBeGreaterThanOrEqual(4);
    const menu = (html: string) => [...(html.match(/<select id="champ-session"[\s\S]*?<\/select>/)?.[0] ?? "").matchAll(/value="(\d+)"/g)].map((m) => m[1]);
    const sessionsOf = (slug: string) =>
      withServerDb(server.databasePath, (db) =>
        db.$client
          .prepare(
            "select distinct s.id from resources r join sessions s on s.id = r.session_id join series x on x.id = s.series_id where x.slug = ? and r.visibility = 'public' and r.published = 1",
          )
          .all(slug)
          .map((r) => String((r as { id: number }).id))
          .sort(),
      );
    const chosen = series.find((slug) => sessionsOf(slug).length)!;
    const ofSeries = await page(`?serie=${chosen}`);
    expect(menu(ofSeries.html).sort()).toEqual(sessionsOf(chosen));
    // A session chosen alone (the session page's link) shows its series' sessions, that one selected.
    const bySession = await page(`?session=${sessionsOf(chosen)[0]}`);
    expect(menu(bySession.html).sort()).toEqual(sessionsOf(chosen));
  });

  it("shows a catalogue written by another process at once, 20 resources a page, with links that keep the filters", async () => {
    const first = await page("");
    expect(first.status).toBe(200);
    const total = Number(/(\d+)\sressources\./.exec(first.text)![1]);
    expect(total).toBeGreaterThanOrEqual(3 * 18);
    const pages = Math.ceil(total / 20);
    expect(first.text).toContain(`Page 1 sur ${pages}.`);
    expect(first.html.match(/class="library-result"/g)).toHaveLength(20);
    expect(links(first.html)).toEqual([["next", "/ressources?page=2"]]);

    const searched = await page("?q=sant%C3%A9&page=2");
    expect(searched.text).toMatch(/\d+ ressources trouvées pour « santé » \(sur \d+\)\. Page 2 sur [3-9]\./);
    expect(links(searched.html)).toEqual([
      ["prev", "/ressources?q=sant%C3%A9"],
      ["next", "/ressources?q=sant%C3%A9&page=3"],
    ]);

    const last = await page(`?page=${pages + 5}`);
    expect(last.text).toContain(`Page ${pages} sur ${pages}.`);
    expect(links(last.html)).toEqual([["prev", `/ressources?page=${pages - 1}`]]);
  });

  it("counts a search with filters over the whole filtered set", async () => {
    const r = await page("?q=pr%C3%A9vention&serie=serie-2");
    expect(r.status).toBe(200);
    expect(r.text).toMatch(/\d+ ressources? trouvées? pour « prévention » \(sur \d+\)\./);
    expect(r.html).toContain("<mark>");
  });

  it("answers hostile and huge queries with a page and a message, never an error", async () => {
    for (const q of ['"', "*", "NEAR(", "-", ":", '"santé" OR NEAR(x', "x".repeat(10_000), "é".repeat(1_000) + "*"]) {
      const r = await page(`?q=${encodeURIComponent(q)}`);
      expect(r.status, q.slice(0, 20)).toBe(200);
      expect(r.text, q.slice(0, 20)).toMatch(/ne contient aucun mot à chercher|ressources? trouvées?|Aucune ressource ne correspond/);
    }
    expect((await page("?q=%22")).text).toMatch(/« " » ne contient aucun mot à chercher : \d+ ressources affichées\./);
  });
});
