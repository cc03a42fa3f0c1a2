// bench/pages under write load (issue #14, item 3; docs/benchmarks.md): public pages loaded by
// autocannon while registrations arrive at a fixed rate (50/s, autocannon's overallRate) and the
// server's scheduler dispatches their confirmation emails to the loopback SMTP sink
// (bench/smtp-sink.mjs). Two cases: registrations to another series than the measured page, and to
// the same series. Reports the page cache's hit rate (from the server's request log: cache "hit" /
// "miss") and the ratio app ÷ raw (the same HTML from a bare node:http server) under the same load.
import { readFileSync, statSync } from "node:fs";
import autocannon from "autocannon";
import { round, startAppServer, startRawServer, get, withTimeout, registrationForm, registrationPost } from "./lib.mjs";
import { startSink } from "./sink-client.mjs";

const WRITE_SERIES = "rdv-sante-mentale-jeunes-eure-demo";
export const WRITE_LOAD_CASES = [
  { name: "other series", path: "/series/rdv-sante-qpv-seine-maritime-2022" },
  { name: "same series", path: `/series/${WRITE_SERIES}` },
];

/** Starts registrations at `rate`/s to the demo series (distinct addresses, open sessions in turn); returns stop(). */
async function startRegistrations(appUrl, rate, tag) {
  const { ids, hybrid } = await registrationForm(appUrl, WRITE_SERIES);
  let n = 0;
  let result = null;
  const instance = autocannon(
    {
      url: `${appUrl}/series/${WRITE_SERIES}/inscription`,
      connections: 4,
      overallRate: rate,
      duration: 3600,
      requests: [
        {
          method: "POST",
          setupRequest: (req) => registrationPost(req, { ids, hybrid }, ++n, `write-${tag}-${n}@example.org`),
        },
      ],
    },
    (err, r) => (result = err ? { error: err } : r),
  );
  const started = performance.now();
  return async () => {
    instance.stop();
    await withTimeout(
      new Promise((resolve) => {
        const check = () => (result ? resolve() : setTimeout(check, 20));
        check();
      }),
      10_000,
      "registration load did not stop",
    );
    const seconds = (performance.now() - started) / 1000;
    return {
      accepted: result["3xx"] ?? 0,
      other: (result["2xx"] ?? 0) + (result["4xx"] ?? 0) + (result["5xx"] ?? 0),
      perSecond: round((result["3xx"] ?? 0) / seconds, 1),
    };
  };
}

async function pageLoad(url, connections, duration) {
  const r = await withTimeout(autocannon({ url, connections, duration, timeout: 10 }), (duration + 30) * 1000, `autocannon on ${url} did not finish`);
  return { reqPerSec: round(r.requests.average, 1), p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors + r.timeouts };
}

function cacheCounts(logFile, from, pagePath) {
  const text = readFileSync(logFile).subarray(from).toString("utf8");
  const counts = { hit: 0, miss: 0, emailsSent: 0 };
  for (const line of text.split("\n")) {
    if (!line.includes('"request"')) continue;
    try {
      const e = JSON.parse(line);
      if (e.path === pagePath && e.cache) counts[e.cache]++;
    } catch {
      // not JSON
    }
  }
  return counts;
}

/** Runs both cases on a server of its own (SMTP to the sink); returns one result per case. */
export async function runUnderWriteLoad({ connections, duration, rate = 50, log = console.log }) {
  const sink = await startSink({ timeoutMs: 60_000 });
  const app = await startAppServer({
    env: { SMTP_URL: sink.url, MAIL_POLL_SECONDS: "1", RATE_LIMIT_PER_IP: "100000000", RATE_LIMIT_PER_EMAIL: "100000000", RATE_LIMIT_WINDOW_SECONDS: "3600" },
  });
  const results = [];
  try {
    for (const c of WRITE_LOAD_CASES) {
      const url = app.url + c.path;
      const html = (await get(url)).body;
      const raw = await startRawServer(html);
      log(`\n[under write load: ${c.name}] ${c.path} — registrations at ${rate}/s to ${WRITE_SERIES}, emails to the SMTP sink`);
      await sink.reset();
      let stop = await startRegistrations(app.url, rate, `${results.length}a`);
      const before = statSync(app.logFile).size;
      const appRun = await pageLoad(url, connections, duration);
      const writesApp = await stop();
      const counts = cacheCounts(app.logFile, before, c.path);
      const emails = (await sink.stats()).received;
      stop = await startRegistrations(app.url, rate, `${results.length}b`);
      const rawRun = await pageLoad(raw.url + "/", connections, duration);
      const writesRaw = await stop();
      await raw.close();
      const hitRate = counts.hit + counts.miss ? round(counts.hit / (counts.hit + counts.miss), 4) : null;
      const r = {
        ...c,
        rate,
        app: appRun,
        raw: rawRun,
        ratio: round(appRun.reqPerSec / rawRun.reqPerSec, 3),
        hits: counts.hit,
        misses: counts.miss,
        hitRate,
        writesApp,
        writesRaw,
        emailsDuringAppRun: emails,
      };
      log(
        `  app ${appRun.reqPerSec} req/s, raw ${rawRun.reqPerSec} req/s, ratio ${r.ratio}; hit rate ${hitRate} (${counts.miss} misses); registrations ${writesApp.perSecond}/s (${writesApp.other} refused); ${emails} emails sent`,
      );
      results.push(r);
    }
  } finally {
    await app.stop();
    app.cleanup();
    await sink.close();
  }
  return results;
}
