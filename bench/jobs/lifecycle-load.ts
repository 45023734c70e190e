/**
 * The jobs bench's load generator, run as a child process (forked by bench/jobs.ts) so that
 * issuing requests does not take the event loop of the server it measures. Each client loops
 * over one direct job's whole life through the HTTP API: the client creates it (`POST /jobs`,
 * with an Idempotency-Key as a careful agent sends), the provider delivers it, the client
 * accepts the delivery. Every answer is checked; a failed step fails the run.
 *
 * Protocol (IPC, bench/jobs/load-child.ts): the parent sends one `LoadPlan`; the child answers
 * `progress` messages about once a second and a final `result` (or `failed`). The first `warmupSeconds` are run but not
 * counted; then lifecycles finishing within the next `seconds` are, and each step's latency is
 * kept for every lifecycle that started inside the window.
 */
import { randomUUID } from "node:crypto";
import { JsonClient } from "./http-client.js";
import { type LoadMessage, serveLoad, withProgress } from "./load-child.js";

export interface LoadPlan {
  base: string;
  providerKey: string;
  /** One API key and service per concurrent client. */
  clients: { apiKey: string; serviceId: string }[];
  warmupSeconds: number;
  seconds: number;
}

export type Step = "create" | "deliver" | "accept";

export interface LoadResult {
  /** Lifecycles that finished inside the measured window. */
  lifecycles: number;
  /** Every lifecycle run, warm-up and the window's stragglers included. */
  total: number;
  seconds: number;
  latencies: Record<Step, number[]>;
}

const OUTPUT = { bullets: ["benchmarked", "delivered"] };

async function run(plan: LoadPlan, report: (m: LoadMessage<LoadResult>) => void): Promise<LoadResult> {
  const http = new JsonClient(plan.base, plan.clients.length * 2);
  const latencies: Record<Step, number[]> = { create: [], deliver: [], accept: [] };
  const started = performance.now();
  const windowStart = started + plan.warmupSeconds * 1000;
  const windowEnd = windowStart + plan.seconds * 1000;
  let counted = 0;
  let total = 0;

  const timed = async <T>(samples: number[] | null, call: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const out = await call();
    samples?.push(performance.now() - t0);
    return out;
  };

  const loop = async ({ apiKey, serviceId }: LoadPlan["clients"][number]) => {
    while (performance.now() < windowEnd) {
      const began = performance.now();
      const keep = began >= windowStart;
      const job = await timed(keep ? latencies.create : null, () =>
        http.ok(
          "POST",
          "/api/v1/jobs",
          201,
          apiKey,
          { type: "direct", serviceId, input: { text: "bench" } },
          {
            "idempotency-key": randomUUID(),
          },
        ),
      );
      if (job.status !== "accepted") throw new Error(`created job is ${job.status}, expected accepted`);
      const delivered = await timed(keep ? latencies.deliver : null, () =>
        http.ok("POST", `/api/v1/jobs/${job.id}/deliver`, 200, plan.providerKey, { output: OUTPUT }),
      );
      if (delivered.status !== "delivered") throw new Error(`delivered job is ${delivered.status}`);
      const done = await timed(keep ? latencies.accept : null, () =>
        http.ok("POST", `/api/v1/jobs/${job.id}/accept-delivery`, 200, apiKey, {}),
      );
      if (done.status !== "completed") throw new Error(`accepted job is ${done.status}, expected completed`);
      total++;
      const finished = performance.now();
      if (finished >= windowStart && finished <= windowEnd) counted++;
    }
  };

  try {
    await withProgress(
      report,
      { started, windowStart },
      () => total,
      () => Promise.all(plan.clients.map(loop)),
    );
  } finally {
    http.close();
  }
  return { lifecycles: counted, total, seconds: plan.seconds, latencies };
}

serveLoad(run);
