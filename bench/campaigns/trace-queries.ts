/**
 * `tsx bench/campaigns/trace-queries.ts`: the SQL one paid campaign task (claim → deliver, on an
 * auto-accept campaign) sends, step by step, counted at the pg driver so transactions, the
 * outbox, the indexer and the workers are all included. For finding round trips to remove.
 */

import { startTestApi } from "@justpay/api/testing";
import pg from "pg";
import { fundedAgent } from "../jobs/funded-agent.js";
import { JsonClient } from "../jobs/http-client.js";

const seen: string[] = [];
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: unknown, ...args: any[]) {
  const text = typeof args[0] === "string" ? args[0] : args[0]?.text;
  if (text) seen.push(String(text).replace(/\s+/g, " ").slice(0, 160));
  return (original as any).apply(this, args);
} as any;

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
    const steps: [string, () => Promise<unknown>][] = [
      ["claim", async () => (id = (await http.ok("POST", `${path}/claim`, 201, worker.apiKey)).id)],
      [
        "deliver",
        () =>
          http.ok("POST", `${path}/tasks/${id}/deliver`, 200, worker.apiKey, {
            output: { tweet_url: `https://x.com/trace/status/${n}` },
          }),
      ],
    ];
    let total = 0;
    for (const [name, run] of steps) {
      await new Promise((r) => setTimeout(r, 300));
      seen.length = 0;
      await run();
      await new Promise((r) => setTimeout(r, 300));
      total += seen.length;
      if (show) {
        console.log(`== ${name}: ${seen.length} queries`);
        for (const q of seen) console.log(`   ${q}`);
      }
    }
    if (show) console.log(`total ${total} queries per paid task`);
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
