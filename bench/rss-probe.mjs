// Preloaded into a measured process (`node --import ./bench/rss-probe.mjs …`) by bench/dispatch.mjs:
// when that process exits normally, writes its peak resident set size (getrusage ru_maxrss, the
// same figure as VmHWM in /proc/<pid>/status) and its CPU time to the file named by
// BENCH_PROBE_FILE. It does nothing else (a process killed with SIGKILL writes nothing).
import { writeFileSync } from "node:fs";

const file = process.env.BENCH_PROBE_FILE;
if (file) {
  process.on("exit", (code) => {
    const usage = process.resourceUsage();
    try {
      writeFileSync(file, JSON.stringify({ code, maxRssKb: usage.maxRSS, userCpuMs: usage.userCPUTime / 1000, systemCpuMs: usage.systemCPUTime / 1000 }));
    } catch {
      // the bench reports the sampled VmHWM instead
    }
  });
}
