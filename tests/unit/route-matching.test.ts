// Remix's route matching kept per path (app/http/route-matching.server.ts): the memoised matchRoutes
// answers exactly as @remix-run/router's own for the app's route table, with the caller's route objects,
// from what it kept (the original is not called again), and keeps no personal link's token.
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
