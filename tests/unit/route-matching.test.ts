// Remix's route matching kept per path (app/http/route-matching.server.ts): the memoised matchRoutes
// answers exactly as @remix-run/router's own for the app's route table, with the caller's route objects,
// from what it kept (the original is not called again), and keeps no personal link's token. And the
// patched router itself (patches/, ADR 024: branches and answers kept per routes array, for the
// router's internal match) answers as an unpatched match does, with objects of its own each time.
import { readFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { matchRoutes } from "@remix-run/router";
import { describe, expect, it } from "vitest";
import routeConfig from "~/routes";
import { keptMatches, memoiseMatchRoutes } from "~/http/route-matching.server";

type Entry = { id?: string; file: string; path?: string; index?: boolean; children?: Entry[] };
type Route = { id: string; path?: string; index?: boolean; children?: Route[] };

/** The app's route table as Remix builds it (under the root route), fresh objects at each call. */
const table = (): Route[] => {
  const convert = (e: Entry): Route => ({ id: e.id ?? e.file, path: e.path, index: e.index, children: e.children?.map(convert) });
  return [{ id: "root", path: "", children: (routeConfig as Entry[]).map(convert) }];
};

const TOKEN_A = "Ab3_k9Zq-Lm2Np4Qr6St8Uv0Wx1Yz5Cd7";
const TOKEN_B = "Zz9_y8Xw-Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0";
const PATHS = [
  "/",
  "/series/rdv-sante-qpv-seine-maritime-2022",
  "/series/rdv-sante-qpv-seine-maritime-2022/sessions/rdv-1-politiques-regionales",
  "/series/une%20s%C3%A9rie/inscription",
  "/ressources/12.bib",
  "/admin/series/demo/sessions/2/programme/0",
  "/une/page/inconnue",
  ...[TOKEN_A, TOKEN_B].flatMap((t) => [`/moi/${t}`, `/moi/${t}/ressources/3`, `/moi/${t}/attestations/7.pdf`, `/admin/connexion/${t}`]),
  "/moi/court", // a short "token": matched afresh, never kept
];

describe("route matching kept per path", () => {
  it("answers as matchRoutes does, on the caller's route objects, from what it kept, and keeps no token", () => {
    let calls = 0;
    const memo = memoiseMatchRoutes((routes, location, basename) => {
      calls++;
      return matchRoutes(routes as never, location, basename) as never;
    });
    for (const round of [1, 2]) {
      for (const path of PATHS) {
        const routes = table(); // new objects each time, as the React render's
        const expected = matchRoutes(routes as never, path);
        const got = memo(routes, round === 1 ? path : { pathname: path });
        expect(got, path).toEqual(expected);
        expect(got?.map((m) => m.route)).toEqual(expected?.map((m) => m.route));
        got?.forEach((m, i) => expect(m.route).toBe(expected![i].route));
      }
    }
    // Paths with a token are kept once per shape (/moi/…), so the second token and the second round were
    // answered from what was kept; only the short "token" was matched again.
    expect(calls).toBe(PATHS.length - 4 + 1);
    const kept = JSON.stringify(keptMatches());
    expect(kept).not.toContain(TOKEN_A);
    expect(kept).not.toContain(TOKEN_B);
    expect(kept).not.toContain("court");
    expect(kept).toContain("/moi/…/ressources/3");
  });
});

describe("the patched router's own match (the CommonJS build the server loads)", () => {
  const require = createRequire(import.meta.url);
  const file = require.resolve("@remix-run/router");
  const patched = require(file) as { matchRoutes: typeof matchRoutes };

  it("is the patched file (and so is the server runtime's, which passes a request without a query string on as it is)", () => {
    expect(readFileSync(file, "utf8")).toContain("Patched (Rendez-vous, patches/)");
    for (const build of ["dist/data.js", "dist/esm/data.js"]) {
      const runtime = readFileSync(path.join(path.dirname(require.resolve("@remix-run/server-runtime/package.json")), build), "utf8");
      expect(runtime.match(/Patched \(Rendez-vous, patches\/\)/g), build).toHaveLength(3);
    }
  });

  it("still answers right after more unknown paths than it keeps (the oldest answers leave first)", () => {
    const kept = table();
    for (const path of PATHS) patched.matchRoutes(kept as never, path);
    for (let i = 0; i < 1200; i++) patched.matchRoutes(kept as never, `/une/page/inconnue-${i}`);
    for (const path of PATHS) {
      const expected = patched.matchRoutes(table() as never, path);
      expect(
        patched.matchRoutes(kept as never, path)?.map((m) => ({ ...m, route: m.route.id })),
        path,
      ).toEqual(expected?.map((m) => ({ ...m, route: m.route.id })));
    }
  });

  it("answers for a kept routes array as for a fresh one, with fresh objects each time, token paths included", () => {
    const kept = table(); // one array, as the server's static handler holds
    for (const round of [1, 2, 3]) {
      for (const path of PATHS) {
        const fresh = table(); // never matched before: computed from scratch
        const expected = patched.matchRoutes(fresh as never, path);
        const got = patched.matchRoutes(kept as never, path);
        expect(
          got?.map((m) => ({ ...m, route: m.route.id })),
          `${path} (round ${round})`,
        ).toEqual(expected?.map((m) => ({ ...m, route: m.route.id })));
        if (got) {
          // An answer is the caller's to change: the next one is not affected.
          const again = patched.matchRoutes(kept as never, path)!;
          expect(again[0]).not.toBe(got[0]);
          expect(again[0].params).not.toBe(got[0].params);
          (got[0].params as Record<string, string>).changed = "oui";
          expect(patched.matchRoutes(kept as never, path)![0].params.changed).toBeUndefined();
        }
      }
    }
  });
});
