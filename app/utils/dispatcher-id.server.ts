// Who holds an outbox lease: "host:pid:start:run". A dispatcher that sees a lease held by a process of
// this machine that no longer runs (killed, crashed) takes its rows at once instead of waiting for the
// lease to expire. `start` is the process's start time (Linux: /proc/<pid>/stat), so a reused pid is
// not mistaken for the dead process. Leases of other machines, or of a process we cannot inspect, are
// left to expire.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { hostname } from "node:os";

function startTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // After the command name (in parentheses, may hold spaces): field 3 is the state, field 22 the
    // start time. A killed process not yet reaped (zombie, Z) or dying (X) is gone: no start time.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (fields[0] === "Z" || fields[0] === "X") return "gone";
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

const host = hostname().replace(/:/g, "_");
const selfStart = startTime(process.pid) ?? "?";

/** A new owner id for one dispatcher (one per scheduler or CLI run). */
export function newDispatcherId(): string {
  return `${host}:${process.pid}:${selfStart}:${randomBytes(4).toString("hex")}`;
}

/** True when `owner` names a process of this machine that is certainly gone. */
export function isDispatcherGone(owner: string): boolean {
  const [ownerHost, pidText, start] = owner.split(":");
  if (ownerHost !== host) return false;
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return start !== selfStart;
  if (start !== "?") {
    const now = startTime(pid);
    if (now !== null) return now !== start;
    // No /proc entry: on Linux that means no such process.
    if (process.platform === "linux") return true;
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
