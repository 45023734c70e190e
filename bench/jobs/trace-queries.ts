/**
 * `tsx bench/jobs/trace-queries.ts`: the SQL one direct job's lifecycle (create → deliver →
 * accept-delivery) sends, step by step, counted at the pg driver so transactions, the outbox,
 * the indexer and the workers are all included. For finding round trips to remove.
 */

import { startTestApi } from "@justpay/api/testing";
import pg from "pg";
import { JsonClient } from "./http-client.js";

const seen: string[] = [];
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: unknown, ...args: any[]) {
  const text = typeof args[0] === "string" ? args[0] : args[0]?.text;
  if (text) seen.push(String(text).replace(/\s+/g, " ").slice(0, 160));
  return (original as any).apply(this, args);
} as any;

async function agent(http: JsonClient, name: string) {
  const a = await http.ok("POST", "/api/v1/auth/register", 201, undefined, { name });
  await http.ok("POST", "/api/v1/dev/fund", 200, undefined, { address: a.walletAddress, amount: 100_000_000 });
  await http.ok("POST", "/api/v1/wallet/confirm-deposit", 200, a.apiKey);
  return a;
}

async function main() {
  const api = await startTestApi({ label: "trace_q", env: { JUSTPAY_RATE_LIMIT_PER_MINUTE: "100000000" } });
  const base = await api.app.listen({ host: "127.0.0.1", port: 0 });
  const http = new JsonClient(base, 2);
  const provider = await agent(http, "trace-provider");
  const client = await agent(http, "trace-client");
  const service = await http.ok("POST", "/api/v1/services", 201, provider.apiKey, {
    name: "Trace Summarizer",
    description: "Summarizes text into bullet points, for tracing",
    category: "text-processing",
    inputSchema: { type: "object" },
    outputSchema: { type: "object" },
    pricePerJob: 10_000,
    autoAccept: true,
    maxConcurrentJobs: 10,
  });
  const round = async (show: boolean) => {
    const steps: [string, () => Promise<any>][] = [];
    let id = "";
    steps.push([
      "create",
      async () => {
        id = (
          await http.ok(
            "POST",
            "/api/v1/jobs",
            201,
            client.apiKey,
            { type: "direct", serviceId: service.id, input: {} },
            { "idempotency-key": `${Math.random()}` },
          )
        ).id;
      },
    ]);
    steps.push(["deliver", () => http.ok("POST", `/api/v1/jobs/${id}/deliver`, 200, provider.apiKey, { output: {} })]);
    steps.push(["accept", () => http.ok("POST", `/api/v1/jobs/${id}/accept-delivery`, 200, client.apiKey, {})]);
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
    if (show) console.log(`total ${total} queries per lifecycle`);
  };
  await round(false);
  await round(true);
  http.close();
  await api.close();
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
