/**
 * `npm run bench:campaigns`: the campaigns issue's numbers, written to
 * bench/results/campaigns.json as {"paidTasksPerSec": n, "p99Ms": n, "rentPerClaimLamports": n}.
 *
 * The real stack (Postgres, Redis, LocalChain with the program, the in-process indexer, the
 * worker modules) on a disposable schema and keyspace, listening on loopback, as bench:jobs.
 * Untimed setup registers an owner and `--agents` agents through the API, funds and activates
 * them (`POST /dev/fund` + `POST /wallet/confirm-deposit`), and creates one autoAccept campaign
 * with no per-agent limit and room for every agent's claim at once. A probe claim reads the rent
 * one active claim locks on-chain: the task account's lamports plus the claimant's quota
 * account's. Then every agent loops claim → deliver (paid at once) over HTTP from a child
 * process (bench/campaigns/claim-load.ts). Target: ≥ 100 paid tasks/s. `p99Ms` is the p99 of a
 * whole task, claim sent to payment answered.
 *
 * Options (flags or environment): --agents / BENCH_AGENTS (200), --seconds / BENCH_SECONDS (20,
 * measured after --warmup / BENCH_WARMUP seconds, 3). BENCH_CPU_PROFILE=<file> writes a CPU
 * profile of the server process during the load (bench/jobs/cpu-profile.ts).
 */
import { resolve } from "node:path";
import { quotaPda } from "@justpay/api";
import { startTestApi, type TestApi } from "@justpay/api/testing";
import { PublicKey } from "@solana/web3.js";
import type { ClaimPlan, ClaimResult } from "./campaigns/claim-load.js";
import { profiled } from "./jobs/cpu-profile.js";
import { type BenchAgent, fundedAgent } from "./jobs/funded-agent.js";
import { JsonClient } from "./jobs/http-client.js";
import { forkLoad, option, runBench, writeResult } from "./jobs/load-child.js";
import { machineCpu } from "./jobs/machine-cpu.js";
import { spread } from "./jobs/percentile.js";
import { statementCount } from "./jobs/statement-count.js";

const AGENTS = option("agents", "BENCH_AGENTS", 200);
const SECONDS = option("seconds", "BENCH_SECONDS", 20);
const WARMUP = option("warmup", "BENCH_WARMUP", 3);

const TARGET_PAID_PER_SEC = 100;
/** A task's reward, micro-USDC (0.01 USDC; the fee is 300 more). */
const REWARD = 10_000;
const COST = REWARD + 300;
/** Tasks the campaign's budget covers: far more than a run pays. */
const BUDGET_TASKS = 25_000;
/** Agents registered and funded at once during setup. */
const SETUP_BATCH = 10;

/** Registers and funds the owner and the agents, creates the campaign: the untimed part. */
async function prepare(http: JsonClient) {
  const run = Date.now().toString(36);
  const owner = await fundedAgent(http, `bench-owner-${run}`, COST * BUDGET_TASKS + 2_000_000);
  const agents: BenchAgent[] = [];
  for (let i = 0; i < AGENTS; i += SETUP_BATCH) {
    const batch = Array.from({ length: Math.min(SETUP_BATCH, AGENTS - i) }, (_, j) => i + j);
    agents.push(...(await Promise.all(batch.map((n) => fundedAgent(http, `bench-agent-${run}-${n}`, 2_000_000)))));
    if (agents.length % 50 === 0 || agents.length === AGENTS)
      console.log(`  setup: ${agents.length}/${AGENTS} agents registered and activated`);
  }
  const campaign = await http.ok("POST", "/api/v1/campaigns", 201, owner.apiKey, {
    title: "Benchmark promo",
    description: "Post a tweet with the hashtag #launch, for the campaigns benchmark",
    category: "social-media",
    taskDescription: { format: "tweet_url" },
    rewardPerTask: REWARD,
    totalBudget: COST * BUDGET_TASKS,
    maxPerAgent: null,
    autoAccept: true,
    maxConcurrentClaims: Math.min(1000, AGENTS + 1),
  });
  return { owner, agents, campaign };
}

/** Claims one task with a probe agent and reads the lamports its task and quota accounts hold; then delivers it. */
async function rentPerClaim(api: TestApi, http: JsonClient, campaign: { id: string; campaignAccount: string }) {
  const probe = await fundedAgent(http, `bench-probe-${Date.now().toString(36)}`, 2_000_000);
  const task = await http.ok("POST", `/api/v1/campaigns/${campaign.id}/claim`, 201, probe.apiKey);
  const quota = quotaPda(
    api.ctx.chain.programId,
    new PublicKey(campaign.campaignAccount),
    new PublicKey(probe.walletAddress),
  ).address;
  const [taskAccount, quotaAccount] = await Promise.all([
    api.chain.getAccount(new PublicKey(task.taskAccount)),
    api.chain.getAccount(quota),
  ]);
  if (!taskAccount || !quotaAccount) throw new Error("the claim's task or quota account is not on-chain");
  await http.ok("POST", `/api/v1/campaigns/${campaign.id}/tasks/${task.id}/deliver`, 200, probe.apiKey, {
    output: { tweet_url: "https://x.com/bench/status/probe" },
  });
  return {
    task: Number(taskAccount.lamports),
    quota: Number(quotaAccount.lamports),
    total: Number(taskAccount.lamports) + Number(quotaAccount.lamports),
  };
}

async function main(): Promise<void> {
  // The default per-IP limit would answer 429 within the first second; the limiter still runs.
  const api = await startTestApi({
    label: "bench_campaigns",
    env: { JUSTPAY_RATE_LIMIT_PER_MINUTE: "100000000" },
  });
  try {
    const base = await api.app.listen({ host: "127.0.0.1", port: 0 });
    const http = new JsonClient(base, SETUP_BATCH * 2);
    const setup = performance.now();
    const { agents, campaign } = await prepare(http);
    console.log(
      `setup: ${AGENTS} activated agents and an autoAccept campaign of ${BUDGET_TASKS} tasks ` +
        `in ${((performance.now() - setup) / 1000).toFixed(1)} s`,
    );
    const rent = await rentPerClaim(api, http, campaign);
    console.log(
      `rent locked per active claim: ${rent.total} lamports (task account ${rent.task} + quota account ${rent.quota})`,
    );
    http.close();

    console.log(`claims: ${AGENTS} agents claim → deliver, ${WARMUP} s warm-up, ${SECONDS} s measured`);
    const cpuBefore = process.cpuUsage();
    const machine = machineCpu();
    const statements = statementCount();
    const load = await profiled("the claims", () =>
      forkLoad<ClaimPlan, ClaimResult>(
        resolve(__dirname, "campaigns/claim-load.ts"),
        {
          base,
          campaignId: campaign.id,
          agents: agents.map((a) => a.apiKey),
          warmupSeconds: WARMUP,
          seconds: SECONDS,
        },
        "paid tasks",
      ),
    );
    const cpu = process.cpuUsage(cpuBefore);
    const machineMs = machine();
    const sql = statements();
    const perSec = Math.round((load.paid / load.seconds) * 10) / 10;
    const steps = { claim: spread(load.latencies.claim), deliver: spread(load.latencies.deliver) };
    const task = spread(load.latencies.task);
    for (const [name, s] of Object.entries({ ...steps, task }))
      console.log(
        `  ${name.padEnd(8)} p50 ${String(s.p50).padStart(7)} ms  p99 ${String(s.p99).padStart(7)} ms  max ${s.max} ms`,
      );
    console.log(
      `${load.paid} tasks paid in ${load.seconds} s: ${perSec} paid tasks/s ` +
        `(target ≥ ${TARGET_PAID_PER_SEC}: ${perSec >= TARGET_PAID_PER_SEC ? "met" : "NOT met"})`,
    );
    // Less noisy than throughput when other work shares the cores: what one paid task costs the server.
    const cpuPerTask = (cpu.user + cpu.system) / 1000 / Math.max(1, load.total);
    console.log(`server process CPU: ${cpuPerTask.toFixed(1)} ms per paid task (API, indexer and workers)`);
    if (machineMs !== undefined)
      console.log(
        `machine CPU: ${(machineMs / Math.max(1, load.total)).toFixed(1)} ms per paid task (every process: server, Postgres, Redis, load)`,
      );
    console.log(`SQL: ${(sql / Math.max(1, load.total)).toFixed(1)} statements per paid task under this load`);

    const result = {
      paidTasksPerSec: perSec,
      p99Ms: task.p99,
      rentPerClaimLamports: rent.total,
    };
    writeResult("campaigns.json", result);
  } finally {
    await api.close();
  }
}

runBench(main);
