// Autocannon POSTs of the demo registration form for bench/register-ab.mjs: node bench/register-load.mjs <url> [seconds].
import autocannon from "autocannon";
import { registrationForm, registrationPost } from "./lib.mjs";
const [url, duration] = [process.argv[2], Number(process.argv[3] ?? 8)];
const SLUG = "rdv-sante-mentale-jeunes-eure-demo";
const { ids, hybrid } = await registrationForm(url, SLUG);
let n = 0;
const r = await autocannon({
  url: `${url}/series/${SLUG}/inscription`,
  connections: 20,
  duration,
  requests: [
    {
      method: "POST",
      setupRequest: (req) => registrationPost(req, { ids, hybrid }, ++n, `b-${n}-${Date.now()}@example.org`),
    },
  ],
});
console.log("req/s", r.requests.average, "3xx", r["3xx"], "other", r.non2xx - r["3xx"]);
