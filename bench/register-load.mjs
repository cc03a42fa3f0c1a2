// Autocannon POSTs of the demo registration form for bench/register-ab.mjs: node bench/register-load.mjs <url> [seconds].
import autocannon from "autocannon";
const [url, duration] = [process.argv[2], Number(process.argv[3] ?? 8)];
const SLUG = "rdv-sante-mentale-jeunes-eure-demo";
const form = await (await fetch(`${url}/series/${SLUG}/inscription`)).text();
const ids = [...form.matchAll(/<input type="checkbox" name="sessions"([^>]*)>/g)]
  .filter((m) => !m[1].includes("disabled"))
  .map((m) => m[1].match(/value="(\d+)"/)[1]);
const hybrid = new Set([...form.matchAll(/name="participation-(\d+)"/g)].map((m) => m[1]));
let n = 0;
const r = await autocannon({
  url: `${url}/series/${SLUG}/inscription`,
  connections: 20,
  duration,
  requests: [
    {
      method: "POST",
      setupRequest: (req) => {
        n++;
        const body = new URLSearchParams({
          firstName: "Camille",
          lastName: `B-${n}`,
          email: `b-${n}-${Date.now()}@example.org`,
          organisation: "Asso",
          structureType: "association",
          territory: "Évreux",
          consent: "oui",
        });
        const s = ids[n % ids.length];
        body.append("sessions", s);
        if (hybrid.has(s)) body.append(`participation-${s}`, "remote");
        return { ...req, headers: { "content-type": "application/x-www-form-urlencoded" }, body: body.toString() };
      },
    },
  ],
});
console.log("req/s", r.requests.average, "3xx", r["3xx"], "other", r.non2xx - r["3xx"]);
