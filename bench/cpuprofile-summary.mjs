// Summary of a V8 .cpuprofile (as written by `node --cpu-prof`): where the time went.
//
//   node bench/cpuprofile-summary.mjs <file.cpuprofile> [top=25]
//
// Prints the total sampled time, idle / GC / program shares, the top functions by self time, the
// top files (or packages) by self time, and the inclusive time of a few functions of interest
// (renderMessage, sendMail, claimDue, …: every sample with that function anywhere on its stack).
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Where a call frame's code lives: "pkg:<name>" for node_modules, a project-relative path, or "node:…". */
function locationOf(url, root) {
  if (!url) return "(native)";
  let file = url;
  try {
    if (url.startsWith("file://")) file = fileURLToPath(url);
  } catch {
    // keep it as it is
  }
  const nm = file.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = file.slice(nm + "node_modules/".length).split("/");
    return `pkg:${rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  if (root && file.startsWith(root)) return path.relative(root, file);
  return file;
}

export const INTERESTING = [
  "dispatchDue",
  "planAccessCodes",
  "claimDue",
  "renderMessage",
  "createPersonalLink",
  "accessCodesEmail",
  "privateSessionIcs",
  "sessionIcs",
  "getProgramme",
  "seriesRules",
  "registrationWithSession",
  "markSent",
  "sendMail",
  "send",
  "compile",
];

export function summarise(file, { top = 25, root } = {}) {
  const profile = JSON.parse(readFileSync(file, "utf8"));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const deltas = profile.timeDeltas ?? [];
  const selfUs = new Map(); // node id → µs
  let totalUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = Math.max(0, deltas[i] ?? 0);
    totalUs += dt;
    selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + dt);
  }
  const byFunction = new Map();
  const byLocation = new Map();
  let idleUs = 0;
  let gcUs = 0;
  let programUs = 0;
  const inclusive = new Map(INTERESTING.map((name) => [name, 0]));
  for (const [id, us] of selfUs) {
    const node = nodes.get(id);
    const f = node.callFrame;
    const name = f.functionName || "(anonymous)";
    if (name === "(idle)") idleUs += us;
    else if (name === "(garbage collector)") gcUs += us;
    else if (name === "(program)") programUs += us;
    const loc = locationOf(f.url, root);
    const key = `${name} ${loc}${f.url ? `:${f.lineNumber + 1}` : ""}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    if (!name.startsWith("(")) byLocation.set(loc, (byLocation.get(loc) ?? 0) + us);
    // inclusive: each interesting name once per stack
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const fn = nodes.get(cur).callFrame.functionName;
      if (inclusive.has(fn) && !seen.has(fn)) {
        seen.add(fn);
        inclusive.set(fn, inclusive.get(fn) + us);
      }
    }
  }
  const ms = (us) => Math.round(us / 100) / 10;
  const sorted = (m) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return {
    file,
    totalMs: ms(totalUs),
    idleMs: ms(idleUs),
    gcMs: ms(gcUs),
    programMs: ms(programUs),
    busyMs: ms(totalUs - idleUs),
    topFunctions: sorted(byFunction)
      .slice(0, top)
      .map(([k, us]) => ({ function: k, selfMs: ms(us) })),
    topLocations: sorted(byLocation)
      .slice(0, top)
      .map(([k, us]) => ({ location: k, selfMs: ms(us) })),
    inclusiveMs: Object.fromEntries([...inclusive.entries()].filter(([, us]) => us > 0).map(([k, us]) => [k, ms(us)])),
  };
}

export function printSummary(s) {
  console.log(`profile ${s.file}`);
  console.log(`  sampled ${s.totalMs} ms: idle ${s.idleMs}, busy ${s.busyMs} (GC ${s.gcMs}, program ${s.programMs})`);
  console.log("  top functions by self time (ms):");
  for (const f of s.topFunctions) console.log(`    ${String(f.selfMs).padStart(8)}  ${f.function}`);
  console.log("  top files / packages by self time (ms):");
  for (const f of s.topLocations) console.log(`    ${String(f.selfMs).padStart(8)}  ${f.location}`);
  console.log("  inclusive time of functions of interest (ms):");
  for (const [k, v] of Object.entries(s.inclusiveMs)) console.log(`    ${String(v).padStart(8)}  ${k}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error("usage: node bench/cpuprofile-summary.mjs <file.cpuprofile> [top]");
    process.exit(2);
  }
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  printSummary(summarise(file, { top: Number(top) || 25, root }));
}
