/**
 * The whole machine's CPU time (every process: the server, Postgres, Redis, the load generator),
 * from /proc/stat. On two cores the throughput ceiling is what a unit of work costs all of them
 * together, not the server process alone. Undefined where /proc/stat is missing.
 */
import { readFileSync } from "node:fs";

/** Busy milliseconds summed over all cores since boot: user, nice, system, irq and softirq. */
function busyMs(): number | undefined {
  try {
    const [, user, nice, system, , , irq, softirq] = readFileSync("/proc/stat", "utf8")
      .split("\n")[0]!
      .trim()
      .split(/\s+/);
    return ((Number(user) + Number(nice) + Number(system) + Number(irq) + Number(softirq)) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** Starts a measurement; the returned function gives the busy milliseconds since. */
export function machineCpu(): () => number | undefined {
  const before = busyMs();
  return () => {
    const after = busyMs();
    return before === undefined || after === undefined ? undefined : after - before;
  };
}
