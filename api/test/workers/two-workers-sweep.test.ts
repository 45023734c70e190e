/**
 * Issue 10: "Two workers must never settle one job twice; the program refuses the second anyway,
 * so treat that refusal as done, not as an error." Two real worker-role OS processes
 * (support/worker-process.ts: the stack `npm run start:worker` opens) share this test's
 * Postgres schema and Redis keyspace and reach its LocalChain over JSON-RPC through the
 * stand-in node, as workers on a cluster reach their RPC node. The API in this process runs no
 * workers, so the two children are the only sweepers. Both are told to sweep at the same
 * moment over the same due deadlines: delivered jobs past their review window and accepted
 * jobs past their delivery deadline. Each job must settle exactly once.
 */
import assert from "node:assert/strict";
import { type ChildProcess, fork } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { databaseUrl } from "@justpay/db";
import { type RpcStandIn, startRpcStandIn } from "@justpay/sdk/testing";
import { DEFAULT_REDIS_URL } from "../../src/runtime/open-redis.js";
import type { SweepReport } from "../../src/workers/deadlines/index.js";
import { fundedAgent, getJob, hired, money, stepOk } from "../jobs/support.js";
import { listService } from "../services/support.js";
import type { TestAgent } from "../support/agents.js";
import { startTestApi, type TestApi } from "../support/test-api.js";
import { assertVaultInvariant } from "../support/wallet.js";

const PRICE = 100_000;
const DELIVERED = 4;
const UNDELIVERED = 2;

interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  next: () => Promise<{ ready?: boolean; reports?: SweepReport[]; error?: string }>;
}

/** Forks a worker process and waits until its stack is open. */
async function startWorker(env: NodeJS.ProcessEnv): Promise<WorkerProcess> {
  const child = fork(resolve(__dirname, "support/worker-process.ts"), [], {
    execArgv: ["--import", "tsx"],
    env,
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let out = "";
  child.stdout?.on("data", (c) => {
    out += c;
  });
  child.stderr?.on("data", (c) => {
    out += c;
  });
  const inbox: unknown[] = [];
  const waiting: ((m: unknown) => void)[] = [];
  child.on("message", (m) => {
    const waiter = waiting.shift();
    if (waiter) waiter(m);
    else inbox.push(m);
  });
  const next = () =>
    new Promise<never>((done, fail) => {
      if (inbox.length > 0) return done(inbox.shift() as never);
      waiting.push(done as (m: unknown) => void);
      child.once("exit", (code) => fail(new Error(`worker exited (${code}):\n${out}`)));
    });
  const first = await next();
  assert.deepEqual(first, { ready: true }, out);
  return { child, output: () => out, next };
}

async function stopWorker(worker: WorkerProcess): Promise<void> {
  if (worker.child.exitCode !== null) return;
  const exited = new Promise((done) => worker.child.once("exit", done));
  worker.child.kill("SIGTERM");
  await exited;
}

/** The pino lines of error level or worse a worker printed. */
function errorLines(output: string): string[] {
  return output
    .split("\n")
    .filter((line) => line.trim() !== "")
    .filter((line) => {
      try {
        return (JSON.parse(line) as { level?: number }).level! >= 50;
      } catch {
        return true; // not pino: a crash or a console.error
      }
    });
}

describe("two worker processes sweeping the same due deadlines", function () {
  this.timeout(240_000);
  let api: TestApi;
  let standin: RpcStandIn;
  const workers: WorkerProcess[] = [];
  let client: TestAgent;
  let provider: TestAgent;
  let deliveredJobs: { id: string; jobAccount: string; platformFee: string }[];
  let undeliveredJobs: { id: string; jobAccount: string; platformFee: string }[];

  before(async () => {
    api = await startTestApi({ label: "two_workers", workers: false });
    standin = await startRpcStandIn(api.chain);
    client = await fundedAgent(api, "sweep-client", 20_000_000);
    provider = await fundedAgent(api, "sweep-provider");
    const callback = await api.request({
      method: "PATCH",
      url: "/api/v1/agents/me",
      payload: { callbackUrl: "http://127.0.0.1:9/hook" },
      bearer: provider.apiKey,
    });
    assert.equal(callback.statusCode, 200, callback.body);
    const service = await listService(api, provider, { pricePerJob: PRICE, autoAccept: true, maxConcurrentJobs: 10 });
    deliveredJobs = [];
    for (let i = 0; i < DELIVERED; i += 1) {
      const job = await hired(api, client, service.id);
      await stepOk(api, provider, job.id, "deliver", { output: { bullets: [`b${i}`] } });
      deliveredJobs.push(job);
    }
    undeliveredJobs = [];
    for (let i = 0; i < UNDELIVERED; i += 1) undeliveredJobs.push(await hired(api, client, service.id));

    const payerFile = join(api.dataDir, "payer.json");
    await writeFile(payerFile, JSON.stringify([...api.chain.feePayer.secretKey]), { mode: 0o600 });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl(),
      REDIS_URL: process.env.REDIS_URL ?? DEFAULT_REDIS_URL,
      SOLANA_RPC_URL: standin.url,
      SOLANA_WS_URL: standin.wsUrl,
      SOLANA_PAYER_KEYPAIR: payerFile,
      JUSTPAY_USDC_MINT: api.ctx.platform.usdcMint.toBase58(),
      // The same data dir: the platform's authorities and the custody master key.
      JUSTPAY_DATA_DIR: api.dataDir,
      NODE_ENV: "test",
      LOG_LEVEL: "warn",
      WORKER_SCHEMA: api.schema,
      WORKER_KEYSPACE: api.ctx.keyspace,
    };
    delete env.HELIUS_API_KEY;
    delete env.JUSTPAY_MASTER_KEY;
    workers.push(...(await Promise.all([startWorker(env), startWorker(env)])));
  });
  after(async () => {
    await Promise.all(workers.map(stopWorker));
    await standin?.close();
    await api?.close();
  });

  it("settles each due job exactly once, and neither worker logs the lost race as an error", async () => {
    // Given delivered jobs past their review window and accepted ones past their delivery deadline
    const before = { client: await money(api, client), provider: await money(api, provider) };
    await api.chain.warpTo((await api.chain.unixTime()) + 400n);

    // When both worker processes sweep at the same moment
    for (const w of workers) w.child.send({ sweep: true });
    const answers = await Promise.all(workers.map((w) => w.next()));

    // Then both swept without a failing sweep
    for (const [i, answer] of answers.entries()) {
      assert.ok(answer.reports, `worker ${i}: ${answer.error}\n${workers[i]!.output()}`);
      for (const report of answer.reports) assert.equal(report.error, undefined, `worker ${i}: ${report.name}`);
    }
    // (each job was cranked by one worker at least; a loser that met the program's refusal counts it too)
    const cranked = answers.flatMap((a) => a.reports!).reduce((sum, r) => sum + r.cranked, 0);
    assert.ok(cranked >= DELIVERED + UNDELIVERED, `cranked ${cranked}`);
    await api.ctx.waitForSlot(await api.chain.getSlot());

    // And each job settled once: completed or expired, one JobSettled event on-chain
    for (const [jobs, status] of [
      [deliveredJobs, "completed"],
      [undeliveredJobs, "expired"],
    ] as const) {
      for (const job of jobs) {
        const read = await getJob(api, client, job.id);
        assert.equal(read.json().status, status, read.body);
        const { rows } = await api.ctx.knex.raw(
          "select count(*)::int as n from events where name = 'JobSettled' and mentions @> ?::text[]",
          [[job.jobAccount]],
        );
        assert.equal(rows[0].n, 1, `JobSettled events of ${job.id}`);
      }
    }

    // And the money moved once: the provider earned each release, the client got each refund in full
    const fees = (jobs: { platformFee: string }[]) => jobs.reduce((sum, j) => sum + Number(j.platformFee), 0);
    const after = { client: await money(api, client), provider: await money(api, provider) };
    assert.equal(after.provider.available - before.provider.available, DELIVERED * PRICE);
    assert.equal(after.client.escrowed, 0);
    assert.equal(after.client.available - before.client.available, UNDELIVERED * PRICE + fees(undeliveredJobs));
    assert.equal(
      before.client.escrowed,
      (DELIVERED + UNDELIVERED) * PRICE + fees([...deliveredJobs, ...undeliveredJobs]),
    );
    await assertVaultInvariant(api);

    // And the provider got one job.completed per release and one job.cancelled per expiry
    const { rows: notices } = await api.ctx.knex.raw(
      "select event, payload->>'jobId' as job_id from webhook_deliveries where agent_id = ? and event in ('job.completed', 'job.cancelled') order by 2",
      [provider.id],
    );
    const expected = [
      ...deliveredJobs.map((j) => ({ event: "job.completed", job_id: j.id })),
      ...undeliveredJobs.map((j) => ({ event: "job.cancelled", job_id: j.id })),
    ].sort((a, b) => a.job_id.localeCompare(b.job_id));
    assert.deepEqual(notices, expected);

    // And neither worker logged an error: the loser treated the refusal (or the taken outbox key) as done
    for (const [i, w] of workers.entries()) assert.deepEqual(errorLines(w.output()), [], `worker ${i}`);
  });
});
