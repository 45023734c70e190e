/**
 * `npm run bench:api`: read throughput of the REST API beside a bare Fastify route, in one run
 * on one machine, written to bench/results/api.json as
 *   {"bare": {"rps", "p50Ms", "p99Ms"}, "routes": {"<METHOD path>": {"rps", "p50Ms", "p99Ms"}}}.
 *
 * The API is the real one (Postgres, Redis rate limits, the indexed mirror, LocalChain) on a
 * disposable schema and keyspace, listening on loopback; the agent is registered through the
 * API itself. The bare route is a Fastify instance answering a constant JSON body, so the ratio
 * shows what authentication, rate limiting, validation and the database cost per request.
 *
 * BENCH_SECONDS (default 5) per route, BENCH_CONNECTIONS (default 10). The load generator runs
 * in a child process; on a 2-core machine it, the server and Postgres share the cores.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { startTestApi } from "@justpay/api/testing";
import Fastify from "fastify";
import { measure as autocannon, type Measured } from "./autocannon.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
/** The target from the API issue: each read keeps at least this share of bare throughput. */
const TARGET_RATIO = 0.4;

const measure = (url: string, headers: Record<string, string> = {}) =>
  autocannon(url, { seconds: SECONDS, connections: CONNECTIONS, headers });

async function main(): Promise<void> {
  const bare = Fastify();
  bare.get("/bare", async () => ({ ok: true }));
  const bareUrl = await bare.listen({ host: "127.0.0.1", port: 0 });

  // The default limit would answer 429 within the first second; the limiter still runs.
  const api = await startTestApi({ label: "bench", env: { JUSTPAY_RATE_LIMIT_PER_MINUTE: "100000000" } });
  try {
    const base = await api.app.listen({ host: "127.0.0.1", port: 0 });
    const registered = await api.request({
      method: "POST",
      url: "/api/v1/auth/register",
      payload: { name: `bench-${Date.now()}`, description: "benchmark agent" },
    });
    if (registered.statusCode !== 200 && registered.statusCode !== 201)
      throw new Error(`register: ${registered.statusCode} ${registered.body}`);
    const { agentId, apiKey } = registered.json() as { agentId: string; apiKey: string };
    const auth = { authorization: `Bearer ${apiKey}` };

    const routes: [string, string, Record<string, string>][] = [
      ["GET /api/v1/agents/:id", `/api/v1/agents/${agentId}`, {}],
      ["GET /api/v1/wallet/balance", "/api/v1/wallet/balance", auth],
      ["GET /api/v1/auth/verify", "/api/v1/auth/verify", auth],
    ];
    const results: { bare: Measured; routes: Record<string, Measured> } = {
      bare: await measure(`${bareUrl}/bare`),
      routes: {},
    };
    for (const [name, path, headers] of routes) results.routes[name] = await measure(`${base}${path}`, headers);

    const row = (name: string, m: Measured) =>
      `${name.padEnd(30)} ${String(m.rps).padStart(8)} req/s  p50 ${String(m.p50Ms).padStart(4)} ms  p99 ${String(m.p99Ms).padStart(4)} ms  ${((100 * m.rps) / results.bare.rps).toFixed(0).padStart(3)} % of bare`;
    console.log(`${SECONDS} s per route, ${CONNECTIONS} connections`);
    console.log(row("bare Fastify route", results.bare));
    for (const [name, m] of Object.entries(results.routes)) console.log(row(name, m));
    const below = Object.entries(results.routes).filter(([, m]) => m.rps < TARGET_RATIO * results.bare.rps);
    console.log(
      below.length === 0
        ? `every route keeps ≥ ${TARGET_RATIO * 100} % of bare throughput`
        : `below ${TARGET_RATIO * 100} % of bare: ${below.map(([n]) => n).join(", ")}`,
    );
    const out = resolve(__dirname, "results/api.json");
    mkdirSync(resolve(__dirname, "results"), { recursive: true });
    const { requests: _b, ...bareOut } = results.bare;
    const routesOut = Object.fromEntries(Object.entries(results.routes).map(([n, { requests: _r, ...m }]) => [n, m]));
    writeFileSync(out, `${JSON.stringify({ bare: bareOut, routes: routesOut }, null, 2)}\n`);
    console.log(`wrote ${out}`);
  } finally {
    await api.close();
    await bare.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
