// The production server as an operator meets it: pages, errors, health, logs, configuration, shutdown.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textOf } from "../helpers/html";
import { freePort, startServer, type TestServer } from "../helpers/server";

const SERIES = "/series/rdv-sante-qpv-seine-maritime-2022";
const SESSION = `${SERIES}/sessions/rdv-1-politiques-regionales`;

let server: TestServer;
beforeAll(async () => {
  // The server's own clock zone must not matter: run it on the other side of the world.
  server = await startServer({ TZ: "Pacific/Auckland" });
});
afterAll(async () => {
  await server?.stop();
});

async function get(path: string, init?: RequestInit) {
  const res = await fetch(server.url + path, init);
  return { status: res.status, headers: res.headers, body: await res.text() };
}

describe("public pages", () => {
  it("serves the home page with upcoming series first, then archives", async () => {
    const { status, body } = await get("/");
    expect(status).toBe(200);
    expect(body).toMatch(/<html lang="fr"/);
    const upcoming = body.indexOf("À venir");
    const archives = body.indexOf("Archives");
    expect(upcoming).toBeGreaterThan(0);
    expect(body.indexOf("santé mentale des jeunes")).toBeGreaterThan(upcoming);
    expect(body.indexOf("santé mentale des jeunes")).toBeLessThan(archives);
    expect(body.lastIndexOf("quartier prioritaire politique de la ville")).toBeGreaterThan(archives);
  });

  it("filters the home page by territory with a labelled menu (a GET form), keeps it in the address, and answers 404 for a territory no series has", async () => {
    const home = await get("/");
    // The menu: its label, « Tous les territoires » first, then the territories of the public series.
    expect(home.body).toMatch(/<label for="filtre-territoire">Territoire<\/label>/);
    const menu = home.body.slice(home.body.indexOf('<select id="filtre-territoire"'), home.body.indexOf("</select>"));
    expect(textOf(menu)).toBe("Tous les territoires Eure (27) Seine-Maritime (76)");
    const eure = await get(`/?territoire=${encodeURIComponent("Eure (27)")}`);
    expect(eure.status).toBe(200);
    expect(eure.body).toContain("À venir — Eure (27)");
    expect(eure.body).toContain("santé mentale des jeunes");
    expect(eure.body).not.toContain("quartier prioritaire politique de la ville");
    expect(eure.body).toContain("Aucune série passée sur ce territoire.");
    expect(eure.body).toMatch(/<option value="Eure \(27\)" selected="">/);
    const unknown = await get("/?territoire=Nulle%20part");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain("Page introuvable");
  });

  it("shows the series page in Paris time even on a server in Auckland", async () => {
    const { status, body } = await get(SERIES);
    expect(status).toBe(200);
    const text = textOf(body);
    expect(text).toContain("mardi 29 mars 2022, 9 h 30 – 12 h");
    expect(text).toContain("mardi 21 juin 2022, 14 h – 16 h 30");
    for (const s of [
      "Objectifs",
      "Pour qui ?",
      "Quelques données",
      "98 498",
      "Avant de démarrer",
      "Micro coupé",
      "Organisé par",
      "Avec l’appui de",
      "02 31 75 11 20",
      "Comment intégrer davantage la santé",
      "Seine-Maritime (76)",
    ]) {
      expect(text).toContain(s);
    }
  });

  it("gives a clear « Inscription obligatoire » call to action on an open series", async () => {
    const { body } = await get("/series/rdv-sante-mentale-jeunes-eure-demo");
    expect(body).toContain("Inscription obligatoire");
    expect(body).toMatch(/href="\/series\/rdv-sante-mentale-jeunes-eure-demo\/inscription"/);
  });

  it("shows the session’s timed programme, round tables and rules", async () => {
    const { status, body } = await get(SESSION);
    expect(status).toBe(200);
    const text = textOf(body);
    for (const s of [
      "9 h 30",
      "Accueil, introduction",
      "Tables rondes",
      "Table ronde #1",
      "Christelle Gougeon",
      "Direction de la santé publique, ARS Normandie",
      "Pause",
      "Clôture",
      "Micro coupé",
      "Ajouter à mon agenda",
    ]) {
      expect(text).toContain(s);
    }
  });

  it("embeds schema.org JSON-LD: an EventSeries with its Events, and an Event per session", async () => {
    const series = await get(SERIES);
    const ld = JSON.parse(series.body.match(/<script type="application\/ld\+json"[^>]*>(.*?)<\/script>/s)![1]);
    expect(ld["@type"]).toBe("EventSeries");
    expect(ld.subEvent).toHaveLength(5);
    expect(ld.subEvent[0]).toMatchObject({
      "@type": "Event",
      startDate: "2022-03-29T09:30:00+02:00",
      eventAttendanceMode: "https://schema.org/OnlineEventAttendanceMode",
      location: { "@type": "VirtualLocation" },
    });
    const session = await get(SESSION);
    const ev = JSON.parse(session.body.match(/<script type="application\/ld\+json"[^>]*>(.*?)<\/script>/s)![1]);
    expect(ev).toMatchObject({ "@type": "Event", superEvent: { "@type": "EventSeries" }, endDate: "2022-03-29T12:00:00+02:00" });
  });

  it("serves the session .ics and the series feed in UTC", async () => {
    const one = await get(`${SESSION}/calendar.ics`);
    expect(one.status).toBe(200);
    expect(one.headers.get("content-type")).toMatch(/^text\/calendar/);
    expect(one.body).toMatch(/DTSTART:20220329T073000Z/);
    const feed = await get(`${SERIES}/calendar.ics`);
    expect(feed.body.match(/BEGIN:VEVENT/g)).toHaveLength(5);
  });

  it("lists the directory of actors with their sessions", async () => {
    const { status, body } = await get("/acteurs");
    expect(status).toBe(200);
    expect(body).toContain("Sandra Bréard-Courbé");
    expect(body).toContain("Atelier Santé Ville de Rouen");
    expect(body).toContain(`href="${SESSION}"`);
  });

  it("answers unknown pages, series and sessions with a French 404", async () => {
    for (const path of ["/nulle-part", "/series/inconnue", `${SERIES}/sessions/inconnue`, `${SERIES}/sessions/inconnue/calendar.ics`]) {
      const { status, body } = await get(path);
      expect(status, path).toBe(404);
      if (path.endsWith(".ics")) continue;
      expect(body).toContain("Page introuvable");
      // The title is the document's, in <head> (React 18 does not move a <title> rendered in <body>).
      const head = body.slice(0, body.indexOf("</head>"));
      expect(head, path).toContain("<title>Page introuvable — Rendez-vous</title>");
      expect(body.match(/<title>/g), path).toHaveLength(1);
    }
  });

  it("compresses pages for clients that accept gzip and caches assets for a year", async () => {
    const res = await fetch(server.url + SERIES, { headers: { "accept-encoding": "gzip" } });
    expect(res.headers.get("content-encoding")).toBe("gzip");
    const html = await res.text();
    const asset = html.match(/\/assets\/[^"]+\.js/)![0];
    const a = await fetch(server.url + asset);
    expect(a.status).toBe(200);
    expect(a.headers.get("cache-control")).toContain("immutable");
  });
});

describe("operations", () => {
  it("has a health check that pings the database", async () => {
    const { status, body } = await get("/healthz");
    expect(status).toBe(200);
    expect(JSON.parse(body)).toMatchObject({ status: "ok", database: "ok", dispatcher: { lastError: null, oldestDueSeconds: null } });
  });

  it("logs each request as a JSON line, without query strings", async () => {
    await get("/acteurs?email=marie@example.org");
    const lines = server
      .stdout()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const entry = lines.find((l) => l.msg === "request" && l.path === "/acteurs");
    expect(entry).toMatchObject({ level: "info", method: "GET", status: 200 });
    expect(typeof entry.ms).toBe("number");
    expect(server.stdout()).not.toContain("marie@example.org");
  });
});

describe("start-up and shutdown", () => {
  it("stops with a clear message naming a wrong variable", async () => {
    const proc = spawn(process.execPath, ["server.mjs"], {
      env: { PATH: process.env.PATH, ENV_FILE: "", PORT: "quatre-mille" } as unknown as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let err = "";
    proc.stderr.on("data", (c) => (err += c));
    const code = await new Promise((r) => proc.on("exit", r));
    expect(code).toBe(1);
    expect(err).toMatch(/Configuration invalide/);
    expect(err).toMatch(/PORT doit être un nombre/);
  });

  it("reads its configuration from the env file named by ENV_FILE, the one the command-line tools read", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "rdv-envfile-"));
    const port = await freePort();
    const envFile = path.join(dir, "rendez-vous.env");
    writeFileSync(envFile, `PORT=${port}\nAPP_URL=http://rdv.example.test:${port}\nDATABASE_PATH=${path.join(dir, "db.sqlite")}\n`);
    const proc = spawn(process.execPath, ["server.mjs"], {
      env: { PATH: process.env.PATH, ENV_FILE: envFile } as unknown as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      let out = "";
      await new Promise<void>((resolve, reject) => {
        proc.stdout.on("data", (c) => {
          out += c;
          if (out.includes('"listening"')) resolve();
        });
        proc.on("exit", () => reject(new Error(out)));
      });
      expect(existsSync(path.join(dir, "db.sqlite"))).toBe(true);
      const page = await (await fetch(`http://127.0.0.1:${port}/series/rdv-sante-qpv-seine-maritime-2022`)).text();
      expect(page).toContain(`http://rdv.example.test:${port}/series/rdv-sante-qpv-seine-maritime-2022`);
    } finally {
      proc.kill("SIGTERM");
      await new Promise((r) => proc.on("exit", r));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses to start in production without SESSION_SECRET or APP_URL", async () => {
    const proc = spawn(process.execPath, ["server.mjs"], {
      env: { PATH: process.env.PATH, ENV_FILE: "", NODE_ENV: "production" } as unknown as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let err = "";
    proc.stderr.on("data", (c) => (err += c));
    expect(await new Promise((r) => proc.on("exit", r))).toBe(1);
    expect(err).toMatch(/SESSION_SECRET est obligatoire en production/);
    expect(err).toMatch(/APP_URL est obligatoire en production/);
  });

  it("on SIGTERM stops accepting, finishes the request in flight, closes the database and exits 0", async () => {
    const s = await startServer();
    // A request whose body is still being sent when the signal arrives.
    const response = new Promise<number>((resolve, reject) => {
      const req = http.request(
        `${s.url}/acteurs`,
        { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "transfer-encoding": "chunked" } },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode!));
        },
      );
      req.on("error", reject);
      req.write("a=1");
      (s as any).finishRequest = () => req.end("&b=2");
    });
    await new Promise<void>((resolve) => {
      const check = () => (s.stdout().includes('"path":"/healthz"') ? resolve() : setTimeout(check, 10));
      http.get(`${s.url}/healthz`, { agent: false }, (res) => res.resume());
      check();
    }); // the server has certainly accepted the pending request by now
    s.proc.kill("SIGTERM");
    await new Promise<void>((resolve) => {
      const check = () => (s.stdout().includes('"msg":"shutting down"') ? resolve() : setTimeout(check, 10));
      check();
    });
    // New connections are refused while the old one is still open.
    const refused = await new Promise<string>((resolve) => {
      const socket = net.connect(s.port, "127.0.0.1", () => (socket.destroy(), resolve("connected")));
      socket.on("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? "error"));
    });
    expect(refused).toBe("ECONNREFUSED");
    expect(s.proc.exitCode).toBeNull();
    (s as any).finishRequest();
    expect(await response).toBe(405);
    expect(await s.exited).toBe(0);
    expect(s.stdout()).toContain('"msg":"database closed"');
    // Closing the last connection checkpoints and removes the WAL file.
    expect(existsSync(`${s.databasePath}-wal`)).toBe(false);
    await s.stop();
  });
});
