// Raw baseline of bench/dispatch.mjs: a plain Node script, no database, no rendering — nodemailer's
// pooled SMTP transport with the pool settings the app asks for (maxConnections 4, other options at
// nodemailer's defaults) sending `count` messages equivalent to the app's access-codes email.
//
//   node bench/dispatch-raw.mjs <sample.json> <port> <count> [stock|nodelay]
//
// sample.json holds the parts of one message the app sent (subject, text, html, the .ics
// attachment, the List-Unsubscribe headers, the personal-link token found in text and html). Each
// message gets its own recipient, its own Message-ID and a fresh random token in place of the
// sample's, and is sent by one of 4 workers that each await sendMail() in turn — the shape of the
// app's dispatcher (4 concurrent sends). Mode "nodelay" (informative) gives nodemailer sockets
// with Nagle's algorithm off (getSocket + setNoDelay); "stock" leaves nodemailer as it is.
// Prints one JSON line on stdout.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import net from "node:net";
import nodemailer from "nodemailer";

const [sampleFile, portArg, countArg, mode = "stock"] = process.argv.slice(2);
const port = Number(portArg);
const count = Number(countArg);
const sample = JSON.parse(readFileSync(sampleFile, "utf8"));
const HOST = "127.0.0.1";
const CONCURRENCY = 4;

const options = { host: HOST, port, pool: true, maxConnections: 4 };
if (mode === "nodelay") {
  options.getSocket = (_opts, callback) => {
    const socket = net.connect({ host: HOST, port });
    socket.setNoDelay(true);
    socket.once("connect", () => callback(null, { connection: socket }));
    socket.once("error", (err) => callback(err));
  };
}
const transport = nodemailer.createTransport(options);

const replaceToken = (s, token) => (sample.token ? s.split(sample.token).join(token) : s);

let next = 0;
let sent = 0;
let failed = 0;
const t0 = performance.now();
async function worker() {
  while (next < count) {
    const i = next++;
    const token = randomBytes(24).toString("base64url");
    try {
      await transport.sendMail({
        from: sample.from,
        to: `raw${i}@example.org`,
        subject: sample.subject,
        text: replaceToken(sample.text, token),
        html: replaceToken(sample.html, token),
        messageId: `<raw.${i}.${randomBytes(9).toString("base64url")}@rdv.example.org>`,
        date: new Date(),
        headers: Object.fromEntries(Object.entries(sample.headers).map(([k, v]) => [k, replaceToken(v, token)])),
        attachments: [{ filename: sample.attachment.filename, contentType: sample.attachment.contentType, content: sample.attachment.content }],
      });
      sent++;
    } catch (error) {
      failed++;
      if (failed <= 3) console.error(`raw send failed: ${error?.message ?? error}`);
    }
  }
}
await Promise.all(Array.from({ length: CONCURRENCY }, worker));
transport.close();
console.log(JSON.stringify({ mode, sent, failed, sendMs: Math.round(performance.now() - t0) }));
