/**
 * `tsx bench/jobs/trace-queries.ts`: the SQL one direct job's lifecycle (create → deliver →
 * accept-delivery) sends, step by step, counted at the pg driver so transactions, the outbox,
 * the indexer and the workers are all included. For finding round trips to remove.
 */

import { startTestApi } from "@justpay/api/testing";
import { JsonClient } from "./http-client.js";
import { type TracedStep, traceSteps } from "./query-tracer.js";

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
    const steps: TracedStep[] = [];
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
    await traceSteps(steps, show, "lifecycle");
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
