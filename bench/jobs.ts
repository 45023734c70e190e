/**
 * `npm run bench:jobs`: the marketplace's two numbers from the API issue, written to
 * bench/results/jobs.json as
 *   {"lifecyclesPerSec": n, "concurrency": n, "stepP99Ms": {"create", "deliver", "accept"}, "discoverP99Ms": n}.
 *
 * - Lifecycles: the real stack (Postgres, Redis, LocalChain with the program, the in-process
 *   indexer, the worker modules) on a disposable schema and keyspace, listening on loopback.
 *   Untimed setup registers a provider and `--concurrency` clients through the API, funds them
 *   with `POST /dev/fund` + `POST /wallet/confirm-deposit`, and lists an autoAccept service.
 *   Then each client loops create → deliver (by the provider) → accept-delivery over HTTP, from
 *   a child process (bench/jobs/lifecycle-load.ts). Target: ≥ 100 lifecycles/s.
 * - Discovery: 10 000 services seeded in bulk (bench/jobs/seed-services.ts), then
 *   `GET /services/discover` with a search term and filters under autocannon, after the same
 *   warm-up as the lifecycles. Target: p99 < 20 ms.
 *
 * Options (flags or environment): --concurrency / BENCH_CONCURRENCY (16), --seconds /
 * BENCH_SECONDS (20, measured after --warmup / BENCH_WARMUP seconds, 3, which discovery also
 * warms up for), --discover-seconds /
 * BENCH_DISCOVER_SECONDS (10), --discover-connections / BENCH_DISCOVER_CONNECTIONS (4),
 * --services / BENCH_SERVICES (10 000). BENCH_CPU_PROFILE=<file> writes a CPU profile of the
 * server process during the lifecycles (bench/jobs/cpu-profile.ts), and `<file>.discover` one
 * during discovery. `tsx bench/jobs/trace-queries.ts` lists the SQL of one lifecycle, step by step.
 */
import { resolve } from "node:path";
import { startTestApi, type TestApi } from "@justpay/api/testing";
import { measure } from "./autocannon.js";
import { profiled } from "./jobs/cpu-profile.js";
import { type BenchAgent as Agent, fundedAgent } from "./jobs/funded-agent.js";
import { JsonClient } from "./jobs/http-client.js";
import type { LoadPlan, LoadResult, Step } from "./jobs/lifecycle-load.js";
import { forkLoad, option, runBench, writeResult } from "./jobs/load-child.js";
import { machineCpu } from "./jobs/machine-cpu.js";
import { type Spread, spread } from "./jobs/percentile.js";
import { seedServices } from "./jobs/seed-services.js";
import { statementCount } from "./jobs/statement-count.js";

const CONCURRENCY = option("concurrency", "BENCH_CONCURRENCY", 16);
const SECONDS = option("seconds", "BENCH_SECONDS", 20);
const WARMUP = option("warmup", "BENCH_WARMUP", 3);
const DISCOVER_SECONDS = option("discover-seconds", "BENCH_DISCOVER_SECONDS", 10);
const DISCOVER_CONNECTIONS = option("discover-connections", "BENCH_DISCOVER_CONNECTIONS", 4);
const SERVICES = option("services", "BENCH_SERVICES", 10_000);

const TARGET_LIFECYCLES = 100;
const TARGET_DISCOVER_P99 = 20;
/** A job's price, micro-USDC (0.01 USDC; the fee is 300 more). */
const PRICE = 10_000;
/** What each client is funded with: far more than a run spends. */
const CLIENT_FUNDS = 1_000_000_000;
/** The most concurrent jobs one service admits; more clients get more services. */
const MAX_CONCURRENT_PER_SERVICE = 100;
/** What the discovery bench asks: words to stem and rank, a category, a price ceiling and tags. */
const DISCOVER_QUERY =
  "search=summarize%20documents&category=text-processing&maxPrice=3000000&tags=pdf,summary,nlp&limit=20";

async function listServices(http: JsonClient, provider: Agent, count: number, perService: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const service = await http.ok("POST", "/api/v1/services", 201, provider.apiKey, {
      name: `Bench Summarizer ${i}`,
      description: "Summarizes text into bullet points, for the jobs benchmark",
      category: "text-processing",
      inputSchema: { type: "object", properties: { text: { type: "string" } }, required: ["text"] },
      outputSchema: { type: "object", properties: { bullets: { type: "array", items: { type: "string" } } } },
      pricePerJob: PRICE,
      autoAccept: true,
      maxConcurrentJobs: perService,
    });
    ids.push(service.id);
  }
  return ids;
}

/** Registers and funds everyone, lists the services: the untimed part. */
async function prepare(http: JsonClient, base: string): Promise<LoadPlan> {
  const run = Date.now().toString(36);
  const provider = await fundedAgent(http, `bench-provider-${run}`, 2_000_000);
  const clients: Agent[] = [];
  for (let i = 0; i < CONCURRENCY; i++) clients.push(await fundedAgent(http, `bench-client-${run}-${i}`, CLIENT_FUNDS));
  const serviceCount = Math.ceil(CONCURRENCY / MAX_CONCURRENT_PER_SERVICE);
  const perService = Math.ceil(CONCURRENCY / serviceCount);
  const services = await listServices(http, provider, serviceCount, perService);
  return {
    base,
    providerKey: provider.apiKey,
    clients: clients.map((c, i) => ({ apiKey: c.apiKey, serviceId: services[i % serviceCount]! })),
    warmupSeconds: WARMUP,
    seconds: SECONDS,
  };
}

/** Runs the load generator child and prints its progress. */
function lifecycles(plan: LoadPlan): Promise<LoadResult> {
  return forkLoad(resolve(__dirname, "jobs/lifecycle-load.ts"), plan, "lifecycles");
}

async function discovery(api: TestApi, http: JsonClient, base: string) {
  const seeded = performance.now();
  await seedServices(api.ctx.knex, SERVICES);
  console.log(`seeded ${SERVICES} services in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
  const path = `/api/v1/services/discover?${DISCOVER_QUERY}`;
  const page = await http.ok("GET", path, 200);
  if (page.services.length === 0)
    throw new Error("the discovery query matches nothing: the bench would measure nothing");
  console.log(`GET ${path}: ${page.pagination.total} matches, first "${page.services[0].name}"`);
  // Warmed up like the lifecycles: the first seconds would measure JIT compilation and the pool.
  if (WARMUP > 0) await measure(`${base}${path}`, { seconds: WARMUP, connections: DISCOVER_CONNECTIONS });
  const cpuBefore = process.cpuUsage();
  const measured = await profiled(
    "discovery",
    () => measure(`${base}${path}`, { seconds: DISCOVER_SECONDS, connections: DISCOVER_CONNECTIONS }),
    ".discover",
  );
  const cpu = process.cpuUsage(cpuBefore);
  const cpuPerRequest = (cpu.user + cpu.system) / 1000 / Math.max(1, measured.requests);
  return { ...measured, cpuPerRequest };
}

async function main(): Promise<void> {
  // The default per-IP limit would answer 429 within the first second; the limiter still runs.
  const api = await startTestApi({ label: "bench_jobs", env: { JUSTPAY_RATE_LIMIT_PER_MINUTE: "100000000" } });
  try {
    const base = await api.app.listen({ host: "127.0.0.1", port: 0 });
    const http = new JsonClient(base, 8);
    const setup = performance.now();
    const plan = await prepare(http, base);
    console.log(
      `setup: ${CONCURRENCY} funded clients, a provider, ${new Set(plan.clients.map((c) => c.serviceId)).size} ` +
        `autoAccept service(s) in ${((performance.now() - setup) / 1000).toFixed(1)} s`,
    );
    console.log(`lifecycles: ${CONCURRENCY} clients, ${WARMUP} s warm-up, ${SECONDS} s measured`);
    const cpuBefore = process.cpuUsage();
    const machine = machineCpu();
    const statements = statementCount();
    const load = await profiled("the lifecycles", () => lifecycles(plan));
    const cpu = process.cpuUsage(cpuBefore);
    const machineMs = machine();
    const sql = statements();
    const cpuPerLifecycle = (cpu.user + cpu.system) / 1000 / Math.max(1, load.total);
    const steps = Object.fromEntries(
      (Object.keys(load.latencies) as Step[]).map((s) => [s, spread(load.latencies[s])]),
    ) as Record<Step, Spread>;
    const perSec = load.lifecycles / load.seconds;
    for (const [name, s] of Object.entries(steps))
      console.log(
        `  ${name.padEnd(8)} p50 ${String(s.p50).padStart(7)} ms  p99 ${String(s.p99).padStart(7)} ms  max ${s.max} ms`,
      );
    console.log(
      `${load.lifecycles} lifecycles in ${load.seconds} s: ${perSec.toFixed(1)} lifecycles/s ` +
        `(target ≥ ${TARGET_LIFECYCLES}: ${perSec >= TARGET_LIFECYCLES ? "met" : "NOT met"})`,
    );
    // Less noisy than throughput when other work shares the cores: what one lifecycle costs the server.
    console.log(`server process CPU: ${cpuPerLifecycle.toFixed(1)} ms per lifecycle (API, indexer and workers)`);
    if (machineMs !== undefined)
      console.log(
        `machine CPU: ${(machineMs / Math.max(1, load.total)).toFixed(1)} ms per lifecycle (every process: server, Postgres, Redis, load)`,
      );
    console.log(`SQL: ${(sql / Math.max(1, load.total)).toFixed(1)} statements per lifecycle under this load`);

    const discovered = await discovery(api, http, base);
    console.log(
      `discover: ${discovered.rps} req/s at ${DISCOVER_CONNECTIONS} connections, p50 ${discovered.p50Ms} ms, ` +
        `p99 ${discovered.p99Ms} ms (target p99 < ${TARGET_DISCOVER_P99} ms: ` +
        `${discovered.p99Ms < TARGET_DISCOVER_P99 ? "met" : "NOT met"}); ` +
        `server process CPU ${discovered.cpuPerRequest.toFixed(2)} ms per request`,
    );
    http.close();

    const result = {
      lifecyclesPerSec: Math.round(perSec * 10) / 10,
      concurrency: CONCURRENCY,
      stepP99Ms: { create: steps.create.p99, deliver: steps.deliver.p99, accept: steps.accept.p99 },
      discoverP99Ms: discovered.p99Ms,
    };
    writeResult("jobs.json", result);
  } finally {
    await api.close();
  }
}

runBench(main);
