/**
 * `tsx bench/campaigns/trace-queries.ts`: the SQL one paid campaign task (claim → deliver, on an
 * auto-accept campaign) sends, step by step, counted at the pg driver so transactions, the
 * outbox, the indexer and the workers are all included. For finding round trips to remove.
 */

import { startTestApi } from "@justpay/api/testing";
import { fundedAgent } from "../jobs/funded-agent.js";
import { JsonClient } from "../jobs/http-client.js";
import { type TracedStep, traceSteps } from "../jobs/query-tracer.js";

async function main() {
  const api = await startTestApi({ label: "trace_c", env: { JUSTPAY_RATE_LIMIT_PER_MINUTE: "100000000" } });
  const base = await api.app.listen({ host: "127.0.0.1", port: 0 });
  const http = new JsonClient(base, 2);
  const owner = await fundedAgent(http, "trace-owner", 50_000_000);
  const worker = await fundedAgent(http, "trace-worker", 2_000_000);
  const campaign = await http.ok("POST", "/api/v1/campaigns", 201, owner.apiKey, {
    title: "Trace promo",
    description: "Post a tweet with the hashtag #launch, for tracing",
    category: "social-media",
    taskDescription: { format: "tweet_url" },
    rewardPerTask: 10_000,
    totalBudget: 10_300 * 100,
    maxPerAgent: null,
    autoAccept: true,
    maxConcurrentClaims: 10,
  });
  const path = `/api/v1/campaigns/${campaign.id}`;
  const round = async (n: number, show: boolean) => {
    let id = "";
    const steps: TracedStep[] = [
      ["claim", async () => (id = (await http.ok("POST", `${path}/claim`, 201, worker.apiKey)).id)],
      [
        "deliver",
        () =>
          http.ok("POST", `${path}/tasks/${id}/deliver`, 200, worker.apiKey, {
            output: { tweet_url: `https://x.com/trace/status/${n}` },
          }),
      ],
    ];
    await traceSteps(steps, show, "paid task");
  };
  await round(0, false);
  await round(1, true);
  http.close();
  await api.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
