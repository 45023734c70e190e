/**
 * Load from an autocannon child process, so that generating requests does not take the event
 * loop of the server being measured (on a 2-core machine the two still share the cores). Used
 * by bench:api and bench:jobs; any non-2xx answer, error or timeout fails the measurement.
 */
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import type { Result } from "autocannon";

export interface Measured {
  /** Requests answered in the whole run. */
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
}

const AUTOCANNON = resolve(__dirname, "../node_modules/.bin/autocannon");

export async function measure(
  url: string,
  o: { seconds: number; connections: number; headers?: Record<string, string> },
): Promise<Measured> {
  const args = ["--json", "-c", String(o.connections), "-d", String(o.seconds)];
  for (const [name, value] of Object.entries(o.headers ?? {})) args.push("-H", `${name}=${value}`);
  const { stdout } = await promisify(execFile)(AUTOCANNON, [...args, url], { maxBuffer: 1 << 24 });
  const result = JSON.parse(stdout) as Result;
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) throw new Error(`${url}: ${failed} of ${result.requests.total} requests failed`);
  return {
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  };
}
