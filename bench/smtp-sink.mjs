// Loopback SMTP sink for bench/dispatch.mjs, run in its own process (forked with an IPC channel) so
// its CPU time is not charged to the sender. Accepts every message, parses only the header block
// (until the first empty line) to read Message-ID, counts messages and de-duplicates by Message-ID.
// No mailparser on the bodies: the sink must stay cheap.
//
// IPC protocol (parent → sink):
//   { type: "reset" }                 forget everything received so far
//   { type: "notifyAt", n }           send { type: "reached", n, received } when `n` messages are in
//   { type: "stats", ids?: boolean }  reply { type: "stats", ... } (with the unique ids if asked)
//   { type: "sample" }                reply { type: "sample", raw } — the first message, raw
// sink → parent: { type: "ready", port } once listening on 127.0.0.1.
// It exits on SIGTERM or when the parent disconnects.
//
// smtp-server waits 100 ms after accepting a connection before it greets the client (to catch
// "early talkers"). That pause is a property of this test server, not of the sender, so it is
// removed by default (the greeting is sent at once); BENCH_SINK_GREETING_PAUSE=1 keeps it.
import { SMTPServer } from "smtp-server";
import { SMTPConnection } from "smtp-server/lib/smtp-connection.js";

let greetingPause = true;
if (process.env.BENCH_SINK_GREETING_PAUSE !== "1" && typeof SMTPConnection.prototype._setListeners === "function") {
  SMTPConnection.prototype.init = function init() {
    this._setListeners(() => this.connectionReady());
  };
  greetingPause = false;
}

const HOST = "127.0.0.1";

let state;
function reset() {
  state = {
    received: 0, // messages fully received (terminating "." seen), duplicates included
    bytes: 0,
    ids: new Map(), // Message-ID → times received
    recipients: new Set(),
    noMessageId: 0,
    aborted: 0, // DATA streams cut by a closed connection (not counted as received)
    connections: 0,
    firstAt: null, // performance.now() at the end of the first / last message
    lastAt: null,
    sample: null,
    cpuStart: process.cpuUsage(),
    wallStart: performance.now(),
  };
}
reset();
let notify = null;

const HEADER_END = Buffer.from("\r\n\r\n");

/** Message-ID from a raw header block (handles folding: the value may be on the next line). */
function messageIdOf(headerText) {
  const m = /^message-id:[ \t]*(?:\r?\n[ \t]+)?(<[^>\r\n]*>|[^\r\n]+)/im.exec(headerText);
  return m ? m[1].trim() : null;
}

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  disableReverseLookup: true,
  logger: false,
  size: 10 * 1024 * 1024,
  onConnect(session, callback) {
    state.connections++;
    callback();
  },
  onData(stream, session, callback) {
    const keepAll = state.sample === null; // keep the first message whole, as a sample
    const chunks = [];
    let head = Buffer.alloc(0);
    let headerDone = false;
    let size = 0;
    let messageId = null;
    let ended = false;
    stream.on("data", (chunk) => {
      size += chunk.length;
      if (keepAll) chunks.push(chunk);
      if (headerDone) return;
      head = head.length ? Buffer.concat([head, chunk]) : chunk;
      const end = head.indexOf(HEADER_END);
      if (end >= 0 || head.length > 64 * 1024) {
        headerDone = true;
        messageId = messageIdOf(head.subarray(0, end >= 0 ? end : head.length).toString("latin1"));
        head = null;
      }
    });
    stream.on("close", () => {
      if (!ended) state.aborted++;
    });
    stream.on("end", () => {
      ended = true;
      if (!headerDone && head) messageId = messageIdOf(head.toString("latin1"));
      const now = performance.now();
      state.received++;
      state.bytes += size;
      state.firstAt ??= now;
      state.lastAt = now;
      if (keepAll && state.sample === null) state.sample = Buffer.concat(chunks).toString("utf8");
      if (messageId) state.ids.set(messageId, (state.ids.get(messageId) ?? 0) + 1);
      else state.noMessageId++;
      for (const r of session.envelope.rcptTo) state.recipients.add(r.address);
      if (notify && state.received >= notify.n) {
        const n = notify.n;
        notify = null;
        process.send({ type: "reached", n, received: state.received });
      }
      callback();
    });
  },
});

function stats(withIds) {
  const cpu = process.cpuUsage(state.cpuStart);
  let duplicates = 0;
  const duplicated = [];
  for (const [id, n] of state.ids) {
    if (n > 1) {
      duplicates += n - 1;
      if (duplicated.length < 50) duplicated.push(id);
    }
  }
  return {
    type: "stats",
    received: state.received,
    unique: state.ids.size,
    duplicates,
    duplicated,
    noMessageId: state.noMessageId,
    recipients: state.recipients.size,
    aborted: state.aborted,
    connections: state.connections,
    bytes: state.bytes,
    firstToLastMs: state.firstAt === null ? null : state.lastAt - state.firstAt,
    cpuMs: (cpu.user + cpu.system) / 1000,
    wallMs: performance.now() - state.wallStart,
    ids: withIds ? [...state.ids.keys()] : undefined,
  };
}

process.on("message", (m) => {
  if (m.type === "reset") {
    reset();
    notify = null;
    process.send({ type: "reset" });
  } else if (m.type === "notifyAt") {
    if (state.received >= m.n) process.send({ type: "reached", n: m.n, received: state.received });
    else notify = { n: m.n };
  } else if (m.type === "stats") {
    process.send(stats(m.ids));
  } else if (m.type === "sample") {
    process.send({ type: "sample", raw: state.sample });
  }
});

const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("disconnect", stop);

server.on("error", (err) => {
  console.error("smtp sink:", err);
});
server.listen(0, HOST, () => process.send({ type: "ready", port: server.server.address().port, greetingPause }));
