/**
 * One campaign, 1 000 distinct claimants: all claim (filling max_concurrent_claims exactly),
 * one more is turned away, then all deliver and are paid on delivery, after which the extra
 * one claims the last task. Final balances are checked to the micro-USDC. Measured: about
 * 20 s on litesvm and 55 s on bankrun, most of it registering the agents.
 */
import assert from "node:assert/strict";
import type { TestAgent } from "../support/agents.js";
import { claimants, type Decoded, expectError, openCampaign, type TaskRef, taskState } from "../support/campaigns.js";
import { assertMoneyInvariants } from "../support/invariant.js";
import { Platform, RUNTIMES } from "../support/platform.js";

const N = 1_000;
const REWARD = 50_000n;
const FEE = 1_500n;
const ACTIVATION = 1_000_000n;
const TASK_RENT = BigInt((128 + 144) * 3480 * 2);
const QUOTA_RENT = BigInt((128 + 120) * 3480 * 2);

for (const runtime of RUNTIMES) {
  describe(`campaign at scale [${runtime.name}]`, () => {
    it(`${N} distinct claimants claim, deliver and are paid exactly`, async function () {
      this.timeout(900_000);
      const t0 = Date.now();
      const p = await Platform.start(runtime.start);
      await p.initializeConfig();

      // Given a campaign with a budget of exactly N + 1 tasks and room for N concurrent claims
      const budget = BigInt(N + 1) * (REWARD + FEE);
      const c = await openCampaign(
        p,
        { reward: REWARD, budget, maxConcurrentClaims: N, claimTimeout: 86_400 },
        { deposit: budget + ACTIVATION },
      );
      const agents = await claimants(p, N + 1);
      const tSetup = Date.now();
      const payerBefore = (await p.chain.getAccount(p.chain.payer.publicKey))!.lamports;

      // When N agents claim
      const tasks: TaskRef[] = [];
      const claimCu: number[] = [];
      for (const a of agents.slice(0, N)) {
        const { task, r } = await c.tryClaim(a);
        assert.ok(r.ok, r.error);
        tasks.push(task);
        claimCu.push(r.computeUnits);
        if (tasks.length % 250 === 0) await assertMoneyInvariants(p);
      }
      const s = await c.mustState();
      assert.equal(s.activeClaims, N);
      assert.equal(BigInt(s.pool.toString()), REWARD + FEE);
      // the N+1th is refused: the campaign is at max_concurrent_claims
      const extra = agents[N] as TestAgent;
      expectError(
        await p.send(await c.claimIx(await c.nextTask(extra)), [extra.wallet, p.operator]),
        "MaxConcurrentClaims",
      );
      const tClaims = Date.now();

      // and all deliver, each paid on delivery
      const deliverCu: number[] = [];
      for (const t of tasks) {
        const r = await c.deliver(t);
        deliverCu.push(r.computeUnits);
        if (deliverCu.length % 250 === 0) await assertMoneyInvariants(p);
      }
      // Once one is paid, the N+1th gets its turn and empties the pool
      const last = await c.claim(extra);
      const lastDelivery = await c.deliver(last);
      assert.deepEqual(
        lastDelivery.events.map((e) => e.name),
        ["taskDelivered", "taskPaid", "campaignCompleted"],
      );
      const tDeliveries = Date.now();

      // Then every claimant holds exactly one reward, the platform one fee per task, and the
      // campaign is empty and completed.
      for (const a of agents) assert.equal(await a.available(), REWARD);
      assert.equal(await c.owner.available(), 0n);
      const config = await p.account<Decoded>("config", p.config);
      assert.equal(BigInt(config?.feesAccrued.toString()), BigInt(N + 2) * ACTIVATION + BigInt(N + 1) * FEE);
      const end = await c.mustState();
      assert.equal(BigInt(end.pool.toString()), 0n);
      assert.equal(end.activeClaims, 0);
      assert.deepEqual(end.status, { completed: {} });
      for (const t of [tasks[0]!, tasks[N / 2]!, tasks[N - 1]!]) assert.equal(await taskState(p, t), null);
      for (const a of [agents[0]!, agents[N - 1]!, extra]) assert.equal((await c.quotaState(a))?.totalClaims, 1);
      // The rent payer got every task's rent back and still funds N quotas (minus tx fees).
      const payerAfter = (await p.chain.getAccount(p.chain.payer.publicKey))!.lamports;
      const spent = payerBefore - payerAfter;
      assert.ok(
        spent >= BigInt(N + 1) * QUOTA_RENT && spent < BigInt(N + 1) * (QUOTA_RENT + TASK_RENT),
        `payer spent ${spent}`,
      );
      const snapshot = await assertMoneyInvariants(p);
      assert.equal(snapshot.vault, budget + ACTIVATION + BigInt(N + 1) * ACTIVATION);

      const stats = (xs: number[]) => {
        const sorted = [...xs].sort((x, y) => x - y);
        return `min ${sorted[0]} median ${sorted[sorted.length >> 1]} p95 ${sorted[Math.floor(sorted.length * 0.95)]} max ${sorted[sorted.length - 1]}`;
      };
      console.log(
        `      setup ${(tSetup - t0) / 1000} s, ${N} claims ${(tClaims - tSetup) / 1000} s, ${N} deliveries ${(tDeliveries - tClaims) / 1000} s`,
      );
      console.log(`      first-claim CU (task + quota): ${stats(claimCu)}`);
      console.log(`      deliver CU (auto-accept): ${stats(deliverCu)}`);
    });
  });
}
