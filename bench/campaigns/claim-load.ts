/**
 * The campaigns bench's load generator, run as a child process (forked by bench/campaigns.ts)
 * so that issuing requests does not take the event loop of the server it measures. Every agent
 * loops over one task's life on one autoAccept campaign through the HTTP API: it claims a task
 * (`POST /campaigns/:id/claim`, with an Idempotency-Key) and delivers it
 * (`POST /campaigns/:id/tasks/:taskId/deliver`), which pays it at once. Every answer is
 * checked; a failed step fails the run.
 *
 * Protocol (IPC, bench/jobs/load-child.ts): one `ClaimPlan` in, `progress` about once a
 * second and a final `result` (or `failed`) out. Tasks paid within the `seconds` after
 * `warmupSeconds` are counted; latencies are kept for every task that started in the window.
 */
import { randomUUID } from "node:crypto";
import { JsonClient } from "../jobs/http-client.js";
import { type LoadMessage, serveLoad, withProgress } from "../jobs/load-child.js";

export interface ClaimPlan {
  base: string;
  campaignId: string;
  /** One API key per concurrent agent. */
  agents: string[];
  warmupSeconds: number;
  seconds: number;
}

export interface ClaimResult {
  /** Tasks paid inside the measured window. */
  paid: number;
  /** Every task paid, warm-up and the window's stragglers included. */
  total: number;
  seconds: number;
  /** Claim, deliver, and the two together (claim sent → paid), ms. */
  latencies: { claim: number[]; deliver: number[]; task: number[] };
}

async function run(plan: ClaimPlan, report: (m: LoadMessage<ClaimResult>) => void): Promise<ClaimResult> {
  const http = new JsonClient(plan.base, plan.agents.length);
  const latencies: ClaimResult["latencies"] = { claim: [], deliver: [], task: [] };
  const started = performance.now();
  const windowStart = started + plan.warmupSeconds * 1000;
  const windowEnd = windowStart + plan.seconds * 1000;
  let counted = 0;
  let total = 0;
  const campaign = `/api/v1/campaigns/${plan.campaignId}`;

  const loop = async (apiKey: string, n: number) => {
    while (performance.now() < windowEnd) {
      const began = performance.now();
      const task = await http.ok("POST", `${campaign}/claim`, 201, apiKey, undefined, {
        "idempotency-key": randomUUID(),
      });
      const claimedAt = performance.now();
      const done = await http.ok("POST", `${campaign}/tasks/${task.id}/deliver`, 200, apiKey, {
        output: { tweet_url: `https://x.com/bench/status/${n}-${total}` },
      });
      if (done.status !== "accepted") throw new Error(`delivered task is ${done.status}, expected accepted`);
      const finished = performance.now();
      total++;
      if (began >= windowStart) {
        latencies.claim.push(claimedAt - began);
        latencies.deliver.push(finished - claimedAt);
        latencies.task.push(finished - began);
      }
      if (finished >= windowStart && finished <= windowEnd) counted++;
    }
  };

  try {
    await withProgress(
      report,
      { started, windowStart },
      () => total,
      () => Promise.all(plan.agents.map(loop)),
    );
  } finally {
    http.close();
  }
  return { paid: counted, total, seconds: plan.seconds, latencies };
}

serveLoad(run);
