/**
 * `BENCH_CPU_PROFILE=<file>`: a V8 CPU profile of the server process over one phase of a bench
 * only (not module loading or setup), for Chrome DevTools or speedscope. Without the variable
 * the phase just runs. A second phase of the same bench names its file with a suffix.
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";

export async function profiled<T>(phase: string, run: () => Promise<T>, suffix = ""): Promise<T> {
  if (!process.env.BENCH_CPU_PROFILE) return run();
  const file = `${process.env.BENCH_CPU_PROFILE}${suffix}`;
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 500 });
  await session.post("Profiler.start");
  try {
    return await run();
  } finally {
    const { profile } = await session.post("Profiler.stop");
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    console.log(`wrote the CPU profile of ${phase} to ${file}`);
  }
}
